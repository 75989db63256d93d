package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/**
 * {@code fTangentAdjoint}: the adjoint of the tangent code, which gives H·v by reverse mode (and
 * which callers' adjoints of their tangent code call); with {@code fHessianVectorReverse}, {@code
 * fHessianVectorAdjoint}: the same with the direction fixed, which that entry point calls.
 */
final class HessianVectorAdjointCore implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    if (!HessianEntryPoints.applies(e) || e.hessianVectorAdjoint() == null || e.adjoint() == null) {
      return List.of();
    }
    ReverseEntryPoints w = new ReverseEntryPoints(e);
    return e.hessianVectorAlong() == null || !e.plan().has(Output.HESSIAN_VECTOR)
        ? List.of(w.hessianVectorAdjoint())
        : List.of(w.hessianVectorAdjoint(), w.hessianVectorAlong());
  }
}
