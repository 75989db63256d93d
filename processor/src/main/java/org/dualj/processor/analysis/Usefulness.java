package org.dualj.processor.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Usefulness, the backward half of adjoint activity: which {@code double} variables can reach the
 * result. The adjoint of any other {@code double} local is zero wherever the reverse sweep would
 * read it (nothing that reaches the result is computed from it), so adjoint code needs neither the
 * variable's adjoint nor the statements that propagate it. In the adjoint of tangent code (H·v by
 * reverse over forward) the values are such variables: the result is the tangent, so the chain
 * {@code s_bar}, {@code v5_bar}, … of a sum {@code s} whose tangent alone is returned is always
 * zero.
 *
 * <p>Flow-insensitive and conservative, like {@link Activity}: a variable is useful if it is
 * anywhere read by an assignment to a useful variable, to an array element or to an array or
 * matrix variable (arrays always keep their adjoints: they alias), by a statement with a call
 * other than the tangent table's functions and user rules (a call's adjoint runs as a whole), by
 * an increment inside an expression, or by a returned value; and the result and every
 * enhanced-{@code for} variable and every parameter are useful. Only {@code double} variables are ever left out.
 */
public final class Usefulness {
  private final Set<String> useful = new HashSet<>();

  private Usefulness() {}

  /**
   * The useful {@code double} variables of {@code body}, whose result variable (assigned where the
   * method returns) is {@code result}.
   */
  public static Set<String> of(List<Stmt> body, String result) {
    return of(body, Set.of(result));
  }

  /**
   * The useful {@code double} variables of {@code body}, starting from {@code roots}: the result
   * variable and the parameters, whose adjoints the caller reads (a parameter assigned in the body
   * passes its adjoint on to what its new value is computed from).
   */
  public static Set<String> of(List<Stmt> body, Set<String> roots) {
    Usefulness u = new Usefulness();
    u.useful.addAll(roots);
    List<Stmt> all = new java.util.ArrayList<>();
    for (Stmt s : body) {
      all.addAll(Stmts.all(s));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt s : all) {
        changed |= u.visit(s);
      }
    }
    return u.useful;
  }

  /** Marks what {@code s} makes useful; true when something new is. */
  private boolean visit(Stmt s) {
    Expr target;
    Expr value;
    if (s instanceof Stmt.Declare d) {
      target = new Expr.Var(d.name(), d.type());
      value = d.init();
    } else if (s instanceof Stmt.Assign a) {
      target = a.target();
      value = a.value();
    } else if (s instanceof Stmt.CompoundAssign c) {
      target = c.target();
      value = c.value();
    } else if (s instanceof Stmt.ForEach f) {
      return useful.add(f.var()) | markAll(f.iterable());
    } else {
      boolean changed = false;
      for (Expr e : Stmts.exprs(s)) {
        if (s instanceof Stmt.Return || opaque(e)) {
          changed |= markAll(e);
        }
      }
      return changed;
    }
    if (value == null) {
      return false;
    }
    if (needed(target) || opaque(value) || opaque(target)) {
      return markAll(value) | markAll(target);
    }
    return false;
  }

  /** True when an adjoint reaches what {@code target} assigns. */
  private boolean needed(Expr target) {
    if (target instanceof Expr.Var v) {
      if (Types.DOUBLE.equals(v.type())) {
        return useful.contains(v.name());
      }
      return !v.type().isPrimitive();
    }
    return true;
  }

  /** True when {@code e} holds a call whose adjoint runs as a whole, or an embedded update. */
  private static boolean opaque(Expr e) {
    if (e instanceof Expr.DiffCall || e instanceof Expr.PlainCall || e instanceof Expr.StaticCall
        || e instanceof Expr.NewObject || e instanceof Expr.Lambda || e instanceof Expr.IncDec
        || e instanceof Expr.MakeDual || e instanceof Expr.DualPart) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (opaque(c)) {
        return true;
      }
    }
    return false;
  }

  /** Marks every variable {@code e} reads; true when one was new. */
  private boolean markAll(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.Var v) {
      return useful.add(v.name());
    }
    boolean changed = false;
    for (Expr c : Exprs.children(e)) {
      changed |= markAll(c);
    }
    return changed;
  }
}
