package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/** Ackley: −20 exp(−0.2 √(Σ xᵢ² / n)) − exp(Σ cos(2π xᵢ) / n) + 20 + e. */
public final class Ackley {
  private Ackley() {}

  @Differentiable
  public static double f(double[] x) {
    int n = x.length;
    double sumSq = 0.0;
    double sumCos = 0.0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(2.0 * Math.PI * x[i]);
    }
    return -20.0 * Math.exp(-0.2 * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + 20.0 + Math.E;
  }

  @Differentiable(chunk = 1)
  public static double fChunk1(double[] x) {
    int n = x.length;
    double sumSq = 0.0;
    double sumCos = 0.0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(2.0 * Math.PI * x[i]);
    }
    return -20.0 * Math.exp(-0.2 * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + 20.0 + Math.E;
  }

  @Differentiable(chunk = 4)
  public static double fChunk4(double[] x) {
    int n = x.length;
    double sumSq = 0.0;
    double sumCos = 0.0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(2.0 * Math.PI * x[i]);
    }
    return -20.0 * Math.exp(-0.2 * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + 20.0 + Math.E;
  }

  @Differentiable(chunk = 16)
  public static double fChunk16(double[] x) {
    int n = x.length;
    double sumSq = 0.0;
    double sumCos = 0.0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(2.0 * Math.PI * x[i]);
    }
    return -20.0 * Math.exp(-0.2 * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + 20.0 + Math.E;
  }

  /** {@link #f} over Hipparchus field elements. */
  public static <T extends CalculusFieldElement<T>> T fT(T[] x) {
    int n = x.length;
    T sumSq = x[0].getField().getZero();
    T sumCos = sumSq;
    for (int i = 0; i < n; i++) {
      sumSq = sumSq.add(x[i].multiply(x[i]));
      sumCos = sumCos.add(x[i].multiply(2.0 * Math.PI).cos());
    }
    T a = sumSq.divide(n).sqrt().multiply(-0.2).exp().multiply(-20.0);
    T b = sumCos.divide(n).exp();
    return a.subtract(b).add(20.0 + Math.E);
  }
}
