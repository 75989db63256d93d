package org.dualj.it;

import org.dualj.annotations.TangentRule;
import org.hipparchus.special.Erf;

/**
 * Tangent rules for Hipparchus's error function, a library function whose source the processor
 * never sees: d/dx erf(x) = 2/√π·exp(−x²), d/dx erfc(x) = −2/√π·exp(−x²), and for
 * erf(x1, x2) = erf(x2) − erf(x1) one rule per argument.
 */
public final class ErfRules {
  /** 2/√π. */
  static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  private ErfRules() {}

  @TangentRule(of = Erf.class, method = "erf")
  public static double erf(double x, double erfX) {
    return TWO_OVER_SQRT_PI * Math.exp(-x * x);
  }

  @TangentRule(of = Erf.class, method = "erfc")
  public static double erfc(double x, double erfcX) {
    return -TWO_OVER_SQRT_PI * Math.exp(-x * x);
  }

  @TangentRule(of = Erf.class, method = "erf", argument = 0)
  public static double erfBetweenLower(double x1, double x2, double value) {
    return -TWO_OVER_SQRT_PI * Math.exp(-x1 * x1);
  }

  @TangentRule(of = Erf.class, method = "erf", argument = 1)
  public static double erfBetweenUpper(double x1, double x2, double value) {
    return TWO_OVER_SQRT_PI * Math.exp(-x2 * x2);
  }
}
