package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * The Fisher–KPP reaction–diffusion equation u_t = D Δu + r u(1 − u) on a rectangular grid by the
 * method of lines, over {@code double[][]} state (rows are grid lines), with zero Dirichlet
 * values outside the grid: the right-hand side an ODE integrator calls, explicit Euler steps that
 * clone rows, and the discrete energy such solvers monitor.
 */
public final class ReactionDiffusion {
  private ReactionDiffusion() {}

  /**
   * du/dt at every grid point, row by row (u[i][j] at i·n + j).
   *
   * @throws IllegalArgumentException if the grid is empty or ragged
   */
  @Differentiable(wrt = "u")
  public static double[] rightHandSide(double[][] u, double diffusivity, double rate, double spacing) {
    int m = u.length;
    if (m == 0 || u[0].length == 0) {
      throw new IllegalArgumentException("empty grid");
    }
    int n = u[0].length;
    for (int i = 1; i < m; i++) {
      if (u[i].length != n) {
        throw new IllegalArgumentException("ragged grid: row " + i + " has " + u[i].length + " points, not " + n);
      }
    }
    double scale = diffusivity / (spacing * spacing);
    double[] dudt = new double[m * n];
    for (int i = 0; i < m; i++) {
      double[] row = u[i];
      double[] above = i > 0 ? u[i - 1] : null;
      double[] below = i + 1 < m ? u[i + 1] : null;
      for (int j = 0; j < n; j++) {
        double c = row[j];
        double sum = -4.0 * c;
        sum += j > 0 ? row[j - 1] : 0.0;
        sum += j + 1 < n ? row[j + 1] : 0.0;
        if (above != null) {
          sum += above[j];
        }
        if (below != null) {
          sum += below[j];
        }
        dudt[i * n + j] = scale * sum + rate * c * (1.0 - c);
      }
    }
    return dudt;
  }

  /**
   * The discrete energy ½Σ|∇u|² h² − r Σ(u²/2 − u³/3) h² after the given number of explicit Euler
   * steps of size dt from u (which is left unchanged).
   */
  @Differentiable(wrt = "u")
  public static double energyAfter(double[][] u, double diffusivity, double rate, double spacing, double dt, int steps) {
    int m = u.length;
    int n = u[0].length;
    double[][] state = new double[m][];
    for (int i = 0; i < m; i++) {
      state[i] = u[i].clone();
    }
    for (int s = 0; s < steps; s++) {
      double[] rates = rightHandSide(state, diffusivity, rate, spacing);
      for (int i = 0; i < m; i++) {
        double[] row = state[i];
        for (int j = 0; j < n; j++) {
          row[j] += dt * rates[i * n + j];
        }
      }
    }
    double energy = 0.0;
    double area = spacing * spacing;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double c = state[i][j];
        double right = j + 1 < n ? state[i][j + 1] : 0.0;
        double down = i + 1 < m ? state[i + 1][j] : 0.0;
        double gx = (right - c) / spacing;
        double gy = (down - c) / spacing;
        energy += 0.5 * diffusivity * (gx * gx + gy * gy) * area - rate * (0.5 * c * c - c * c * c / 3.0) * area;
      }
    }
    return energy;
  }
}
