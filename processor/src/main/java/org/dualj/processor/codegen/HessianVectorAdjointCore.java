package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** {@code fTangentAdjoint}: the adjoint of the tangent code, which gives H·v by reverse mode. */
final class HessianVectorAdjointCore implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return HessianEntryPoints.applies(e) && e.hessianVectorAdjoint() != null && e.adjoint() != null
        ? List.of(new ReverseEntryPoints(e).hessianVectorAdjoint())
        : List.of();
  }
}
