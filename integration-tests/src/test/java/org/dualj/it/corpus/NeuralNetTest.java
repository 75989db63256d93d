package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * A tanh network's softmax cross-entropy over {@code double[][]} weights: every gradient entry
 * point against backpropagation written out by hand, and Richardson differences; log-sum-exp and
 * softmax against their closed-form derivatives, with logits large enough that an unshifted
 * exponential would overflow.
 */
class NeuralNetTest {
  private static final double[][] W1 = {{0.5, -0.3, 0.8}, {-1.2, 0.4, 0.1}, {0.3, 0.9, -0.6}, {0.05, -0.7, 1.1}};
  private static final double[] B1 = {0.1, -0.2, 0.0, 0.3};
  private static final double[][] W2 = {{1.0, -0.5, 0.2, 0.7}, {-0.4, 0.8, -1.1, 0.3}, {0.6, 0.1, 0.5, -0.9}};
  private static final double[] B2 = {0.0, 0.2, -0.1};
  private static final double[][] SAMPLES = {{1.0, 0.5, -1.0}, {-0.3, 2.0, 0.4}, {0.0, -1.5, 1.2}, {2.2, 0.1, 0.3}, {-1.0, -1.0, -1.0}};
  private static final int[] LABELS = {0, 2, 1, 1, 2};

