package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Calls of a varargs @Differentiable method, listed and as an array. */
public final class Varargs {
  private Varargs() {}

  @Differentiable
  public static double sumOfSquares(double... xs) {
    double s = 0;
    for (double v : xs) {
      s += v * v;
    }
    return s;
  }

  @Differentiable
  public static double weighted(int scale, double... xs) {
    return scale * sumOfSquares(xs);
  }

  /** sumOfSquares(x, 2x) = 5x². */
  @Differentiable
  public static double listed(double x) {
    return sumOfSquares(x, 2 * x);
  }

  /** sumOfSquares(x) = x². */
  @Differentiable
  public static double single(double x) {
    return sumOfSquares(x);
  }

  /** weighted(3, x, x, 1) = 3(2x² + 1). */
  @Differentiable
  public static double afterFixed(double x) {
    return weighted(3, x, x, 1.0);
  }

  /** sumOfSquares(new double[] {x, 3}) = x² + 9. */
  @Differentiable
  public static double asArray(double x) {
    return sumOfSquares(new double[] {x, 3.0});
  }
}
