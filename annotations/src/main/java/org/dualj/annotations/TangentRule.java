package org.dualj.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the tangent rule of another method: one partial derivative that every
 * {@code @Differentiable} method calling the target uses, in scalar and vector mode alike,
 * instead of differentiating the target's body (or failing because it has none).
 *
 * <p>The target is the {@code static double} method named {@link #method} of class {@link #of}
 * whose parameter types are the rule's leading parameter types. The rule is {@code static}, not
 * {@code private}, returns {@code double}, and takes the target's parameters followed by one more
 * {@code double}: the value the target returned at those arguments, so that a rule like that of
 * {@code exp} can reuse it. It returns the partial derivative of the target with respect to its
 * parameter number {@link #argument} (counted from 0), which must be a {@code double}. A target
 * with several {@code double} parameters has one rule per parameter it is differentiated with
 * respect to.
 *
 * <pre>{@code
 * final class ErfRules {
 *   // d/dx erf(x) = 2/sqrt(pi) * exp(-x^2)
 *   @TangentRule(of = Erf.class, method = "erf")
 *   static double erfPartial(double x, double erfX) {
 *     return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 *   }
 * }
 * }</pre>
 *
 * <p>With this rule, {@code Erf.erf(u)} in a {@code @Differentiable} method becomes, in the
 * generated code, {@code double v = Erf.erf(u); double v_dot = ErfRules.erfPartial(u, v) * u_dot;}
 * (in vector mode the partial is computed once and multiplies each lane). No boxing, no objects.
 *
 * <p>Rules are found at compile time in the current compilation and in classes on the classpath
 * compiled with the dualj processor, so a library can ship rules for its own functions. A rule
 * takes precedence over differentiating a {@code @Differentiable} target's body and over the
 * built-in table of {@code Math} and {@code StrictMath}. Two rules for the same target and
 * argument are an error.
 *
 * <p>{@code CLASS} retention: a later compilation reads the rules from the class file.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface TangentRule {
  /** The class declaring the target method. */
  Class<?> of();

  /** The name of the target method; overloads are told apart by the rule's parameter types. */
  String method();

  /**
   * The parameter of the target this rule differentiates with respect to, counted from 0; it
   * must be a {@code double} parameter.
   */
  int argument() default 0;
}
