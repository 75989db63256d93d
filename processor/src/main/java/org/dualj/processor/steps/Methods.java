package org.dualj.processor.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dualj.processor.read.CheckedMethod;
import org.dualj.processor.read.SourceMethod;

/** Which methods a round works on: annotated, deferred, and the helpers they call. */
final class Methods {
  private Methods() {}

  /** The round's annotated methods, then those deferred by earlier rounds. */
  static List<SourceMethod> ofRound(RoundState state, List<SourceMethod> annotated) {
    List<SourceMethod> methods = new ArrayList<>();
    for (SourceMethod m : annotated) {
      methods.add(m);
      state.inRound.add(m.key());
    }
    List<SourceMethod> deferred = new ArrayList<>();
    for (Progress.Deferred d : state.progress.deferred) {
      deferred.addAll(state.javac.methodsAt(d.type(), d.start()));
    }
    state.progress.deferred.clear();
    for (SourceMethod m : deferred) {
      if (!methods.contains(m)) {
        methods.add(m);
        state.inRound.add(m.key());
      }
    }
    return methods;
  }

  /** The private static helpers the checked methods call for a derivative, and theirs, checked. */
  static void addHelpers(RoundState state, Consumer<SourceMethod> check) {
    for (int next = 0; next < state.checked.size(); next++) {
      for (SourceMethod h : state.checked.get(next).helpers()) {
        if (state.inRound.add(h.key()) && !state.failed(h.key())) {
          check.accept(h);
        }
      }
    }
  }

  /** Gives each helper the highest order of the methods calling it, until none rises. */
  static void raiseHelperOrders(RoundState state) {
    boolean raised = true;
    while (raised) {
      raised = false;
      for (CheckedMethod c : state.checked) {
        for (SourceMethod h : c.helpers()) {
          int demanded = state.orderOf(c.method());
          if (demanded > state.helperOrder.getOrDefault(h.key(), 1)) {
            state.helperOrder.put(h.key(), demanded);
            raised = true;
          }
        }
      }
    }
  }
}
