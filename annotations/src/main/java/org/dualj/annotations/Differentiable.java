package org.dualj.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code double}- or {@code double[]}-valued method whose forward-mode derivative the
 * dualj annotation processor generates at compile time.
 *
 * <p>For {@code class Model { @Differentiable static double f(double x1, double x2) { ... } }}
 * the processor writes a sibling class {@code ModelDerivatives} with
 * {@code public static Dual f(Dual x1, Dual x2)}: the value of {@code f} and its directional
 * derivative along the tangents carried by the arguments. A nested class {@code Outer.Inner}
 * gives {@code Outer_InnerDerivatives}. {@code double[]} parameters and results become
 * {@code Dual[]}; parameters of other types pass through unchanged. Instance methods get a static
 * derivative taking the receiver first.
 *
 * <p>The annotation has {@code CLASS} retention so that a later compilation that calls this
 * method from its own {@code @Differentiable} code still sees it in the class file.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * The parameters to differentiate with respect to, by name; each must be a {@code double} or
   * {@code double[]} parameter. Empty (the default) means every {@code double} and
   * {@code double[]} parameter. Parameters left out pass through the generated methods unchanged,
   * and values that depend only on them carry no tangent.
   */
  String[] wrt() default {};

  /**
   * The number of tangent directions the generated gradient and Jacobian methods carry in one
   * pass. 0 (the default) picks one: all inputs in one pass up to 12 of them, otherwise passes of
   * at most 12 directions. Results are the same for every chunk size.
   */
  int chunk() default 0;

  /**
   * The highest order of derivatives to generate: 1 (the default) or 2. With 2, a
   * {@code double}-valued method also gets {@code fHessian} (allocating, and a form that returns
   * the value and fills the gradient and Hessian), {@code fHessianVector} (H·v without forming H)
   * and, when it differentiates with respect to one {@code double}, {@code fSecondDerivative}.
   * They come from applying the forward transformation to the generated tangent code
   * (forward-over-forward), exact to rounding. Every {@code @Differentiable} method it calls with
   * active arguments must have order 2 as well.
   */
  int order() default 1;

  /**
   * The families of public methods to generate for this method, for example
   * {@code outputs = {Output.GRADIENT, Output.JVP}} for {@code fGradient} and {@code fJvp} only.
   * Left out, the compilation's default applies: the processor option
   * {@code -Adualj.outputs=GRADIENT,JVP}, or every family without it. Written as {@code {}}, the
   * method gets no public derivative methods, only the code that other differentiated methods
   * call. See {@link Output}.
   */
  Output[] outputs() default {};
}