  /** The loss's gradient by backpropagation: (w1 row by row, b1, w2 row by row, b2). */
  private static double[] backprop() {
    double[][] gw1 = new double[4][3];
    double[] gb1 = new double[4];
    double[][] gw2 = new double[3][4];
    double[] gb2 = new double[3];
    int n = SAMPLES.length;
    for (int s = 0; s < n; s++) {
      double[] x = SAMPLES[s];
      double[] h = new double[4];
      for (int i = 0; i < 4; i++) {
        double z = B1[i];
        for (int j = 0; j < 3; j++) {
          z += W1[i][j] * x[j];
        }
        h[i] = Math.tanh(z);
      }
      double[] logits = new double[3];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        logits[c] = B2[c];
        for (int i = 0; i < 4; i++) {
          logits[c] += W2[c][i] * h[i];
        }
        max = Math.max(max, logits[c]);
      }
      double sum = 0.0;
      for (int c = 0; c < 3; c++) {
        sum += Math.exp(logits[c] - max);
      }
      double[] delta = new double[3];
      for (int c = 0; c < 3; c++) {
        delta[c] = (Math.exp(logits[c] - max) / sum - (c == LABELS[s] ? 1.0 : 0.0)) / n;
        gb2[c] += delta[c];
        for (int i = 0; i < 4; i++) {
          gw2[c][i] += delta[c] * h[i];
        }
      }
      for (int i = 0; i < 4; i++) {
        double dh = 0.0;
        for (int c = 0; c < 3; c++) {
          dh += delta[c] * W2[c][i];
        }
        double dz = dh * (1.0 - h[i] * h[i]);
        gb1[i] += dz;
        for (int j = 0; j < 3; j++) {
          gw1[i][j] += dz * x[j];
        }
      }
    }
    double[] g = new double[31];
    System.arraycopy(Oracles.flatten(gw1), 0, g, 0, 12);
    System.arraycopy(gb1, 0, g, 12, 4);
    System.arraycopy(Oracles.flatten(gw2), 0, g, 16, 12);
    System.arraycopy(gb2, 0, g, 28, 3);
    return g;
  }

  private static double lossAt(double[] theta) {
    double[][] w1 = Oracles.unflatten(java.util.Arrays.copyOfRange(theta, 0, 12), W1);
    double[] b1 = java.util.Arrays.copyOfRange(theta, 12, 16);
    double[][] w2 = Oracles.unflatten(java.util.Arrays.copyOfRange(theta, 16, 28), W2);
    double[] b2 = java.util.Arrays.copyOfRange(theta, 28, 31);
    return NeuralNet.loss(w1, b1, w2, b2, SAMPLES, LABELS);
  }

  @Test
  void lossGradientIsBackpropagationInEveryMode() {
    double[] expected = backprop();
    Workspace work = new Workspace();
    double[] g = NeuralNetDerivatives.lossGradient(W1, B1, W2, B2, SAMPLES, LABELS);
    Oracles.close("gradient", g, expected, 1e-13);
    double[] fwd = new double[31];
    double value = NeuralNetDerivatives.lossGradientForward(W1, B1, W2, B2, SAMPLES, LABELS, fwd, work);
    Check.close("value", value, NeuralNet.loss(W1, B1, W2, B2, SAMPLES, LABELS), 0.0);
    Oracles.close("forward", fwd, expected, 1e-13);
    double[] rev = new double[31];
    NeuralNetDerivatives.lossGradientReverse(W1, B1, W2, B2, SAMPLES, LABELS, rev, work);
    Oracles.close("reverse", rev, expected, 1e-13);
    NeuralNetDerivatives.lossGradientReverse(W1, B1, W2, B2, SAMPLES, LABELS, rev, work);
    Oracles.close("reverse, workspace reused", rev, expected, 1e-13);
    double[] theta = new double[31];
    System.arraycopy(Oracles.flatten(W1), 0, theta, 0, 12);
    System.arraycopy(B1, 0, theta, 12, 4);
    System.arraycopy(Oracles.flatten(W2), 0, theta, 16, 12);
    System.arraycopy(B2, 0, theta, 28, 3);
    Oracles.close("Richardson", expected, Oracles.gradient(NeuralNetTest::lossAt, theta, 1e-2), 1e-8);
    // a direction through every parameter, by the tangent, Dual[][] and DualVector[][] forms
    double[][] w1Dot = new double[4][3];
    double[][] w2Dot = new double[3][4];
    double[] b1Dot = {0.5, -0.5, 1.0, 0.0};
    double[] b2Dot = {1.0, 2.0, 3.0};
    double directional = 0.0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        w1Dot[i][j] = 0.1 * (i - j);
        directional += w1Dot[i][j] * expected[3 * i + j];
      }
      directional += b1Dot[i] * expected[12 + i];
    }
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 4; i++) {
        w2Dot[c][i] = 0.05 * (c + i);
        directional += w2Dot[c][i] * expected[16 + 4 * c + i];
      }
      directional += b2Dot[c] * expected[28 + c];
    }
    Check.close("jvp", NeuralNetDerivatives.lossJvp(W1, B1, W2, B2, SAMPLES, LABELS, w1Dot, b1Dot, w2Dot, b2Dot).tangent(),
        directional, 1e-13);
    Dual[][] w1d = new Dual[4][3];
    DualVector[][] w1v = new DualVector[4][3];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        w1d[i][j] = Dual.of(W1[i][j], w1Dot[i][j]);
        w1v[i][j] = DualVector.variable(W1[i][j], 3 * i + j, 12);
      }
    }
    Dual[][] w2d = new Dual[3][4];
    DualVector[][] w2v = new DualVector[3][4];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 4; i++) {
        w2d[c][i] = Dual.of(W2[c][i], w2Dot[c][i]);
        w2v[c][i] = DualVector.constant(W2[c][i], 12);
      }
    }
    Dual[] b1d = org.dualj.runtime.Duals.pack(B1, b1Dot);
    Dual[] b2d = org.dualj.runtime.Duals.pack(B2, b2Dot);
    Check.close("Dual[][]", NeuralNetDerivatives.loss(w1d, b1d, w2d, b2d, SAMPLES, LABELS).tangent(), directional, 1e-13);
    DualVector[] b1v = new DualVector[4];
    for (int i = 0; i < 4; i++) {
      b1v[i] = DualVector.constant(B1[i], 12);
    }
    DualVector[] b2v = new DualVector[3];
    for (int c = 0; c < 3; c++) {
      b2v[c] = DualVector.constant(B2[c], 12);
    }
    DualVector lanes = NeuralNetDerivatives.loss(w1v, b1v, w2v, b2v, SAMPLES, LABELS);
    for (int k = 0; k < 12; k++) {
      Check.close("DualVector[][] lane " + k, lanes.tangent(k), expected[k], 1e-13);
    }
  }

  @Test
  void labelsAndSamplesMustMatchInEveryEntryPoint() {
    int[] short_ = {0, 1};
    Oracles.throwsLikePrimal("two labels for five samples",
        () -> NeuralNet.loss(W1, B1, W2, B2, SAMPLES, short_),
        () -> NeuralNetDerivatives.lossGradient(W1, B1, W2, B2, SAMPLES, short_),
        () -> NeuralNetDerivatives.lossGradientReverse(W1, B1, W2, B2, SAMPLES, short_),
        () -> NeuralNetDerivatives.lossGradientForward(W1, B1, W2, B2, SAMPLES, short_, new double[31], null));
  }

  private static final double[][] LOGITS = {{0.1, -0.4, 2.0}, {1000.0, 1001.5, 999.0, -3.0}, {-800.0, -801.0}, {5.0, 5.0, 5.0}};

  @Test
  void logSumExpGradientIsSoftmaxAndHessianItsJacobian() {
    for (double[] z : LOGITS) {
      String at = java.util.Arrays.toString(z);
      double[] p = NeuralNet.softmax(z);
      Check.close("value " + at, NeuralNet.logSumExp(z),
          z[0] + Math.log(java.util.Arrays.stream(z).map(v -> Math.exp(v - z[0])).sum()), 1e-15);
      Oracles.close("gradient " + at, NeuralNetDerivatives.logSumExpGradient(z), p, 1e-15);
      Oracles.close("reverse " + at, NeuralNetDerivatives.logSumExpGradientReverse(z), p, 1e-15);
      double[][] expected = new double[z.length][z.length];
      for (int i = 0; i < z.length; i++) {
        for (int j = 0; j < z.length; j++) {
          expected[i][j] = (i == j ? p[i] : 0.0) - p[i] * p[j];
        }
      }
      Oracles.close("Hessian " + at, NeuralNetDerivatives.logSumExpHessian(z), expected, 1e-15);
      Oracles.close("softmax Jacobian " + at, NeuralNetDerivatives.softmaxJacobian(z), expected, 1e-15);
      Oracles.close("softmax reverse Jacobian " + at, NeuralNetDerivatives.softmaxJacobianReverse(z), expected, 1e-15);
      double[] v = new double[z.length];
      double[] hv = new double[z.length];
      for (int i = 0; i < z.length; i++) {
        v[i] = i + 1.0;
      }
      for (int i = 0; i < z.length; i++) {
        for (int j = 0; j < z.length; j++) {
          hv[i] += expected[i][j] * v[j];
        }
      }
      Oracles.close("H·v " + at, NeuralNetDerivatives.logSumExpHessianVector(z, v), hv, 1e-14);
      Oracles.close("H·v reverse " + at, NeuralNetDerivatives.logSumExpHessianVectorReverse(z, v), hv, 1e-14);
      Oracles.close("softmax VJP " + at, NeuralNetDerivatives.softmaxVjp(z, v), hv, 1e-14);
      Oracles.close("softmax JVP " + at, NeuralNetDerivatives.softmaxJvp(z, v), hv, 1e-14);
    }
  }
}
