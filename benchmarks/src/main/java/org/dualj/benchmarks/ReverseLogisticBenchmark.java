package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Logistic;
import org.dualj.benchmarks.functions.LogisticDerivatives;
import org.dualj.runtime.Workspace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reverse mode on the L2-regularised logistic-regression loss over 200 samples (λ = 0.01), with
 * respect to its n weights.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReverseLogisticBenchmark implements ReverseCase {
  static final int SAMPLES = 200;
  static final double LAMBDA = 0.01;

  @Param({"10", "100", "1000", "10000"})
  public int n;

  public double[] w;
  public double[] xs;
  public double[] ys;
  public double lambda;
  public double[] grad;
  Workspace work;

  @Override
  @Setup
  public void setup() {
    // features in [-1, 1), weights of scale 1/sqrt(n): margins of order 1
    xs = Inputs.uniform(SAMPLES * n, -1.0, 1.0, 42);
    w = Inputs.uniform(n, -1.0 / Math.sqrt(n), 1.0 / Math.sqrt(n), 43);
    double[] u = Inputs.uniform(SAMPLES, 0.0, 1.0, 44);
    ys = new double[SAMPLES];
    for (int k = 0; k < SAMPLES; k++) {
      ys[k] = u[k] < 0.5 ? -1.0 : 1.0;
    }
    lambda = LAMBDA;
    grad = new double[n];
    work = new Workspace();
  }

  @Benchmark
  @Override
  public double primal() {
    return Logistic.loss(w, xs, ys, lambda);
  }

  @Benchmark
  @Override
  public double hand() {
    return Logistic.gradient(w, xs, ys, lambda, grad);
  }

  @Benchmark
  @Override
  public double forward() {
    return LogisticDerivatives.lossGradientForward(w, xs, ys, lambda, grad, work);
  }

  @Benchmark
  @Override
  public double reverse() {
    return LogisticDerivatives.lossGradientReverse(w, xs, ys, lambda, grad, work);
  }

  @Benchmark
  @Override
  public double automatic() {
    return LogisticDerivatives.lossGradient(w, xs, ys, lambda, grad, work);
  }

  @Override
  public double[] inputs() {
    return w;
  }

  @Override
  public double[] gradient() {
    return grad;
  }

  @Override
  public Workspace workspace() {
    return work;
  }

  @Override
  public long primalOperations() {
    return Logistic.operations(n, SAMPLES);
  }
}
