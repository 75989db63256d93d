package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Many java.lang.Math functions; domain: x, y in (0, 4), x ≠ y, x ≠ 2y. */
public final class FunctionMix {
  private FunctionMix() {}

  @Differentiable
  public static double trig(double x, double y) {
    return Math.sin(x) * Math.cos(y) + Math.tan(0.3 * x) - Math.atan2(y, x);
  }

  @Differentiable
  public static double expLog(double x, double y) {
    return Math.exp(-x * x) + Math.log(1.0 + y * y) + Math.log1p(x) * Math.expm1(0.5 * y)
        + Math.log10(x + y);
  }

  @Differentiable
  public static double powers(double x, double y) {
    return Math.pow(x, y) + Math.sqrt(x * y + 1.0) + Math.cbrt(x - 2.0 * y) + Math.hypot(x, y)
        + Math.pow(x, 3.0) + Math.pow(2.0, y);
  }

  @Differentiable
  public static double hyperbolic(double x, double y) {
    return Math.tanh(x - y) + Math.sinh(0.5 * x) * Math.cosh(0.25 * y);
  }

  @Differentiable
  public static double inverseTrig(double x, double y) {
    return Math.asin(x / 4.0) + Math.acos(y / 5.0) * Math.atan(x * y);
  }

  @Differentiable
  public static double kinks(double x, double y) {
    return Math.abs(x - y) + Math.min(x, y) * Math.max(x, 2.0 * y) + Math.abs(-x);
  }

  @Differentiable
  public static double strict(double x, double y) {
    return StrictMath.sin(x * y) + StrictMath.exp(-y) * StrictMath.sqrt(x);
  }

  /** All of the above in one expression. */
  @Differentiable
  public static double mix(double x, double y) {
    double a = trig(x, y);
    double b = expLog(x, y);
    double c = powers(x, y);
    double d = hyperbolic(x, y);
    double e = inverseTrig(x, y);
    double f = kinks(x, y);
    double g = strict(x, y);
    return a * b - c / (2.0 + d * d) + e * f + Math.sin(g);
  }
}
