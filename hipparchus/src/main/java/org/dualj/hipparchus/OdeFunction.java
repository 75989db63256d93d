package org.dualj.hipparchus;

/**
 * The right-hand side {@code dy/dt = f(t, y)} of an ordinary differential equation: the shape of a
 * {@code static double[] f(double t, double[] y)}, so that {@code Model::f} is one.
 */
@FunctionalInterface
public interface OdeFunction {
  /** Returns dy/dt at (t, y). */
  double[] value(double t, double[] y);
}
