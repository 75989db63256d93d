package org.dualj.benchmarks;

import org.dualj.benchmarks.functions.Rosenbrock;
import org.dualj.benchmarks.functions.Rosenbrock2;
import org.dualj.benchmarks.functions.Rosenbrock2Derivatives;
import org.dualj.runtime.Workspace;
import org.hipparchus.CalculusFieldElement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Second order of extended Rosenbrock, n = 2, 10, 100 (the inputs of RosenbrockBenchmark). */
public class RosenbrockHessianBenchmark extends SecondOrderBenchmark {
  @Param({"2", "10", "100"})
  public int n;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -0.1, 0.1, 42);
    for (int i = 0; i < n; i++) {
      x[i] += i % 2 == 0 ? -1.2 : 1.0;
    }
    init();
  }

  @Override
  protected double f(double[] xs) {
    return Rosenbrock2.f(xs);
  }

  @Override
  protected double gradientAt(double[] xs, double[] out) {
    return Rosenbrock2Derivatives.fGradient(xs, out);
  }

  @Override
  protected double hessianWith(double[] g, double[][] h, Workspace w) {
    return Rosenbrock2Derivatives.fHessian(x, g, h, w);
  }

  @Override
  protected double hessianWithout(double[] g, double[][] h) {
    return Rosenbrock2Derivatives.fHessian(x, g, h);
  }

  @Override
  protected double[] hessianVector(double[] dir) {
    return Rosenbrock2Derivatives.fHessianVector(x, dir);
  }

  @Override
  protected <T extends CalculusFieldElement<T>> T fT(T[] xs) {
    return Rosenbrock.fT(xs);
  }
}
