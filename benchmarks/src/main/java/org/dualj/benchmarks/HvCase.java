package org.dualj.benchmarks;

import org.dualj.runtime.Workspace;

/**
 * What every H·v benchmark class offers besides its JMH methods, so the suite and the tests can
 * run a case outside JMH: set its {@code @Param n}, call {@link #setup}, then the variants. Each
 * H·v variant returns the product H·v at the inputs along the fixed direction.
 */
public interface HvCase {
  /** Prepares the inputs and the direction for the current n. */
  void setup();

  /** The function's value. */
  double primal();

  /** {@code fHessianVectorReverse} (reverse over forward) into an array of the case, over the reused workspace. */
  double[] reverse();

  /** {@code fHessianVector} (forward lanes over forward) over the reused workspace. */
  double[] forward();

  /** The hand-written H·v, or null when the function has none. */
  double[] hand();

  /** The differentiated array. */
  double[] inputs();

  /** The direction v. */
  double[] direction();

  /** The workspace the generated variants reuse. */
  Workspace workspace();
}
