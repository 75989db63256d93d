package org.dualj.processor.steps;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.codegen.CodeSize;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.read.ModelCalls;
import org.dualj.processor.read.SourceClass;
import org.dualj.processor.read.SourceMethod;

/** The steps that leave transformed methods out of the generated code, each with its reason. */
final class Drops {
  private Drops() {}

  /**
   * Leaves for the next round the erroneous methods, and with them every method of their
   * classes (a class's derivatives are written in one file, once) and every method that calls
   * one of those, until no more are left. In the last round they are dropped instead, without
   * a word: javac reports the erroneous methods' errors, and a file written in the last round
   * would get a warning.
   */
  static void defer(RoundState state) {
    if (state.erroneous.isEmpty()) {
      return;
    }
    Set<String> types = new HashSet<>();
    for (SourceMethod m : state.erroneous) {
      types.add(m.type().qualifiedName());
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<SourceClass, List<RoundState.Done>> e : state.done.entrySet()) {
        String type = e.getKey().qualifiedName();
        if (!types.contains(type) && callsInto(e.getValue(), types)) {
          types.add(type);
          changed = true;
        }
      }
    }
    List<SourceMethod> later = new ArrayList<>(state.erroneous);
    for (var it = state.done.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<SourceClass, List<RoundState.Done>> e = it.next();
      if (types.contains(e.getKey().qualifiedName())) {
        e.getValue().forEach(d -> later.add(d.method()));
        it.remove();
      }
    }
    for (SourceMethod m : later) {
      if (state.last) {
        state.fail(m);
      } else {
        state.progress.deferred.add(new Progress.Deferred(m.type().qualifiedName(), state.javac.start(m)));
      }
    }
  }

  private static boolean callsInto(List<RoundState.Done> methods, Set<String> types) {
    for (RoundState.Done d : methods) {
      if (ModelCalls.diffCalls(d.checked().read().model().body()).stream()
          .anyMatch(c -> types.contains(c.owner().canonicalName()))) {
        return true;
      }
    }
    return false;
  }

  /** Two methods whose derivatives would have the same signature: the later one is an error. */
  static void signatureClashes(RoundState state) {
    for (List<RoundState.Done> list : state.done.values()) {
      Set<String> seen = new HashSet<>();
      for (var it = list.iterator(); it.hasNext(); ) {
        RoundState.Done d = it.next();
        List<String> signatures = state.codegen.signatures(d.entry());
        String clash = signatures.stream().filter(seen::contains).findFirst().orElse(null);
        if (clash != null) {
          state.javac.errorAtDeclaration(d.checked(), Message.NAME_CLASH, clash);
          state.fail(d.method());
          it.remove();
        } else {
          seen.addAll(signatures);
        }
      }
    }
  }

  /**
   * Two classes whose generated classes would have the same name ({@code A.B} and a top-level
   * {@code A_B} both give {@code A_BDerivatives}), or a generated class that would have the name
   * of a class in the sources: an error at each class, and neither is generated.
   */
  static void classNameClashes(RoundState state) {
    Map<String, SourceClass> byName = new LinkedHashMap<>();
    Set<SourceClass> clashing = new LinkedHashSet<>();
    for (Map.Entry<SourceClass, List<RoundState.Done>> e : state.done.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      SourceClass type = e.getKey();
      String name = type.derivativesName().canonicalName();
      SourceClass other = byName.putIfAbsent(name, type);
      if (other == null) {
        other = state.progress.generatedFor.get(name);
      }
      if (other != null && !other.qualifiedName().equals(type.qualifiedName())) {
        for (SourceClass[] pair : new SourceClass[][] {{type, other}, {other, type}}) {
          state.javac.error(pair[0], Message.CLASS_NAME_CLASH, pair[0].qualifiedName(), name,
              "so would those of " + pair[1].qualifiedName());
        }
        clashing.add(type);
        clashing.add(other);
        continue;
      }
      SourceClass existing = state.javac.declaredInSources(name);
      if (existing != null && !state.progress.generatedFor.containsKey(name)) {
        state.javac.error(type, Message.CLASS_NAME_CLASH, type.qualifiedName(), name,
            "the sources already declare a class of that name");
        state.javac.error(existing, Message.CLASS_NAME_CLASH, type.qualifiedName(), name,
            "the sources already declare this class");
        clashing.add(type);
      }
    }
    for (SourceClass type : clashing) {
      List<RoundState.Done> dropped = state.done.get(type);
      if (dropped != null) {
        dropped.forEach(d -> state.fail(d.method()));
        dropped.clear();
      }
    }
  }

  /**
   * Methods whose generated code javac would reject as too large ("code too large"): an
   * error at the method, before javac meets the generated file.
   */
  static void tooLarge(RoundState state) {
    Codegen codegen = state.codegen;
    for (Map.Entry<SourceClass, List<RoundState.Done>> e : state.done.entrySet()) {
      List<DerivativesGenerator.Entry> entries = new ArrayList<>();
      e.getValue().forEach(d -> entries.add(d.entry()));
      if (codegen.largest(entries) == null) {
        continue;
      }
      for (var it = e.getValue().iterator(); it.hasNext(); ) {
        RoundState.Done d = it.next();
        MethodSpec large = codegen.largest(List.of(d.entry()));
        if (large != null) {
          state.javac.errorAtDeclaration(
              d.checked(),
              Message.METHOD_TOO_LARGE,
              large.name(),
              String.format("%,d", CodeSize.estimate(large)));
          state.fail(d.method());
          it.remove();
        }
      }
    }
  }

  /** Removes methods that call a failed method, until no more fail. */
  static void callersOfFailed(RoundState state) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (List<RoundState.Done> list : state.done.values()) {
        for (var it = list.iterator(); it.hasNext(); ) {
          RoundState.Done d = it.next();
          for (Expr.DiffCall call : ModelCalls.diffCalls(d.checked().read().model().body())) {
            if (state.failed(SourceMethod.keyOf(call))) {
              state.javac.errorAt(
                  d.checked(), call, Message.CALLEE_FAILED, call.owner().simpleName() + "." + call.name());
              state.fail(d.method());
              it.remove();
              changed = true;
              break;
            }
          }
        }
      }
    }
  }
}
