package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.SinCos;

/**
 * Two-body orbit propagation written as an orbital-mechanics library writes it: {@code FastMath}
 * throughout, {@code sinCos} in the Newton iteration, argument checks that throw, private
 * constants and a private helper, and nothing shaped for differentiation. Kepler's equation
 * E − e·sin E = M is solved by Newton's method and its iterations are differentiated as they run
 * (no tangent rule): once the iteration has converged, the derivative of the iterate is the
 * implicit-function derivative 1/(1 − e·cos E).
 */
public final class KeplerOrbit {
  private static final double TWO_PI = 2.0 * FastMath.PI;
  private static final double CONVERGENCE = 1.0e-15;
  private static final int MAX_ITERATIONS = 50;

  private KeplerOrbit() {}

  /**
   * The eccentric anomaly of an elliptic orbit.
   *
   * @param meanAnomaly M in radians, any value (reduced to [−π, π) first)
   * @param eccentricity e in [0, 1)
   */
  @Differentiable
  public static double eccentricAnomaly(double meanAnomaly, double eccentricity) {
    if (eccentricity < 0.0 || eccentricity >= 1.0) {
      throw new IllegalArgumentException("eccentricity " + eccentricity + " is not in [0, 1)");
    }
    if (!Double.isFinite(meanAnomaly)) {
      throw new IllegalArgumentException("mean anomaly " + meanAnomaly + " is not finite");
    }
    double m = reduce(meanAnomaly);
    // a starting value that converges for every e < 1
    double e0 = eccentricity < 0.8 ? m : FastMath.copySign(FastMath.PI, m);
    double big = e0;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      SinCos sc = FastMath.sinCos(big);
      double residual = big - eccentricity * sc.sin() - m;
      double slope = 1.0 - eccentricity * sc.cos();
      double step = residual / slope;
      big -= step;
      if (FastMath.abs(step) <= CONVERGENCE * FastMath.max(1.0, FastMath.abs(big))) {
        break;
      }
    }
    return big;
  }

  /** The angle reduced to [−π, π): M − 2π·floor((M + π)/2π). */
  private static double reduce(double angle) {
    return angle - TWO_PI * FastMath.floor((angle + FastMath.PI) / TWO_PI);
  }

  /**
   * The position in the orbital plane, {x, y}, with the focus at the origin and the periapsis on
   * the x axis.
   *
   * @param semiMajorAxis a &gt; 0
   * @param eccentricity e in [0, 1)
   * @param meanAnomaly M in radians
   */
  @Differentiable
  public static double[] position(double semiMajorAxis, double eccentricity, double meanAnomaly) {
    if (semiMajorAxis <= 0.0) {
      throw new IllegalArgumentException("semi-major axis " + semiMajorAxis + " is not positive");
    }
    double big = eccentricAnomaly(meanAnomaly, eccentricity);
    SinCos sc = FastMath.sinCos(big);
    double b = semiMajorAxis * FastMath.sqrt(1.0 - eccentricity * eccentricity);
    return new double[] {semiMajorAxis * (sc.cos() - eccentricity), b * sc.sin()};
  }

  /**
   * The distance from the focus after time t on an orbit of period 2π/n: r = a·(1 − e·cos E) at
   * M = M0 + n·t.
   */
  @Differentiable
  public static double radius(
      double semiMajorAxis, double eccentricity, double meanAnomalyAtEpoch, double meanMotion, double t) {
    double big = eccentricAnomaly(meanAnomalyAtEpoch + meanMotion * t, eccentricity);
    return semiMajorAxis * (1.0 - eccentricity * FastMath.cos(big));
  }
}
