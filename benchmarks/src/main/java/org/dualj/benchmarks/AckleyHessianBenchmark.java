package org.dualj.benchmarks;

import org.dualj.benchmarks.functions.Ackley;
import org.dualj.benchmarks.functions.Ackley2;
import org.dualj.benchmarks.functions.Ackley2Derivatives;
import org.dualj.runtime.Workspace;
import org.hipparchus.CalculusFieldElement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Second order of Ackley, n = 10 (the inputs of AckleyBenchmark). */
public class AckleyHessianBenchmark extends SecondOrderBenchmark {
  @Param({"10"})
  public int n;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -2.0, 2.0, 42);
    init();
  }

  @Override
  protected double f(double[] xs) {
    return Ackley2.f(xs);
  }

  @Override
  protected double gradientAt(double[] xs, double[] out) {
    return Ackley2Derivatives.fGradient(xs, out);
  }

  @Override
  protected double hessianWith(double[] g, double[][] h, Workspace w) {
    return Ackley2Derivatives.fHessian(x, g, h, w);
  }

  @Override
  protected double hessianWithout(double[] g, double[][] h) {
    return Ackley2Derivatives.fHessian(x, g, h);
  }

  @Override
  protected double[] hessianVector(double[] dir) {
    return Ackley2Derivatives.fHessianVector(x, dir);
  }

  @Override
  protected <T extends CalculusFieldElement<T>> T fT(T[] xs) {
    return Ackley.fT(xs);
  }
}
