package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * One damped Gauss–Newton (Levenberg–Marquardt) step for the model y = a·e^{−k t} + c, written as
 * least-squares code is: residuals and a {@code double[][]} Jacobian filled row by row, the
 * normal equations JᵀJ + λ·diag(JᵀJ), a Cholesky factorisation in place, two triangular solves,
 * and the new parameters built from a copy of the old.
 */
public final class GaussNewton {
  private GaussNewton() {}

  /**
   * The parameters after one step from params = {a, k, c} fitting (t, y).
   *
   * @throws IllegalArgumentException if t and y differ in length or are too short
   * @throws ArithmeticException if the normal matrix is not positive definite
   */
  @Differentiable(wrt = "params")
  public static double[] step(double[] params, double[] t, double[] y, double lambda) {
    int m = t.length;
    int n = params.length;
    if (y.length != m) {
      throw new IllegalArgumentException("t has " + m + " points, y has " + y.length);
    }
    if (m < n) {
      throw new IllegalArgumentException(m + " points cannot fit " + n + " parameters");
    }
    double[] residuals = new double[m];
    double[][] jacobian = new double[m][n];
    for (int i = 0; i < m; i++) {
      double decay = Math.exp(-params[1] * t[i]);
      residuals[i] = y[i] - (params[0] * decay + params[2]);
      double[] row = jacobian[i];
      row[0] = decay;
      row[1] = -params[0] * t[i] * decay;
      row[2] = 1.0;
    }
    double[][] normal = new double[n][n];
    double[] rhs = new double[n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        rhs[j] += jacobian[i][j] * residuals[i];
        for (int k = 0; k <= j; k++) {
          normal[j][k] += jacobian[i][j] * jacobian[i][k];
        }
      }
    }
    for (int j = 0; j < n; j++) {
      normal[j][j] *= 1.0 + lambda;
      for (int k = 0; k < j; k++) {
        normal[k][j] = normal[j][k];
      }
    }
    // Cholesky factor L in the lower triangle of normal
    for (int j = 0; j < n; j++) {
      double diagonal = normal[j][j];
      for (int k = 0; k < j; k++) {
        diagonal -= normal[j][k] * normal[j][k];
      }
      if (diagonal <= 0.0) {
        throw new ArithmeticException("normal matrix not positive definite at column " + j);
      }
      normal[j][j] = Math.sqrt(diagonal);
      for (int i = j + 1; i < n; i++) {
        double s = normal[i][j];
        for (int k = 0; k < j; k++) {
          s -= normal[i][k] * normal[j][k];
        }
        normal[i][j] = s / normal[j][j];
      }
    }
    // L z = rhs, then Lᵀ delta = z, both in rhs
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < i; k++) {
        rhs[i] -= normal[i][k] * rhs[k];
      }
      rhs[i] /= normal[i][i];
    }
    for (int i = n - 1; i >= 0; i--) {
      for (int k = i + 1; k < n; k++) {
        rhs[i] -= normal[k][i] * rhs[k];
      }
      rhs[i] /= normal[i][i];
    }
    double[] next = new double[n];
    System.arraycopy(params, 0, next, 0, n);
    for (int j = 0; j < n; j++) {
      next[j] += rhs[j];
    }
    return next;
  }

  /** Half the sum of squared residuals, the objective the steps decrease. */
  @Differentiable(wrt = "params", order = 2)
  public static double cost(double[] params, double[] t, double[] y) {
    double sum = 0.0;
    for (int i = 0; i < t.length; i++) {
      double r = y[i] - (params[0] * Math.exp(-params[1] * t[i]) + params[2]);
      sum += r * r;
    }
    return 0.5 * sum;
  }
}
