package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * The regularized incomplete beta function I_x(a, b) by its continued fraction, evaluated by the
 * modified Lentz method on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it
 * converges fast, with argument checks that throw.
 */
public final class IncompleteBeta {
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 10_000;

  private IncompleteBeta() {}

  /** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
  @Differentiable
  public static double logBeta(double a, double b) {
    return IncompleteGamma.logGamma(a) + IncompleteGamma.logGamma(b) - IncompleteGamma.logGamma(a + b);
  }

  /**
   * I_x(a, b) for 0 ≤ x ≤ 1, a, b &gt; 0.
   *
   * @throws IllegalArgumentException for arguments outside these ranges
   */
  @Differentiable
  public static double regularizedBeta(double x, double a, double b) {
    if (Double.isNaN(x) || Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    if (a <= 0.0 || b <= 0.0) {
      throw new IllegalArgumentException("a = " + a + " and b = " + b + " must be positive");
    }
    if (x < 0.0 || x > 1.0) {
      throw new IllegalArgumentException("x = " + x + " is outside [0, 1]");
    }
    if (x == 0.0 || x == 1.0) {
      return x;
    }
    if (x > (a + 1.0) / (a + b + 2.0)) {
      return 1.0 - regularizedBeta(1.0 - x, b, a);
    }
    double front = FastMath.exp(a * FastMath.log(x) + b * FastMath.log1p(-x) - logBeta(a, b)) / a;
    return front * continuedFraction(x, a, b);
  }

  /** 1/(1 + d₁/(1 + d₂/(1 + …))) with the even and odd coefficients dₘ of I_x(a, b). */
  private static double continuedFraction(double x, double a, double b) {
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    if (FastMath.abs(d) < TINY) {
      d = TINY;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
      d = 1.0 + even * d;
      if (FastMath.abs(d) < TINY) {
        d = TINY;
      }
      c = 1.0 + even / c;
      if (FastMath.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
      d = 1.0 + odd * d;
      if (FastMath.abs(d) < TINY) {
        d = TINY;
      }
      c = 1.0 + odd / c;
      if (FastMath.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      double delta = d * c;
      h *= delta;
      if (FastMath.abs(delta - 1.0) < EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException("continued fraction for I_" + x + "(" + a + ", " + b + ") did not converge");
  }
}
