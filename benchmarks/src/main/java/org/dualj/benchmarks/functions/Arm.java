package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/**
 * Planar n-link arm: relative joint angles q and link lengths l to the end-effector position
 * (x, y); the 2 × n Jacobian is with respect to the angles (the lengths are data).
 */
public final class Arm {
  private Arm() {}

  @Differentiable(wrt = "q")
  public static double[] f(double[] q, double[] l) {
    double angle = 0.0;
    double x = 0.0;
    double y = 0.0;
    for (int i = 0; i < q.length; i++) {
      angle += q[i];
      x += l[i] * Math.cos(angle);
      y += l[i] * Math.sin(angle);
    }
    return new double[] {x, y};
  }

  @Differentiable(wrt = "q", chunk = 1)
  public static double[] fChunk1(double[] q, double[] l) {
    double angle = 0.0;
    double x = 0.0;
    double y = 0.0;
    for (int i = 0; i < q.length; i++) {
      angle += q[i];
      x += l[i] * Math.cos(angle);
      y += l[i] * Math.sin(angle);
    }
    return new double[] {x, y};
  }

  @Differentiable(wrt = "q", chunk = 4)
  public static double[] fChunk4(double[] q, double[] l) {
    double angle = 0.0;
    double x = 0.0;
    double y = 0.0;
    for (int i = 0; i < q.length; i++) {
      angle += q[i];
      x += l[i] * Math.cos(angle);
      y += l[i] * Math.sin(angle);
    }
    return new double[] {x, y};
  }

  /** {@link #f} over Hipparchus field elements (angles active, lengths constant). */
  public static <T extends CalculusFieldElement<T>> T[] fT(T[] q, double[] l) {
    T angle = q[0].getField().getZero();
    T x = angle;
    T y = angle;
    for (int i = 0; i < q.length; i++) {
      angle = angle.add(q[i]);
      x = x.add(angle.cos().multiply(l[i]));
      y = y.add(angle.sin().multiply(l[i]));
    }
    T[] out = org.hipparchus.util.MathArrays.buildArray(q[0].getField(), 2);
    out[0] = x;
    out[1] = y;
    return out;
  }
}
