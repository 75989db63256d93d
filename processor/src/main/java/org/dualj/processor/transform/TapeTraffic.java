package org.dualj.processor.transform;

import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * A static estimate of the tape traffic of a forward sweep: its pushes, each weighted by 16 per
 * loop around it (a push in a loop runs many times), so that two ways of recording one method can
 * be compared.
 */
final class TapeTraffic {
  private static final long PER_LOOP = 16;

  private TapeTraffic() {}

  /** The weighted pushes of forward code {@code code}. */
  static long of(List<Stmt> code) {
    long total = 0;
    for (Stmt s : code) {
      total += of(s, 1);
    }
    return total;
  }

  private static long of(Stmt s, long weight) {
    if (s == null) {
      return 0;
    }
    if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.PlainCall p && p.name().startsWith("push")) {
      return weight;
    }
    boolean loop = s instanceof Stmt.For || s instanceof Stmt.While || s instanceof Stmt.DoWhile
        || s instanceof Stmt.ForEach;
    long inner = loop ? weight * PER_LOOP : weight;
    long total = 0;
    for (Stmt c : Stmts.children(s)) {
      total += of(c, s instanceof Stmt.For f && f.init().contains(c) ? weight : inner);
    }
    return total;
  }
}
