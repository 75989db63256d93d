package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.rules.TangentRules;

/**
 * The reverse code of expressions: adjoints propagated through an active expression by the
 * partials of the one tangent table, the values those partials need computed again from the
 * variables (never calling a method twice), and the adjoint calls of differentiated callees and of
 * functions with user tangent rules.
 */
final class AdjointExprs {
  private final AdjointContext ctx;

  AdjointExprs(AdjointContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The forward sweep's call: the user's method, or, when it is private, its tangent core with
   * tangents nobody reads (zero for a {@code double}, the tape's sink for an array: the values
   * the core computes do not depend on them), of which the value is taken.
   */
  Expr primalCall(Expr.DiffCall d) {
    if (!d.privateCallee()) {
      return new Expr.PlainCall(d.owner(), d.receiver(), d.name(), d.args(), d.type());
    }
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(d.receiver());
    }
    for (int i = 0; i < d.args().size(); i++) {
      Expr arg = d.args().get(i);
      args.add(arg);
      if (d.activeParameters().get(i)) {
        TypeName type = d.parameterTypes().get(i);
        if (Types.DOUBLE.equals(type)) {
          args.add(AdjointContext.ZERO);
        } else if (Types.DOUBLE_ARRAY.equals(type) && Exprs.rootVar(arg) != null) {
          args.add(ctx.call("sink", Types.DOUBLE_ARRAY, new Expr.Length(arg, Types.INT)));
        } else {
          throw ctx.unsupported("a call of a private method with a " + type + " parameter");
        }
      }
    }
    if (TypeName.VOID.equals(d.type())) {
      return new Expr.StaticCall(d.derivatives(), d.name(), args, TypeName.VOID);
    }
    if (Types.DOUBLE_ARRAY.equals(d.type())) {
      // the values come back in a new array: not the same array if the callee returns one of
      // the arrays it is given, whose later writes the caller would then miss
      ArrayEffects.Summary callee = ctx.effects.callees().apply(d);
      if (callee == null || callee.returnsArgument()) {
        throw ctx.unsupported("a call of the private method " + d.name()
            + ", which may return an array it is given");
      }
      return new Expr.StaticCall(Types.DUALS, "values",
          List.of(new Expr.StaticCall(d.derivatives(), d.name(), args, Types.DUAL_ARRAY)), d.type());
    }
    return new Expr.DualPart(new Expr.StaticCall(d.derivatives(), d.name(), args, Types.DUAL), false, Types.DOUBLE);
  }

