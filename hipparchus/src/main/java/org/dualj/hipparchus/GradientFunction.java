package org.dualj.hipparchus;

/**
 * A function that returns its value and fills its gradient: the shape of a generated {@code
 * fGradient(x, gradientOut)} for a {@code @Differentiable static double f(double[] x)}, so that
 * {@code ModelDerivatives::fGradient} is one.
 */
@FunctionalInterface
public interface GradientFunction {
  /** Returns f(x) and writes ∂f/∂x_j into {@code gradientOut[j]} ({@code x.length} entries). */
  double value(double[] x, double[] gradientOut);
}
