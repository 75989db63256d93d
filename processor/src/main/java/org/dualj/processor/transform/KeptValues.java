package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.dualj.processor.analysis.Recording;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The values of costly library functions ({@link org.dualj.processor.model.Elementary#costly}:
 * {@code exp}, {@code sqrt}, {@code sin}, …) that the reverse sweep reads where the forward sweep
 * left them instead of evaluating the function again: {@code exp}'s partial is its own value,
 * {@code log1p(exp(u))}'s needs {@code exp(u)}, {@code w * sin(u)}'s needs {@code sin(u)}.
 *
 * <p>Each such call is computed first into a local of its own, assigned by that one statement
 * ({@code double v1 = Math.exp(-z); out = out + w[j] / (1.0 + v1);}); where the statement is
 * the whole of a local's only assignment ({@code double v2 = Math.sin(v1);}), the local itself.
 * The reverse code of that statement reads the value from the local and only then restores the
 * local's old value: in a loop the value goes on the tape (a push and a pop instead of a second
 * evaluation, and only when the reverse sweep reads it), and the function's operands need no
 * record for its partial. A local with one assigning statement holds, when the reverse sweep
 * reaches that statement, the value the statement gave it: every later run of the statement
 * (the only other writes) saved the value it overwrote and has restored it.
 */
final class KeptValues {
  private final Supplier<String> temp;
  private final Set<String> names = new HashSet<>();

  /** @param temp gives the name of a new {@code double} local of the prepared body */
  KeptValues(Supplier<String> temp) {
    this.temp = temp;
  }

  /** True when {@code name} holds the value of a costly function, assigned by one statement. */
  boolean contains(String name) {
    return names.contains(name);
  }

  /**
   * {@code value} (a prepared right-hand side) with its costly calls computed first into locals,
   * innermost first, into {@code out}: only where the value is surely computed (not in a branch of
   * {@code ?:}, not right of {@code &&} or {@code ||}) and the statement calls no method that
   * could change what the function reads.
   */
  Expr hoist(Expr value, List<Stmt> out) {
    if (value == null || !Types.DOUBLE.equals(value.type()) || Exprs.hasCall(value)) {
      return value;
    }
    return keep(value, out, new HashMap<>());
  }

  /** {@code e} with its costly calls kept; a call written twice in one value is kept once. */
  private Expr keep(Expr e, List<Stmt> out, Map<Expr, Expr.Var> seen) {
    boolean arithmetic =
        (e instanceof Expr.Binary b && !b.op().equals("&&") && !b.op().equals("||"))
            || e instanceof Expr.Unary
            || e instanceof Expr.MathCall;
    if (!arithmetic || !Types.DOUBLE.equals(e.type())) {
      return e;
    }
    Expr x = Exprs.mapChildren(e, c -> keep(c, out, seen));
    if (x instanceof Expr.MathCall m && m.fn().costly()) {
      Expr.Var same = seen.get(x);
      if (same != null) {
        return same; // the same function of the same operands: one value
      }
      Expr.Var t = new Expr.Var(temp.get(), Types.DOUBLE);
      seen.put(x, t);
      out.add(new Stmt.Declare(Types.DOUBLE, t.name(), x));
      names.add(t.name());
      return t;
    }
    return x;
  }

  /**
   * The prepared {@code body} with each {@code double t = f(u); v = t;} whose {@code v} is a local
   * (of {@code locals}) assigned by that statement only written {@code v = f(u);}, {@code v} then
   * holding the kept value and {@code t} dropped from {@code locals}.
   */
  List<Stmt> merged(List<Stmt> body, Map<String, TypeName> locals) {
    Map<String, Integer> assignments = new HashMap<>();
    for (Stmt s : body) {
      for (Stmt x : Stmts.all(s)) {
        for (String v : Recording.assigned(x)) {
          assignments.merge(v, 1, Integer::sum);
        }
      }
    }
    return list(body, locals, assignments);
  }

  private List<Stmt> list(List<Stmt> body, Map<String, TypeName> locals, Map<String, Integer> assignments) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      Stmt next = i + 1 < body.size() ? body.get(i + 1) : null;
      if (s instanceof Stmt.Declare d && names.contains(d.name()) && next != null) {
        String v = copyTarget(next, d.name());
        if (v != null && !v.equals(d.name()) && locals.containsKey(v)
            && Types.DOUBLE.equals(locals.get(v)) && assignments.getOrDefault(v, 0) == 1) {
          out.add(next instanceof Stmt.Declare
              ? new Stmt.Declare(Types.DOUBLE, v, d.init())
              : new Stmt.Assign(new Expr.Var(v, Types.DOUBLE), d.init()));
          names.remove(d.name());
          names.add(v);
          locals.remove(d.name());
          i++;
          continue;
        }
      }
      out.add(nested(s, locals, assignments));
    }
    return out;
  }

  private Stmt nested(Stmt s, Map<String, TypeName> locals, Map<String, Integer> assignments) {
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(list(b.body(), locals, assignments));
    }
    if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), list(c.body(), locals, assignments)));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    }
    return Stmts.mapChildren(s, c -> c == null ? null : nested(c, locals, assignments));
  }

  /** The local {@code s} assigns {@code t} to ({@code v = t;} or {@code double v = t;}), or null. */
  private static String copyTarget(Stmt s, String t) {
    if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Var x && x.name().equals(t)) {
      return d.name();
    }
    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v
        && a.value() instanceof Expr.Var x && x.name().equals(t)) {
      return v.name();
    }
    return null;
  }
}
