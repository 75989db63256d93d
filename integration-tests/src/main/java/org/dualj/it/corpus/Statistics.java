package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * Numerically careful reductions and series as numerical libraries write them: Welford's
 * one-pass variance, Horner's rule, Clenshaw's recurrence for Chebyshev series on [a, b], and
 * {@code hypot}/{@code log1p}/{@code expm1} where the naive formulas lose digits.
 */
public final class Statistics {
  private Statistics() {}

  /**
   * The unbiased sample variance by Welford's update.
   *
   * @throws IllegalArgumentException for fewer than two values
   */
  @Differentiable(order = 2)
  public static double variance(double[] values) {
    if (values.length < 2) {
      throw new IllegalArgumentException("variance needs at least 2 values, got " + values.length);
    }
    double mean = 0.0;
    double m2 = 0.0;
    int n = 0;
    for (double x : values) {
      n++;
      double delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    }
    return m2 / (n - 1);
  }

  /** Σ cᵢ xⁱ by Horner's rule, coefficients lowest power first. */
  @Differentiable(order = 2)
  public static double horner(double[] coefficients, double x) {
    double result = 0.0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      result = result * x + coefficients[i];
    }
    return result;
  }

  /**
   * Σ' cₖ Tₖ(u) with u = (2x − a − b)/(b − a), the first coefficient halved, by Clenshaw's
   * recurrence.
   *
   * @throws IllegalArgumentException if x is outside [a, b]
   */
  @Differentiable(wrt = {"coefficients", "x"}, order = 2)
  public static double chebyshev(double[] coefficients, double a, double b, double x) {
    if (x < a || x > b) {
      throw new IllegalArgumentException("x = " + x + " outside [" + a + ", " + b + "]");
    }
    double u = (2.0 * x - a - b) / (b - a);
    double twoU = 2.0 * u;
    double bk1 = 0.0;
    double bk2 = 0.0;
    for (int k = coefficients.length - 1; k >= 1; k--) {
      double bk = twoU * bk1 - bk2 + coefficients[k];
      bk2 = bk1;
      bk1 = bk;
    }
    return u * bk1 - bk2 + 0.5 * coefficients[0];
  }

  /** The Euclidean norm without overflow, by repeated {@code Math.hypot}. */
  @Differentiable
  public static double norm(double[] v) {
    double r = 0.0;
    for (double x : v) {
      r = Math.hypot(r, x);
    }
    return r;
  }

  /** log(1 + e^x) without overflow for large x or loss of digits for very negative x. */
  @Differentiable(order = 2)
  public static double softplus(double x) {
    if (x > 0.0) {
      return x + Math.log1p(Math.exp(-x));
    }
    return Math.log1p(Math.exp(x));
  }

  /** (e^x − 1)/x, continuous at 0. */
  @Differentiable(order = 2)
  public static double exprel(double x) {
    if (Math.abs(x) < 1e-5) {
      return 1.0 + x / 2.0 + x * x / 6.0;
    }
    return Math.expm1(x) / x;
  }
}
