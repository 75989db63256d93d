package org.dualj.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Structural queries on model statements, the statement counterpart of {@link Exprs}. */
public final class Stmts {
  private Stmts() {}

  /** The statements directly nested in {@code s}, in source order. */
  public static List<Stmt> children(Stmt s) {
    if (s instanceof Stmt.SourceLine l) {
      return List.of(l.stmt());
    } else if (s instanceof Stmt.Block b) {
      return b.body();
    } else if (s instanceof Stmt.If i) {
      return i.otherwise() == null ? List.of(i.then()) : List.of(i.then(), i.otherwise());
    } else if (s instanceof Stmt.While w) {
      return List.of(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      return List.of(d.body());
    } else if (s instanceof Stmt.For f) {
      List<Stmt> all = new ArrayList<>(f.init());
      all.addAll(f.update());
      all.add(f.body());
      return all;
    } else if (s instanceof Stmt.ForEach f) {
      return List.of(f.body());
    } else if (s instanceof Stmt.Labeled l) {
      return List.of(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt> all = new ArrayList<>();
      sw.cases().forEach(c -> all.addAll(c.body()));
      return all;
    } else if (s instanceof Stmt.Try t) {
      List<Stmt> all = new ArrayList<>();
      all.add(t.body());
      t.catches().forEach(c -> all.add(c.body()));
      if (t.fin() != null) {
        all.add(t.fin());
      }
      return all;
    }
    return List.of();
  }

  /**
   * {@code s} with every statement directly nested in it (those {@link #children} lists) replaced
   * by {@code f} of it; {@code s} itself if it has none. Where the model requires a block (the parts
   * of a {@code try}), a non-block result is wrapped in one.
   */
  public static Stmt mapChildren(Stmt s, UnaryOperator<Stmt> f) {
    if (s instanceof Stmt.SourceLine l) {
      return new Stmt.SourceLine(l.line(), l.text(), f.apply(l.stmt()));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(mapAll(b.body(), f));
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(
          i.cond(), f.apply(i.then()), i.otherwise() == null ? null : f.apply(i.otherwise()));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.cond(), f.apply(w.body()));
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(f.apply(d.body()), d.cond());
    } else if (s instanceof Stmt.For fo) {
      return new Stmt.For(mapAll(fo.init(), f), fo.cond(), mapAll(fo.update(), f), f.apply(fo.body()));
    } else if (s instanceof Stmt.ForEach fe) {
      return new Stmt.ForEach(fe.type(), fe.var(), fe.iterable(), f.apply(fe.body()));
    } else if (s instanceof Stmt.Labeled l) {
      return new Stmt.Labeled(l.label(), f.apply(l.body()));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), mapAll(c.body(), f)));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    } else if (s instanceof Stmt.Try t) {
      List<Stmt.Catch> catches = new ArrayList<>();
      for (Stmt.Catch c : t.catches()) {
        catches.add(new Stmt.Catch(c.types(), c.name(), block(f.apply(c.body()))));
      }
      return new Stmt.Try(
          block(f.apply(t.body())), catches, t.fin() == null ? null : block(f.apply(t.fin())));
    }
    return s;
  }

  /** {@code f} applied to each statement of {@code list}, in order. */
  public static List<Stmt> mapAll(List<Stmt> list, UnaryOperator<Stmt> f) {
    List<Stmt> out = new ArrayList<>(list.size());
    for (Stmt st : list) {
      out.add(f.apply(st));
    }
    return out;
  }

  /**
   * {@code s} rebuilt bottom up: every nested statement first, then {@code f} of the statement
   * with its rebuilt children.
   */
  public static Stmt rewrite(Stmt s, UnaryOperator<Stmt> f) {
    return f.apply(mapChildren(s, c -> c == null ? null : rewrite(c, f)));
  }

  private static Stmt.Block block(Stmt s) {
    return s instanceof Stmt.Block b ? b : new Stmt.Block(List.of(s));
  }

  /** The expressions that belong to {@code s} itself (not to nested statements), in source order. */
  public static List<Expr> exprs(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      add(out, d.init());
    } else if (s instanceof Stmt.Assign a) {
      add(out, a.target());
      add(out, a.value());
    } else if (s instanceof Stmt.CompoundAssign c) {
      add(out, c.target());
      add(out, c.value());
    } else if (s instanceof Stmt.Eval e) {
      add(out, e.expr());
    } else if (s instanceof Stmt.If i) {
      add(out, i.cond());
    } else if (s instanceof Stmt.While w) {
      add(out, w.cond());
    } else if (s instanceof Stmt.DoWhile d) {
      add(out, d.cond());
    } else if (s instanceof Stmt.For f) {
      add(out, f.cond());
    } else if (s instanceof Stmt.ForEach f) {
      add(out, f.iterable());
    } else if (s instanceof Stmt.Switch sw) {
      add(out, sw.selector());
      sw.cases().forEach(c -> c.labels().forEach(l -> add(out, l)));
    } else if (s instanceof Stmt.Return r) {
      add(out, r.value());
    } else if (s instanceof Stmt.Throw t) {
      add(out, t.value());
    } else if (s instanceof Stmt.Assert a) {
      add(out, a.cond());
      add(out, a.message());
    }
    return out;
  }

  /**
   * {@code s} with each expression that belongs to it itself (those {@link #exprs} lists) replaced
   * by {@code f} of it; nested statements are kept (combine with {@link #rewrite} for those).
   */
  public static Stmt mapExprs(Stmt s, UnaryOperator<Expr> f) {
    UnaryOperator<Expr> g = e -> e == null ? null : f.apply(e);
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.type(), d.name(), g.apply(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(g.apply(a.target()), g.apply(a.value()));
    } else if (s instanceof Stmt.CompoundAssign c) {
      return new Stmt.CompoundAssign(c.op(), g.apply(c.target()), g.apply(c.value()));
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(g.apply(e.expr()));
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(g.apply(i.cond()), i.then(), i.otherwise());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(g.apply(w.cond()), w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(d.body(), g.apply(d.cond()));
    } else if (s instanceof Stmt.For fo) {
      return new Stmt.For(fo.init(), g.apply(fo.cond()), fo.update(), fo.body());
    } else if (s instanceof Stmt.ForEach fe) {
      return new Stmt.ForEach(fe.type(), fe.var(), g.apply(fe.iterable()), fe.body());
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        List<Expr> labels = new ArrayList<>();
        c.labels().forEach(l -> labels.add(g.apply(l)));
        cases.add(new Stmt.Case(labels, c.body()));
      }
      return new Stmt.Switch(g.apply(sw.selector()), cases, sw.arrows());
    } else if (s instanceof Stmt.Return r) {
      return new Stmt.Return(g.apply(r.value()));
    } else if (s instanceof Stmt.Throw t) {
      return new Stmt.Throw(g.apply(t.value()));
    } else if (s instanceof Stmt.Assert a) {
      return new Stmt.Assert(g.apply(a.cond()), g.apply(a.message()));
    }
    return s;
  }

  /** Every statement in {@code s}, {@code s} first, depth first in source order. */
  public static List<Stmt> all(Stmt s) {
    List<Stmt> out = new ArrayList<>();
    List<Stmt> stack = new ArrayList<>();
    if (s != null) {
      stack.add(s);
    }
    while (!stack.isEmpty()) {
      Stmt next = stack.remove(stack.size() - 1);
      out.add(next);
      List<Stmt> kids = children(next);
      for (int i = kids.size() - 1; i >= 0; i--) {
        if (kids.get(i) != null) {
          stack.add(kids.get(i));
        }
      }
    }
    return out;
  }

  private static void add(List<Expr> out, Expr e) {
    if (e != null) {
      out.add(e);
    }
  }
}
