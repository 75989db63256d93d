package org.dualj.processor.steps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.model.MethodCopy;
import org.dualj.processor.read.SourceClass;

/** Writes one {@code …Derivatives} class per class with methods left to generate. */
final class GenerateStep {
  private GenerateStep() {}

  static void write(RoundState state) throws IOException {
    Codegen codegen = state.codegen;
    for (Map.Entry<SourceClass, List<RoundState.Done>> e : state.done.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<DerivativesGenerator.Entry> entries = new ArrayList<>();
      for (RoundState.Done d : e.getValue()) {
        entries.add(d.entry());
      }
      SourceClass type = e.getKey();
      String name = type.derivativesName().canonicalName();
      state.progress.generatedFor.put(name, type);
      String refused =
          state.javac.write(
              codegen.file(
                  type, entries, ArrayEffectsStep.arrayWrites(state, e.getValue()), copies(e.getValue()),
                  methodCopies(e.getValue())));
      if (refused != null) {
        // a file of that name that the class name check could not see (another processor's)
        state.javac.error(type, Message.CLASS_NAME_CLASH, type.qualifiedName(), name,
            "the compiler refuses to create it (" + refused + ")");
      }
    }
  }

  /**
   * The private static final fields the methods of one class read through copies, each once,
   * every copy after those its initializer reads.
   */
  private static List<FieldCopy> copies(List<RoundState.Done> methods) {
    Map<String, FieldCopy> all = new LinkedHashMap<>();
    for (RoundState.Done d : methods) {
      d.checked().read().copies().forEach(c -> all.putIfAbsent(c.name(), c));
    }
    return List.copyOf(all.values());
  }

  /** The private helpers the methods of one class call through copies, each once. */
  private static List<MethodCopy> methodCopies(List<RoundState.Done> methods) {
    Map<String, MethodCopy> all = new LinkedHashMap<>();
    for (RoundState.Done d : methods) {
      d.checked().read().methodCopies().forEach(c -> all.putIfAbsent(c.key(), c));
    }
    return List.copyOf(all.values());
  }
}
