package org.dualj.it.corpus;

import java.util.Arrays;
import org.dualj.annotations.Differentiable;

/**
 * A natural cubic spline through (knots[i], values[i]): second derivatives from the tridiagonal
 * system by the Thomas algorithm, the interval found by binary search with
 * {@code Arrays.binarySearch}, and the cubic evaluated on it. Differentiable in the evaluation
 * point and in the values at the knots.
 */
public final class CubicSpline {
  private CubicSpline() {}

  /**
   * The spline's value at x; x outside [knots[0], knots[n − 1]] is extrapolated by the end
   * cubics.
   *
   * @throws IllegalArgumentException if fewer than three knots are given, lengths differ or knots
   *     do not increase
   */
  @Differentiable(wrt = {"values", "x"})
  public static double evaluate(double[] knots, double[] values, double x) {
    int n = knots.length;
    if (n < 3 || values.length != n) {
      throw new IllegalArgumentException("need >= 3 knots and as many values: " + n + ", " + values.length);
    }
    for (int i = 1; i < n; i++) {
      if (!(knots[i] > knots[i - 1])) {
        throw new IllegalArgumentException("knots must increase: knots[" + i + "] = " + knots[i]);
      }
    }
    double[] second = secondDerivatives(knots, values);
    int index = Arrays.binarySearch(knots, x);
    int i = index >= 0 ? index : -index - 2;
    if (i < 0) {
      i = 0;
    } else if (i > n - 2) {
      i = n - 2;
    }
    double h = knots[i + 1] - knots[i];
    double a = (knots[i + 1] - x) / h;
    double b = (x - knots[i]) / h;
    return a * values[i] + b * values[i + 1]
        + ((a * a * a - a) * second[i] + (b * b * b - b) * second[i + 1]) * h * h / 6.0;
  }

  /** The spline's second derivatives at the knots, zero at both ends. */
  private static double[] secondDerivatives(double[] knots, double[] values) {
    int n = knots.length;
    double[] m = new double[n];
    double[] c = new double[n];
    double[] d = new double[n];
    for (int i = 1; i < n - 1; i++) {
      double hl = knots[i] - knots[i - 1];
      double hr = knots[i + 1] - knots[i];
      double diagonal = 2.0 * (hl + hr);
      double r = 6.0 * ((values[i + 1] - values[i]) / hr - (values[i] - values[i - 1]) / hl);
      double pivot = diagonal - hl * c[i - 1];
      c[i] = hr / pivot;
      d[i] = (r - hl * d[i - 1]) / pivot;
    }
    for (int i = n - 2; i >= 1; i--) {
      m[i] = d[i] - c[i] * m[i + 1];
    }
    return m;
  }
}
