package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.HandGradients;
import org.dualj.benchmarks.functions.Rosenbrock2;
import org.dualj.benchmarks.functions.Rosenbrock2Derivatives;
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
 * H·v of extended Rosenbrock ({@code Rosenbrock2}, order 2): the primal, the hand-written H·v,
 * {@code fHessianVectorReverse} into an array (one forward and one reverse sweep of the tangent code) and
 * {@code fHessianVector} (forward lanes over the tangent code, a pass per 12 columns), over a
 * reused workspace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HvRosenbrockBenchmark implements HvCase {
  @Param({"100", "1000", "10000"})
  public int n;

  public double[] x;
  public double[] v;
  public double[] hv;
  /** H·v of the generated code, written in place (its own array, apart from the hand-written one). */
  public double[] hvReverse;
  Workspace work;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -0.1, 0.1, 42);
    for (int i = 0; i < n; i++) {
      x[i] += i % 2 == 0 ? -1.2 : 1.0;
    }
    v = Inputs.uniform(n, -1.0, 1.0, 7);
    hv = new double[n];
    hvReverse = new double[n];
    work = new Workspace();
  }

  @Benchmark
  @Override
  public double primal() {
    return Rosenbrock2.f(x);
  }

  @Benchmark
  @Override
  public double[] hand() {
    HandGradients.rosenbrockHessianVector(x, v, hv);
    return hv;
  }

  @Benchmark
  @Override
  public double[] reverse() {
    Rosenbrock2Derivatives.fHessianVectorReverse(x, v, hvReverse, work);
    return hvReverse;
  }

  @Benchmark
  @Override
  public double[] forward() {
    return Rosenbrock2Derivatives.fHessianVector(x, v, work);
  }

  @Override
  public double[] inputs() {
    return x;
  }

  @Override
  public double[] direction() {
    return v;
  }

  @Override
  public Workspace workspace() {
    return work;
  }
}
