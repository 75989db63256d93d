package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/** The seed example of the README: f(x1, x2) = [sin(x1/x2) + x1/x2 − exp(x2)] × [x1/x2 − exp(x2)]. */
public final class Seed {
  private Seed() {}

  @Differentiable
  public static double f(double x1, double x2) {
    double v1 = x1 / x2;
    double v2 = Math.sin(v1);
    double v3 = Math.exp(x2);
    double v4 = v1 - v3;
    double v5 = v2 + v4;
    return v5 * v4;
  }

  /** {@link #f} with one tangent direction per pass. */
  @Differentiable(chunk = 1)
  public static double fChunk1(double x1, double x2) {
    double v1 = x1 / x2;
    double v2 = Math.sin(v1);
    double v3 = Math.exp(x2);
    double v4 = v1 - v3;
    double v5 = v2 + v4;
    return v5 * v4;
  }

  /** {@link #f} over Hipparchus field elements ({@code Gradient}, {@code DerivativeStructure}). */
  public static <T extends CalculusFieldElement<T>> T fT(T x1, T x2) {
    T v1 = x1.divide(x2);
    T v2 = v1.sin();
    T v3 = x2.exp();
    T v4 = v1.subtract(v3);
    T v5 = v2.add(v4);
    return v5.multiply(v4);
  }
}
