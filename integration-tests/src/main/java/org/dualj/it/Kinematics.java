package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Class A of the cross-class tests: calls @Differentiable methods of {@link Geometry}. */
public final class Kinematics {
  private Kinematics() {}

  /** Distance from the origin of the spiral (t cos t, t sin t) + offset. */
  @Differentiable
  public static double spiralDistance(double t) {
    double x = t * Math.cos(t);
    double y = t * Math.sin(t);
    return Geometry.norm(x + 1.0, y - 0.5);
  }

  /** A @Differentiable callee with one active and one constant argument. */
  @Differentiable
  public static double distanceToLine(double x) {
    return Geometry.norm(x, 3.0) - 3.0;
  }

  /** Cross-class call with array arguments built locally. */
  @Differentiable
  public static double projection(double a, double b) {
    double[] u = {a, b, a * b};
    double[] v = new double[] {Math.cos(a), Math.sin(b), 2.0};
    return Geometry.dot(u, v);
  }

  /** Calls whose arguments are all inactive: a plain helper and Math with int arguments. */
  @Differentiable
  public static double weightedPolynomial(double x, int n) {
    double s = 0.0;
    for (int k = 0; k <= n; k++) {
      double w = Geometry.weight(k);
      double scale = Math.pow(2.0, k);
      s += w * scale * Recursion.powRec(x, k);
    }
    return s;
  }
}
