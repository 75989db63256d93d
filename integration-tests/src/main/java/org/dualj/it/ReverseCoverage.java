package org.dualj.it;

import java.util.Arrays;
import org.dualj.annotations.Differentiable;

/**
 * Code that reverse mode takes since it handles the JDK's array calls and {@code double[][]}:
 * buffers shifted in place both ways, filled and copied over inside loops (each overwrite undone
 * in the reverse sweep), copies chosen by a condition, matrices built, reassigned and their rows
 * swapped in loops, matrices differentiated as parameters, and callees taking matrices and
 * returning arrays.
 */
public final class ReverseCoverage {
  private ReverseCoverage() {}

  static final double[] TABLE = {0.5, -1.5, 2.0};
  static final double[][] DATA = {{1.0, -0.5, 0.25}, {0.75, 2.0}, {-1.0}};

  /**
   * A buffer shifted left and right in place by overlapping copies, with products of its
   * elements taken after each shift, so the reverse sweep needs every overwritten element back.
   */
  @Differentiable
  public static double shiftBothWays(double[] x) {
    int n = x.length;
    double[] buf = Arrays.copyOf(x, n + 2);
    double s = 0;
    for (int k = 0; k < 3; k++) {
      System.arraycopy(buf, 0, buf, 1, n + 1);
      buf[0] = Math.sin(buf[1]) * x[k % n];
      s += buf[0] * buf[n] + buf[1] * buf[1];
      System.arraycopy(buf, 2, buf, 0, n);
      s += buf[0] * buf[n - 1] * buf[n + 1];
    }
    return s;
  }

  /**
   * Ranged fills with active values, a copy from a constant table over active elements, padding
   * and slicing; the fill's value is read back after the buffer changed.
   */
  @Differentiable
  public static double fillsAndSlices(double[] x) {
    double[] w = new double[x.length + 3];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      Arrays.fill(w, i, i + 3, x[i] * x[i]);
      s += w[i] * Math.cos(w[i + 1] + x[i]);
      System.arraycopy(TABLE, 0, w, i + 1, 2);
      s += w[i + 1] * w[i];
    }
    Arrays.fill(w, s * 0.1);
    double[] mid = Arrays.copyOfRange(w, 1, w.length + 1);
    double[] head = Arrays.copyOf(x, 2);
    return s + mid[0] * head[1] + mid[mid.length - 1] * head[0];
  }

  /** Copies whose source is an alias chosen by a condition on the values. */
  @Differentiable
  public static double chosenSource(double[] x) {
    double[] a = {x[0] * x[1], x[2]};
    double[] b = {Math.exp(x[1]), x[0] - x[2]};
    double[] out = new double[4];
    for (int i = 0; i < 2; i++) {
      double[] src = x[i] > 0 ? a : b;
      System.arraycopy(src, 0, out, 2 * i, 2);
      a[0] = a[0] * out[2 * i + 1];
    }
    double[] c = (x[0] > x[1] ? a : b).clone();
    return out[0] * out[3] + out[1] * out[2] + c[0] * c[1];
  }

  /**
   * A matrix reassigned on every trip of a loop, its rows swapped through aliases, summed over
   * rows with an enhanced for, and a row copied out of it with {@code System.arraycopy}.
   */
  @Differentiable
  public static double matrixInLoop(double[] x) {
    int n = x.length;
    double[][] m = new double[n][n];
    double s = 0;
    double[] last = new double[n];
    for (int k = 0; k < 3; k++) {
      m = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          m[i][j] = Math.sin(x[i] * (j + 1)) + k * x[j];
        }
      }
      double[] t = m[0];
      m[0] = m[n - 1];
      m[n - 1] = t;
      m[k % n][0] = m[k % n][0] * m[0][1];
      for (double[] row : m) {
        s += row[0] * row[n - 1];
      }
      System.arraycopy(m[1], 0, last, 0, n);
    }
    return s + last[0] * last[n - 1];
  }

  /**
   * Σᵢ (Σⱼ aᵢⱼ·xⱼ)² + Σᵢ aᵢ₀·cos(aᵢ₀) over a ragged matrix, with respect to both the matrix and x:
   * rows read through aliases and a clone.
   */
  @Differentiable(wrt = {"a", "x"})
  public static double quadratic(double[][] a, double[] x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double[] row = a[i];
      double u = 0;
      for (int j = 0; j < row.length; j++) {
        u += row[j] * x[j];
      }
      s += u * u;
    }
    for (double[] row : a) {
      double[] copy = row.clone();
      s += copy[0] * Math.cos(copy[0]);
    }
    return s;
  }

  static int slot(int k, int n) {
    return (2 * k + 1) % n;
  }

  /**
   * Elements written at indices computed by a call, and JDK calls that only read the buffer (in
   * conditions).
   */
  @Differentiable
  public static double indexedByCalls(double[] x) {
    int n = x.length;
    double[] w = new double[n];
    double s = 0;
    for (int k = 0; k < 2 * n; k++) {
      w[slot(k, n)] = w[slot(k + 1, n)] * x[k % n] + Math.sin(x[(k + 1) % n]);
      if (Arrays.stream(w).max().getAsDouble() > 50) {
        s -= 0.5 * w[slot(k, n)];
      }
      s += w[0] * w[n - 1];
    }
    return Arrays.toString(w).isEmpty() ? 0 : s;
  }

  /** {@link #quadratic} of a constant matrix and of a matrix built from x. */
  @Differentiable
  public static double quadraticOfData(double[] x) {
    double[][] built = {{x[0], x[1] * x[2]}, {x[2]}, DATA[0].clone()};
    return quadratic(DATA, x) + quadratic(built, x);
  }

  /** Σ sin(yᵢ) of y = {@link Matrices#ragged}(a, x): a callee returning an array, with a matrix. */
  @Differentiable(wrt = {"a", "x"})
  public static double raggedSines(double[][] a, double[] x) {
    double[] r = Matrices.ragged(a, x);
    double s = 0;
    for (double v : r) {
      s += Math.sin(v) * v;
    }
    return s;
  }
}
