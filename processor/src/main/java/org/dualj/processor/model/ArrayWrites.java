package org.dualj.processor.model;

/**
 * Whether a method may write into arrays it was given: an element assignment anywhere, or an array
 * passed to a call (which may write it). Conservative: aliases are not tracked.
 */
public final class ArrayWrites {
  private ArrayWrites() {}

  public static boolean possible(MethodModel m) {
    return inStmt(m.body());
  }

  private static boolean inStmt(Stmt s) {
    if (s == null) {
      return false;
    }
    if (s instanceof Stmt.Assign a) {
      return a.target() instanceof Expr.Index || inExpr(a.value());
    } else if (s instanceof Stmt.CompoundAssign c) {
      return c.target() instanceof Expr.Index || inExpr(c.value());
    } else if (s instanceof Stmt.Declare d) {
      return d.init() != null && inExpr(d.init());
    } else if (s instanceof Stmt.Eval e) {
      return inExpr(e.expr());
    } else if (s instanceof Stmt.Return r) {
      return r.value() != null && inExpr(r.value());
    } else if (s instanceof Stmt.Try t) {
      return Stmts.children(t).stream().anyMatch(ArrayWrites::inStmt);
    } else if (s instanceof Stmt.Throw t) {
      return inExpr(t.value());
    } else if (s instanceof Stmt.Assert a) {
      return inExpr(a.cond()) || (a.message() != null && inExpr(a.message()));
    } else if (s instanceof Stmt.SourceLine l) {
      return inStmt(l.stmt());
    } else if (s instanceof Stmt.Block b) {
      return b.body().stream().anyMatch(ArrayWrites::inStmt);
    } else if (s instanceof Stmt.If i) {
      return inExpr(i.cond()) || inStmt(i.then()) || inStmt(i.otherwise());
    } else if (s instanceof Stmt.While w) {
      return inExpr(w.cond()) || inStmt(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      return inStmt(d.body()) || inExpr(d.cond());
    } else if (s instanceof Stmt.For f) {
      return f.init().stream().anyMatch(ArrayWrites::inStmt)
          || (f.cond() != null && inExpr(f.cond()))
          || f.update().stream().anyMatch(ArrayWrites::inStmt)
          || inStmt(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      return inExpr(f.iterable()) || inStmt(f.body());
    } else if (s instanceof Stmt.Labeled l) {
      return inStmt(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      return sw.cases().stream().anyMatch(c -> c.body().stream().anyMatch(ArrayWrites::inStmt));
    }
    return false;
  }

  private static boolean inExpr(Expr e) {
    if (e instanceof Expr.IncDec i && i.target() instanceof Expr.Index) {
      return true;
    }
    if (e instanceof Expr.DiffCall || e instanceof Expr.PlainCall || e instanceof Expr.NewObject) {
      for (Expr c : Exprs.children(e)) {
        if (c.type() instanceof com.palantir.javapoet.ArrayTypeName) {
          return true;
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      if (inExpr(c)) {
        return true;
      }
    }
    return false;
  }
}
