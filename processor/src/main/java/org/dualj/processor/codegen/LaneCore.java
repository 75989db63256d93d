package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** {@code fLanes}: the lane core, which vector entry points and callers' lane code call. */
final class LaneCore implements EntryPoint {
  @Override
  public List<MethodSpec> methods(DerivativesGenerator.Entry e) {
    return Cores.hasTangents(e.source()) ? List.of(Cores.lanesCore(e)) : List.of();
  }

  @Override
  public boolean forVoidMethods() {
    return true;
  }
}
