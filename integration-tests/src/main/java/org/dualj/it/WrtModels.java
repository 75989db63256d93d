package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Models differentiated with respect to a subset of their parameters. */
public final class WrtModels {
  private WrtModels() {}

  /** f(a, b, c, d) = a² b + sin(a c) + b d³ + exp(c d), differentiated in a and b only. */
  @Differentiable(wrt = {"a", "b"})
  public static double partial(double a, double b, double c, double d) {
    return a * a * b + Math.sin(a * c) + b * d * d * d + Math.exp(c * d);
  }

  /** The same function in all four parameters, for comparison. */
  @Differentiable
  public static double full(double a, double b, double c, double d) {
    return a * a * b + Math.sin(a * c) + b * d * d * d + Math.exp(c * d);
  }

  /** wrt named out of declaration order: the columns still follow the declaration, (b, d). */
  @Differentiable(wrt = {"d", "b"})
  public static double partialReordered(double a, double b, double c, double d) {
    return a * a * b + Math.sin(a * c) + b * d * d * d + Math.exp(c * d);
  }

  /**
   * A vector result with a double[] and a scalar among the active parameters and a double[] and a
   * scalar left out: (w·x + bias·scale, Σ wᵢ² x_i / scale); wrt (w, scale).
   */
  @Differentiable(wrt = {"w", "scale"})
  public static double[] mixed(double[] w, double[] x, double bias, double scale) {
    double dot = 0.0;
    double q = 0.0;
    for (int i = 0; i < w.length; i++) {
      dot += w[i] * x[i];
      q += w[i] * w[i] * x[i];
    }
    return new double[] {dot + bias * scale, q / scale};
  }
}
