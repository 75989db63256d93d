package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** {@code f(x, x_dot, …)}: the unboxed tangent core, which callers' tangent code calls. */
final class TangentCore implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return List.of(Cores.core(e));
  }

  @Override
  public boolean forVoidMethods() {
    return true;
  }
}
