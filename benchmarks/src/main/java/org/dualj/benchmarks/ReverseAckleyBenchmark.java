package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Ackley;
import org.dualj.benchmarks.functions.AckleyDerivatives;
import org.dualj.benchmarks.functions.HandGradients;
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
 * Reverse mode on Ackley: the primal, a hand-written gradient, the forward-lane and
 * the reverse-mode gradient and the automatic choice ({@code fGradient}), each over a reused
 * workspace. The crossover runs set n = 2 … 16 ({@code benchmarks/run-reverse.sh}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReverseAckleyBenchmark implements ReverseCase {
  @Param({"10", "100", "1000", "10000"})
  public int n;

  public double[] x;
  public double[] grad;
  Workspace work;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -2.0, 2.0, 42);
    grad = new double[n];
    work = new Workspace();
  }

  @Benchmark
  @Override
  public double primal() {
    return Ackley.f(x);
  }

  @Benchmark
  @Override
  public double hand() {
    return HandGradients.ackley(x, grad);
  }

  @Benchmark
  @Override
  public double forward() {
    return AckleyDerivatives.fGradientForward(x, grad, work);
  }

  @Benchmark
  @Override
  public double reverse() {
    return AckleyDerivatives.fGradientReverse(x, grad, work);
  }

  @Benchmark
  @Override
  public double automatic() {
    return AckleyDerivatives.fGradient(x, grad, work);
  }

  @Override
  public double[] inputs() {
    return x;
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
    return HandGradients.ackleyOperations(n);
  }
}
