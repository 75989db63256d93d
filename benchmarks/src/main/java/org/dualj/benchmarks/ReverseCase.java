package org.dualj.benchmarks;

import org.dualj.runtime.Workspace;

/**
 * What every reverse-mode benchmark class offers besides its JMH methods, so that the test of the
 * hand-written gradients and {@code suite.TapeBytes} can run a case outside JMH: set its
 * {@code @Param n}, call {@link #setup}, then the variants (each returns the value and writes the
 * gradient into {@link #gradient}).
 */
public interface ReverseCase {
  /** Prepares the inputs for the current n. */
  void setup();

  /** The function's value. */
  double primal();

  /** The hand-written gradient. */
  double hand();

  /** {@code fGradientForward} over the reused workspace. */
  double forward();

  /** {@code fGradientReverse} over the reused workspace. */
  double reverse();

  /** {@code fGradient} (the automatic choice) over the reused workspace. */
  double automatic();

  /** The differentiated array (x or w): the gradient's columns, in order. */
  double[] inputs();

  /** Where every gradient variant writes. */
  double[] gradient();

  /** The workspace the generated gradients reuse (its tape reports the peak use). */
  Workspace workspace();

  /** The primal's floating-point operations at the current n (see each function's count). */
  long primalOperations();
}
