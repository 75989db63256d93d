package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Holds a nested static class with @Differentiable methods. */
public final class Outer {
  private Outer() {}

  /** Generated class: {@code Outer_InnerDerivatives}. */
  public static final class Inner {
    private Inner() {}

    static final double SCALE = 1.5;

    @Differentiable
    public static double logistic(double x) {
      return 1.0 / (1.0 + Math.exp(-SCALE * x));
    }

    @Differentiable
    public static double logisticSquared(double x) {
      double s = logistic(x);
      return s * s;
    }
  }
}
