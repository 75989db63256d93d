package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fHessianVectorReverse}: H·v by reverse over forward, with and without a workspace. */
final class HessianVectorReverseEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return generated(e) ? new ReverseEntryPoints(e).hessianVectors() : List.of();
  }

  /** Whether {@code e} gets {@code fHessianVectorReverse}. */
  static boolean generated(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.HESSIAN_VECTOR)
        && HessianEntryPoints.applies(e)
        && e.hessianVectorAdjoint() != null
        && e.adjoint() != null;
  }
}
