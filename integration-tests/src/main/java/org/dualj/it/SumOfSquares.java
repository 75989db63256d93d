package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** f(x) = Σ xᵢ², written with an indexed loop and with an enhanced for. */
public final class SumOfSquares {
  private SumOfSquares() {}

  @Differentiable
  public static double sumOfSquares(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  @Differentiable
  public static double sumOfSquaresEnhancedFor(double[] x) {
    double s = 0.0;
    for (double xi : x) {
      s = s + xi * xi;
    }
    return s;
  }
}
