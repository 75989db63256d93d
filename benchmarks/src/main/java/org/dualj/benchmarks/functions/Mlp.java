package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;
import org.hipparchus.CalculusFieldElement;

/**
 * A small multilayer perceptron: 10 inputs, a dense hidden layer of 20 sigmoid units, one linear
 * output. w1 is the 20 × 10 weight matrix stored row-major (w1[j * 10 + i]), b1 the 20 hidden
 * biases, w2 the 20 output weights, b2 the output bias.
 */
public final class Mlp {
  public static final int INPUTS = 10;
  public static final int HIDDEN = 20;
  /** Number of weights and biases: 10·20 + 20 + 20 + 1. */
  public static final int WEIGHTS = INPUTS * HIDDEN + HIDDEN + HIDDEN + 1;

  private Mlp() {}

  /** The network's output, differentiated with respect to the 10 inputs. */
  @Differentiable(wrt = "x")
  public static double inputs(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  @Differentiable(wrt = "x", chunk = 1)
  public static double inputsChunk1(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  @Differentiable(wrt = "x", chunk = 4)
  public static double inputsChunk4(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  /** The same network differentiated with respect to its 241 weights and biases: columns w1[0..200), b1[0..20), w2[0..20), b2. */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double weights(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  @Differentiable(wrt = {"w1", "b1", "w2", "b2"}, chunk = 1)
  public static double weightsChunk1(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  @Differentiable(wrt = {"w1", "b1", "w2", "b2"}, chunk = 4)
  public static double weightsChunk4(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  @Differentiable(wrt = {"w1", "b1", "w2", "b2"}, chunk = 16)
  public static double weightsChunk16(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }

  /** {@link #inputs} over Hipparchus field elements: the inputs carry derivatives, the weights are constants. */
  public static <T extends CalculusFieldElement<T>> T inputsT(
      T[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    T zero = x[0].getField().getZero();
    T out = zero.add(b2);
    for (int j = 0; j < b1.length; j++) {
      T z = zero.add(b1[j]);
      for (int i = 0; i < nIn; i++) {
        z = z.add(x[i].multiply(w1[j * nIn + i]));
      }
      T h = z.negate().exp().add(1.0).reciprocal();
      out = out.add(h.multiply(w2[j]));
    }
    return out;
  }

  /** {@link #weights} over Hipparchus field elements: the weights carry derivatives, the inputs are constants. */
  public static <T extends CalculusFieldElement<T>> T weightsT(
      double[] x, T[] w1, T[] b1, T[] w2, T b2) {
    int nIn = x.length;
    T out = b2;
    for (int j = 0; j < b1.length; j++) {
      T z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z = z.add(w1[j * nIn + i].multiply(x[i]));
      }
      T h = z.negate().exp().add(1.0).reciprocal();
      out = out.add(w2[j].multiply(h));
    }
    return out;
  }
}
