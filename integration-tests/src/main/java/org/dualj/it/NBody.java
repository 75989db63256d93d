package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * The right-hand side of a softened n-body problem over a {@code double[][]} state, written as an
 * ODE library's user writes it (rows as aliases, {@code System.arraycopy}, an argument check that
 * throws), and its potential energy. The accelerations' Jacobian with respect to the positions is
 * what an implicit integrator needs; the energy's gradient is minus the forces, m_i·a_i, which the
 * tests use as an independent check of both.
 */
public final class NBody {
  /** Plummer softening ε², so that close encounters stay finite. */
  private static final double SOFTENING = 1.0e-3;

  private NBody() {}

  /**
   * The accelerations, flattened row-major: a[i·dim + k] = Σ_{j≠i} m_j (q_j − q_i)_k / r_ij³ with
   * r_ij² = |q_j − q_i|² + ε².
   *
   * @param positions q, one row per body (all rows of the same length)
   * @param masses m, one per body
   */
  @Differentiable(wrt = {"positions", "masses"})
  public static double[] accelerations(double[][] positions, double[] masses) {
    int n = positions.length;
    if (masses.length != n) {
      throw new IllegalArgumentException(masses.length + " masses for " + n + " bodies");
    }
    int dim = positions[0].length;
    double[] acc = new double[n * dim];
    double[] delta = new double[dim];
    for (int i = 0; i < n; i++) {
      double[] qi = positions[i];
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double[] qj = positions[j];
        double r2 = SOFTENING;
        for (int k = 0; k < dim; k++) {
          delta[k] = qj[k] - qi[k];
          r2 += delta[k] * delta[k];
        }
        double scale = masses[j] / (r2 * FastMath.sqrt(r2));
        for (int k = 0; k < dim; k++) {
          acc[i * dim + k] += scale * delta[k];
        }
      }
    }
    return acc;
  }

  /** U = −Σ_{i<j} m_i m_j / r_ij, with the same softening. */
  @Differentiable(wrt = {"positions", "masses"})
  public static double potential(double[][] positions, double[] masses) {
    int n = positions.length;
    double u = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r2 = SOFTENING;
        for (int k = 0; k < positions[i].length; k++) {
          double d = positions[j][k] - positions[i][k];
          r2 += d * d;
        }
        u -= masses[i] * masses[j] / FastMath.sqrt(r2);
      }
    }
    return u;
  }

  /**
   * One explicit Euler step of the first-order system (q, v)' = (v, a(q)), returned as the new
   * state {q', v'} flattened row-major: the positions' block copied with {@code arraycopy} first.
   */
  @Differentiable(wrt = {"positions", "velocities"})
  public static double[] eulerStep(
      double[][] positions, double[][] velocities, double[] masses, double h) {
    int n = positions.length;
    int dim = positions[0].length;
    double[] acc = accelerations(positions, masses);
    double[] next = new double[2 * n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(positions[i], 0, next, i * dim, dim);
      System.arraycopy(velocities[i], 0, next, (n + i) * dim, dim);
    }
    for (int i = 0; i < n * dim; i++) {
      int body = i / dim;
      int k = i % dim;
      next[i] += h * velocities[body][k];
      next[n * dim + i] += h * acc[i];
    }
    return next;
  }
}
