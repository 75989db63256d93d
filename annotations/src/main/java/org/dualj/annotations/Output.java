package org.dualj.annotations;

/**
 * A family of public methods the dualj processor can generate for a {@code @Differentiable}
 * method {@code f}, chosen with {@link Differentiable#outputs()} or, for a whole compilation, with
 * the processor option {@code -Adualj.outputs=GRADIENT,JVP}. By default every family is generated.
 *
 * <p>Whatever is chosen, the code other differentiated methods call ({@code f}'s unboxed tangent
 * core, lane core and, for {@code order = 2}, second-order cores) is always generated, so methods
 * with different outputs still call one another; reverse-mode cores ({@code fAdjoint}) are
 * generated where some method of the compilation needs reverse mode.
 */
public enum Output {
  /** {@code f(Dual x, …)}: value and directional derivative with {@code Dual} arguments. */
  DUAL,
  /** {@code f(DualVector x, …)}: value and derivatives along several directions at once. */
  DUAL_VECTOR,
  /**
   * {@code fGradient} (for a {@code double} result) or {@code fJacobian} (for a {@code double[]}
   * result) in their allocating and filling forms, and {@code fGradientForward}.
   */
  GRADIENT,
  /** {@code fJvp}: the Jacobian times one direction, without forming the Jacobian. */
  JVP,
  /** {@code fGradientReverse} or {@code fJacobianReverse}: derivatives by reverse mode. */
  REVERSE,
  /** {@code fVjp}: a vector times the Jacobian of a {@code double[]}-valued method. */
  VJP,
  /** {@code fHessian} and {@code fSecondDerivative} (with {@code order = 2}). */
  HESSIAN,
  /** {@code fHessianVector} and {@code fHessianVectorReverse} (with {@code order = 2}). */
  HESSIAN_VECTOR
}
