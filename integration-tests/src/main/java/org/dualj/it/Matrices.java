package org.dualj.it;

import org.dualj.annotations.Differentiable;

/**
 * Models over {@code double[][]}: weight matrices as data, and matrices built inside the method
 * (a Jacobian, normal equations solved by Gaussian elimination with row swaps, ragged layers of
 * activations).
 */
public final class Matrices {
  private Matrices() {}

  /**
   * A two-layer perceptron: tanh hidden units, sigmoid outputs, their sum. The weights are
   * {@code double[][]} (row i holds the weights into unit i); the activations of each layer are a
   * row of a ragged local matrix.
   */
  @Differentiable
  public static double mlp(double[] x, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    double[][] layers = new double[3][];
    layers[0] = x.clone();
    layers[1] = new double[w1.length];
    for (int i = 0; i < w1.length; i++) {
      double z = b1[i];
      double[] row = w1[i];
      for (int j = 0; j < row.length; j++) {
        z += row[j] * layers[0][j];
      }
      layers[1][i] = Math.tanh(z);
    }
    layers[2] = new double[w2.length];
    for (int k = 0; k < w2.length; k++) {
      double u = b2[k];
      for (int i = 0; i < w2[k].length; i++) {
        u += w2[k][i] * layers[1][i];
      }
      layers[2][k] = 1.0 / (1.0 + Math.exp(-u));
    }
    double s = 0;
    for (double o : layers[2]) {
      s += o;
    }
    return s;
  }

  /**
   * The same perceptron differentiated with respect to its weight matrices (gradient columns: the
   * elements of w1 row by row, then those of w2), as in training.
   */
  @Differentiable(wrt = {"w1", "w2"}, chunk = 5)
  public static double mlpWeights(double[] x, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    double[] hidden = new double[w1.length];
    int i = 0;
    for (double[] row : w1) {
      double z = b1[i];
      for (int j = 0; j < row.length; j++) {
        z += row[j] * x[j];
      }
      hidden[i++] = Math.tanh(z);
    }
    double s = 0;
    for (int k = 0; k < w2.length; k++) {
      double u = b2[k];
      double[] weights = w2[k].clone();
      for (int h = 0; h < weights.length; h++) {
        u += weights[h] * hidden[h];
      }
      s += 1.0 / (1.0 + Math.exp(-u));
    }
    return s;
  }

  /** rᵢ = sin(Σⱼ aᵢⱼ·xⱼ²) over a ragged matrix, with respect to a and x. */
  @Differentiable(wrt = {"a", "x"}, chunk = 4)
  public static double[] ragged(double[][] a, double[] x) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < a[i].length; j++) {
        s += a[i][j] * x[j] * x[j];
      }
      r[i] = Math.sin(s);
    }
    return r;
  }

  /** Σ rᵢ² of {@link #ragged} at a matrix built from x: an active matrix passed to a callee. */
  @Differentiable
  public static double raggedNorm(double[] x) {
    double[][] a = {{x[0], 1.0, x[1]}, {x[1] * x[0]}, {0.5, x[2]}};
    double[] r = ragged(a, x);
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s;
  }

  /** The same perceptron with respect to its inputs only, with second derivatives. */
  @Differentiable(wrt = "x", order = 2)
  public static double mlpInputs(double[] x, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    double[][] hidden = new double[1][w1.length];
    for (int i = 0; i < w1.length; i++) {
      double z = b1[i];
      for (int j = 0; j < x.length; j++) {
        z += w1[i][j] * x[j];
      }
      hidden[0][i] = Math.tanh(z);
    }
    double s = 0;
    for (int k = 0; k < w2.length; k++) {
      double u = b2[k];
      double[] h = hidden[0];
      for (int i = 0; i < h.length; i++) {
        u += w2[k][i] * h[i];
      }
      s += 1.0 / (1.0 + Math.exp(-u));
    }
    return s;
  }

  /**
   * One Gauss–Newton step for the model {@code y ≈ p[0]·exp(p[1]·t) + p[2]}: the residual Jacobian
   * as a {@code double[][]}, the normal equations JᵀJ·d = −Jᵀr as another, solved by Gaussian
   * elimination with partial pivoting (rows swapped through row aliases).
   */
  @Differentiable(wrt = "p")
  public static double[] gaussNewtonStep(double[] p, double[] t, double[] y) {
    int m = t.length;
    int n = p.length;
    double[][] jac = new double[m][n];
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      double e = Math.exp(p[1] * t[i]);
      r[i] = p[0] * e + p[2] - y[i];
      double[] row = jac[i];
      row[0] = e;
      row[1] = p[0] * t[i] * e;
      row[2] = 1.0;
    }
    double[][] a = new double[n][n + 1];
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += jac[i][j] * jac[i][k];
        }
        a[j][k] = s;
      }
      double g = 0;
      int i = 0;
      for (double[] row : jac) {
        g -= row[j] * r[i++];
      }
      a[j][n] = g;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int i = c + 1; i < n; i++) {
        if (Math.abs(a[i][c]) > Math.abs(a[pivot][c])) {
          pivot = i;
        }
      }
      double[] swap = a[c];
      a[c] = a[pivot];
      a[pivot] = swap;
      for (int i = c + 1; i < n; i++) {
        double f = a[i][c] / a[c][c];
        for (int k = c; k <= n; k++) {
          a[i][k] -= f * a[c][k];
        }
      }
    }
    double[] d = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = a[i][n];
      for (int k = i + 1; k < n; k++) {
        s -= a[i][k] * d[k];
      }
      d[i] = s / a[i][i];
    }
    double[] next = p.clone();
    for (int i = 0; i < n; i++) {
      next[i] += d[i];
    }
    return next;
  }
}
