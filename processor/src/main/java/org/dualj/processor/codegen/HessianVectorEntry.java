package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fHessianVector}: H·v by forward over forward, with and without a workspace. */
final class HessianVectorEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.HESSIAN_VECTOR) && HessianEntryPoints.applies(e)
        ? new HessianEntryPoints(e).hessianVectors()
        : List.of();
  }
}
