package org.dualj.hipparchus;

/**
 * A vector function that returns its values and fills its Jacobian: the shape of a generated
 * {@code gJacobian(x, jacobianOut)} for a {@code @Differentiable static double[] g(double[] x)}
 * (rows are outputs, columns inputs), so that {@code ModelDerivatives::gJacobian} is one. A
 * method with more parameters fits through a lambda: {@code (p, j) ->
 * ModelDerivatives.gJacobian(p[0], p[1], data, j)}.
 */
@FunctionalInterface
public interface JacobianFunction {
  /** Returns g(x) and writes ∂g_i/∂x_j into {@code jacobianOut[i][j]}. */
  double[] value(double[] x, double[][] jacobianOut);
}
