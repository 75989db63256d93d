package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fGradient} and {@code fGradientForward}, or {@code gJacobian}, by forward lanes. */
final class GradientEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.GRADIENT) && Cores.hasTangents(e.source())
        ? new VectorEntryPoints(e).derivatives()
        : List.of();
  }
}
