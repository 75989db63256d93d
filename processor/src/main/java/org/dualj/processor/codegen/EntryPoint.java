package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * One family of generated methods of a differentiated method (its {@code Dual} form, its
 * gradient, its Hessian, a core…), registered in {@link EntryPoints#ALL}. A family says itself
 * whether a method gets it: from the method's shape (its result, its differentiated parameters,
 * the code transformed for it) and its {@link Plan}.
 */
interface EntryPoint {
  /** The methods of this family for {@code e}, in order; empty when {@code e} does not get it. */
  List<MethodSpec> methods(DerivativesGenerator.Entry e);

  /**
   * Whether a {@code void} method, whose outputs are the arrays it writes, gets this family: only
   * the cores, which callers and the unboxed form use.
   */
  default boolean forVoidMethods() {
    return false;
  }
}
