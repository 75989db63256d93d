package org.dualj.it;

import org.dualj.annotations.Differentiable;

/**
 * Log-gamma and log-beta written as library code is written: a private coefficient table, private
 * constants (one a compile-time constant, one computed), a private helper, an argument check that
 * throws. Nothing here is shaped for dualj.
 */
public final class LogGamma {
  /** Lanczos parameter g. */
  private static final double G = 7.0;
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);
  /** Lanczos coefficients for g = 7, n = 9. */
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private LogGamma() {}

  /** The Lanczos series A(z) = c₀ + Σ cᵢ / (z + i). */
  private static double lanczosSum(double z) {
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    return sum;
  }

  /** log Γ(x) for x ≥ 0.5 (Lanczos approximation, about 15 significant digits). */
  @Differentiable(order = 2)
  public static double logGamma(double x) {
    if (x < 0.5 || Double.isNaN(x)) {
      throw new IllegalArgumentException("logGamma needs x >= 0.5, got " + x);
    }
    double z = x - 1.0;
    double t = z + G + 0.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(lanczosSum(z));
  }

  /** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
  @Differentiable
  public static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }
}