  /**
   * The reverse sweep's call of the callee's adjoint seeded with {@code adj} (null for a
   * {@code void} callee) into {@code reverse}, and the adjoints of the {@code double} arguments
   * into {@code later}, which goes after the restores of the arrays the call writes.
   */
  void callAdjoint(Expr.DiffCall d, Expr adj, List<Stmt> reverse, List<Stmt> later) {
    // (a callee the analysis does not know has no adjoint either: AdjointStep refuses the call)
    ArrayEffects.Summary callee = ctx.effects.callees().apply(d);
    if (callee != null && callee.effects()) {
      throw ctx.unsupported("a call of " + d.name() + ", which has effects that must happen once"
          + " (its adjoint would run them again)");
    }
    ctx.calls.add(d);
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(d.receiver());
    }
    List<Integer> scalars = new ArrayList<>();
    for (int i = 0; i < d.args().size(); i++) {
      Expr arg = d.args().get(i);
      args.add(arg);
      boolean paramActive = d.activeParameters().get(i);
      if (ctx.activity.isActive(arg) && !paramActive) {
        throw ctx.unsupported("an active argument for a parameter the callee does not differentiate");
      }
      if (!paramActive) {
        continue;
      }
      if (Types.DOUBLE.equals(d.parameterTypes().get(i))) {
        scalars.add(i);
      } else if (ctx.barOf(arg) != null && (arg instanceof Expr.Var || arg instanceof Expr.Index)) {
        args.add(ctx.barOf(arg));
      } else if (arg instanceof Expr.Literal) {
        args.add(new Expr.Literal("null", arg.type()));
      } else if (Types.isMatrix(arg.type()) && !ctx.activity.isActive(arg) && !Exprs.hasCall(arg)) {
        // an inactive matrix (a local, a constant table): adjoints of its shape that nobody reads
        args.add(new Expr.StaticCall(ClassName.get("org.dualj.runtime", "Lanes"), "matrixZeros",
            List.of(arg, AdjointContext.lit(1)), arg.type()));
      } else if (!ctx.activity.isActive(arg) && !Exprs.hasCall(arg)) {
        args.add(ctx.call("sink", Types.DOUBLE_ARRAY, new Expr.Length(arg, Types.INT)));
      } else {
        throw ctx.unsupported("an array argument that is not a variable");
      }
    }
    if (adj != null) {
      args.add(adj); // (a void callee has no result to seed)
    }
    args.add(ctx.tape);
    reverse.add(new Stmt.Eval(new Expr.StaticCall(d.derivatives(), AdjointTransform.adjointName(d.name()), args, Types.DOUBLE)));
    List<Expr.Var> got = new ArrayList<>();
    for (int j = 0; j < scalars.size(); j++) {
      Expr.Var b = ctx.tempBar(Types.DOUBLE);
      reverse.add(new Stmt.Declare(Types.DOUBLE, b.name(), ctx.call("bar", Types.DOUBLE, AdjointContext.lit(j))));
      got.add(b);
    }
    // the arguments' partials read the arrays as the call found them: after the caller's
    // restores that follow the callee's adjoint (which leaves them as the call left them)
    Map<Expr, Expr> values = new HashMap<>();
    for (int j = 0; j < scalars.size(); j++) {
      propagate(d.args().get(scalars.get(j)), got.get(j), later, values);
    }
  }

  /**
   * The {@code double[]} arrays a call in a statement may write into, in argument order: a
   * callee's written parameters (every array, for a callee the analysis does not know), or the
   * arrays a method without derivative is given, unless it is a JDK method that only reads them.
   * The JDK's array calls ({@code System.arraycopy}, {@code Arrays.fill}) are reversed apart.
   */
  List<Expr> writtenArrays(Expr call) {
    List<Expr> out = new ArrayList<>();
    if (call instanceof Expr.DiffCall d) {
      ArrayEffects.Summary callee = ctx.effects.callees().apply(d);
      for (int i = 0; i < d.args().size(); i++) {
        if (Types.DOUBLE_ARRAY.equals(d.args().get(i).type())
            && (callee == null || callee.writtenParameters().contains(i))) {
          out.add(d.args().get(i));
        }
      }
    } else if (call instanceof Expr.PlainCall p && ArrayCalls.kind(p) == null && p.owner() != null) {
      for (int i = 0; i < p.args().size(); i++) {
        if (Types.DOUBLE_ARRAY.equals(p.args().get(i).type())
            && ctx.effects.mayWrite(p, i)) {
          out.add(p.args().get(i));
        }
      }
    }
    out.removeIf(a -> a instanceof Expr.Literal || !(Exprs.rootVar(a) != null));
    return out;
  }

  /**
   * The {@code int[]} variables a call of a method without derivative may write into (an argsort
   * filling an index array), in argument order.
   */
  List<Expr> writtenIntArrays(Expr call) {
    List<Expr> out = new ArrayList<>();
    if (call instanceof Expr.PlainCall p && ArrayCalls.kind(p) == null && p.owner() != null) {
      for (int i = 0; i < p.args().size(); i++) {
        Expr arg = p.args().get(i);
        if (Types.INT_ARRAY.equals(arg.type()) && arg instanceof Expr.Var && ctx.effects.mayWrite(p, i)) {
          out.add(arg);
        }
      }
    }
    return out;
  }

  /** The adjoints of a call with user tangent rules: each partial is a call of its rule. */
  void ruleAdjoint(Expr.RuleCall r, Expr.Var result, Expr.Var adj, List<Stmt> reverse) {
    Map<Expr, Expr> values = new HashMap<>();
    List<Expr> args = new ArrayList<>();
    for (Expr a : r.args()) {
      args.add(value(a, reverse, values));
    }
    for (int j = 0; j < r.args().size(); j++) {
      if (!ctx.activity.isActive(r.args().get(j))) {
        continue;
      }
      var rule = r.partials().get(j);
      if (rule == null) {
        throw ctx.unsupported("a call of " + r.name() + " without a rule for an active argument");
      }
      List<Expr> ruleArgs = new ArrayList<>(args);
      ruleArgs.add(result);
      Expr partial = new Expr.StaticCall(rule.owner(), rule.method(), ruleArgs, Types.DOUBLE);
      propagate(r.args().get(j), new Expr.Binary("*", partial, adj, Types.DOUBLE), reverse, values);
    }
  }

  /**
   * Adds {@code adj}, the adjoint of active expression {@code e}, into the adjoints of the
   * variables and elements {@code e} reads; {@code values} caches the subexpression values
   * computed again for the partials.
   */
  void propagate(Expr e, Expr adj, List<Stmt> out, Map<Expr, Expr> values) {
    if (!ctx.activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Var v) {
      Expr.Var bar = ctx.bars.get(v.name());
      out.add(new Stmt.CompoundAssign("+", bar, adj));
    } else if (e instanceof Expr.Index ix) {
      Expr bar = ctx.barOf(ix);
      if (bar == null) {
        throw ctx.unsupported("an element of an array expression that is not a variable");
      }
      out.add(new Stmt.CompoundAssign("+", bar, adj));
    } else if (e instanceof Expr.Cast c) {
      propagate(c.operand(), adj, out, values);
    } else if (e instanceof Expr.Conditional c) {
      Expr a = atom(adj, out);
      List<Stmt> yes = new ArrayList<>();
      propagate(c.whenTrue(), a, yes, new HashMap<>(values));
      List<Stmt> no = new ArrayList<>();
      propagate(c.whenFalse(), a, no, new HashMap<>(values));
      out.add(new Stmt.If(c.cond(), new Stmt.Block(yes), no.isEmpty() ? null : new Stmt.Block(no)));
    } else {
      var fn = TangentTransform.elementary(e);
      if (fn == null) {
        throw ctx.unsupported("an operation without a rule in reverse mode");
      }
      List<Expr> operands = Exprs.children(e);
      List<Expr> args = new ArrayList<>();
      for (Expr o : operands) {
        args.add(value(o, out, values));
      }
      Expr result = TangentRules.usesResult(fn) ? value(e, out, values) : null;
      Expr a = atom(adj, out);
      boolean[] done = new boolean[operands.size()];
      for (int i = 0; i < operands.size(); i++) {
        if (done[i] || !ctx.activity.isActive(operands.get(i))) {
          continue;
        }
        // an operand that occurs twice (x * x, or t * t_dot + t * t_dot in tangent code) gets the
        // sum of its contributions at once: one propagation through it instead of two
        Expr contribution = null;
        for (int j = i; j < operands.size(); j++) {
          if (j != i && !repeatable(operands.get(i))) {
            break;
          }
          if (done[j] || !operands.get(j).equals(operands.get(i))) {
            continue;
          }
          done[j] = true;
          List<Expr> slots = new ArrayList<>(Collections.nCopies(operands.size(), (Expr) null));
          slots.set(j, a);
          Expr c = TangentRules.tangent(fn, args, result, slots);
          if (c != null) {
            contribution = contribution == null ? c : new Expr.Binary("+", contribution, c, Types.DOUBLE);
          }
        }
        if (contribution != null) {
          propagate(operands.get(i), contribution, out, values);
        }
      }
    }
  }

  /** True when two occurrences of {@code e} surely have one value: no call, no update in it. */
  private static boolean repeatable(Expr e) {
    return Exprs.isAtom(e) || e instanceof Expr.Index
        || (!Exprs.hasCall(e) && !Exprs.hasIncDec(e));
  }

  /** {@code e} if it is a variable or literal, else a new local holding it. */
  Expr atom(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Var || e instanceof Expr.Literal) {
      return e;
    }
    Expr.Var t = ctx.tempBar(Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, t.name(), e));
    return t;
  }

  /** The value of {@code e} (no calls in it), computed again: an atom, or a cheap pure expression. */
  Expr value(Expr e, List<Stmt> out, Map<Expr, Expr> values) {
    if (Exprs.isSimple(e) && (!(e instanceof Expr.Binary) && !(e instanceof Expr.Unary) || !Types.DOUBLE.equals(e.type()))) {
      return e;
    }
    Expr known = values.get(e);
    if (known != null) {
      return known;
    }
    Expr computed;
    if (e instanceof Expr.Conditional) {
      computed = e;
    } else if (e instanceof Expr.Cast c
        && Types.DOUBLE.equals(c.type())
        && Types.DOUBLE.equals(c.operand().type())) {
      return value(c.operand(), out, values);
    } else {
      computed = Exprs.mapChildren(e, c -> value(c, out, values));
    }
    if (Exprs.hasCall(computed)) {
      throw ctx.unsupported("a call inside an active expression");
    }
    Expr.Var t = new Expr.Var(ctx.namer.temp(), e.type());
    out.add(new Stmt.Declare(e.type(), t.name(), computed));
    values.put(e, t);
    return t;
  }
}
