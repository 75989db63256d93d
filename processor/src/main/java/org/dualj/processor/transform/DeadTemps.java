package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/** Removes from a run of reverse code the temporaries it declares and never reads. */
final class DeadTemps {
  private DeadTemps() {}

  /**
   * {@code code} without the locals it declares and never reads (values a partial turned out not
   * to need, a line's comment left without code), repeated until none is left; a pop is kept, as
   * the tape must stay in step.
   */
  static List<Stmt> withoutDeadTemps(List<Stmt> code) {
    List<Stmt> current = code;
    while (true) {
      Set<String> read = new HashSet<>();
      for (Stmt s : current) {
        for (Stmt x : Stmts.all(s)) {
          for (Expr e : Stmts.exprs(x)) {
            if (!(x instanceof Stmt.Assign a && a.target() == e && e instanceof Expr.Var)) {
              Exprs.vars(e, read);
            }
          }
          if (x instanceof Stmt.For f) {
            for (Stmt u : f.init()) {
              Stmts.exprs(u).forEach(e -> Exprs.vars(e, read));
            }
            for (Stmt u : f.update()) {
              Stmts.exprs(u).forEach(e -> Exprs.vars(e, read));
            }
          }
        }
      }
      List<Stmt> kept = new ArrayList<>();
      boolean removed = false;
      for (Stmt s : current) {
        if (s instanceof Stmt.Declare d && !read.contains(d.name()) && !pops(d.init())) {
          removed = true;
        } else {
          kept.add(s);
        }
      }
      // a comment followed by another comment (or nothing) has lost its code
      List<Stmt> out = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        boolean commentWithoutCode =
            kept.get(i) instanceof Stmt.Comment
                && (i + 1 == kept.size() || kept.get(i + 1) instanceof Stmt.Comment);
        if (!commentWithoutCode) {
          out.add(kept.get(i));
        }
      }
      if (!removed) {
        return out;
      }
      current = out;
    }
  }


  private static boolean pops(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.PlainCall p && p.name().startsWith("pop")) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (pops(c)) {
        return true;
      }
    }
    return false;
  }
}
