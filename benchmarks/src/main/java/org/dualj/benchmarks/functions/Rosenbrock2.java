package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/** {@link Rosenbrock#f} with {@code order = 2} (Hessian, H·v); the same body. */
public final class Rosenbrock2 {
  private Rosenbrock2() {}

  @Differentiable(order = 2)
  public static double f(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }
}
