package org.dualj.processor.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * What forward mode differentiates and reverse mode does not yet: a lambda or method reference
 * that captures the method's local variables (the forward sweep declares locals ahead and assigns
 * them, so they would no longer be effectively final); a call of a method returning
 * {@code double[][]}, which has no adjoint. A method using one keeps its forward-mode gradients
 * only.
 */
public final class ReverseLimits {
  private ReverseLimits() {}

  /** Why reverse mode cannot take {@code method}, or null if nothing here stops it. */
  public static String of(MethodModel method) {
    for (Stmt s : Stmts.all(method.body())) {
      for (Expr e : Stmts.exprs(s)) {
        List<Expr> stack = new ArrayList<>(List.of(e));
        while (!stack.isEmpty()) {
          Expr next = stack.remove(stack.size() - 1);
          if (next instanceof Expr.Lambda l
              && l.captured().stream().anyMatch(c -> !isParameter(c, method))) {
            return "a lambda or method reference that captures the method's variables";
          }
          if (next instanceof Expr.DiffCall d && Types.isMatrix(d.type())) {
            return "a call of " + d.name() + ", which returns a double[][]";
          }
          stack.addAll(Exprs.children(next));
        }
      }
    }
    return null;
  }

  /** The receiver or a parameter: never declared ahead, and never assigned if a lambda reads it. */
  private static boolean isParameter(Expr e, MethodModel method) {
    return e instanceof Expr.Var v
        && (v.name().equals(MethodModel.THIS)
            || method.params().stream().anyMatch(p -> p.name().equals(v.name())));
  }
}
