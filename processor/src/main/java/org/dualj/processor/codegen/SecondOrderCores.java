package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * {@code fTangent} and {@code fTangentLanes}: the tangent code of the tangent code, which the
 * second-order entry points and callers' second-order code call.
 */
final class SecondOrderCores implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    if (e.second() == null || !Cores.hasTangents(e.source())) {
      return List.of();
    }
    DerivativesGenerator.Entry tangent = e.secondOrderEntry();
    return List.of(Cores.core(tangent), Cores.lanesCore(tangent));
  }

  @Override
  public boolean forVoidMethods() {
    return true;
  }
}
