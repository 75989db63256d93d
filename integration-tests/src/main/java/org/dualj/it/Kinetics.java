package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Right-hand sides of ordinary differential equations. */
public final class Kinetics {
  private Kinetics() {}

  /**
   * Robertson's stiff chemical kinetics: y1' = −k1 y1 + k3 y2 y3, y2' = k1 y1 − k3 y2 y3 − k2 y2²,
   * y3' = k2 y2² (classically k1 = 0.04, k2 = 3e7, k3 = 1e4). Every input active: columns (y[0],
   * y[1], y[2], k1, k2, k3).
   */
  @Differentiable
  public static double[] robertson(double[] y, double k1, double k2, double k3) {
    double r1 = k1 * y[0];
    double r2 = k2 * y[1] * y[1];
    double r3 = k3 * y[1] * y[2];
    double[] dy = new double[3];
    dy[0] = -r1 + r3;
    dy[1] = r1 - r3 - r2;
    dy[2] = r2;
    return dy;
  }

  /** The same right-hand side differentiated only with respect to the state: the 3×3 ODE Jacobian. */
  @Differentiable(wrt = {"y"})
  public static double[] robertsonState(double[] y, double k1, double k2, double k3) {
    return robertson(y, k1, k2, k3);
  }

  /** Lorenz: (σ (y − x), x (ρ − z) − y, x y − β z); columns (x, y, z, σ, ρ, β). */
  @Differentiable
  public static double[] lorenz(
      double x, double y, double z, double sigma, double rho, double beta) {
    return new double[] {sigma * (y - x), x * (rho - z) - y, x * y - beta * z};
  }
}
