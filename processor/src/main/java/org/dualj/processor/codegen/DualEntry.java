package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code f(Dual x, …)}: the {@code Dual} form, which unpacks its arguments for the core. */
final class DualEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.DUAL) && Cores.hasTangents(e.source())
        ? List.of(Cores.dualEntry(e))
        : List.of();
  }
}
