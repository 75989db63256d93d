package org.dualj.processor.read;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/** The calls of differentiated methods in a method's model, in source order. */
public final class ModelCalls {
  private ModelCalls() {}

  public static List<Expr.DiffCall> diffCalls(Stmt body) {
    List<Expr.DiffCall> out = new ArrayList<>();
    for (Stmt s : Stmts.all(body)) {
      for (Expr e : Stmts.exprs(s)) {
        collect(e, out);
      }
    }
    return out;
  }

  private static void collect(Expr e, List<Expr.DiffCall> out) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.DiffCall c) {
      out.add(c);
    }
    for (Expr c : Exprs.children(e)) {
      collect(c, out);
    }
  }
}
