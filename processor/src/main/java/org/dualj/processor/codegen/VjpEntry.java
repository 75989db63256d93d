package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;
import org.dualj.processor.model.Types;

/** {@code gVjp}: a vector times the Jacobian of a {@code double[]}-valued method, by reverse mode. */
final class VjpEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return e.plan().has(Output.VJP)
            && e.adjoint() != null
            && Cores.hasTangents(e.source())
            && Types.DOUBLE_ARRAY.equals(e.source().returnType())
        ? List.of(new ReverseEntryPoints(e).vjp())
        : List.of();
  }
}
