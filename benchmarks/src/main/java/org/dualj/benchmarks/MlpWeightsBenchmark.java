package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Mlp;
import org.dualj.benchmarks.functions.MlpDerivatives;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 10-20-1 sigmoid network, gradient with respect to its 241 weights and biases
 * (wrt = {"w1", "b1", "w2", "b2"}; columns w1, b1, w2, b2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MlpWeightsBenchmark extends Outputs {
  static final int N = Mlp.WEIGHTS;
  static final int W1 = Mlp.INPUTS * Mlp.HIDDEN;

  public double[] x;
  public double[] w1;
  public double[] b1;
  public double[] w2;
  public double b2;
  public double[] w1Dot;
  public double[] b1Dot;
  public double[] w2Dot;
  public double b2Dot;
  double[] fdW1;
  double[] fdB1;
  double[] fdW2;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(Mlp.INPUTS, -1.0, 1.0, 42);
    w1 = Inputs.uniform(W1, -0.5, 0.5, 43);
    b1 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 44);
    w2 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 45);
    b2 = 0.1;
    double[] d = Inputs.direction(N, 7);
    w1Dot = java.util.Arrays.copyOfRange(d, 0, W1);
    b1Dot = java.util.Arrays.copyOfRange(d, W1, W1 + Mlp.HIDDEN);
    w2Dot = java.util.Arrays.copyOfRange(d, W1 + Mlp.HIDDEN, W1 + 2 * Mlp.HIDDEN);
    b2Dot = d[N - 1];
    fdW1 = w1.clone();
    fdB1 = b1.clone();
    fdW2 = w2.clone();
    grad = new double[N];
    factory = new DSFactory(N, 1);
  }

  @Override
  public double[] direction() {
    return Inputs.direction(N, 7);
  }

  @Override
  public int columns() {
    return N;
  }

  @Benchmark
  public double primal() {
    return Mlp.weights(x, w1, b1, w2, b2);
  }

  @Benchmark
  public double tangent() {
    Dual y = MlpDerivatives.weights(x, w1, w1Dot, b1, b1Dot, w2, w2Dot, b2, b2Dot);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return MlpDerivatives.weightsGradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return MlpDerivatives.weightsChunk1Gradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double generatedChunk4() {
    return MlpDerivatives.weightsChunk4Gradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double generatedChunk16() {
    return MlpDerivatives.weightsChunk16Gradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] vw1 = new Gradient[W1];
    for (int i = 0; i < W1; i++) {
      vw1[i] = Gradient.variable(N, i, w1[i]);
    }
    Gradient[] vb1 = new Gradient[Mlp.HIDDEN];
    Gradient[] vw2 = new Gradient[Mlp.HIDDEN];
    for (int j = 0; j < Mlp.HIDDEN; j++) {
      vb1[j] = Gradient.variable(N, W1 + j, b1[j]);
      vw2[j] = Gradient.variable(N, W1 + Mlp.HIDDEN + j, w2[j]);
    }
    Gradient y = Mlp.weightsT(x, vw1, vb1, vw2, Gradient.variable(N, N - 1, b2));
    for (int i = 0; i < N; i++) {
      grad[i] = y.getPartialDerivative(i);
    }
    return y.getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] vw1 = new DerivativeStructure[W1];
    for (int i = 0; i < W1; i++) {
      vw1[i] = factory.variable(i, w1[i]);
    }
    DerivativeStructure[] vb1 = new DerivativeStructure[Mlp.HIDDEN];
    DerivativeStructure[] vw2 = new DerivativeStructure[Mlp.HIDDEN];
    for (int j = 0; j < Mlp.HIDDEN; j++) {
      vb1[j] = factory.variable(W1 + j, b1[j]);
      vw2[j] = factory.variable(W1 + Mlp.HIDDEN + j, w2[j]);
    }
    DerivativeStructure y = Mlp.weightsT(x, vw1, vb1, vw2, factory.variable(N - 1, b2));
    double[] all = y.getAllDerivatives();
    System.arraycopy(all, 1, grad, 0, N);
    return all[0];
  }

  private void fdArray(double[] a, int first) {
    for (int i = 0; i < a.length; i++) {
      double ai = a[i];
      double h = Fd.step(ai);
      double plus = ai + h;
      double minus = ai - h;
      a[i] = plus;
      double fPlus = Mlp.weights(x, fdW1, fdB1, fdW2, b2);
      a[i] = minus;
      double fMinus = Mlp.weights(x, fdW1, fdB1, fdW2, b2);
      a[i] = ai;
      grad[first + i] = (fPlus - fMinus) / (plus - minus);
    }
  }

  @Benchmark
  public double finiteDiff() {
    fdArray(fdW1, 0);
    fdArray(fdB1, W1);
    fdArray(fdW2, W1 + Mlp.HIDDEN);
    double h = Fd.step(b2);
    double plus = b2 + h;
    double minus = b2 - h;
    grad[N - 1] =
        (Mlp.weights(x, fdW1, fdB1, fdW2, plus) - Mlp.weights(x, fdW1, fdB1, fdW2, minus))
            / (plus - minus);
    return grad[N - 1];
  }
}
