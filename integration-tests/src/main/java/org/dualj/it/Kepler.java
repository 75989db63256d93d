package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.dualj.annotations.TangentRule;

/**
 * Kepler's equation E − e·sin E = M, solved by Newton iterations. Its derivative comes from the
 * implicit-function theorem, not from differentiating the iterations: with F(E, M, e) =
 * E − e·sin E − M = 0, dE/dM = 1/(1 − e·cos E) and dE/de = sin E/(1 − e·cos E), exact at the
 * returned E however many iterations it took.
 */
public final class Kepler {
  private Kepler() {}

  /** The eccentric anomaly for mean anomaly M and eccentricity 0 ≤ e < 1. */
  @Differentiable
  public static double eccentricAnomaly(double meanAnomaly, double eccentricity) {
    double e = eccentricity;
    double big = e < 0.8 ? meanAnomaly : Math.PI;
    for (int i = 0; i < 100; i++) {
      double step = (big - e * Math.sin(big) - meanAnomaly) / (1.0 - e * Math.cos(big));
      big -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1.0, Math.abs(big))) {
        break;
      }
    }
    return big;
  }

  @TangentRule(of = Kepler.class, method = "eccentricAnomaly", argument = 0)
  @Differentiable
  static double dMeanAnomaly(double meanAnomaly, double eccentricity, double big) {
    return 1.0 / (1.0 - eccentricity * Math.cos(big));
  }

  @TangentRule(of = Kepler.class, method = "eccentricAnomaly", argument = 1)
  @Differentiable
  static double dEccentricity(double meanAnomaly, double eccentricity, double big) {
    return Math.sin(big) / (1.0 - eccentricity * Math.cos(big));
  }

  /** Position (x, y) in the orbital plane: a(cos E − e), a·√(1 − e²)·sin E. */
  @Differentiable
  public static double[] position(double semiMajorAxis, double eccentricity, double meanAnomaly) {
    double big = eccentricAnomaly(meanAnomaly, eccentricity);
    double x = semiMajorAxis * (Math.cos(big) - eccentricity);
    double y = semiMajorAxis * Math.sqrt(1.0 - eccentricity * eccentricity) * Math.sin(big);
    return new double[] {x, y};
  }
}
