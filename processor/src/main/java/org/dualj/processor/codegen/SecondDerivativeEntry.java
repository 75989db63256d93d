package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fSecondDerivative}: f'' of a method of one differentiated {@code double}. */
final class SecondDerivativeEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.HESSIAN)
            && HessianEntryPoints.applies(e)
            && HessianEntryPoints.hasSecondDerivative(e.source())
        ? List.of(new HessianEntryPoints(e).secondDerivative())
        : List.of();
  }
}
