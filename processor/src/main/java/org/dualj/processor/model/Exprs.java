package org.dualj.processor.model;

import java.util.ArrayList;
import java.util.List;

/** Structural queries on model expressions. */
public final class Exprs {
  private Exprs() {}

  /** The direct subexpressions of {@code e}, left to right. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Literal l) {
      return List.of();
    } else if (e instanceof Expr.Var v) {
      return List.of();
    } else if (e instanceof Expr.FieldRead f) {
      return f.receiver() == null ? List.of() : List.of(f.receiver());
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.IncDec i) {
      return List.of(i.target());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.cond(), c.whenTrue(), c.whenFalse());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.Index i) {
      return List.of(i.array(), i.index());
    } else if (e instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (e instanceof Expr.NewArray n) {
      return List.of(n.length());
    } else if (e instanceof Expr.NewMatrix n) {
      return n.dims();
    } else if (e instanceof Expr.ArrayInit a) {
      return a.elements();
    } else if (e instanceof Expr.ArrayClone c) {
      return List.of(c.array());
    } else if (e instanceof Expr.MathCall m) {
      return m.args();
    } else if (e instanceof Expr.DiffCall d) {
      return withReceiver(d.receiver(), d.args());
    } else if (e instanceof Expr.RuleCall r) {
      return r.args();
    } else if (e instanceof Expr.PlainCall p) {
      return withReceiver(p.receiver(), p.args());
    } else if (e instanceof Expr.MakeDual m) {
      return List.of(m.value(), m.tangent());
    } else if (e instanceof Expr.DualPart d) {
      return List.of(d.dual());
    } else if (e instanceof Expr.StaticCall s) {
      return s.args();
    } else if (e instanceof Expr.NewObject n) {
      return n.args();
    } else if (e instanceof Expr.Lambda l) {
      return l.captured();
    }
    throw new AssertionError(e);
  }

  private static List<Expr> withReceiver(Expr receiver, List<Expr> args) {
    if (receiver == null) {
      return args;
    }
    List<Expr> all = new ArrayList<>();
    all.add(receiver);
    all.addAll(args);
    return all;
  }

  /**
   * True for expressions that are cheap and free of effects, so they may be written twice (in a
   * value and in a tangent): variables, literals, field reads and arithmetic on them.
   */
  public static boolean isSimple(Expr e) {
    if (e instanceof Expr.Literal l) {
      return true;
    } else if (e instanceof Expr.Var v) {
      return true;
    } else if (e instanceof Expr.FieldRead f) {
      return f.receiver() == null || isSimple(f.receiver());
    } else if (e instanceof Expr.Unary u) {
      return isSimple(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return isSimple(b.left()) && isSimple(b.right());
    } else if (e instanceof Expr.Cast c) {
      return isSimple(c.operand());
    } else if (e instanceof Expr.Length l) {
      return isSimple(l.array());
    } else if (e instanceof Expr.Index i) {
      return isSimple(i.array()) && isSimple(i.index());
    } else {
      return false;
    }
  }

  /** Rebuilds {@code e} with each direct subexpression replaced by {@code f} of it. */
  public static Expr mapChildren(Expr e, java.util.function.UnaryOperator<Expr> f) {
    if (e instanceof Expr.Literal l) {
      return l;
    } else if (e instanceof Expr.Var v) {
      return v;
    } else if (e instanceof Expr.FieldRead x) {
      return new Expr.FieldRead(
              x.receiver() == null ? null : f.apply(x.receiver()), x.owner(), x.name(), x.type());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), f.apply(u.operand()), u.type());
    } else if (e instanceof Expr.IncDec i) {
      return new Expr.IncDec(i.op(), i.prefix(), f.apply(i.target()), i.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), f.apply(b.left()), f.apply(b.right()), b.type());
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(
              f.apply(c.cond()), f.apply(c.whenTrue()), f.apply(c.whenFalse()), c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), f.apply(c.operand()));
    } else if (e instanceof Expr.Index i) {
      return new Expr.Index(f.apply(i.array()), f.apply(i.index()), i.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(f.apply(l.array()), l.type());
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.elementType(), f.apply(n.length()), n.type());
    } else if (e instanceof Expr.ArrayInit a) {
      return new Expr.ArrayInit(a.elementType(), map(a.elements(), f), a.type());
    } else if (e instanceof Expr.ArrayClone c) {
      return new Expr.ArrayClone(f.apply(c.array()), c.type());
    } else if (e instanceof Expr.NewMatrix n) {
      return new Expr.NewMatrix(n.elementType(), map(n.dims(), f), n.type());
    } else if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.owner(), m.fn(), map(m.args(), f), m.type());
    } else if (e instanceof Expr.DiffCall d) {
      return new Expr.DiffCall(
              d.owner(),
              d.derivatives(),
              d.name(),
              d.receiver() == null ? null : f.apply(d.receiver()),
              map(d.args(), f),
              d.parameterTypes(),
              d.activeParameters(),
              d.privateCallee(),
              d.type());
    } else if (e instanceof Expr.RuleCall r) {
      return new Expr.RuleCall(
              r.owner(), r.name(), map(r.args(), f), r.parameterTypes(), r.partials(), r.type());
    } else if (e instanceof Expr.PlainCall p) {
      return new Expr.PlainCall(
              p.owner(),
              p.receiver() == null ? null : f.apply(p.receiver()),
              p.name(),
              map(p.args(), f),
              p.type());
    } else if (e instanceof Expr.MakeDual m) {
      return new Expr.MakeDual(f.apply(m.value()), f.apply(m.tangent()), m.type());
    } else if (e instanceof Expr.DualPart d) {
      return new Expr.DualPart(f.apply(d.dual()), d.tangent(), d.type());
    } else if (e instanceof Expr.StaticCall s) {
      return new Expr.StaticCall(s.owner(), s.name(), map(s.args(), f), s.type());
    } else if (e instanceof Expr.NewObject n) {
      return new Expr.NewObject(n.type(), map(n.args(), f));
    } else if (e instanceof Expr.Lambda l) {
      return new Expr.Lambda(l.format(), map(l.captured(), f), l.names(), l.type());
    }
    throw new AssertionError(e);
  }

  private static List<Expr> map(List<Expr> xs, java.util.function.UnaryOperator<Expr> f) {
    List<Expr> out = new ArrayList<>(xs.size());
    for (Expr x : xs) {
      out.add(f.apply(x));
    }
    return out;
  }

  /** True for variables and literals: operands that need no temporary. */
  public static boolean isAtom(Expr e) {
    return e instanceof Expr.Var || e instanceof Expr.Literal;
  }

  /** The variable an array expression is ultimately read from, or null. */
  public static Expr.Var rootVar(Expr e) {
    if (e instanceof Expr.Var v) {
      return v;
    } else if (e instanceof Expr.Index i) {
      return rootVar(i.array());
    } else if (e instanceof Expr.Conditional c) {
      return null;
    } else {
      return null;
    }
  }

  /**
   * True if {@code e} reads an array element anywhere. Arrays of two names may be one array
   * ({@code double[] b = a;}, a row {@code m[1]} stored into {@code m[0]}, two parameters given
   * one array), so an assignment to an element must assume that any element its value reads may
   * be the one it writes.
   */
  public static boolean readsElement(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr c : children(e)) {
      if (readsElement(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code value} may read what assigning {@code target} overwrites: the variable itself,
   * or for an element, any element (arrays of two names may be one array).
   */
  public static boolean mayReadTarget(Expr value, Expr target) {
    Expr.Var root = rootVar(target);
    if (target instanceof Expr.Index) {
      return root == null || reads(value, root.name()) || readsElement(value);
    }
    return root != null && reads(value, root.name());
  }

  /** True if {@code e} reads variable {@code name} anywhere. */
  public static boolean reads(Expr e, String name) {
    if (e instanceof Expr.Var v) {
      return v.name().equals(name);
    }
    for (Expr c : children(e)) {
      if (reads(c, name)) {
        return true;
      }
    }
    return false;
  }

  /** True for a call: of a method with or without derivative, of a rule, or a constructor. */
  public static boolean isCall(Expr e) {
    return e instanceof Expr.DiffCall
        || e instanceof Expr.RuleCall
        || e instanceof Expr.PlainCall
        || e instanceof Expr.StaticCall
        || e instanceof Expr.NewObject;
  }

  /** True when {@code e} makes a call anywhere in it. */
  public static boolean hasCall(Expr e) {
    return isCall(e) || children(e).stream().anyMatch(Exprs::hasCall);
  }

  /** True when {@code e} has {@code ++} or {@code --} anywhere in it. */
  public static boolean hasIncDec(Expr e) {
    return e instanceof Expr.IncDec || children(e).stream().anyMatch(Exprs::hasIncDec);
  }

  /** {@code e} and every expression in it, each before its children (empty for null). */
  public static List<Expr> all(Expr e) {
    List<Expr> out = new java.util.ArrayList<>();
    List<Expr> stack = new java.util.ArrayList<>();
    if (e != null) {
      stack.add(e);
    }
    while (!stack.isEmpty()) {
      Expr x = stack.remove(stack.size() - 1);
      out.add(x);
      stack.addAll(children(x));
    }
    return out;
  }

  /** Adds the name of every variable {@code e} mentions to {@code out}. */
  public static void vars(Expr e, java.util.Set<String> out) {
    for (Expr x : all(e)) {
      if (x instanceof Expr.Var v) {
        out.add(v.name());
      }
    }
  }

  /** The names of the variables {@code e} mentions. */
  public static java.util.Set<String> vars(Expr e) {
    java.util.Set<String> out = new java.util.HashSet<>();
    vars(e, out);
    return out;
  }
}
