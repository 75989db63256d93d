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

/**
 * The one place the steps call the code generator; one per round, so that the methods built for
 * an entry are built once.
 */
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
  List<String> signatures(DerivativesGenerator.Entry entry) {
    return generator.signatures(entry);
  }

  /** The adjoint core of {@code entry}, which must have one. */
  MethodSpec adjointCore(DerivativesGenerator.Entry entry) {
    return generator.adjointCore(entry);
  }

  /** The arguments of {@code DiffTooManyParameters} when the entry's code is over the limit, or null. */
  Object[] overSlotLimit(DerivativesGenerator.Entry entry) {
    return generator.overSlotLimit(entry);
  }

  /** The first generated method of {@code entries} over the JVM's size limit, or null. */
  MethodSpec largest(List<DerivativesGenerator.Entry> entries) {
    for (DerivativesGenerator.Entry e : entries) {
      for (MethodSpec spec : generator.methods(e)) {
        if (CodeSize.estimate(spec) > CodeSize.LIMIT) {
          return spec;
        }
      }
    }
    return null;
  }
}
