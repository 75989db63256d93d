package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/** {@link Ackley#f} with {@code order = 2} (Hessian, H·v); the same body. */
public final class Ackley2 {
  private Ackley2() {}

  @Differentiable(order = 2)
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
}
