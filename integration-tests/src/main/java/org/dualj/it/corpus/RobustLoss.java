package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * Robust regression losses over residuals as a fitting library writes them: Huber's loss with its
 * branch at |r| = δ, the pseudo-Huber loss through {@code hypot}, Tukey's biweight with a flat
 * tail, and a {@code switch} over the loss kind.
 */
public final class RobustLoss {
  public static final int HUBER = 0;
  public static final int PSEUDO_HUBER = 1;
  public static final int TUKEY = 2;

  private RobustLoss() {}

  /** Huber's ρ(r) = r²/2 for |r| ≤ δ, δ(|r| − δ/2) beyond. */
  @Differentiable(order = 2)
  public static double huber(double r, double delta) {
    if (delta <= 0.0) {
      throw new IllegalArgumentException("delta must be positive: " + delta);
    }
    double abs = Math.abs(r);
    return abs <= delta ? 0.5 * r * r : delta * (abs - 0.5 * delta);
  }

  /** δ²(√(1 + (r/δ)²) − 1), smooth everywhere. */
  @Differentiable(order = 2)
  public static double pseudoHuber(double r, double delta) {
    return delta * (Math.hypot(delta, r) - delta);
  }

  /** Tukey's biweight: (c²/6)(1 − (1 − (r/c)²)³) for |r| ≤ c, c²/6 beyond. */
  @Differentiable(order = 2)
  public static double tukey(double r, double c) {
    double u = r / c;
    if (Math.abs(u) >= 1.0) {
      return c * c / 6.0;
    }
    double v = 1.0 - u * u;
    return c * c / 6.0 * (1.0 - v * v * v);
  }

  /** Σ huber(yᵢ − (p₀ + p₁ tᵢ), δ): the loss of a straight-line fit. */
  @Differentiable(wrt = "p")
  public static double huberTotal(double[] p, double[] t, double[] y, double delta) {
    double sum = 0.0;
    for (int i = 0; i < t.length; i++) {
      sum += huber(y[i] - (p[0] + p[1] * t[i]), delta);
    }
    return sum;
  }

  /** Σ ρ(yᵢ − (p₀ + p₁ tᵢ)) with the loss chosen by kind. */
  @Differentiable(wrt = "p")
  public static double total(int kind, double[] p, double[] t, double[] y, double scale) {
    double sum = 0.0;
    for (int i = 0; i < t.length; i++) {
      double r = y[i] - (p[0] + p[1] * t[i]);
      sum += switch (kind) {
        case HUBER -> huber(r, scale);
        case PSEUDO_HUBER -> pseudoHuber(r, scale);
        case TUKEY -> tukey(r, scale);
        default -> throw new IllegalArgumentException("unknown loss kind " + kind);
      };
    }
    return sum;
  }
}
