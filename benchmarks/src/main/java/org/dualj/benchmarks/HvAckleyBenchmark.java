package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Ackley2;
import org.dualj.benchmarks.functions.Ackley2Derivatives;
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
 * H·v of Ackley ({@code Ackley2}, order 2): the primal, {@code fHessianVectorReverse} and
 * {@code fHessianVector} over a reused workspace; no hand-written H·v.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HvAckleyBenchmark implements HvCase {
  @Param({"100", "1000", "10000"})
  public int n;

  public double[] x;
  public double[] v;
  /** H·v of the generated code, written in place (its own array, apart from the hand-written one). */
  public double[] hvReverse;
  Workspace work;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(n, -2.0, 2.0, 42);
    v = Inputs.uniform(n, -1.0, 1.0, 7);
    hvReverse = new double[n];
    work = new Workspace();
  }

  @Benchmark
  @Override
  public double primal() {
    return Ackley2.f(x);
  }

  @Override
  public double[] hand() {
    return null;
  }

  @Benchmark
  @Override
  public double[] reverse() {
    Ackley2Derivatives.fHessianVectorReverse(x, v, hvReverse, work);
    return hvReverse;
  }

  @Benchmark
  @Override
  public double[] forward() {
    return Ackley2Derivatives.fHessianVector(x, v, work);
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
