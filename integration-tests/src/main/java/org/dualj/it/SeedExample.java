package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** The worked example of the evaluation trace, written the way its table reads. */
public final class SeedExample {
  private SeedExample() {}

  /** y = [sin(x1/x2) + x1/x2 − exp(x2)] × [x1/x2 − exp(x2)], one elementary operation per line. */
  @Differentiable
  public static double f(double x1, double x2) {
    double v1 = x1 / x2;
    double v2 = Math.sin(v1);
    double v3 = Math.exp(x2);
    double v4 = v1 - v3;
    double v5 = v2 + v4;
    double v6 = v5 * v4;
    return v6;
  }

  /** The same function written as one expression. */
  @Differentiable
  public static double fExpression(double x1, double x2) {
    return (Math.sin(x1 / x2) + x1 / x2 - Math.exp(x2)) * (x1 / x2 - Math.exp(x2));
  }
}
