package org.dualj.it;

import static com.google.common.truth.Truth.assertWithMessage;

/** Tolerance conventions shared by the integration tests. */
public final class Check {
  private Check() {}

  /**
   * Relative tolerance against an analytic formula or Hipparchus: both evaluate the exact
   * derivative in floating point, so they agree with the generated code up to a few rounding
   * errors (amplified a little by conditioning); 1e-12 leaves ample room for that and still
   * catches any wrong rule.
   */
  public static final double EXACT = 1e-12;

  /**
   * Relative tolerance against Richardson-extrapolated central differences: truncation and
   * cancellation errors of the extrapolated estimate are typically 1e-10 or smaller for the smooth
   * functions used here; 1e-7 is loose enough to be robust and tight enough to catch a wrong rule.
   */
  public static final double FINITE_DIFFERENCE = 1e-7;

  // Exact expectations are written isWithin(0.0).of(e) or isZero(): exact, but +0.0 and -0.0
  // count as equal (the sign of a zero tangent depends on operand order and carries no meaning).

  /**
   * Asserts {@code |actual − expected| ≤ rel · max(1, |expected|)}: relative for large values,
   * absolute (at the same level) near zero, so that expected zeros can be checked too.
   */
  public static void close(String what, double actual, double expected, double rel) {
    double tol = rel * Math.max(1.0, Math.abs(expected));
    assertWithMessage(what).that(actual).isWithin(tol).of(expected);
  }

  /** {@link #close} for every element, and the same length. */
  public static void closeAll(String what, double[] actual, double[] expected, double rel) {
    assertWithMessage(what + " length").that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      close(what + " [" + i + "] of " + java.util.Arrays.toString(actual), actual[i], expected[i], rel);
    }
  }
}
