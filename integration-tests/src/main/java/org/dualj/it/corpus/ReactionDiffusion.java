package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * The Fisher–KPP reaction–diffusion equation u_t = D Δu + r u(1 − u) on a rectangular grid by the
 * method of lines, over {@code double[][]} state (rows are grid lines), with zero Dirichlet
 * values outside the grid: the right-hand side an ODE integrator calls.
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
}
