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

/** The 10-20-1 sigmoid network, gradient with respect to its 10 inputs (wrt = "x"). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MlpInputsBenchmark extends Outputs {
  static final int N = Mlp.INPUTS;

  public double[] x;
  public double[] w1;
  public double[] b1;
  public double[] w2;
  public double b2;
  public double[] xDot;
  double[] fdX;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(N, -1.0, 1.0, 42);
    w1 = Inputs.uniform(Mlp.INPUTS * Mlp.HIDDEN, -0.5, 0.5, 43);
    b1 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 44);
    w2 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 45);
    b2 = 0.1;
    xDot = Inputs.direction(N, 7);
    fdX = x.clone();
    grad = new double[N];
    factory = new DSFactory(N, 1);
  }

  @Override
  public double[] direction() {
    return xDot.clone();
  }

  @Override
  public int columns() {
    return N;
  }

  @Benchmark
  public double primal() {
    return Mlp.inputs(x, w1, b1, w2, b2);
  }

  @Benchmark
  public double tangent() {
    Dual y = MlpDerivatives.inputs(x, xDot, w1, b1, w2, b2);
    tangentOut = y.tangent();
    return y.value();
  }

  @Benchmark
  public double generated() {
    return MlpDerivatives.inputsGradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double generatedChunk1() {
    return MlpDerivatives.inputsChunk1Gradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double generatedChunk4() {
    return MlpDerivatives.inputsChunk4Gradient(x, w1, b1, w2, b2, grad);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[N];
    for (int i = 0; i < N; i++) {
      v[i] = Gradient.variable(N, i, x[i]);
    }
    Gradient y = Mlp.inputsT(v, w1, b1, w2, b2);
    for (int i = 0; i < N; i++) {
      grad[i] = y.getPartialDerivative(i);
    }
    return y.getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] v = new DerivativeStructure[N];
    for (int i = 0; i < N; i++) {
      v[i] = factory.variable(i, x[i]);
    }
    DerivativeStructure y = Mlp.inputsT(v, w1, b1, w2, b2);
    double[] all = y.getAllDerivatives();
    System.arraycopy(all, 1, grad, 0, N);
    return all[0];
  }

  @Benchmark
  public double finiteDiff() {
    double[] xs = fdX;
    for (int i = 0; i < N; i++) {
      double xi = xs[i];
      double h = Fd.step(xi);
      double plus = xi + h;
      double minus = xi - h;
      xs[i] = plus;
      double fPlus = Mlp.inputs(xs, w1, b1, w2, b2);
      xs[i] = minus;
      double fMinus = Mlp.inputs(xs, w1, b1, w2, b2);
      xs[i] = xi;
      grad[i] = (fPlus - fMinus) / (plus - minus);
    }
    return grad[N - 1];
  }
}
