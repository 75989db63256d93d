package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathUtils;
import org.hipparchus.util.SinCos;

/**
 * Two-body orbits from Keplerian elements, as an orbital-mechanics library writes them: the mean
 * anomaly reduced to [−π, π), Kepler's equation solved by Newton's method from a starter that
 * depends on the eccentricity, {@code FastMath.sinCos} everywhere, the true anomaly by
 * {@code atan2} of half angles, and the Cartesian state from the perifocal frame rotated by the
 * three orientation angles.
 */
public final class Orbits {
  private static final int MAX_NEWTON = 50;
  private static final double TOLERANCE = 1e-15;

  private Orbits() {}

  /**
   * The eccentric anomaly E with E − e sin E = M, for 0 ≤ e &lt; 1, in [−π, π).
   *
   * @throws IllegalArgumentException if the orbit is not elliptic
   * @throws IllegalStateException if Newton's method does not converge
   */
  @Differentiable
  public static double eccentricAnomaly(double meanAnomaly, double eccentricity) {
    if (eccentricity < 0.0 || eccentricity >= 1.0) {
      throw new IllegalArgumentException("elliptic orbit needs 0 <= e < 1, got e = " + eccentricity);
    }
    double m = meanAnomaly - MathUtils.TWO_PI * FastMath.floor((meanAnomaly + FastMath.PI) / MathUtils.TWO_PI);
    double e = eccentricity;
    double big;
    if (e < 0.8) {
      big = m + e * FastMath.sin(m);
    } else {
      big = m < 0 ? -FastMath.PI : FastMath.PI;
    }
    for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
      SinCos sc = FastMath.sinCos(big);
      double f = big - e * sc.sin() - m;
      double fPrime = 1.0 - e * sc.cos();
      double step = f / fPrime;
      big -= step;
      if (FastMath.abs(step) <= TOLERANCE * FastMath.max(1.0, FastMath.abs(big))) {
        return big;
      }
    }
    throw new IllegalStateException("Kepler's equation: no convergence for M = " + meanAnomaly + ", e = " + e);
  }

  /** The true anomaly ν = 2 atan2(√(1 + e) sin(E/2), √(1 − e) cos(E/2)). */
  @Differentiable
  public static double trueAnomaly(double meanAnomaly, double eccentricity) {
    double big = eccentricAnomaly(meanAnomaly, eccentricity);
    SinCos half = FastMath.sinCos(0.5 * big);
    return 2.0 * FastMath.atan2(
        FastMath.sqrt(1.0 + eccentricity) * half.sin(), FastMath.sqrt(1.0 - eccentricity) * half.cos());
  }

  /**
   * The inertial position and velocity {x, y, z, vx, vy, vz} of a body on the orbit with elements
   * {a, e, i, Ω, ω, M} about a centre of gravitational parameter mu.
   *
   * @throws IllegalArgumentException if the elements array does not have six entries or a ≤ 0
   */
  @Differentiable(wrt = "elements")
  public static double[] cartesian(double[] elements, double mu) {
    if (elements.length != 6) {
      throw new IllegalArgumentException("six Keplerian elements expected, got " + elements.length);
    }
    double a = elements[0];
    double e = elements[1];
    if (a <= 0.0) {
      throw new IllegalArgumentException("semi-major axis must be positive, got " + a);
    }
    double big = eccentricAnomaly(elements[5], e);
    SinCos scE = FastMath.sinCos(big);
    double root = FastMath.sqrt(1.0 - e * e);
    // perifocal position and velocity
    double px = a * (scE.cos() - e);
    double py = a * root * scE.sin();
    double rate = FastMath.sqrt(mu / (a * a * a)) / (1.0 - e * scE.cos());
    double vx = -a * scE.sin() * rate;
    double vy = a * root * scE.cos() * rate;
    double[] rotation = perifocalToInertial(elements[2], elements[3], elements[4]);
    double[] state = new double[6];
    for (int row = 0; row < 3; row++) {
      state[row] = rotation[2 * row] * px + rotation[2 * row + 1] * py;
      state[row + 3] = rotation[2 * row] * vx + rotation[2 * row + 1] * vy;
    }
    return state;
  }

  /** The first two columns of R_z(Ω) R_x(i) R_z(ω), row by row: {r00, r01, r10, r11, r20, r21}. */
  private static double[] perifocalToInertial(double inclination, double node, double perigee) {
    SinCos i = FastMath.sinCos(inclination);
    SinCos o = FastMath.sinCos(node);
    SinCos w = FastMath.sinCos(perigee);
    return new double[] {
      o.cos() * w.cos() - o.sin() * w.sin() * i.cos(),
      -o.cos() * w.sin() - o.sin() * w.cos() * i.cos(),
      o.sin() * w.cos() + o.cos() * w.sin() * i.cos(),
      -o.sin() * w.sin() + o.cos() * w.cos() * i.cos(),
      w.sin() * i.sin(),
      w.cos() * i.sin()
    };
  }
}
