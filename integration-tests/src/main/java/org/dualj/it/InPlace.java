package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Methods that write into their own double[] input. */
public final class InPlace {
  private InPlace() {}

  /** Σ xᵢ², squaring x in place. */
  @Differentiable
  public static double squareInPlace(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * x[i];
      s += x[i];
    }
    return s;
  }

  /** The same with one direction per pass. */
  @Differentiable(chunk = 1)
  public static double squareInPlaceChunk1(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * x[i];
      s += x[i];
    }
    return s;
  }

  /** sin applied in place, returned. */
  @Differentiable(chunk = 2)
  public static double[] sinInPlace(double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(x[i]);
    }
    return x;
  }
}
