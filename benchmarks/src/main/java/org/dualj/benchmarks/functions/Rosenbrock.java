package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/**
 * The extended Rosenbrock function (Moré, Garbow, Hillstrom), n even:
 * Σ_{i=1}^{n/2} 100 (x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})².
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  @Differentiable
  public static double f(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  // Copies of f with fixed chunk sizes (chunk is a compile-time option), each with its own body.

  @Differentiable(chunk = 1)
  public static double fChunk1(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 4)
  public static double fChunk4(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 16)
  public static double fChunk16(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  /** {@link #f} over Hipparchus field elements. */
  public static <T extends CalculusFieldElement<T>> T fT(T[] x) {
    T s = x[0].getField().getZero();
    for (int i = 0; i + 1 < x.length; i += 2) {
      T t1 = x[i + 1].subtract(x[i].multiply(x[i])).multiply(10.0);
      T t2 = x[i].negate().add(1.0);
      s = s.add(t1.multiply(t1).add(t2.multiply(t2)));
    }
    return s;
  }
}
