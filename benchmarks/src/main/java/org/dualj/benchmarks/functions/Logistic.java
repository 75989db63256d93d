package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/**
 * The L2-regularised logistic-regression loss: (1/m) Σₖ log(1 + exp(−yₖ wᵀxₖ)) + (λ/2) ‖w‖², for
 * m samples {@code xs} (row-major, sample k at {@code xs[k * n .. k * n + n)}, n = w.length) with
 * labels {@code ys} of ±1.
 */
public final class Logistic {
  private Logistic() {}

  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] xs, double[] ys, double lambda) {
    int n = w.length;
    double sum = 0.0;
    for (int k = 0; k < ys.length; k++) {
      double z = 0.0;
      for (int i = 0; i < n; i++) {
        z += w[i] * xs[k * n + i];
      }
      sum += Math.log1p(Math.exp(-ys[k] * z));
    }
    double reg = 0.0;
    for (int i = 0; i < n; i++) {
      reg += w[i] * w[i];
    }
    return sum / ys.length + 0.5 * lambda * reg;
  }

  /**
   * The primal's floating-point operations (+, −, ×, ÷, negation, elementary functions; index
   * arithmetic not counted) for n weights and m samples: m (2n + 5) + 2n + 4.
   */
  public static long operations(int n, int m) {
    return (long) m * (2L * n + 5) + 2L * n + 4;
  }

  /**
   * The exact gradient of {@link #loss}, written by hand: returns the loss and writes the gradient
   * into {@code gradientOut}.
   */
  public static double gradient(
      double[] w, double[] xs, double[] ys, double lambda, double[] gradientOut) {
    int n = w.length;
    int m = ys.length;
    double reg = 0.0;
    for (int i = 0; i < n; i++) {
      reg += w[i] * w[i];
      gradientOut[i] = lambda * w[i];
    }
    double sum = 0.0;
    for (int k = 0; k < m; k++) {
      int row = k * n;
      double z = 0.0;
      for (int i = 0; i < n; i++) {
        z += w[i] * xs[row + i];
      }
      double t = Math.exp(-ys[k] * z);
      sum += Math.log1p(t);
      // ∂/∂z log(1 + exp(−y z)) = −y exp(−y z) / (1 + exp(−y z)), averaged over the samples
      double zBar = -ys[k] * t / (1.0 + t) / m;
      for (int i = 0; i < n; i++) {
        gradientOut[i] += zBar * xs[row + i];
      }
    }
    return sum / m + 0.5 * lambda * reg;
  }
}
