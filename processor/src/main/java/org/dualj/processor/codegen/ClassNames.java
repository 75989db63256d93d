package org.dualj.processor.codegen;

import com.palantir.javapoet.ClassName;

/** Runtime classes only the emitters refer to. */
final class ClassNames {
  static final ClassName DUAL_VECTORS = ClassName.get("org.dualj.runtime", "DualVectors");

  private ClassNames() {}
}
