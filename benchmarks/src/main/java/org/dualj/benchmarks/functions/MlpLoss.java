package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/**
 * The squared-error loss of a one-hidden-layer sigmoid network over a small batch, as a function
 * of all its weights in one flat vector: the case reverse mode is for (one output, many inputs).
 *
 * <p>The network has {@code d} inputs, {@code h} sigmoid hidden units and one linear output. The
 * weight vector {@code w} (length {@link #weights}{@code (d, h)} = h·d + 2h + 1) holds, in this
 * order, the h × d input weights row-major ({@code w[j * d + i]}), the h hidden biases, the h
 * output weights and the output bias. {@code xs} holds the batch's inputs row-major (sample k at
 * {@code xs[k * d .. k * d + d)}) and {@code ys} its targets; the loss is Σₖ ½ (outₖ − yₖ)².
 */
public final class MlpLoss {
  private MlpLoss() {}

  /** The number of weights of a d-input, h-hidden-unit network. */
  public static int weights(int d, int h) {
    return h * d + 2 * h + 1;
  }

  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] xs, double[] ys, int d, int h) {
    int b1 = h * d;
    int w2 = b1 + h;
    int b2 = w2 + h;
    double loss = 0.0;
    for (int k = 0; k < ys.length; k++) {
      double out = w[b2];
      for (int j = 0; j < h; j++) {
        double z = w[b1 + j];
        for (int i = 0; i < d; i++) {
          z += w[j * d + i] * xs[k * d + i];
        }
        out += w[w2 + j] / (1.0 + Math.exp(-z));
      }
      double e = out - ys[k];
      loss += 0.5 * e * e;
    }
    return loss;
  }

  /**
   * The primal's floating-point operations (+, −, ×, ÷, negation, elementary functions; index
   * arithmetic not counted) for a batch of m samples: m (h (2d + 5) + 4).
   */
  public static long operations(int d, int h, int m) {
    return (long) m * ((long) h * (2L * d + 5) + 4);
  }

  /**
   * The exact gradient of {@link #loss}, written by hand (backpropagation per sample): returns
   * the loss and writes the gradient into {@code gradientOut}; {@code hidden} (at least h long)
   * holds one sample's hidden activations.
   */
  public static double gradient(
      double[] w, double[] xs, double[] ys, int d, int h, double[] gradientOut, double[] hidden) {
    int b1 = h * d;
    int w2 = b1 + h;
    int b2 = w2 + h;
    java.util.Arrays.fill(gradientOut, 0, b2 + 1, 0.0);
    double loss = 0.0;
    for (int k = 0; k < ys.length; k++) {
      int row = k * d;
      double out = w[b2];
      for (int j = 0; j < h; j++) {
        double z = w[b1 + j];
        for (int i = 0; i < d; i++) {
          z += w[j * d + i] * xs[row + i];
        }
        double s = 1.0 / (1.0 + Math.exp(-z));
        hidden[j] = s;
        out += w[w2 + j] * s;
      }
      double e = out - ys[k];
      loss += 0.5 * e * e;
      // ∂loss/∂out = e
      gradientOut[b2] += e;
      for (int j = 0; j < h; j++) {
        double s = hidden[j];
        gradientOut[w2 + j] += e * s;
        // σ'(z) = σ (1 − σ)
        double zBar = e * w[w2 + j] * s * (1.0 - s);
        gradientOut[b1 + j] += zBar;
        int rowJ = j * d;
        for (int i = 0; i < d; i++) {
          gradientOut[rowJ + i] += zBar * xs[row + i];
        }
      }
    }
    return loss;
  }
}
