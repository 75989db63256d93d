package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/** {@link Seed#f} with {@code order = 2} (Hessian, H·v); the same body. */
public final class Seed2 {
  private Seed2() {}

  @Differentiable(order = 2)
  public static double f(double x1, double x2) {
    double v1 = x1 / x2;
    double v2 = Math.sin(v1);
    double v3 = Math.exp(x2);
    double v4 = v1 - v3;
    double v5 = v2 + v4;
    return v5 * v4;
  }
}
