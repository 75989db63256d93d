package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.dualj.processor.analysis.Recompute;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * The values the reverse sweep computes again instead of popping them ({@link Recompute}): the
 * reverse code of a statement starts with the assignments of the variables it reads that {@link
 * Recompute} finds computable there, and a run of reverse code drops an assignment that repeats
 * one before it whose operands nothing has changed since.
 */
final class Recomputation {
  private final AdjointContext ctx;
  private final Recompute available;
  /** The assignments added, by identity. */
  private final Set<Stmt> added = Collections.newSetFromMap(new IdentityHashMap<>());

  Recomputation(AdjointContext ctx, Recompute available) {
    this.ctx = ctx;
    this.available = available;
  }

  /**
   * {@code code}, the reverse code of simple statement {@code s}, preceded by the assignments of
   * the variables it reads that can be computed again there (and of those these read in turn);
   * their names go into {@code names}.
   */
  List<Stmt> prepend(Stmt s, List<Stmt> code, Set<String> names) {
    List<Recompute.Def> defs = s == null ? List.of() : available.at(s);
    if (defs.isEmpty()) {
      return code;
    }
    Set<String> read = new HashSet<>();
    for (Stmt x : code) {
      varsIn(x, read);
    }
    List<Recompute.Def> chosen = new ArrayList<>();
    for (int i = defs.size() - 1; i >= 0; i--) {
      Recompute.Def d = defs.get(i);
      if (read.contains(d.name())) {
        chosen.add(0, d);
        read.remove(d.name());
        varsIn(d.value(), read);
      }
    }
    if (chosen.isEmpty()) {
      return code;
    }
    List<Stmt> out = new ArrayList<>();
    for (Recompute.Def d : chosen) {
      Stmt assign = new Stmt.Assign(new Expr.Var(d.name(), d.type()), d.value());
      added.add(assign);
      out.add(assign);
      names.add(d.name());
    }
    out.addAll(code);
    return out;
  }

  /**
   * {@code run} (a run of reverse code, its statements in order) without the added assignments
   * that repeat an earlier one still valid: the same variable and value, and no statement between
   * them assigns the variable or an operand, writes an element of the method's arrays (when the
   * value loads elements) or calls a method other than the tape's.
   */
  List<Stmt> withoutRepeats(List<Stmt> run) {
    List<Stmt> valid = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    for (Stmt x : run) {
      boolean mine = added.contains(x);
      if (mine && valid.contains(x)) {
        continue;
      }
      out.add(x);
      kill(valid, x);
      if (mine) {
        valid.add(x);
      }
    }
    return out;
  }

  private void kill(List<Stmt> valid, Stmt x) {
    if (valid.isEmpty()) {
      return;
    }
    Set<String> assigned = new HashSet<>();
    boolean[] elements = {false};
    for (Stmt y : Stmts.all(x)) {
      effects(y, assigned, elements);
    }
    valid.removeIf(v -> {
      Stmt.Assign a = (Stmt.Assign) v;
      return assigned.contains(((Expr.Var) a.target()).name())
          || Recompute.readsAny(a.value(), assigned)
          || (elements[0] && Recompute.loadsElements(a.value()));
    });
  }

  private void effects(Stmt y, Set<String> assigned, boolean[] elements) {
    if (y instanceof Stmt.Declare d) {
      assigned.add(d.name());
    } else if (y instanceof Stmt.For f) {
      for (Stmt u : f.init()) {
        effects(u, assigned, elements);
      }
      for (Stmt u : f.update()) {
        effects(u, assigned, elements);
      }
    }
    Expr target = y instanceof Stmt.Assign a ? a.target()
        : y instanceof Stmt.CompoundAssign c ? c.target() : null;
    if (target instanceof Expr.Var v) {
      assigned.add(v.name());
    } else if (target != null) {
      Expr.Var root = Exprs.rootVar(target);
      // the adjoint arrays are not the method's arrays
      if (root == null || ctx.primal.contains(root.name())) {
        elements[0] = true;
      }
    }
    for (Expr e : Stmts.exprs(y)) {
      exprEffects(e, assigned, elements);
    }
  }

  private void exprEffects(Expr e, Set<String> assigned, boolean[] elements) {
    if (e instanceof Expr.IncDec i) {
      if (i.target() instanceof Expr.Var v) {
        assigned.add(v.name());
      } else {
        elements[0] = true;
      }
    } else if (e instanceof Expr.PlainCall p) {
      if (!(p.receiver() instanceof Expr.Var r && r.name().equals(ctx.tape.name()))) {
        elements[0] = true;
      }
    } else if (e instanceof Expr.StaticCall || e instanceof Expr.DiffCall
        || e instanceof Expr.RuleCall || e instanceof Expr.NewObject) {
      elements[0] = true;
    }
    for (Expr c : Exprs.children(e)) {
      exprEffects(c, assigned, elements);
    }
  }

  private static void varsIn(Stmt s, Set<String> out) {
    for (Stmt x : Stmts.all(s)) {
      for (Expr e : Stmts.exprs(x)) {
        varsIn(e, out);
      }
      if (x instanceof Stmt.For f) {
        f.init().forEach(u -> varsIn(u, out));
        f.update().forEach(u -> varsIn(u, out));
      }
    }
  }

  private static void varsIn(Expr e, Set<String> out) {
    Exprs.vars(e, out);
  }
}
