package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;

/** {@code fJvp}: the Jacobian times one direction. */
final class JvpEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.JVP) && Cores.hasTangents(e.source())
        ? List.of(new VectorEntryPoints(e).jvp())
        : List.of();
  }
}
