package org.dualj.processor.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * What forward mode differentiates and reverse mode does not yet: {@code double[][]} values that
 * carry derivatives (parameters in {@code wrt}, locals) and the array library calls
 * ({@code System.arraycopy}, {@code Arrays.fill}, {@code copyOf}, {@code copyOfRange}) on arrays
 * that carry derivatives. A method using them keeps its forward-mode gradients only.
 */
public final class ReverseLimits {
  private ReverseLimits() {}

  /** Why reverse mode cannot take {@code method}, or null if nothing here stops it. */
  public static String of(MethodModel method) {
    Set<String> active = new HashSet<>();
    for (MethodModel.Param p : method.params()) {
      if (p.active() && Types.isMatrix(p.type())) {
        return "a double[][] parameter in wrt";
      }
      if (p.active()) {
        active.add(p.name());
      }
    }
    Activity activity = Activity.of(method, active);
    for (Stmt s : Stmts.all(method.body())) {
      if (s instanceof Stmt.Declare d && Types.isMatrix(d.type()) && activity.isActiveVar(d.name())) {
        return "a double[][] that carries derivatives";
      }
      for (Expr e : Stmts.exprs(s)) {
        List<Expr> stack = new ArrayList<>(List.of(e));
        while (!stack.isEmpty()) {
          Expr next = stack.remove(stack.size() - 1);
          if (next instanceof Expr.Lambda l && l.captured().stream().anyMatch(c -> !isParameter(c, method))) {
            // the forward sweep declares locals ahead and assigns them, so they are no longer
            // effectively final where a lambda captures them
            return "a lambda or method reference that captures the method's variables";
          }
          if (next instanceof Expr.PlainCall p && ArrayCalls.kind(p) != null && carries(p, activity)) {
            return "System.arraycopy, Arrays.fill, copyOf or copyOfRange on an array that carries"
                + " derivatives";
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

  private static boolean carries(Expr.PlainCall p, Activity activity) {
    for (Expr a : p.args()) {
      if (activity.isActive(a)
          || (a instanceof Expr.Conditional c
              && (activity.isActive(c.whenTrue()) || activity.isActive(c.whenFalse())))) {
        return true;
      }
    }
    Expr destination = ArrayCalls.destination(p);
    Expr.Var root = Exprs.rootVar(destination);
    return root != null && activity.isActiveVar(root.name());
  }
}
