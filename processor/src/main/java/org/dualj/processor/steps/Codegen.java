package org.dualj.processor.steps;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import java.util.List;
import org.dualj.processor.codegen.ClassFacts;
import org.dualj.processor.codegen.CodeSize;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.model.MethodCopy;
import org.dualj.processor.read.SourceClass;

/** The one place the steps call the code generator. */
final class Codegen {
  private final DerivativesGenerator generator;

  Codegen(String processorName) {
    this.generator = new DerivativesGenerator(processorName);
  }

  /** What the generated class of {@code type} needs to know of it. */
  static ClassFacts facts(SourceClass type) {
    return new ClassFacts(
        type.className(),
        type.derivativesName(),
        type.generatedFits(),
        type.suppressedWarnings(),
        type.javaLangShadowed(),
        spec -> spec.addOriginatingElement(type.originatingElement()));
  }

  /** The generated class of {@code type} with {@code entries} alone, to measure it. */
  JavaFile file(SourceClass type, List<DerivativesGenerator.Entry> entries) {
    return generator.generate(facts(type), entries);
  }

  /** The generated class of {@code type} as it is written. */
  JavaFile file(
      SourceClass type,
      List<DerivativesGenerator.Entry> entries,
      String arrayWrites,
      List<FieldCopy> copies,
      List<MethodCopy> methodCopies) {
    return generator.generate(facts(type), entries, arrayWrites, copies, methodCopies);
  }

  /** Every signature the entry's generated methods have, for the clash check. */
  static List<String> signatures(DerivativesGenerator.Entry entry) {
    return DerivativesGenerator.signatures(entry);
  }

  /** The arguments of {@code DiffTooManyParameters} when the entry's code is over the limit, or null. */
  Object[] overSlotLimit(DerivativesGenerator.Entry entry) {
    return generator.overSlotLimit(entry);
  }

  /** The first method of {@code file} over the JVM's size limit, or null. */
  static MethodSpec largest(JavaFile file) {
    for (MethodSpec spec : file.typeSpec().methodSpecs()) {
      if (CodeSize.estimate(spec) > CodeSize.LIMIT) {
        return spec;
      }
    }
    return null;
  }
}
