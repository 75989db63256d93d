package org.dualj.processor.model;

/**
 * The families of public methods a generated class may hold for a method, by the names of
 * {@code org.dualj.annotations.Output}, which users write in {@code @Differentiable(outputs = …)}
 * and {@code -Adualj.outputs}. The processor reads those names from the annotation's mirror and the
 * option's text and keeps them here, so it never loads the annotations' classes: a processor path
 * of the processor's jar alone is enough ({@code OutputNamesTest} keeps the two lists equal).
 */
public enum Output {
  DUAL,
  DUAL_VECTOR,
  GRADIENT,
  JVP,
  REVERSE,
  VJP,
  HESSIAN,
  HESSIAN_VECTOR
}
