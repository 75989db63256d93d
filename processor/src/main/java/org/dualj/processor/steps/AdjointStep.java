package org.dualj.processor.steps;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Output;
import org.dualj.processor.codegen.CodeSize;
import org.dualj.processor.codegen.Plan;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Types;
import org.dualj.processor.read.SourceMethod;
import org.dualj.processor.transform.AdjointTransform;

/**
 * Gives each method its adjoint core when reverse mode handles it and every method it calls
 * (callees of this round by their own results, until nothing changes; callees compiled earlier
 * by the adjoint method in their generated class), and a note on the others.
 */
final class AdjointStep {
  /** Why a method has no reverse mode, by key, and the source line of the reason (0: none). */
  private final Map<String, String> why = new HashMap<>();
  private final Map<String, Integer> lines = new HashMap<>();
  private final RoundState state;

  private AdjointStep(RoundState state) {
    this.state = state;
  }

  static void attach(RoundState state) {
    AdjointStep step = new AdjointStep(state);
    step.unsupported();
    step.tooLarge();
    step.callees();
    step.attachOrNote();
  }

  private void unsupported() {
    for (Map.Entry<String, AdjointTransform.Result> r : state.adjoints.entrySet()) {
      if (!r.getValue().ok()) {
        why.put(r.getKey(), r.getValue().reason());
        lines.put(r.getKey(), r.getValue().line());
      }
    }
  }

  /** An adjoint method over the JVM's size limit. */
  private void tooLarge() {
    for (List<RoundState.Done> list : state.done.values()) {
      for (RoundState.Done d : list) {
        AdjointTransform.Result r = state.adjoints.get(d.method().key());
        if (r == null || !r.ok()) {
          continue;
        }
        MethodSpec spec = state.codegen.adjointCore(d.entry().withAdjoint(r.code()));
        if (CodeSize.estimate(spec) > CodeSize.LIMIT) {
          why.put(d.method().key(), "a body too large for one adjoint method");
          lines.put(d.method().key(), 0);
        }
      }
    }
  }

  /** A call of a method without reverse mode, until no more are found. */
  private void callees() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, AdjointTransform.Result> r : state.adjoints.entrySet()) {
        if (why.containsKey(r.getKey())) {
          continue;
        }
        for (Expr.DiffCall call : r.getValue().calls()) {
          String callee = SourceMethod.keyOf(call);
          boolean ok =
              state.adjoints.containsKey(callee)
                  ? !why.containsKey(callee) && !state.failed(callee)
                  : !state.inRound.contains(callee)
                      && state.javac.hasMember(call, AdjointTransform.adjointName(call.name()));
          if (!ok) {
            why.put(r.getKey(), "a call of " + call.name() + ", which has no reverse mode");
            lines.put(r.getKey(), 0);
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * The keys of the adjoint cores some method needs: those of the methods whose own outputs use
   * reverse mode (and of their tangent code for H·v), and those that the adjoints of these call,
   * until no more are found.
   */
  private Set<String> needed() {
    Set<String> needed = new HashSet<>();
    for (List<RoundState.Done> list : state.done.values()) {
      for (RoundState.Done d : list) {
        Plan plan = d.entry().plan();
        String k = d.method().key();
        if (plan.needsReverse(d.entry().source())) {
          needed.add(k);
        }
        String hvKey = state.hessianVectorKeys.get(k);
        if (plan.has(Output.HESSIAN_VECTOR) && hvKey != null) {
          needed.add(k);
          needed.add(hvKey);
        }
      }
    }
    // the H·v adjoint of a method is attached with its adjoint only
    Map<String, String> primalOf = new HashMap<>();
    state.hessianVectorKeys.forEach((k, hv) -> primalOf.put(hv, k));
    List<String> todo = new ArrayList<>(needed);
    while (!todo.isEmpty()) {
      String key = todo.remove(todo.size() - 1);
      String primal = primalOf.get(key);
      if (primal != null && needed.add(primal)) {
        todo.add(primal);
      }
      AdjointTransform.Result r = state.adjoints.get(key);
      if (r == null || !r.ok()) {
        continue;
      }
      for (Expr.DiffCall call : r.calls()) {
        String callee = SourceMethod.keyOf(call);
        if (state.adjoints.containsKey(callee) && needed.add(callee)) {
          todo.add(callee);
        }
      }
    }
    return needed;
  }

  private void attachOrNote() {
    Set<String> needed = needed();
    for (List<RoundState.Done> list : state.done.values()) {
      for (int i = 0; i < list.size(); i++) {
        RoundState.Done d = list.get(i);
        String k = d.method().key();
        AdjointTransform.Result r = state.adjoints.get(k);
        if (r == null || !needed.contains(k)) {
          continue;
        }
        String hvKey = state.hessianVectorKeys.get(k);
        if (hvKey != null && needed.contains(hvKey) && !why.containsKey(hvKey) && !why.containsKey(k)) {
          // the entry point's own core, the direction fixed, where reverse mode handles it
          AdjointTransform.Result along = state.hessianVectorAlong.get(k);
          d = d.withEntry(d.entry().withHessianVectorAdjoint(state.adjoints.get(hvKey).code(),
              along != null && along.ok() ? along.code() : null));
          list.set(i, d);
        }
        if (hvKey != null && needed.contains(hvKey) && why.containsKey(hvKey) && !why.containsKey(k)
            && d.entry().plan().has(Output.HESSIAN_VECTOR)) {
          noteHessianVector(d, hvKey);
        }
        if (why.containsKey(k)) {
          note(d, k);
        } else {
          list.set(i, d.withEntry(d.entry().withAdjoint(r.code())));
        }
      }
    }
  }

  /** The method has reverse mode, but its tangent code has none: no H·v by reverse over forward. */
  private void noteHessianVector(RoundState.Done d, String hvKey) {
    int line = lines.get(hvKey);
    String name = d.method().name();
    state.javac.note(d.method(), Message.REVERSE_UNSUPPORTED, "in the tangent code of " + name + ", " + why.get(hvKey),
        line > 0 ? line : d.entry().source().line(),
        Derived.HESSIAN_VECTOR_REVERSE.of(name) + " is not generated (" + Derived.HESSIAN_VECTOR.of(name)
            + " gives H·v by forward lanes)");
  }

  private void note(RoundState.Done d, String k) {
    int line = lines.get(k);
    String name = d.method().name();
    String consequence = Types.DOUBLE.equals(d.entry().source().returnType())
        ? Derived.GRADIENT.of(name) + " stays in forward mode (its cost grows with the number of"
            + " inputs) and " + Derived.GRADIENT_REVERSE.of(name) + " is not generated"
        : Derived.VJP.of(name) + " and " + Derived.JACOBIAN_REVERSE.of(name) + " are not generated";
    state.javac.note(d.method(), Message.REVERSE_UNSUPPORTED, why.get(k),
        line > 0 ? line : d.entry().source().line(), consequence);
  }
}
