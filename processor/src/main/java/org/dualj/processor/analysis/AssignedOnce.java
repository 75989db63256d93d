package org.dualj.processor.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * The local variables assigned exactly once per run of a body: one assignment (a declaration with
 * an initializer, an assignment, a compound assignment or an increment), outside every loop. Once
 * set, such a variable holds its value to the end, so the reverse sweep may read it instead of
 * computing the value again.
 */
public final class AssignedOnce {
  private AssignedOnce() {}

  /** The variables of {@code body} assigned once (parameters too: callers exclude them). */
  public static Set<String> of(List<Stmt> body) {
    Map<String, Integer> assignments = new HashMap<>();
    for (Stmt s : body) {
      for (Stmt x : Stmts.all(s)) {
        if (target(x) instanceof Expr.Var v) {
          // an assignment in a loop counts twice
          assignments.merge(v.name(), insideLoop(s, x) ? 2 : 1, Integer::sum);
        }
      }
    }
    Set<String> once = new HashSet<>();
    assignments.forEach((name, n) -> {
      if (n == 1) {
        once.add(name);
      }
    });
    return once;
  }

  private static Expr target(Stmt x) {
    if (x instanceof Stmt.Declare d && d.init() != null) {
      return new Expr.Var(d.name(), d.type());
    } else if (x instanceof Stmt.Assign a) {
      return a.target();
    } else if (x instanceof Stmt.CompoundAssign c) {
      return c.target();
    } else if (x instanceof Stmt.Eval e && e.expr() instanceof Expr.IncDec i) {
      return i.target();
    }
    return null;
  }

  /** True when {@code inner}, a statement within {@code outer}, sits in a loop of {@code outer}. */
  private static boolean insideLoop(Stmt outer, Stmt inner) {
    for (Stmt x : Stmts.all(outer)) {
      if (x != inner && isLoop(x) && Stmts.all(x).contains(inner)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoop(Stmt s) {
    return s instanceof Stmt.While
        || s instanceof Stmt.DoWhile
        || s instanceof Stmt.For
        || s instanceof Stmt.ForEach;
  }
}
