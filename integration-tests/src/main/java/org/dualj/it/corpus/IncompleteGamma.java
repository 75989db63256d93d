package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * The log-gamma function and the regularized incomplete gamma functions P(a, x) and Q(a, x), as a
 * special-functions library writes them: a Stirling series with a private coefficient table after
 * an upward shift, a power series for x &lt; a + 1 and a continued fraction (modified Lentz) above,
 * argument checks that throw, and exceptions when an iteration does not converge.
 */
public final class IncompleteGamma {
  /** Relative accuracy at which series and continued fractions stop. */
  private static final double EPSILON = 1e-16;

  private static final int MAX_ITERATIONS = 100_000;

  /** Guards the continued fraction against division by zero. */
  private static final double TINY = 1e-300;

  /** Below this argument, log Γ is computed at x + n and shifted back. */
  private static final double STIRLING_FROM = 12.0;

  private static final double HALF_LOG_TWO_PI = 0.9189385332046728;

  /** B₂ₖ / (2k(2k − 1)) for k = 1 … 8: the Stirling series of log Γ in 1/x. */
  private static final double[] STIRLING = {
    1.0 / 12.0,
    -1.0 / 360.0,
    1.0 / 1260.0,
    -1.0 / 1680.0,
    1.0 / 1188.0,
    -691.0 / 360360.0,
    1.0 / 156.0,
    -3617.0 / 122400.0
  };

  private IncompleteGamma() {}

  /**
   * log Γ(x) for x &gt; 0.
   *
   * @throws IllegalArgumentException if x is not positive
   */
  @Differentiable(order = 2)
  public static double logGamma(double x) {
    if (!(x > 0.0)) {
      throw new IllegalArgumentException("logGamma is defined for x > 0, got " + x);
    }
    double z = x;
    double product = 1.0;
    while (z < STIRLING_FROM) {
      product *= z;
      z += 1.0;
    }
    double inverse = 1.0 / z;
    double inverseSquared = inverse * inverse;
    double series = 0.0;
    for (int k = STIRLING.length - 1; k >= 0; k--) {
      series = series * inverseSquared + STIRLING[k];
    }
    series *= inverse;
    return (z - 0.5) * FastMath.log(z) - z + HALF_LOG_TWO_PI + series - FastMath.log(product);
  }

  /**
   * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
   *
   * @throws IllegalArgumentException if a ≤ 0 or x &lt; 0
   * @throws ArithmeticException if the expansion does not converge
   */
  @Differentiable
  public static double regularizedP(double a, double x) {
    checkArguments(a, x);
    if (x == 0.0) {
      return 0.0;
    }
    if (x >= a + 1.0) {
      return 1.0 - continuedFractionQ(a, x);
    }
    return seriesP(a, x);
  }

  /** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x). */
  @Differentiable
  public static double regularizedQ(double a, double x) {
    checkArguments(a, x);
    if (x == 0.0) {
      return 1.0;
    }
    if (x < a + 1.0) {
      return 1.0 - seriesP(a, x);
    }
    return continuedFractionQ(a, x);
  }

  private static void checkArguments(double a, double x) {
    if (Double.isNaN(a) || Double.isNaN(x)) {
      throw new IllegalArgumentException("NaN argument: a = " + a + ", x = " + x);
    }
    if (a <= 0.0) {
      throw new IllegalArgumentException("shape a must be positive, got " + a);
    }
    if (x < 0.0) {
      throw new IllegalArgumentException("x must not be negative, got " + x);
    }
  }

  /** x^a e^−x / Γ(a), the factor in front of both expansions. */
  private static double prefactor(double a, double x) {
    return FastMath.exp(a * FastMath.log(x) - x - logGamma(a));
  }

  /** P(a, x) = x^a e^−x / Γ(a + 1) · Σₙ xⁿ / ((a + 1) … (a + n)). */
  private static double seriesP(double a, double x) {
    double shape = a;
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < MAX_ITERATIONS; n++) {
      shape += 1.0;
      term *= x / shape;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        return sum * prefactor(a, x);
      }
    }
    throw new ArithmeticException("series for P(" + a + ", " + x + ") did not converge");
  }

  /** Q(a, x) by the continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), modified Lentz. */
  private static double continuedFractionQ(double a, double x) {
    double b = x + 1.0 - a;
    double c = 1.0 / TINY;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2.0;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1.0) < EPSILON) {
        return prefactor(a, x) * h;
      }
    }
    throw new ArithmeticException("continued fraction for Q(" + a + ", " + x + ") did not converge");
  }
}
