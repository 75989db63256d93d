package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Ackley;
import org.dualj.benchmarks.functions.AckleyDerivatives;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Ackley, n = 10, 100. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AckleyBenchmark extends Outputs {
  @Param({"10", "100"})
  public int n;

  public double[] x;
  public double[] xDot;
  double[] fdX;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -2.0, 2.0, 42);
    xDot = Inputs.direction(n, 7);
    fdX = x.clone();
    grad = new double[n];
    factory = new DSFactory(n, 1);
  }

  @Override
  public double[] direction() {
    return xDot.clone();
  }

  @Override
  public int columns() {
    return n;
  }

  @Benchmark
  public double primal() {
    return Ackley.f(x);
  }

  @Benchmark
  public double tangent() {
    Dual y = AckleyDerivatives.f(x, xDot);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return AckleyDerivatives.fGradient(x, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return AckleyDerivatives.fChunk1Gradient(x, grad);
  }

  @Benchmark
  public double generatedChunk4() {
    return AckleyDerivatives.fChunk4Gradient(x, grad);
  }

  @Benchmark
  public double generatedChunk16() {
    return AckleyDerivatives.fChunk16Gradient(x, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient y = Ackley.fT(v);
    for (int i = 0; i < n; i++) {
      grad[i] = y.getPartialDerivative(i);
    }
    return y.getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] v = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      v[i] = factory.variable(i, x[i]);
    }
    DerivativeStructure y = Ackley.fT(v);
    double[] all = y.getAllDerivatives();
    System.arraycopy(all, 1, grad, 0, n);
    return all[0];
  }

  @Benchmark
  public double finiteDiff() {
    double[] xs = fdX;
    for (int i = 0; i < n; i++) {
      double xi = xs[i];
      double h = Fd.step(xi);
      double plus = xi + h;
      double minus = xi - h;
      xs[i] = plus;
      double fPlus = Ackley.f(xs);
      xs[i] = minus;
      double fMinus = Ackley.f(xs);
      xs[i] = xi;
      grad[i] = (fPlus - fMinus) / (plus - minus);
    }
    return grad[n - 1];
  }
}
