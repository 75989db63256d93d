package org.dualj.hipparchus;

/**
 * A function that returns its value and fills its gradient and Hessian: the shape of a generated
 * {@code fHessian(x, gradientOut, hessianOut)} for a {@code @Differentiable(order = 2) static
 * double f(double[] x)}, so that {@code ModelDerivatives::fHessian} is one.
 */
@FunctionalInterface
public interface HessianFunction {
  /** Returns f(x), writes the gradient into {@code gradientOut} and the Hessian into {@code hessianOut}. */
  double value(double[] x, double[] gradientOut, double[][] hessianOut);
}
