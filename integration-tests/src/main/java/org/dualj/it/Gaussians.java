package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.special.Erf;

/** Normal probabilities through Hipparchus's erf, differentiated through {@link ErfRules}. */
public final class Gaussians {
  static final double SQRT2 = Math.sqrt(2.0);

  private Gaussians() {}

  /** P(X ≤ x) for X ~ N(mu, sigma²), with erfc so the lower tail keeps its relative accuracy. */
  @Differentiable
  public static double normalCdf(double x, double mu, double sigma) {
    double z = (x - mu) / (sigma * SQRT2);
    return 0.5 * Erf.erfc(-z);
  }

  /** P(edges[i] < X ≤ edges[i + 1]) for each bin, from the two-argument erf. */
  @Differentiable(wrt = {"mu", "sigma"})
  public static double[] binProbabilities(double mu, double sigma, double[] edges) {
    double[] p = new double[edges.length - 1];
    double scale = sigma * SQRT2;
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.5 * Erf.erf((edges[i] - mu) / scale, (edges[i + 1] - mu) / scale);
    }
    return p;
  }

  /** log-likelihood-like sum over points, so the rule runs in a loop with a changing argument. */
  @Differentiable(wrt = {"mu", "sigma"})
  public static double logCdfSum(double mu, double sigma, double[] xs) {
    double s = 0.0;
    for (double x : xs) {
      s += Math.log(normalCdf(x, mu, sigma));
    }
    return s;
  }
}
