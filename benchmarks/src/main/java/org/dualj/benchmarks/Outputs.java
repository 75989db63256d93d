package org.dualj.benchmarks;

/**
 * Where every benchmark of a function writes its derivatives, so that the work is observable (a
 * store into state is never eliminated) and {@code Check} can compare the variants after a call.
 */
public abstract class Outputs {
  /** The gradient (scalar functions), written by every gradient variant. */
  public double[] grad;

  /** The Jacobian (vector functions), rows are outputs, written by every Jacobian variant. */
  public double[][] jac;

  /** The directional derivative written by the scalar tangent variant (scalar functions). */
  public double tangentOut;

  /** The direction of the scalar tangent variant, in the order of the gradient's columns. */
  public abstract double[] direction();

  /** Number of differentiated inputs (columns). */
  public abstract int columns();

  /** Prepares the inputs; JMH calls it once per trial. */
  public abstract void setup();
}
