package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code f(DualVector x, …)}: the composable vector form. */
final class DualVectorEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.DUAL_VECTOR) && Cores.hasTangents(e.source())
        ? List.of(new VectorEntryPoints(e).dualVector())
        : List.of();
  }
}
