package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Removes local variables that are assigned but never read, when every assignment to them is
 * free of effects.
 *
 * <p>Used on the tangent code that second order differentiates again: there the value of the
 * method itself ({@code v = …} feeding only the returned value, which {@code fTangent} no longer
 * returns) is dead, and differentiating it would cost a lane loop per operation for nothing.
 */
final class DeadCode {
  private DeadCode() {}

  static List<Stmt> remove(List<Stmt> body) {
    List<Stmt> current = body;
    while (true) {
      Set<String> read = new HashSet<>();
      Map<String, Boolean> pureDefinitions = new HashMap<>();
      for (Stmt s : current) {
        scan(s, read, pureDefinitions);
      }
      Set<String> dead = new HashSet<>();
      for (Map.Entry<String, Boolean> e : pureDefinitions.entrySet()) {
        if (e.getValue() && !read.contains(e.getKey())) {
          dead.add(e.getKey());
        }
      }
      if (dead.isEmpty()) {
        return current;
      }
      current = strip(current, dead);
    }
  }

  // ---------------------------------------------------------------- scan

  private static void scan(Stmt s, Set<String> read, Map<String, Boolean> defs) {
    for (Stmt x : Stmts.all(s)) {
      if (x instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        // a write of a variable, not a read of it
        define(v.name(), a.value(), defs);
        reads(a.value(), read);
        continue;
      }
      if (x instanceof Stmt.Declare d) {
        define(d.name(), d.init(), defs);
      } else if (x instanceof Stmt.ForEach f) {
        read.add(f.var());
      }
      // a throw is an effect: kept, and so is what it reads
      Stmts.exprs(x).forEach(e -> reads(e, read));
    }
  }

  private static void define(String name, Expr value, Map<String, Boolean> defs) {
    defs.merge(name, value == null || pure(value), Boolean::logicalAnd);
  }

  private static void reads(Expr e, Set<String> read) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Var v) {
      read.add(v.name());
    }
    for (Expr c : Exprs.children(e)) {
      reads(c, read);
    }
  }

  /** True if evaluating {@code e} has no effect besides its value. */
  private static boolean pure(Expr e) {
    if (e instanceof Expr.PlainCall || e instanceof Expr.IncDec || e instanceof Expr.NewObject) {
      return false;
    }
    if (e instanceof Expr.DiffCall d) {
      // a @Differentiable method writes no fields; it can write only into array arguments, and
      // copies made for the call are seen by no one else
      if (d.args().stream()
          .anyMatch(a -> Types.DOUBLE_ARRAY.equals(a.type()) && !(a instanceof Expr.ArrayClone))) {
        return false;
      }
    }
    if (e instanceof Expr.StaticCall s && !s.name().equals("zeros") && !s.name().equals("matrixZeros")) {
      return false;
    }
    for (Expr c : Exprs.children(e)) {
      if (!pure(c)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- strip

  private static List<Stmt> strip(List<Stmt> body, Set<String> dead) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      Stmt kept = strip(s, dead);
      if (kept != null) {
        out.add(kept);
      }
    }
    return out;
  }

  /** {@code s} without the definitions of {@code dead}; null if nothing is left of it. */
  private static Stmt strip(Stmt s, Set<String> dead) {
    if (s == null) {
      return null;
    }
    if (s instanceof Stmt.Declare d) {
      return dead.contains(d.name()) ? null : d;
    } else if (s instanceof Stmt.Assign a) {
      return a.target() instanceof Expr.Var v && dead.contains(v.name()) ? null : a;
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(strip(b.body(), dead));
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(strip(f.init(), dead), f.cond(), strip(f.update(), dead), body(f.body(), dead));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), strip(c.body(), dead)));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    } else if (s instanceof Stmt.SourceLine l) {
      Stmt inner = strip(l.stmt(), dead);
      return inner == null ? null : new Stmt.SourceLine(l.line(), l.text(), inner);
    }
    // if, loops, labels, try: each nested statement kept as a (possibly empty) body
    return Stmts.mapChildren(s, c -> body(c, dead));
  }

  /** The body of a control statement: never null, an empty block if nothing is left. */
  private static Stmt body(Stmt s, Set<String> dead) {
    Stmt kept = strip(s, dead);
    return kept == null ? new Stmt.Block(List.of()) : kept;
  }
}
