package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * Rotations by unit quaternions q = (w, x, y, z) as a geometry library writes them: the
 * quaternion is normalised first (and rejected when it is zero), the vector rotated by
 * v' = v + 2w(u × v) + 2u × (u × v), u = (x, y, z); and the rotation angle between two
 * quaternions by a numerically safe {@code atan2}.
 */
public final class Rotations {
  private static final double NORM_EPSILON = 1e-300;

  private Rotations() {}

  /**
   * The vector v rotated by the quaternion q (not necessarily of unit norm).
   *
   * @throws IllegalArgumentException if q is zero or the arrays have the wrong lengths
   */
  @Differentiable
  public static double[] rotate(double[] q, double[] v) {
    if (q.length != 4 || v.length != 3) {
      throw new IllegalArgumentException("quaternion of 4 and vector of 3 expected");
    }
    double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (norm < NORM_EPSILON) {
      throw new IllegalArgumentException("zero quaternion cannot rotate");
    }
    double w = q[0] / norm;
    double[] u = {q[1] / norm, q[2] / norm, q[3] / norm};
    double[] t = cross(u, v);
    for (int i = 0; i < 3; i++) {
      t[i] *= 2.0;
    }
    double[] ut = cross(u, t);
    double[] result = new double[3];
    for (int i = 0; i < 3; i++) {
      result[i] = v[i] + w * t[i] + ut[i];
    }
    return result;
  }

  /** The angle in [0, π] of the rotation taking p to q: 2·atan2(|vec(p*q)|, |scalar(p*q)|). */
  @Differentiable
  public static double angleBetween(double[] p, double[] q) {
    double dot = p[0] * q[0] + p[1] * q[1] + p[2] * q[2] + p[3] * q[3];
    double[] pv = {p[1], p[2], p[3]};
    double[] qv = {q[1], q[2], q[3]};
    double[] c = cross(pv, qv);
    double sx = p[0] * q[1] - q[0] * p[1] - c[0];
    double sy = p[0] * q[2] - q[0] * p[2] - c[1];
    double sz = p[0] * q[3] - q[0] * p[3] - c[2];
    return 2.0 * Math.atan2(Math.sqrt(sx * sx + sy * sy + sz * sz), Math.abs(dot));
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  /**
   * The vector v rotated by the rotation vector w (axis times angle), by Rodrigues' formula
   * v cos θ + (k × v) sin θ + k (k·v)(1 − cos θ), written with the usual guard of its removable
   * singularity at θ = 0.
   */
  @Differentiable(wrt = "w")
  public static double[] rotateByVector(double[] w, double[] v) {
    double theta = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    double a;
    double b;
    if (theta < 1e-8) {
      a = 1.0;
      b = 0.5;
    } else {
      a = Math.sin(theta) / theta;
      b = (1.0 - Math.cos(theta)) / (theta * theta);
    }
    double[] c = cross(w, v);
    double[] cc = cross(w, c);
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = v[i] + a * c[i] + b * cc[i];
    }
    return out;
  }

  /**
   * The x component of {@link #rotateByVector}, written out as a scalar function of w (what a
   * least-squares residual over rotation vectors computes).
   */
  @Differentiable(wrt = "w")
  public static double rotatedX(double[] w, double[] v) {
    double theta = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    double a;
    double b;
    if (theta < 1e-8) {
      a = 1.0;
      b = 0.5;
    } else {
      a = Math.sin(theta) / theta;
      b = (1.0 - Math.cos(theta)) / (theta * theta);
    }
    double cx = w[1] * v[2] - w[2] * v[1];
    double cy = w[2] * v[0] - w[0] * v[2];
    double cz = w[0] * v[1] - w[1] * v[0];
    return v[0] + a * cx + b * (w[1] * cz - w[2] * cy);
  }
}
