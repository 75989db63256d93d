package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Rosenbrock;
import org.dualj.benchmarks.functions.RosenbrockDerivatives;
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

/** Extended Rosenbrock, n = 2, 10, 100, 1000. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockBenchmark extends Outputs {
  @Param({"2", "10", "100", "1000"})
  public int n;

  public double[] x;
  public double[] xDot;
  double[] fdX;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    // around the standard start point (-1.2, 1, -1.2, 1, ...)
    x = Inputs.uniform(n, -0.1, 0.1, 42);
    for (int i = 0; i < n; i++) {
      x[i] += i % 2 == 0 ? -1.2 : 1.0;
    }
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
    return Rosenbrock.f(x);
  }

  @Benchmark
  public double tangent() {
    Dual y = RosenbrockDerivatives.f(x, xDot);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return RosenbrockDerivatives.fGradient(x, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return RosenbrockDerivatives.fChunk1Gradient(x, grad);
  }

  @Benchmark
  public double generatedChunk4() {
    return RosenbrockDerivatives.fChunk4Gradient(x, grad);
  }

  @Benchmark
  public double generatedChunk16() {
    return RosenbrockDerivatives.fChunk16Gradient(x, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient y = Rosenbrock.fT(v);
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
    DerivativeStructure y = Rosenbrock.fT(v);
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
      double fPlus = Rosenbrock.f(xs);
      xs[i] = minus;
      double fMinus = Rosenbrock.f(xs);
      xs[i] = xi;
      grad[i] = (fPlus - fMinus) / (plus - minus);
    }
    return grad[n - 1];
  }
}
