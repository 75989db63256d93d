package org.dualj.hipparchus;

/**
 * The right-hand side of an ODE with its Jacobian along the state: the shape of the generated
 * {@code fJacobian(t, y, jacobianOut)} of {@code @Differentiable(wrt = "y") static double[] f(double
 * t, double[] y)}, so that {@code ModelDerivatives::fJacobian} is one. {@code wrt = "y"} matters:
 * without it t is differentiated too and the Jacobian gets a first column for it.
 */
@FunctionalInterface
public interface OdeJacobianFunction {
  /** Returns f(t, y) and writes ∂f_i/∂y_j into {@code jacobianOut[i][j]}. */
  double[] value(double t, double[] y, double[][] jacobianOut);
}
