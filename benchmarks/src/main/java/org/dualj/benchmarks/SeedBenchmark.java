package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.annotations.Differentiable;
import org.dualj.runtime.Dual;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The seed example: primal against the generated tangent. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeedBenchmark {
  double x1 = 1.5;
  double x2 = 0.5;

  @Differentiable
  public static double f(double x1, double x2) {
    return (Math.sin(x1 / x2) + x1 / x2 - Math.exp(x2)) * (x1 / x2 - Math.exp(x2));
  }

  @Benchmark
  public double primal() {
    return f(x1, x2);
  }

  @Benchmark
  public Dual tangent() {
    return SeedBenchmarkDerivatives.f(x1, 1.0, x2, 0.0);
  }
}
