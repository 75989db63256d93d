package org.dualj.processor.steps;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.read.CallWrites;
import org.dualj.processor.read.CheckedMethod;
import org.dualj.processor.read.SourceMethod;

/**
 * Writes into arrays a method does not own (see {@link ArrayEffects}). Which parameters a method
 * of this round writes depends on its callees, so their summaries are computed together first;
 * those of callees from earlier compilations are read from their generated classes.
 */
final class ArrayEffectsStep {
  private ArrayEffectsStep() {}

  static void run(RoundState state) {
    ArrayEffects.Callees callees = callees(state);
    CallWrites plain = state.javac.callWrites();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (CheckedMethod c : state.checked) {
        ArrayEffects.Summary s = ArrayEffects.analyse(c.read().model(), callees).summary();
        changed |= !s.equals(state.summaries.put(c.method().key(), s));
      }
    }
    for (var it = state.checked.iterator(); it.hasNext(); ) {
      CheckedMethod c = it.next();
      ArrayEffects.Result result = ArrayEffects.analyse(c.read().model(), callees);
      List<Activity.Finding> findings = new ArrayList<>(result.findings());
      findings.addAll(fieldStores(c, plain));
      if (state.orderOf(c.method()) == 2 && findings.isEmpty()) {
        // the Hessian takes one pass per row: a call with effects would run once per pass
        for (Expr call : result.effectCalls()) {
          findings.add(new Activity.Finding(call, Message.REPEATED_EFFECT, new Object[] {name(call)}));
        }
      }
      for (Activity.Finding f : findings) {
        state.javac.errorAt(c, (Expr) f.node(), f.message(), f.args());
      }
      if (!findings.isEmpty()) {
        state.fail(c.method());
        it.remove();
      }
    }
  }

  /**
   * Calls without a derivative handed a value that depends on the inputs by a method whose source
   * keeps values in fields ({@code add(x)} then {@code total()} or a read of the field): what later
   * code reads there would have no derivative, so the call is an error.
   */
  private static List<Activity.Finding> fieldStores(CheckedMethod c, CallWrites plain) {
    List<Activity.Finding> out = new ArrayList<>();
    for (Stmt s : Stmts.all(c.read().model().body())) {
      for (Expr e : Stmts.exprs(s)) {
        List<Expr> stack = new ArrayList<>(List.of(e));
        while (!stack.isEmpty()) {
          Expr next = stack.remove(stack.size() - 1);
          stack.addAll(Exprs.children(next));
          if (next instanceof Expr.PlainCall p
              && p.args().stream().anyMatch(a -> c.activity().isActive(a))
              && plain.storesInFields(p)) {
            out.add(new Activity.Finding(p, Message.FIELD_STORE, new Object[] {name(p)}));
          }
        }
      }
    }
    return out;
  }

  private static String name(Expr call) {
    return call instanceof Expr.PlainCall p ? p.owner().simpleName() + "." + p.name()
        : call instanceof Expr.NewObject n ? "new " + n.type()
        : ((Expr.DiffCall) call).owner().simpleName() + "." + ((Expr.DiffCall) call).name();
  }

  /** The summary of a called {@code @Differentiable} method, as {@link #callees} gives it. */
  static java.util.function.Function<Expr.DiffCall, ArrayEffects.Summary> summaries(RoundState state) {
    return callees(state)::of;
  }

  private static ArrayEffects.Callees callees(RoundState state) {
    CallWrites plain = state.javac.callWrites();
    return new ArrayEffects.Callees() {
      @Override
      public ArrayEffects.Summary of(Expr.DiffCall call) {
        String key = SourceMethod.keyOf(call);
        return state.inRound.contains(key)
            ? state.summaries.getOrDefault(key, ArrayEffects.Summary.NONE)
            : state.javac.compiledSummary(call, DerivativesGenerator.ARRAY_WRITES);
      }

      @Override
      public boolean writes(Expr.PlainCall call, int i) {
        return plain.writes(call, i);
      }

      @Override
      public Boolean pure(Expr.PlainCall call) {
        return plain.pure(call);
      }
    };
  }

  /** The {@link DerivativesGenerator#ARRAY_WRITES} list of one class's generated methods. */
  static String arrayWrites(RoundState state, List<RoundState.Done> methods) {
    StringBuilder list = new StringBuilder();
    for (RoundState.Done d : methods) {
      String k = d.method().key();
      ArrayEffects.Summary s = state.summaries.get(k);
      if (s != null && (!s.writtenParameters().isEmpty() || s.effects())) {
        list.append(list.length() == 0 ? "" : ";")
            .append(k.substring(k.indexOf('#') + 1))
            .append(':')
            .append(String.join(",", s.writtenParameters().stream().sorted().map(String::valueOf).toList()))
            .append(s.effects() ? ":effects" : "");
      }
    }
    return list.toString();
  }
}
