package org.dualj.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dualj.annotations.Differentiable;

/**
 * Table interpolation and kernel smoothing written as library code is written: a private knot
 * table, a private argument check that throws, a private bisection returning the interval's
 * index, a private predicate used as a method reference, a comparator built from a lambda. Nothing
 * here is shaped for dualj.
 */
public final class Interpolation {
  private static final double[] KNOTS = {0.0, 0.5, 1.25, 2.0, 3.0, 4.5};
  private static final double[] VALUES = {1.0, 0.6, -0.2, 0.3, 1.1, 0.4};
  private static final double[] SLOPES = {-0.8, -1.1, 0.2, 0.9, 0.1, -0.6};
  private static final double WIDTH = 0.75;

  private Interpolation() {}

  private static void checkInRange(double x) {
    if (Double.isNaN(x) || x < KNOTS[0] || x > KNOTS[KNOTS.length - 1]) {
      throw new IllegalArgumentException(
          "x = " + x + " is outside [" + KNOTS[0] + ", " + KNOTS[KNOTS.length - 1] + "]");
    }
  }

  /** The k of the interval [KNOTS[k], KNOTS[k + 1]] that holds x, by bisection. */
  private static int findInterval(double x) {
    int lo = 0;
    int hi = KNOTS.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (KNOTS[mid] <= x) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean isOutlier(double[] sample) {
    return Math.abs(sample[1]) > 100;
  }

  /** Cubic Hermite interpolation through the table's values and slopes. */
  @Differentiable(order = 2)
  public static double hermite(double x) {
    checkInRange(x);
    int k = findInterval(x);
    double h = KNOTS[k + 1] - KNOTS[k];
    double t = (x - KNOTS[k]) / h;
    double t2 = t * t;
    double t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * VALUES[k]
        + (t3 - 2 * t2 + t) * h * SLOPES[k]
        + (-2 * t3 + 3 * t2) * VALUES[k + 1]
        + (t3 - t2) * h * SLOPES[k + 1];
  }

  /**
   * A Gaussian-kernel mean of the samples' values ({x_i, y_i} pairs) at x, outliers left out; the
   * samples are visited in the order of their abscissae.
   */
  @Differentiable(wrt = "x")
  public static double smoothedMean(double x, List<double[]> samples) {
    checkInRange(x);
    List<double[]> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingDouble(s -> s[0]));
    sorted.removeIf(Interpolation::isOutlier);
    double num = 0;
    double den = 0;
    for (double[] s : sorted) {
      double u = (x - s[0]) / WIDTH;
      double w = Math.exp(-0.5 * u * u);
      num += w * s[1];
      den += w;
    }
    return num / den;
  }
}
