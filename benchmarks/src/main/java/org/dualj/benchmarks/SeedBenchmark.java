package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Seed;
import org.dualj.benchmarks.functions.SeedDerivatives;
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

/** The seed example, n = 2. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeedBenchmark extends Outputs {
  public double x1;
  public double x2;
  public double x1Dot;
  public double x2Dot;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    x1 = 1.5;
    x2 = 0.5;
    double[] d = Inputs.direction(2, 7);
    x1Dot = d[0];
    x2Dot = d[1];
    grad = new double[2];
    factory = new DSFactory(2, 1);
  }

  @Override
  public double[] direction() {
    return new double[] {x1Dot, x2Dot};
  }

  @Override
  public int columns() {
    return 2;
  }

  @Benchmark
  public double primal() {
    return Seed.f(x1, x2);
  }

  @Benchmark
  public double tangent() {
    Dual y = SeedDerivatives.f(x1, x1Dot, x2, x2Dot);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return SeedDerivatives.fGradient(x1, x2, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return SeedDerivatives.fChunk1Gradient(x1, x2, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient y = Seed.fT(Gradient.variable(2, 0, x1), Gradient.variable(2, 1, x2));
    grad[0] = y.getPartialDerivative(0);
    grad[1] = y.getPartialDerivative(1);
    return y.getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure y = Seed.fT(factory.variable(0, x1), factory.variable(1, x2));
    double[] all = y.getAllDerivatives();
    grad[0] = all[1];
    grad[1] = all[2];
    return all[0];
  }

  @Benchmark
  public double finiteDiff() {
    double h1 = Fd.step(x1);
    double p1 = x1 + h1;
    double m1 = x1 - h1;
    grad[0] = (Seed.f(p1, x2) - Seed.f(m1, x2)) / (p1 - m1);
    double h2 = Fd.step(x2);
    double p2 = x2 + h2;
    double m2 = x2 - h2;
    grad[1] = (Seed.f(x1, p2) - Seed.f(x1, m2)) / (p2 - m2);
    return grad[1];
  }
}
