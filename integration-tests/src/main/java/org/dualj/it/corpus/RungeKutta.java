package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * A classical fourth-order Runge–Kutta integrator over {@code double[]} state, written as ODE
 * code is: the right-hand side fills an output array, the stages live in work arrays allocated
 * once, the state is copied with {@code System.arraycopy}.
 */
public final class RungeKutta {
  private RungeKutta() {}

  /**
   * The Lorenz system's right-hand side at y = (x, y, z) with parameters (σ, ρ, β), written into
   * yDot.
   */
  @Differentiable
  public static void lorenz(double[] y, double[] p, double[] yDot) {
    yDot[0] = p[0] * (y[1] - y[0]);
    yDot[1] = y[0] * (p[1] - y[2]) - y[1];
    yDot[2] = y[0] * y[1] - p[2] * y[2];
  }

  /**
   * Integrates the Lorenz system from y0 over steps steps of size h; y0 is left unchanged.
   *
   * @throws IllegalArgumentException if the state does not have three components or steps &lt; 0
   */
  @Differentiable(wrt = {"y0", "p"})
  public static double[] integrate(double[] y0, double[] p, double h, int steps) {
    if (y0.length != 3 || p.length != 3) {
      throw new IllegalArgumentException("the Lorenz system has 3 states and 3 parameters");
    }
    if (steps < 0) {
      throw new IllegalArgumentException("negative number of steps: " + steps);
    }
    int n = y0.length;
    double[] y = new double[n];
    System.arraycopy(y0, 0, y, 0, n);
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] stage = new double[n];
    for (int step = 0; step < steps; step++) {
      lorenz(y, p, k1);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + 0.5 * h * k1[i];
      }
      lorenz(stage, p, k2);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + 0.5 * h * k2[i];
      }
      lorenz(stage, p, k3);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + h * k3[i];
      }
      lorenz(stage, p, k4);
      for (int i = 0; i < n; i++) {
        y[i] += h / 6.0 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
      }
    }
    return y;
  }

  /**
   * One step of size h in place: state is overwritten with the new state, as an integrator's
   * inner loop does; returns the step's local error estimate ‖k1 − k4‖∞ · h.
   */
  @Differentiable(wrt = "state")
  public static double stepInPlace(double[] state, double[] p, double h) {
    double[] k1 = new double[3];
    lorenz(state, p, k1);
    double[] mid = state.clone();
    for (int i = 0; i < 3; i++) {
      mid[i] += h * k1[i];
    }
    double[] k2 = new double[3];
    lorenz(mid, p, k2);
    double error = 0.0;
    for (int i = 0; i < 3; i++) {
      error = Math.max(error, Math.abs(k1[i] - k2[i]) * h);
      state[i] += 0.5 * h * (k1[i] + k2[i]);
    }
    return error;
  }
}
