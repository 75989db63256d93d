package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/**
 * Horner evaluation of p(x) = Σ c_k x^k (degree 50: 51 coefficients), a loop that overwrites its
 * accumulator. Differentiated with respect to every coefficient and x: 52 columns (c[0..51), x).
 */
public final class Horner {
  public static final int DEGREE = 50;

  private Horner() {}

  @Differentiable
  public static double f(double[] c, double x) {
    double r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r * x + c[i];
    }
    return r;
  }

  @Differentiable(chunk = 1)
  public static double fChunk1(double[] c, double x) {
    double r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r * x + c[i];
    }
    return r;
  }

  @Differentiable(chunk = 4)
  public static double fChunk4(double[] c, double x) {
    double r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r * x + c[i];
    }
    return r;
  }

  @Differentiable(chunk = 16)
  public static double fChunk16(double[] c, double x) {
    double r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r * x + c[i];
    }
    return r;
  }

  /** {@link #f} over Hipparchus field elements. */
  public static <T extends CalculusFieldElement<T>> T fT(T[] c, T x) {
    T r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r.multiply(x).add(c[i]);
    }
    return r;
  }
}
