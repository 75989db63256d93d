package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.model.Output;
import org.dualj.processor.model.Types;

/**
 * {@code fGradientReverse} in the three forms of {@code fGradient}, or {@code gJacobianReverse}.
 * Without {@link Output#REVERSE}, a {@code fGradient} that switches to reverse mode for many
 * columns still gets the workspace form, not public.
 */
final class ReverseEntry implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    if (e.adjoint() == null || !Cores.hasTangents(e.source())) {
      return List.of();
    }
    ReverseEntryPoints reverse = new ReverseEntryPoints(e);
    if (e.plan().has(Output.REVERSE)) {
      return Types.DOUBLE_ARRAY.equals(e.source().returnType())
          ? List.of(reverse.jacobianReverse())
          : reverse.gradients();
    }
    return VectorEntryPoints.switchesToReverse(e) ? List.of(reverse.gradientForGradient()) : List.of();
  }
}
