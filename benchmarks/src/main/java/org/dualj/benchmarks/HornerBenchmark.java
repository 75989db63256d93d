package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Horner;
import org.dualj.benchmarks.functions.HornerDerivatives;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Horner evaluation of a degree-50 polynomial: gradient with respect to the 51 coefficients and x
 * (52 columns); the scalar tangent is p'(x) (direction x, coefficients fixed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HornerBenchmark extends Outputs {
  static final int M = Horner.DEGREE + 1;
  static final int N = M + 1;

  public double[] c;
  public double x;
  public double[] cDot;
  public double xDot;
  double[] fdC;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    c = Inputs.uniform(M, -1.0, 1.0, 42);
    x = 0.9;
    cDot = new double[M];
    xDot = 1.0;
    fdC = c.clone();
    grad = new double[N];
    factory = new DSFactory(N, 1);
  }

  @Override
  public double[] direction() {
    double[] d = new double[N];
    d[N - 1] = xDot;
    return d;
  }

  @Override
  public int columns() {
    return N;
  }

  @Benchmark
  public double primal() {
    return Horner.f(c, x);
  }

  @Benchmark
  public double tangent() {
    Dual y = HornerDerivatives.f(c, cDot, x, xDot);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return HornerDerivatives.fGradient(c, x, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return HornerDerivatives.fChunk1Gradient(c, x, grad);
  }

  @Benchmark
  public double generatedChunk4() {
    return HornerDerivatives.fChunk4Gradient(c, x, grad);
  }

  @Benchmark
  public double generatedChunk16() {
    return HornerDerivatives.fChunk16Gradient(c, x, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[M];
    for (int i = 0; i < M; i++) {
      v[i] = Gradient.variable(N, i, c[i]);
    }
    Gradient y = Horner.fT(v, Gradient.variable(N, M, x));
    for (int i = 0; i < N; i++) {
      grad[i] = y.getPartialDerivative(i);
    }
    return y.getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] v = new DerivativeStructure[M];
    for (int i = 0; i < M; i++) {
      v[i] = factory.variable(i, c[i]);
    }
    DerivativeStructure y = Horner.fT(v, factory.variable(M, x));
    double[] all = y.getAllDerivatives();
    System.arraycopy(all, 1, grad, 0, N);
    return all[0];
  }

  @Benchmark
  public double finiteDiff() {
    double[] cs = fdC;
    for (int i = 0; i < M; i++) {
      double ci = cs[i];
      double h = Fd.step(ci);
      double plus = ci + h;
      double minus = ci - h;
      cs[i] = plus;
      double fPlus = Horner.f(cs, x);
      cs[i] = minus;
      double fMinus = Horner.f(cs, x);
      cs[i] = ci;
      grad[i] = (fPlus - fMinus) / (plus - minus);
    }
    double h = Fd.step(x);
    double plus = x + h;
    double minus = x - h;
    grad[M] = (Horner.f(cs, plus) - Horner.f(cs, minus)) / (plus - minus);
    return grad[M];
  }
}
