package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Coordinate maps between polar/spherical and Cartesian coordinates. */
public final class Coordinates {
  private Coordinates() {}

  /** (r, θ) → (r cos θ, r sin θ). */
  @Differentiable
  public static double[] polar(double r, double theta) {
    return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
  }

  /** (r, θ polar angle, φ azimuth) → (r sin θ cos φ, r sin θ sin φ, r cos θ). */
  @Differentiable
  public static double[] spherical(double r, double theta, double phi) {
    double s = r * Math.sin(theta);
    return new double[] {s * Math.cos(phi), s * Math.sin(phi), r * Math.cos(theta)};
  }

  /** The inverse of {@link #spherical}: (x, y, z) → (r, acos(z / r), atan2(y, x)). */
  @Differentiable
  public static double[] toSpherical(double[] p) {
    double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    double[] out = new double[3];
    out[0] = r;
    out[1] = Math.acos(p[2] / r);
    out[2] = Math.atan2(p[1], p[0]);
    return out;
  }
}
