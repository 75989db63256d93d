package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * The error function, its complement and the normal distribution, written as special-function
 * code is: a positive-term series near zero, a continued fraction in the tail (modified Lentz),
 * symmetry for negative arguments, and a cheap rational approximation from a private coefficient
 * table evaluated by Horner's rule.
 */
public final class ErrorFunctions {
  /** Beyond this |x| the tail's continued fraction is used. */
  private static final double SERIES_LIMIT = 2.5;

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double INV_SQRT_PI = 0.5641895835477563;
  private static final double INV_SQRT_TWO = 0.7071067811865476;
  private static final double EPSILON = 1e-16;
  private static final double TINY = 1e-300;

  /** The rational approximation's t = 1/(1 + P·x). */
  private static final double P = 0.3275911;

  /** Its polynomial in t, lowest power first (no constant term). */
  private static final double[] A = {
    0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429
  };

  private ErrorFunctions() {}

  /** erf(x) = 2/√π ∫₀ˣ e^{−t²} dt. */
  @Differentiable(order = 2)
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double ax = FastMath.abs(x);
    if (ax < SERIES_LIMIT) {
      return x * series(x * x);
    }
    double tail = erfcTail(ax);
    return x > 0 ? 1.0 - tail : tail - 1.0;
  }

  /** erfc(x) = 1 − erf(x), without cancellation in the right tail. */
  @Differentiable(order = 2)
  public static double erfc(double x) {
    if (x >= SERIES_LIMIT) {
      return erfcTail(x);
    }
    if (x <= -SERIES_LIMIT) {
      return 2.0 - erfcTail(-x);
    }
    return 1.0 - x * series(x * x);
  }

  /** The standard normal distribution function Φ(x) = erfc(−x/√2)/2. */
  @Differentiable(order = 2)
  public static double normalCdf(double x) {
    return 0.5 * erfc(-x * INV_SQRT_TWO);
  }

  /** The standard normal density φ(x). */
  @Differentiable(order = 2)
  public static double normalPdf(double x) {
    return INV_SQRT_PI * INV_SQRT_TWO * FastMath.exp(-0.5 * x * x);
  }

  /**
   * A fast erf with absolute error below 1.5e-7: 1 − t·p(t)·e^{−x²}, t = 1/(1 + P·|x|), odd in x.
   */
  @Differentiable
  public static double erfApprox(double x) {
    double ax = Math.abs(x);
    double t = 1.0 / (1.0 + P * ax);
    double poly = A[A.length - 1];
    for (int i = A.length - 2; i >= 0; i--) {
      poly = poly * t + A[i];
    }
    double y = 1.0 - t * poly * FastMath.exp(-ax * ax);
    return Math.copySign(y, x);
  }

  /** erf(x)/x = 2/√π e^{−x²} Σₙ (2x²)ⁿ / (1·3·…·(2n + 1)), all terms positive. */
  private static double series(double xx) {
    double term = 1.0;
    double sum = 1.0;
    for (int n = 1; n < 200; n++) {
      term *= 2.0 * xx / (2 * n + 1);
      sum += term;
      if (term < EPSILON * sum) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * FastMath.exp(-xx) * sum;
  }

  /** erfc(x) for x ≥ 2.5: e^{−x²}/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
  private static double erfcTail(double x) {
    double f = x;
    double c = x;
    double d = 0.0;
    for (int n = 1; n < 500; n++) {
      double an = 0.5 * n;
      d = x + an * d;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = x + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < EPSILON) {
        break;
      }
    }
    return INV_SQRT_PI * FastMath.exp(-x * x) / f;
  }
}
