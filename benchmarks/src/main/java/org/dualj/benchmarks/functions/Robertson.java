package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/**
 * Robertson's stiff chemical kinetics, the right-hand side y' = f(y):
 * y1' = −k1 y1 + k3 y2 y3, y2' = k1 y1 − k3 y2 y3 − k2 y2², y3' = k2 y2². The 3 × 3 Jacobian is
 * with respect to the state y (the rate constants are data), as a stiff solver needs it.
 */
public final class Robertson {
  private Robertson() {}

  @Differentiable(wrt = "y")
  public static double[] f(double[] y, double k1, double k2, double k3) {
    double r1 = k1 * y[0];
    double r2 = k2 * y[1] * y[1];
    double r3 = k3 * y[1] * y[2];
    double[] dy = new double[3];
    dy[0] = -r1 + r3;
    dy[1] = r1 - r3 - r2;
    dy[2] = r2;
    return dy;
  }

  @Differentiable(wrt = "y", chunk = 1)
  public static double[] fChunk1(double[] y, double k1, double k2, double k3) {
    double r1 = k1 * y[0];
    double r2 = k2 * y[1] * y[1];
    double r3 = k3 * y[1] * y[2];
    double[] dy = new double[3];
    dy[0] = -r1 + r3;
    dy[1] = r1 - r3 - r2;
    dy[2] = r2;
    return dy;
  }

  /** {@link #f} over Hipparchus field elements. */
  public static <T extends CalculusFieldElement<T>> T[] fT(T[] y, double k1, double k2, double k3) {
    T r1 = y[0].multiply(k1);
    T r2 = y[1].multiply(k2).multiply(y[1]);
    T r3 = y[1].multiply(k3).multiply(y[2]);
    T[] dy = org.hipparchus.util.MathArrays.buildArray(y[0].getField(), 3);
    dy[0] = r3.subtract(r1);
    dy[1] = r1.subtract(r3).subtract(r2);
    dy[2] = r2;
    return dy;
  }
}
