package org.dualj.benchmarks;

import org.dualj.benchmarks.functions.Seed;
import org.dualj.benchmarks.functions.Seed2;
import org.dualj.benchmarks.functions.Seed2Derivatives;
import org.dualj.runtime.Workspace;
import org.hipparchus.CalculusFieldElement;
import org.openjdk.jmh.annotations.Setup;

/** Second order of the seed example, n = 2 (two scalar parameters). */
public class SeedHessianBenchmark extends SecondOrderBenchmark {
  public double x1;
  public double x2;

  @Override
  @Setup
  public void setup() {
    x1 = 1.5;
    x2 = 0.5;
    x = new double[] {x1, x2};
    init();
  }

  @Override
  protected double f(double[] xs) {
    return Seed2.f(xs[0], xs[1]);
  }

  @Override
  protected double gradientAt(double[] xs, double[] out) {
    return Seed2Derivatives.fGradient(xs[0], xs[1], out);
  }

  @Override
  protected double hessianWith(double[] g, double[][] h, Workspace w) {
    return Seed2Derivatives.fHessian(x1, x2, g, h, w);
  }

  @Override
  protected double hessianWithout(double[] g, double[][] h) {
    return Seed2Derivatives.fHessian(x1, x2, g, h);
  }

  @Override
  protected double[] hessianVector(double[] dir) {
    return Seed2Derivatives.fHessianVector(x1, x2, dir[0], dir[1]);
  }

  @Override
  protected <T extends CalculusFieldElement<T>> T fT(T[] xs) {
    return Seed.fT(xs[0], xs[1]);
  }
}
