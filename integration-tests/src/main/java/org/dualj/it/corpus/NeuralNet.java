package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;

/**
 * A one-hidden-layer perceptron with tanh units and a softmax cross-entropy loss, over
 * {@code double[][]} weight matrices (rows are units), as small training code writes it: an
 * enhanced {@code for} over samples, row aliases, and a log-sum-exp shifted by the maximum.
 */
public final class NeuralNet {
  private NeuralNet() {}

  /** Mean cross-entropy of the network's softmax over the labelled samples. */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(
      double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] samples, int[] labels) {
    if (samples.length != labels.length || samples.length == 0) {
      throw new IllegalArgumentException(samples.length + " samples but " + labels.length + " labels");
    }
    double total = 0.0;
    int s = 0;
    for (double[] x : samples) {
      double[] hidden = new double[w1.length];
      for (int i = 0; i < w1.length; i++) {
        double[] weights = w1[i];
        double z = b1[i];
        for (int j = 0; j < x.length; j++) {
          z += weights[j] * x[j];
        }
        hidden[i] = Math.tanh(z);
      }
      double[] logits = new double[w2.length];
      for (int c = 0; c < w2.length; c++) {
        double z = b2[c];
        for (int i = 0; i < hidden.length; i++) {
          z += w2[c][i] * hidden[i];
        }
        logits[c] = z;
      }
      total += logSumExp(logits) - logits[labels[s]];
      s++;
    }
    return total / samples.length;
  }

  /** log Σ e^{zᵢ}, shifted by the largest zᵢ so that nothing overflows. */
  @Differentiable(order = 2)
  public static double logSumExp(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      if (v > max) {
        max = v;
      }
    }
    if (Double.isInfinite(max)) {
      return max;
    }
    double sum = 0.0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** The softmax probabilities, shifted by the maximum. */
  @Differentiable
  public static double[] softmax(double[] z) {
    double max = z[0];
    for (int i = 1; i < z.length; i++) {
      max = Math.max(max, z[i]);
    }
    double[] p = new double[z.length];
    double sum = 0.0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
