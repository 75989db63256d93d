package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fHessian}: allocating, filling, and with a workspace. */
final class HessianEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.HESSIAN) && HessianEntryPoints.applies(e)
        ? new HessianEntryPoints(e).hessians()
        : List.of();
  }
}
