package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** {@code fAdjoint}: the adjoint core, for a method reverse mode handles and some method needs. */
final class AdjointCore implements EntryPoint {
  /** A {@code void} method's adjoint core, for its callers' reverse mode. */
  @Override
  public boolean forVoidMethods() {
    return true;
  }

  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.adjoint() != null && Cores.hasTangents(e.source())
        ? List.of(new ReverseEntryPoints(e).adjointCore())
        : List.of();
  }
}
