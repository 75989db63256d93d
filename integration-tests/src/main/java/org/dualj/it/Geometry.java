package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Class B of the cross-class tests: called from {@link Kinematics}. */
public final class Geometry {
  private Geometry() {}

  @Differentiable
  public static double norm(double x, double y) {
    return Math.sqrt(x * x + y * y);
  }

  @Differentiable
  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A plain helper without derivatives; may only be called with inactive arguments. */
  public static double weight(int k) {
    return 1.0 / (k + 1);
  }
}
