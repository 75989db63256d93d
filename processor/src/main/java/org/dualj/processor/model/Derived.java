package org.dualj.processor.model;

/**
 * The one place that owns generated names: each method the processor derives from a user's method
 * {@code f} is named {@code f} plus its suffix ({@code fTangent}, {@code fGradient}, ...), and each
 * value the generated code derives from a user's variable {@code x} is named {@code x} plus a
 * suffix ({@code x_dot}, {@code x_bar}).
 */
public enum Derived {
  TANGENT("Tangent"),
  LANES("Lanes"),
  ADJOINT("Adjoint"),
  GRADIENT("Gradient"),
  GRADIENT_FORWARD("GradientForward"),
  GRADIENT_REVERSE("GradientReverse"),
  JACOBIAN("Jacobian"),
  JACOBIAN_REVERSE("JacobianReverse"),
  JVP("Jvp"),
  VJP("Vjp"),
  HESSIAN("Hessian"),
  HESSIAN_VECTOR("HessianVector"),
  HESSIAN_VECTOR_REVERSE("HessianVectorReverse"),
  SECOND_DERIVATIVE("SecondDerivative");

  /** What the generated class adds to the user's class name: {@code ModelDerivatives}. */
  public static final String CLASS_SUFFIX = "Derivatives";
  /** A first-order tangent: {@code x_dot}. */
  public static final String DOT = "_dot";
  /** The second-order tangent (the outer direction of forward over forward): {@code x_dot2}. */
  public static final String DOT2 = "_dot2";
  /** An adjoint: {@code x_bar}. */
  public static final String BAR = "_bar";

  private final String suffix;

  Derived(String suffix) {
    this.suffix = suffix;
  }

  /** The name of this derived method of the user's method {@code method}. */
  public String of(String method) {
    return method + suffix;
  }

  public String suffix() {
    return suffix;
  }
}
