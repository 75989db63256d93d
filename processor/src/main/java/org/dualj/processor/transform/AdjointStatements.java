package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * The straight-line case: the forward and reverse code of one simple statement (a declaration, an
 * assignment, a compound assignment, an increment, an assertion). An assignment pushes the value
 * it overwrites when the reverse sweep reads it ({@link AdjointEmission#mustSave}) and its reverse
 * pops it back after passing the target's adjoint on to what the value reads; integer updates by
 * constants are undone by their inverse instead.
 */
final class AdjointStatements {
  private final AdjointContext ctx;
  private final AdjointEmission emission;
  private final AdjointExprs exprs;
  private final AdjointArrayCalls arrayCalls;
  private final AdjointArrays arrays;

  AdjointStatements(AdjointContext ctx, AdjointEmission emission, AdjointExprs exprs) {
    this.ctx = ctx;
    this.emission = emission;
    this.exprs = exprs;
    this.arrayCalls = new AdjointArrayCalls(ctx, emission, exprs);
    this.arrays = new AdjointArrays(ctx, emission, exprs, arrayCalls);
  }

  void simple(Stmt s, List<Stmt> out) {
    if (!(s instanceof Stmt.SourceLine)) {
      emission.current = s;
    }
    if (s instanceof Stmt.Comment c) {
      out.add(c);
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        assign(new Expr.Var(d.name(), d.type()), d.init(), emission.loops == 0, out);
      }
    } else if (s instanceof Stmt.Assign a) {
      assign(a.target(), a.value(), false, out);
    } else if (s instanceof Stmt.CompoundAssign c) {
      compound(c, out);
    } else if (s instanceof Stmt.Eval e) {
      eval(e, out);
    } else if (s instanceof Stmt.Assert a) {
      out.add(a);
    } else if (s instanceof Stmt.SourceLine l) {
      simple(l.stmt(), out);
    } else {
      throw ctx.unsupported("this statement");
    }
  }

  private void eval(Stmt.Eval e, List<Stmt> out) {
    if (e.expr() instanceof Expr.IncDec i) {
      Expr target = i.target();
      if (target instanceof Expr.Var v && AdjointContext.isIntegral(v.type())) {
        out.add(e);
        if (emission.mustSave(v.name())) {
          String inverse = i.op().equals("++") ? "--" : "++";
          emission.addReverse(List.of(new Stmt.Eval(new Expr.IncDec(inverse, false, v, i.type()))));
        }
        return;
      }
      if (target instanceof Expr.Var v && Types.DOUBLE.equals(v.type())) {
        // x++ on a double: x = x + 1
        assign(v, new Expr.Binary(i.op().equals("++") ? "+" : "-", v, new Expr.Literal("1.0", Types.DOUBLE), Types.DOUBLE), false, out);
        return;
      }
      List<Stmt> reverse = new ArrayList<>();
      save(target, out, reverse);
      out.add(e);
      emission.addReverse(reverse);
      return;
    }
    if (e.expr() instanceof Expr.PlainCall p && ArrayCalls.kind(p) != null) {
      arrayCalls.write(p, out);
      return;
    }
    if (e.expr() instanceof Expr.DiffCall d) {
      voidCall(d, out);
      return;
    }
    AdjointArrays.Restores restores = arrays.saveWritten(e.expr(), false, out);
    out.add(e);
    emission.addReverse(restores.before());
  }

  /**
   * A call of a {@code void} method that writes its output into arrays: when an argument has an
   * adjoint, the reverse sweep gives the arrays back the elements they had before the call, runs
   * the callee's adjoint from there (which turns the adjoints of the arrays as the call left them
   * into those of the arrays as it found them, and hands back those of its {@code double}
   * parameters) and gives the arrays back those elements again for the statements before.
   */
  private void voidCall(Expr.DiffCall d, List<Stmt> out) {
    boolean active = d.args().stream().anyMatch(a -> ctx.barOf(a) != null || ctx.activity.isActive(a));
    AdjointArrays.Restores restores = arrays.saveWritten(d, active, out);
    out.add(new Stmt.Eval(d));
    List<Stmt> reverse = new ArrayList<>(restores.before());
    if (active) {
      List<Stmt> later = new ArrayList<>();
      exprs.callAdjoint(d, null, reverse, later);
      reverse.addAll(restores.after());
      reverse.addAll(later);
    }
    emission.addReverse(reverse);
  }

  private void compound(Stmt.CompoundAssign c, List<Stmt> out) {
    Expr target = c.target();
    if (target instanceof Expr.Var v
        && AdjointContext.isIntegral(v.type())
        && (c.op().equals("+") || c.op().equals("-"))
        && c.value() instanceof Expr.Literal) {
      out.add(c);
      if (emission.mustSave(v.name())) {
        emission.addReverse(List.of(new Stmt.CompoundAssign(c.op().equals("+") ? "-" : "+", v, c.value())));
      }
      return;
    }
    emission.noteCallArrays(c.value());
    List<Stmt> reverse = new ArrayList<>();
    save(target, out, reverse);
    out.add(c);
    emission.addReverse(reverse);
  }

  /**
   * Pushes the old value of {@code target} into {@code out} when the reverse sweep reads it, and
   * adds the pop that restores it to {@code reverse}.
   */
  private void save(Expr target, List<Stmt> out, List<Stmt> reverse) {
    if (target instanceof Expr.Var v) {
      if (emission.mustSave(v.name())) {
        out.add(ctx.push(v));
        reverse.add(new Stmt.Assign(v, ctx.pop(v.type())));
      }
    } else if (target instanceof Expr.Index ix) {
      if (emission.savesElements(ix.type())) {
        out.add(ctx.push(ix));
        reverse.add(new Stmt.Assign(ix, ctx.pop(ix.type())));
      }
    } else {
      throw ctx.unsupported("this assignment");
    }
  }

  private void assign(Expr target, Expr value, boolean once, List<Stmt> out) {
    // the result is assigned once per call (by the return that ends it)
    once |= target instanceof Expr.Var r && r.name().equals(ctx.prep.result.name());
    if (AdjointArrays.isArrayTarget(target)) {
      arrays.assign(target, value, once && target instanceof Expr.Var, out);
      return;
    }
    boolean activeTarget = isActiveTarget(target);
    // the elements a call writes are pushed before the target's old value, popped after it
    AdjointArrays.Restores restores = arrays.saveWritten(value, activeTarget && value instanceof Expr.DiffCall, out);
    List<Stmt> reverse = new ArrayList<>();
    // a local holding a costly function's value: its reverse code reads the value there, then
    // restores the local's old value
    boolean keptValue = target instanceof Expr.Var k && ctx.prep.kept.contains(k.name());
    List<Stmt> restore = keptValue ? new ArrayList<>() : reverse;
    if (!(once && target instanceof Expr.Var)) {
      save(target, out, restore);
    }
    Expr.Var resultTemp = null;
    if (value instanceof Expr.RuleCall r && ctx.activity.isActive(value)) {
      // a user's function is not called again: its value goes on the tape for its partials
      out.add(new Stmt.Assign(target, value));
      out.add(new Stmt.Eval(ctx.call("pushDouble", TypeName.VOID, target)));
      resultTemp = new Expr.Var(ctx.namer.temp(), Types.DOUBLE);
      reverse.add(0, new Stmt.Declare(Types.DOUBLE, resultTemp.name(), ctx.pop(Types.DOUBLE)));
    } else if (value instanceof Expr.DiffCall d) {
      out.add(new Stmt.Assign(target, exprs.primalCall(d)));
    } else {
      out.add(new Stmt.Assign(target, value));
    }
    if (activeTarget) {
      Expr targetBar = barOf(target);
      Expr rest = accumulated(target, value);
      if (rest != null) {
        // v = v ± e: the adjoint of the old v is that of the new one
        Expr adj = exprs.atom(targetBar, reverse);
        Expr.Binary b = (Expr.Binary) value;
        exprs.propagate(rest, b.op().equals("-") ? new Expr.Unary("-", adj, Types.DOUBLE) : adj, reverse, new HashMap<>());
      } else if (!readsTarget(target, value) && !(value instanceof Expr.DiffCall) && resultTemp == null) {
        // the value does not read the target: its adjoint is passed on, then cleared (a first
        // assignment outside loops needs no clearing: nothing earlier has an adjoint for it)
        Map<Expr, Expr> values = new HashMap<>();
        if (target instanceof Expr.Var v && (ctx.single(v.name()) || keptValue)) {
          values.put(value, v); // assigned once, or restored only after: it holds the value
        }
        exprs.propagate(value, exprs.atom(targetBar, reverse), reverse, values);
        if (!once) {
          reverse.add(new Stmt.Assign(targetBar, AdjointContext.ZERO));
        }
      } else {
        Expr.Var t = ctx.tempBar(Types.DOUBLE);
        reverse.add(new Stmt.Declare(Types.DOUBLE, t.name(), targetBar));
        reverse.add(new Stmt.Assign(targetBar, AdjointContext.ZERO));
        if (value instanceof Expr.DiffCall d) {
          reverse.addAll(restores.before());
          List<Stmt> later = new ArrayList<>();
          exprs.callAdjoint(d, t, reverse, later);
          reverse.addAll(restores.after());
          reverse.addAll(later);
          restores = null;
        } else if (value instanceof Expr.RuleCall r && resultTemp != null) {
          exprs.ruleAdjoint(r, resultTemp, t, reverse);
        } else {
          exprs.propagate(value, t, reverse, new HashMap<>());
        }
      }
    } else if (value instanceof Expr.DiffCall d && ctx.activity.isActive(value)) {
      throw ctx.unsupported("an active call whose value is not differentiated");
    }
    if (restores != null) {
      reverse.addAll(restores.before());
    }
    if (keptValue) {
      reverse.addAll(restore);
    }
    emission.addReverse(reverse);
  }

  /** For {@code v = v + e}, {@code v = e + v} or {@code v = v - e} where e does not read v: e. */
  private Expr accumulated(Expr target, Expr value) {
    if (!(value instanceof Expr.Binary b) || !(b.op().equals("+") || b.op().equals("-"))) {
      return null;
    }
    Expr rest = null;
    if (b.left().equals(target)) {
      rest = b.right();
    } else if (b.op().equals("+") && b.right().equals(target)) {
      rest = b.left();
    }
    if (rest == null || !Types.DOUBLE.equals(rest.type())) {
      return null;
    }
    if (target instanceof Expr.Var v && Exprs.reads(rest, v.name())) {
      return null;
    }
    if (target instanceof Expr.Index && Exprs.reads(rest, Exprs.rootVar(target).name())) {
      return null;
    }
    if (Exprs.hasCall(rest)) {
      return null;
    }
    return rest;
  }

  /**
   * True when {@code value} may read what {@code target} assigns: the variable, or for an element
   * any element (another array variable may be the same array), whose adjoint the propagation
   * then adds to and which must therefore be cleared first.
   */
  private static boolean readsTarget(Expr target, Expr value) {
    return Exprs.mayReadTarget(value, target);
  }

  private boolean isActiveTarget(Expr target) {
    return Types.DOUBLE.equals(target.type()) && ctx.barOf(target) != null;
  }

  private Expr barOf(Expr target) {
    return ctx.barOf(target);
  }
}
