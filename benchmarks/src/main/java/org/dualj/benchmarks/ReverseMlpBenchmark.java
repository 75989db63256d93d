package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.MlpLoss;
import org.dualj.benchmarks.functions.MlpLossDerivatives;
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
 * Reverse mode on an MLP's squared-error loss over a batch of 8 samples, with respect to all its
 * weights as one flat vector of n: d inputs and h sigmoid hidden units with h·d + 2h + 1 = n
 * (n = 10: 1 × 3; 100: 9 × 9; 1,000: 35 × 27; 10,000: 99 × 99).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReverseMlpBenchmark implements ReverseCase {
  static final int SAMPLES = 8;

  @Param({"10", "100", "1000", "10000"})
  public int n;

  public double[] w;
  public double[] xs;
  public double[] ys;
  public int d;
  public int h;
  public double[] grad;
  double[] hidden;
  Workspace work;

  /** The inputs d of the network with n weights (h·d + 2h + 1 = n). */
  static int inputsFor(int n) {
    return switch (n) {
      case 10 -> 1;
      case 100 -> 9;
      case 1000 -> 35;
      case 10000 -> 99;
      default -> throw new IllegalArgumentException("no network with " + n + " weights here");
    };
  }

  /** The hidden units h of the network with n weights. */
  static int hiddenFor(int n) {
    return switch (n) {
      case 10 -> 3;
      case 100 -> 9;
      case 1000 -> 27;
      case 10000 -> 99;
      default -> throw new IllegalArgumentException("no network with " + n + " weights here");
    };
  }

  @Override
  @Setup
  public void setup() {
    d = inputsFor(n);
    h = hiddenFor(n);
    if (MlpLoss.weights(d, h) != n) {
      throw new IllegalStateException("network " + d + " x " + h + " does not have " + n + " weights");
    }
    // weights of the usual 1/sqrt(fan-in) scale, so the sigmoids are neither flat nor saturated
    w = Inputs.uniform(n, -1.0 / Math.sqrt(d), 1.0 / Math.sqrt(d), 43);
    xs = Inputs.uniform(SAMPLES * d, -1.0, 1.0, 42);
    ys = Inputs.uniform(SAMPLES, -1.0, 1.0, 44);
    grad = new double[n];
    hidden = new double[h];
    work = new Workspace();
  }

  @Benchmark
  @Override
  public double primal() {
    return MlpLoss.loss(w, xs, ys, d, h);
  }

  @Benchmark
  @Override
  public double hand() {
    return MlpLoss.gradient(w, xs, ys, d, h, grad, hidden);
  }

  @Benchmark
  @Override
  public double forward() {
    return MlpLossDerivatives.lossGradientForward(w, xs, ys, d, h, grad, work);
  }

  @Benchmark
  @Override
  public double reverse() {
    return MlpLossDerivatives.lossGradientReverse(w, xs, ys, d, h, grad, work);
  }

  @Benchmark
  @Override
  public double automatic() {
    return MlpLossDerivatives.lossGradient(w, xs, ys, d, h, grad, work);
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
    return MlpLoss.operations(d, h, SAMPLES);
  }
}
