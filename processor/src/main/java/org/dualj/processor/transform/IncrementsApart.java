package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * {@code ++} and {@code --} inside a statement ({@code w[k++] * x}, {@code c = k++ < n}) as
 * statements of their own before or after it, for {@link AdjointPrep}: the reverse sweep undoes
 * an increment as a statement, and recomputes the values of expressions, which must not
 * increment anything again.
 */
final class IncrementsApart {
  private IncrementsApart() {}

  /**
   * A statement with {@code k++} or {@code ++k} inside ({@code w[k++] * x}) as the increment
   * apart, before or after the statement, where that changes nothing: the variable appears once
   * in the statement.
   */
  static List<Stmt> apart(Stmt s, int line) {
    List<Stmt> before = new ArrayList<>();
    List<Stmt> after = new ArrayList<>();
    UnaryOperator<Expr>[] strip = new UnaryOperator[1];
    strip[0] = e -> {
      if (conditionallyIncrements(e)) {
        // k++ on the right of && or || or in a branch of ?: runs only sometimes
        throw new AdjointTransform.Unsupported(line, "++ or -- evaluated only under a condition");
      }
      if (e instanceof Expr.IncDec i) {
        if (!(i.target() instanceof Expr.Var v) || occurrences(s, v.name()) != 1) {
          throw new AdjointTransform.Unsupported(line, "++ or -- on a variable the same statement reads again");
        }
        (i.prefix() ? before : after).add(new Stmt.Eval(new Expr.IncDec(i.op(), false, v, i.type())));
        return v;
      }
      return Exprs.mapChildren(e, strip[0]);
    };
    Stmt stripped;
    if (s instanceof Stmt.Declare d) {
      stripped = new Stmt.Declare(d.type(), d.name(), strip[0].apply(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      Expr target = strip[0].apply(a.target());
      stripped = new Stmt.Assign(target, strip[0].apply(a.value()));
    } else if (s instanceof Stmt.CompoundAssign c) {
      Expr target = strip[0].apply(c.target());
      stripped = new Stmt.CompoundAssign(c.op(), target, strip[0].apply(c.value()));
    } else if (s instanceof Stmt.Return r) {
      stripped = new Stmt.Return(strip[0].apply(r.value()));
      after.clear(); // nothing runs after a return
    } else {
      stripped = new Stmt.Eval(strip[0].apply(((Stmt.Eval) s).expr()));
    }
    List<Stmt> out = new ArrayList<>(before);
    out.add(stripped);
    out.addAll(after);
    return out;
  }

  /** True for {@code a && b}, {@code a || b} or {@code c ? a : b} with ++ or -- after its first operand. */
  private static boolean conditionallyIncrements(Expr e) {
    List<Expr> operands = Exprs.children(e);
    boolean shortCircuit = e instanceof Expr.Conditional
        || e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"));
    return shortCircuit && operands.subList(1, operands.size()).stream().anyMatch(Exprs::hasIncDec);
  }

  private static int occurrences(Stmt s, String name) {
    int n = s instanceof Stmt.Declare d && d.name().equals(name) ? 1 : 0;
    for (Expr e : Stmts.exprs(s)) {
      n += occurrences(e, name);
    }
    return n;
  }

  private static int occurrences(Expr e, String name) {
    if (e == null) {
      return 0;
    }
    int n = e instanceof Expr.Var v && v.name().equals(name) ? 1 : 0;
    for (Expr c : Exprs.children(e)) {
      n += occurrences(c, name);
    }
    return n;
  }

}
