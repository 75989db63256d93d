package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import org.dualj.processor.model.Derived;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentRules;

/**
 * Scalar tangent mode: turns a method model into its tangent code, still a method model.
 *
 * <p>Every active local {@code x} becomes the pair {@code x, x_dot} of unboxed doubles; every
 * source operation {@code v = φ(u…)} becomes the pair [φ, φ̇] with φ̇ from the tangent table. Nested
 * expressions are split into intermediates {@code v1, v2, …} so each pair is one operation.
 * Inactive values keep their code and get no tangent. When a target is also an operand
 * ({@code x = x * y}), the tangent is emitted before the value, or the value goes through a
 * temporary when the tangent needs both the old operand and the new value.
 *
 * <p>The result is the unboxed core, {@code static Dual f(double x, double x_dot, ...)}; the
 * emitter adds the {@code Dual} entry point that calls it.
 */
public final class TangentTransform {
  private static final Expr ZERO = new Expr.Literal("0.0", Types.DOUBLE);

  private final MethodModel method;
  private final Activity activity;
  private final Namer namer;
  /**
   * True while writing the tangent code that a second application differentiates again: calls of
   * other methods stay calls (value and tangent separately) and the result is the tangent alone.
   */
  private final boolean forSecondOrder;
  /**
   * Intermediates holding an array that only the call they are made for sees (a snapshot of
   * {@code a.clone()} or {@code {x, y}} taken before a later argument's call).
   */
  private final Set<String> unshared = new HashSet<>();
  /** With {@link #forSecondOrder}: the calls and rules whose derivatives the second application takes. */
  private SecondOrder.Needs needs;
  /** Source variable name to the name of its tangent, for active variables. */
  private final Map<String, String> tangents = new HashMap<>();
  private final String self;
  /** Lane mode (vector tangents): null for scalar tangents. */
  private final Lanes lanes;
  /**
   * Operations already computed in the current statement, for reuse: {@code x1 / x2} written
   * twice in one expression is computed once. Cleared at every statement and scoped to branches.
   */
  private Map<Expr, Pair> computed = new HashMap<>();

  /**
   * Lane mode: every active double carries p tangents in a lane {@code x_dot[0..p)}; lanes of
   * locals are slots of one workspace, {@code double[][] ws}, that callers may reuse across passes.
   * Active arrays carry a flat tangent array, element i's lane at {@code [i * p, i * p + p)}.
   */
  private static final class Lanes {
    final Expr.Var p;
    final Expr.Var k;
    final Expr.Var ws;
    final Expr.Var result;
    /** Tangent lanes of locals, in order of creation; each is a slot of the workspace. */
    final Set<String> slots = new LinkedHashSet<>();
    /** Tangent lanes that are parameters, not slots. */
    final Set<String> params = new HashSet<>();

    Lanes(Namer namer) {
      this.p = new Expr.Var(namer.fresh("p"), Types.INT);
      this.k = new Expr.Var(namer.fresh("k"), Types.INT);
      this.ws = new Expr.Var(namer.fresh("ws"), Types.DOUBLE_MATRIX);
      this.result = new Expr.Var(namer.fresh("result_dot"), Types.DOUBLE_ARRAY);
    }
  }

  private TangentTransform(
      MethodModel method, Activity activity, boolean laneMode, String suffix, boolean forSecondOrder) {
    this.method = method;
    this.activity = activity;
    this.namer = new Namer(suffix);
    this.forSecondOrder = forSecondOrder;
    for (MethodModel.Param p : method.params()) {
      namer.reserve(p.name());
    }
    reserveNames(method.body());
    this.self = method.isStatic() ? null : namer.fresh("self");
    this.lanes = laneMode ? new Lanes(namer) : null;
  }

  /** The tangent core of {@code method}, given its activity. */
  public static MethodCode transform(MethodModel method, Activity activity) {
    return new TangentTransform(method, activity, false, Derived.DOT, false).run();
  }

  /**
   * The tangent core of {@code method} with tangent names ending in {@code suffix}, for a method
   * that is itself tangent code ({@code x_dot} is taken, so its tangents become {@code x_dot2}).
   */
  public static MethodCode transform(MethodModel method, Activity activity, String suffix) {
    return new TangentTransform(method, activity, false, suffix, false).run();
  }

  /** The lane core of {@code method} with tangent names ending in {@code suffix}. */
  public static MethodCode transformLanes(MethodModel method, Activity activity, String suffix) {
    return new TangentTransform(method, activity, true, suffix, false).run();
  }

  /**
   * The scalar tangent code of a {@code double}-valued {@code method} in the form a second
   * application differentiates: it returns the tangent alone, and a call of another method
   * {@code g} becomes {@code v = g(u)} and {@code v_dot = gTangent(u, u_dot)}, both calls the
   * second application sees as {@code @Differentiable}.
   */
  public static MethodCode transformForSecondOrder(MethodModel method, Activity activity, SecondOrder.Needs needs) {
    TangentTransform t = new TangentTransform(method, activity, false, Derived.DOT, true);
    t.needs = needs;
    return t.run();
  }

  /** The suffix of first-order tangent names. */

  /** The name of the method holding the directional derivative of {@code name}, for order 2. */
  public static String tangentMethod(String name) {
    return Derived.TANGENT.of(name);
  }

  /**
   * The lane core of {@code method}: {@code static double fLanes(double x, double[] x_dot, ...,
   * double[] result_dot, int p, double[][] ws)} carries p tangents per value; a {@code double[]}
   * result comes back as {@code {values, tangents}}.
   */
  public static MethodCode transformLanes(MethodModel method, Activity activity) {
    return new TangentTransform(method, activity, true, Derived.DOT, false).run();
  }

  /** The name the transformation gives to the receiver parameter. */
  public static String selfName(MethodModel method) {
    return new TangentTransform(method, null, false, Derived.DOT, false).self;
  }

  private MethodCode run() {
    List<MethodModel.Param> params = new ArrayList<>();
    if (self != null) {
      params.add(new MethodModel.Param(self, method.receiverType(), false));
    }
    List<Stmt> body = new ArrayList<>();
    for (MethodModel.Param p : method.params()) {
      params.add(p);
      if (p.active() && lanes != null && Types.DOUBLE.equals(p.type()) && assigned(p.name())) {
        // The method assigns this parameter: work on a copy of the caller's lane.
        String in = namer.fresh(p.name() + "_dot_in");
        params.add(new MethodModel.Param(in, Types.DOUBLE_ARRAY, false));
        lanes.params.add(in);
        emitTangent(
            false,
            Types.DOUBLE,
            tangentOf(p.name(), p.type()),
            new Expr.Index(new Expr.Var(in, Types.DOUBLE_ARRAY), lanes.k, Types.DOUBLE),
            body);
      } else if (p.active()) {
        String t = tangentName(p.name());
        boolean laneOfDouble = lanes != null && Types.DOUBLE.equals(p.type());
        params.add(new MethodModel.Param(t, laneOfDouble ? Types.DOUBLE_ARRAY : p.type(), false));
        if (lanes != null) {
          lanes.params.add(t);
        }
      } else if (carriesTangent(p.type()) && isActiveVar(p.name())) {
        // not differentiated with respect to, but later assigned a value that depends on the
        // inputs: its tangent starts at zero
        Expr.Var v = new Expr.Var(p.name(), p.type());
        Expr zero = Types.DOUBLE.equals(p.type()) ? ZERO : zerosLike(v);
        emitTangent(true, p.type(), tangentOf(p.name(), p.type()), zero, body);
      }
    }
    for (Stmt s : method.body().body()) {
      stmt(s, body);
    }
    if (forSecondOrder) {
      return new MethodCode(tangentMethod(method.name()), params, method.returnType(), body, "", 0);
    }
    if (lanes == null) {
      TypeName returns = Types.DOUBLE.equals(method.returnType()) ? Types.DUAL : Types.DUAL_ARRAY;
      return new MethodCode(method.name(), params, returns, body, "", 0);
    }
    boolean scalarResult = Types.DOUBLE.equals(method.returnType());
    if (scalarResult) {
      params.add(new MethodModel.Param(lanes.result.name(), Types.DOUBLE_ARRAY, false));
    }
    params.add(new MethodModel.Param(lanes.p.name(), Types.INT, false));
    params.add(new MethodModel.Param(lanes.ws.name(), Types.DOUBLE_MATRIX, false));
    List<String> slots = new ArrayList<>(lanes.slots);
    slots.removeAll(lanes.params);
    LaneFusion.Result fused =
        LaneFusion.fuse(body, lanes.k.name(), lanes.p.name(), new HashSet<>(slots), namer::fresh);
    body = fused.body();
    slots.removeAll(fused.localized());
    List<Stmt> prologue = new ArrayList<>();
    if (!slots.isEmpty()) {
      prologue.add(new Stmt.Comment("tangent lanes of the locals, reused from the workspace"));
      prologue.add(
          new Stmt.If(
              new Expr.Binary("==", lanes.ws, new Expr.Literal("null", Types.DOUBLE_MATRIX), Types.BOOLEAN),
              new Stmt.Assign(
                  lanes.ws,
                  new Expr.StaticCall(
                      Types.LANES,
                      "workspace",
                      List.of(new Expr.Literal(String.valueOf(slots.size()), Types.INT), lanes.p),
                      Types.DOUBLE_MATRIX)),
              null));
      for (int i = 0; i < slots.size(); i++) {
        prologue.add(
            new Stmt.Declare(
                Types.DOUBLE_ARRAY,
                slots.get(i),
                new Expr.Index(lanes.ws, new Expr.Literal(String.valueOf(i), Types.INT), Types.DOUBLE_ARRAY)));
      }
    }
    prologue.addAll(body);
    TypeName returns = scalarResult ? Types.DOUBLE : Types.DOUBLE_MATRIX;
    return new MethodCode(Derived.LANES.of(method.name()), params, returns, prologue, "", slots.size());
  }

  /** True if the method assigns variable {@code name} somewhere. */
  private boolean assigned(String name) {
    return assigns(method.body(), name);
  }

  private static boolean assigns(Stmt s, String name) {
    if (s == null) {
      return false;
    }
    if (s instanceof Stmt.Assign a) {
      return a.target() instanceof Expr.Var v && v.name().equals(name);
    } else if (s instanceof Stmt.SourceLine l) {
      return assigns(l.stmt(), name);
    } else if (s instanceof Stmt.Block b) {
      return b.body().stream().anyMatch(x -> assigns(x, name));
    } else if (s instanceof Stmt.If i) {
      return assigns(i.then(), name) || assigns(i.otherwise(), name);
    } else if (s instanceof Stmt.While w) {
      return assigns(w.body(), name);
    } else if (s instanceof Stmt.DoWhile d) {
      return assigns(d.body(), name);
    } else if (s instanceof Stmt.For f) {
      return f.init().stream().anyMatch(x -> assigns(x, name))
          || f.update().stream().anyMatch(x -> assigns(x, name))
          || assigns(f.body(), name);
    } else if (s instanceof Stmt.ForEach f) {
      return assigns(f.body(), name);
    } else if (s instanceof Stmt.Labeled l) {
      return assigns(l.body(), name);
    } else if (s instanceof Stmt.Switch sw) {
      return sw.cases().stream().anyMatch(c -> c.body().stream().anyMatch(x -> assigns(x, name)));
    } else if (s instanceof Stmt.Try t) {
      return org.dualj.processor.model.Stmts.children(t).stream().anyMatch(x -> assigns(x, name));
    }
    return false;
  }

  private String tangentName(String var) {
    return tangents.computeIfAbsent(var, namer::tangentOf);
  }

  /**
   * The tangent of variable {@code var}: {@code var_dot}, or in lane mode the lane element
   * {@code var_dot[k]} for a double (a double[] keeps its whole flat tangent array).
   */
  private Expr tangentOf(String var, TypeName type) {
    return laneElement(tangentName(var), type);
  }

  /** A new tangent for an intermediate named {@code value}. */
  private Expr newTangent(String value, TypeName type) {
    return laneElement(namer.tangentOf(value), type);
  }

  private Expr laneElement(String name, TypeName type) {
    if (lanes == null || !Types.DOUBLE.equals(type)) {
      return new Expr.Var(name, type);
    }
    lanes.slots.add(name);
    return new Expr.Index(new Expr.Var(name, Types.DOUBLE_ARRAY), lanes.k, Types.DOUBLE);
  }

  /** Element {@code index} of an array's tangent: {@code a_dot[i]}, in lane mode {@code a_dot[i * p + k]}. */
  private Expr elementTangent(Expr arrayTangent, Expr index) {
    if (lanes == null) {
      return new Expr.Index(arrayTangent, index, Types.DOUBLE);
    }
    Expr at =
        new Expr.Binary(
            "+", new Expr.Binary("*", index, lanes.p, Types.INT), lanes.k, Types.INT);
    return new Expr.Index(arrayTangent, at, Types.DOUBLE);
  }

  /**
   * {@code target_dot = tangent}. In lane mode a double's tangent is a loop over the lane,
   * {@code for (k...) target_dot[k] = tangent(k)}, with what does not depend on k computed first.
   */
  private void emitTangent(boolean declare, TypeName type, Expr targetDot, Expr tangent, List<Stmt> out) {
    if (lanes == null || !Types.DOUBLE.equals(type)) {
      emit(declare, type, targetDot, tangent, out);
      return;
    }
    Expr t = hoistInvariants(tangent, out);
    out.add(
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, lanes.k.name(), new Expr.Literal("0", Types.INT))),
            new Expr.Binary("<", lanes.k, lanes.p, Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, lanes.k, Types.INT))),
            new Stmt.Block(List.of(new Stmt.Assign(targetDot, t)))));
  }

  /** Moves the parts of a lane expression that do not depend on k out of the loop. */
  private Expr hoistInvariants(Expr e, List<Stmt> out) {
    if (!Exprs.reads(e, lanes.k.name())) {
      boolean trivial =
          Exprs.isAtom(e)
              || !Types.DOUBLE.equals(e.type())
              || (e instanceof Expr.Unary u && Exprs.isAtom(u.operand()));
      if (trivial) {
        return e;
      }
      Expr.Var c = new Expr.Var(namer.fresh("c"), Types.DOUBLE);
      out.add(new Stmt.Declare(Types.DOUBLE, c.name(), e));
      return c;
    }
    if (e instanceof Expr.Index) {
      return e;
    }
    return Exprs.mapChildren(e, x -> hoistInvariants(x, out));
  }

  private boolean isActiveVar(String name) {
    return activity.isActiveVar(name);
  }

  // ---------------------------------------------------------------- statements

  private void stmt(Stmt s, List<Stmt> out) {
    if (s == null) {
      return;
    }
    computed = new HashMap<>();
    if (s instanceof Stmt.SourceLine l) {
      out.add(new Stmt.Comment("line " + l.line() + ": " + l.text()));
      stmt(l.stmt(), out);
    } else if (s instanceof Stmt.Block b) {
      out.add(new Stmt.Block(block(b.body())));
    } else if (s instanceof Stmt.Declare d) {
      declare(d, out);
    } else if (s instanceof Stmt.Assign a) {
      assign(a, out);
    } else if (s instanceof Stmt.CompoundAssign c) {
      out.add(new Stmt.CompoundAssign(c.op(), primal(c.target(), out), primal(c.value(), out)));
    } else if (s instanceof Stmt.Eval e) {
      if (e.expr() instanceof Expr.IncDec i) {
        // x++ on a double changes the value only; its tangent stays.
        out.add(new Stmt.Eval(new Expr.IncDec(i.op(), i.prefix(), primal(i.target(), out), i.type())));
      } else if (e.expr() instanceof Expr.PlainCall p && writesActiveArray(p)) {
        arrayWrite(p, out);
      } else if (activity.isActive(e.expr())) {
        lower(e.expr(), out);
      } else {
        out.add(new Stmt.Eval(primal(e.expr(), out)));
      }
    } else if (s instanceof Stmt.If i) {
      Expr cond = primal(i.cond(), out);
      out.add(new Stmt.If(cond, body(i.then()), i.otherwise() == null ? null : body(i.otherwise())));
    } else if (s instanceof Stmt.While w) {
      List<Stmt> pre = new ArrayList<>();
      Expr cond = primal(w.cond(), pre);
      if (pre.isEmpty()) {
        out.add(new Stmt.While(cond, body(w.body())));
      } else {
        // The condition needs statements (a call that writes an active array): evaluate them at
        // the top of every iteration, where continue also lands.
        List<Stmt> inner = new ArrayList<>(pre);
        inner.add(exitUnless(cond));
        bodyInto(w.body(), inner);
        out.add(new Stmt.While(TRUE, new Stmt.Block(inner)));
      }
    } else if (s instanceof Stmt.DoWhile d) {
      doWhile(d, null, out);
    } else if (s instanceof Stmt.For f) {
      forLoop(f, null, out);
    } else if (s instanceof Stmt.ForEach f) {
      forEach(f, null, out);
    } else if (s instanceof Stmt.Labeled l) {
      if (l.body() instanceof Stmt.ForEach f) {
        forEach(f, l.label(), out);
      } else if (l.body() instanceof Stmt.For f) {
        forLoop(f, l.label(), out);
      } else if (l.body() instanceof Stmt.DoWhile d) {
        doWhile(d, l.label(), out);
      } else {
        // while, do, blocks, ifs: each lowers to exactly one statement, which keeps the label
        List<Stmt> inner = new ArrayList<>();
        stmt(l.body(), inner);
        out.add(new Stmt.Labeled(l.label(), inner.size() == 1 ? inner.get(0) : new Stmt.Block(inner)));
      }
    } else if (s instanceof Stmt.Break b) {
      out.add(b);
    } else if (s instanceof Stmt.Continue c) {
      out.add(c);
    } else if (s instanceof Stmt.Switch sw) {
      Expr sel = primal(sw.selector(), out);
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), block(c.body())));
      }
      out.add(new Stmt.Switch(sel, cases, sw.arrows()));
    } else if (s instanceof Stmt.Return r) {
      ret(r, out);
    } else if (s instanceof Stmt.Try t) {
      // body, handlers and finally differentiated as they run; no tangent flows through the
      // exception (each statement updates a value and its tangent together)
      List<Stmt.Catch> catches = new ArrayList<>();
      for (Stmt.Catch c : t.catches()) {
        catches.add(new Stmt.Catch(c.types(), c.name(), new Stmt.Block(block(c.body().body()))));
      }
      out.add(
          new Stmt.Try(
              new Stmt.Block(block(t.body().body())),
              catches,
              t.fin() == null ? null : new Stmt.Block(block(t.fin().body()))));
    } else if (s instanceof Stmt.Throw t) {
      // the same exception under the same condition: evaluated on values, no tangent
      out.add(new Stmt.Throw(primal(t.value(), out)));
    } else if (s instanceof Stmt.Assert a) {
      assertion(a, out);
    } else if (s instanceof Stmt.Comment c) {
      out.add(c);
    }
  }

  private static final Expr TRUE = new Expr.Literal("true", Types.BOOLEAN);

  /**
   * {@code assert cond : message;} on values. Parts that need statements first (a call that
   * writes an active array) run only where the assertion would, when assertions are enabled for
   * the generated class.
   */
  private void assertion(Stmt.Assert a, List<Stmt> out) {
    List<Stmt> pre = new ArrayList<>();
    Expr cond = primal(a.cond(), pre);
    List<Stmt> messagePre = new ArrayList<>();
    Expr message = a.message() == null ? null : primal(a.message(), messagePre);
    if (pre.isEmpty() && messagePre.isEmpty()) {
      out.add(new Stmt.Assert(cond, message));
      return;
    }
    Expr enabled =
        new Expr.PlainCall(
            method.derivatives(),
            new Expr.Literal(
                method.derivatives().canonicalName() + ".class",
                com.palantir.javapoet.ClassName.get("java.lang", "Class")),
            "desiredAssertionStatus",
            List.of(),
            Types.BOOLEAN);
    if (!messagePre.isEmpty()) {
      // the message is evaluated only when the condition is false
      Expr.Var holds = new Expr.Var(namer.temp(), Types.BOOLEAN);
      pre.add(new Stmt.Declare(Types.BOOLEAN, holds.name(), cond));
      messagePre.add(new Stmt.Throw(new Expr.NewObject(
                  com.palantir.javapoet.ClassName.get("java.lang", "AssertionError"), List.of(message))));
      pre.add(new Stmt.If(new Expr.Unary("!", holds, Types.BOOLEAN), new Stmt.Block(messagePre), null));
    } else {
      pre.add(new Stmt.Assert(cond, message));
    }
    out.add(new Stmt.If(enabled, new Stmt.Block(pre), null));
  }

  /** {@code if (!(cond)) break;} */
  private static Stmt exitUnless(Expr cond) {
    return new Stmt.If(
        new Expr.Unary("!", cond, Types.BOOLEAN), new Stmt.Block(List.of(new Stmt.Break(null))), null);
  }

  private void doWhile(Stmt.DoWhile d, String label, List<Stmt> out) {
    Stmt body = body(d.body());
    List<Stmt> pre = new ArrayList<>();
    Expr cond = primal(d.cond(), pre);
    if (pre.isEmpty()) {
      out.add(labeled(label, new Stmt.DoWhile(body, cond)));
      return;
    }
    // do { body } while (cond) whose condition needs statements: the body in a labeled block that
    // continue breaks out of, then the statements and the test.
    String bodyLabel = namer.fresh("body");
    List<Stmt> inner = new ArrayList<>();
    inner.add(new Stmt.Labeled(bodyLabel, continuesToBreaks(body, label, bodyLabel, false)));
    inner.addAll(pre);
    inner.add(exitUnless(cond));
    out.add(labeled(label, new Stmt.While(TRUE, new Stmt.Block(inner))));
  }

  private List<Stmt> block(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      stmt(s, out);
    }
    return out;
  }

  /** A statement used as the body of a control construct. */
  private Stmt body(Stmt s) {
    List<Stmt> out = new ArrayList<>();
    stmt(s, out);
    return single(out);
  }

  /** The statements of a loop body appended to {@code out}, without an extra block. */
  private void bodyInto(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Block b) {
      for (Stmt x : b.body()) {
        stmt(x, out);
      }
    } else {
      stmt(s, out);
    }
  }

  private static Stmt single(List<Stmt> out) {
    if (out.size() == 1 && out.get(0) instanceof Stmt.Block b) {
      return b;
    }
    return new Stmt.Block(out);
  }

  /** {@code double}, {@code double[]} and {@code double[][]} variables carry tangents. */
  private static boolean carriesTangent(TypeName t) {
    return Types.isDifferentiable(t) || Types.isMatrix(t);
  }

  private void declare(Stmt.Declare d, List<Stmt> out) {
    if (!isActiveVar(d.name()) || !carriesTangent(d.type())) {
      out.add(new Stmt.Declare(d.type(), d.name(), d.init() == null ? null : primal(d.init(), out)));
      return;
    }
    Expr.Var target = new Expr.Var(d.name(), d.type());
    Expr targetDot = tangentOf(d.name(), d.type());
    if (d.init() == null) {
      out.add(new Stmt.Declare(d.type(), d.name(), null));
      declareTangent(d.type(), targetDot, out);
      return;
    }
    into(d.init(), target, targetDot, true, out);
  }

  private void assign(Stmt.Assign a, List<Stmt> out) {
    if (a.target() instanceof Expr.Var v) {
      if (!isActiveVar(v.name()) || !carriesTangent(v.type())) {
        out.add(new Stmt.Assign(primal(v, out), primal(a.value(), out)));
        return;
      }
      into(a.value(), v, tangentOf(v.name(), v.type()), false, out);
      return;
    }
    Expr.Index ix = (Expr.Index) a.target();
    Expr.Var root = Exprs.rootVar(ix.array());
    boolean element = Types.DOUBLE.equals(ix.type());
    if (root == null
        || !isActiveVar(root.name())
        || !(element || Types.DOUBLE_ARRAY.equals(ix.type()))) {
      out.add(new Stmt.Assign(primal(ix, out), primal(a.value(), out)));
      return;
    }
    if (ix.array() instanceof Expr.Var array && element) {
      Expr index = simpleOrTemp(primal(ix.index(), out), Types.INT, out);
      Expr.Index target = new Expr.Index(array, index, Types.DOUBLE);
      Expr targetDot =
          elementTangent(new Expr.Var(tangentName(array.name()), Types.DOUBLE_ARRAY), index);
      into(a.value(), target, targetDot, false, out);
      return;
    }
    // m[i][j] = v (an element of a row, m_dot[i][j]) or m[i] = r (a row, m_dot[i] = r_dot)
    Pair array = lower(ix.array(), out);
    Expr index = simpleOrTemp(primal(ix.index(), out), Types.INT, out);
    Expr.Index target = new Expr.Index(array.value, index, ix.type());
    Expr targetDot =
        element
            ? elementTangent(array.tangent, index)
            : new Expr.Index(array.tangent, index, Types.DOUBLE_ARRAY);
    into(a.value(), target, targetDot, false, out);
  }

  /**
   * Emits {@code target = value} and its tangent. When {@code value} is one elementary operation
   * its pair is written straight into the target, ordered so that overwriting is correct.
   */
  private void into(Expr value, Expr target, Expr targetDot, boolean declare, List<Stmt> out) {
    TypeName type = target.type();
    if (activity.isActive(value) && isOperation(value)) {
      Op op = operation(value, out);
      Expr.Var targetVar = Exprs.rootVar(target);
      boolean overwrites =
          !declare && op.args.stream().anyMatch(arg -> Exprs.reads(arg, targetVar.name()));
      if (!overwrites) {
        emit(declare, type, target, op.value, out);
        emitTangent(declare, type, targetDot, op.tangent(target), out);
      } else if (!op.usesResult()) {
        // x = x * y: the tangent reads the old x, so it goes first.
        emitTangent(false, type, targetDot, op.tangent(target), out);
        emit(false, type, target, op.value, out);
      } else {
        // y = x / y: the tangent needs the new value and the old y; keep the new value aside.
        Expr.Var tmp = new Expr.Var(namer.temp(), type);
        out.add(new Stmt.Declare(type, tmp.name(), op.value));
        emitTangent(false, type, targetDot, op.tangent(tmp), out);
        emit(false, type, target, tmp, out);
      }
      return;
    }
    if (value instanceof Expr.Conditional c && activity.isActive(c)) {
      // y = c ? a : b  becomes an if/else assigning y and y_dot, so only one branch runs.
      if (declare) {
        out.add(new Stmt.Declare(type, ((Expr.Var) target).name(), null));
        declareTangent(type, targetDot, out);
      }
      Expr cond = primal(c.cond(), out);
      List<Stmt> whenTrue = branch(c.whenTrue(), target, targetDot);
      List<Stmt> whenFalse = branch(c.whenFalse(), target, targetDot);
      out.add(new Stmt.If(cond, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse)));
      return;
    }
    Pair p = lower(value, out);
    if (Types.DOUBLE_ARRAY.equals(type) || Types.isMatrix(type)) {
      Expr v = p.value;
      Expr dot = p.tangent;
      if (dot == null) {
        // A fresh inactive array: its tangent is zeros of the same length.
        if (!(Exprs.isAtom(v))) {
          Expr.Var tmp = new Expr.Var(declare ? ((Expr.Var) target).name() : namer.temp(), type);
          if (declare) {
            out.add(new Stmt.Declare(type, tmp.name(), v));
            out.add(new Stmt.Declare(type, ((Expr.Var) targetDot).name(), zerosFor(v, tmp)));
            return;
          }
          out.add(new Stmt.Declare(type, tmp.name(), v));
          dot = zerosFor(v, tmp);
          v = tmp;
        } else {
          dot = zerosLike(v);
        }
      }
      emit(declare, type, target, v, out);
      emit(declare, type, targetDot, dot, out);
      return;
    }
    Expr.Var targetVar = Exprs.rootVar(target);
    if (!declare && p.tangent != null && Exprs.reads(p.tangent, targetVar.name())) {
      // x = y-expression whose tangent mentions x (e.g. x = c ? x : y through an intermediate).
      emitTangent(false, type, targetDot, p.tangent, out);
      emit(false, type, target, p.value, out);
      return;
    }
    emit(declare, type, target, p.value, out);
    emitTangent(declare, type, targetDot, p.tangent == null ? ZERO : p.tangent, out);
  }

  /** {@code double x_dot;} for a tangent assigned later; lanes need no declaration (slots). */
  private void declareTangent(TypeName type, Expr targetDot, List<Stmt> out) {
    if (lanes == null || !Types.DOUBLE.equals(type)) {
      out.add(new Stmt.Declare(type, ((Expr.Var) targetDot).name(), null));
    }
  }

  /** The tangent of an inactive array: zeros of its size ({@code null} for null). */
  private Expr zerosLike(Expr array) {
    TypeName type = Types.isMatrix(array.type()) ? Types.DOUBLE_MATRIX : Types.DOUBLE_ARRAY;
    if (array instanceof Expr.Literal l && l.code().equals("null")) {
      return new Expr.Literal("null", type);
    }
    String name = Types.isMatrix(type) ? "matrixZeros" : "zeros";
    if (lanes == null) {
      return new Expr.StaticCall(Types.DUALS, name, List.of(array), type);
    }
    return new Expr.StaticCall(Types.LANES, name, List.of(array, lanes.p), type);
  }

  /** Zeros for a freshly allocated array, without the null check of {@link #zerosLike}. */
  private Expr zerosFor(Expr init, Expr array) {
    if (init instanceof Expr.NewMatrix n
        && n.dims().stream().allMatch(Exprs::isAtom)
        && Types.isMatrix(n.type())) {
      // new double[m][n]: new double[m][n] (lanes: [m][n * p]); new double[m][]: rows come later
      List<Expr> dims = new ArrayList<>(n.dims());
      if (dims.size() == 2) {
        dims.set(1, lanesOf(dims.get(1)));
      }
      return new Expr.NewMatrix(Types.DOUBLE, dims, Types.DOUBLE_MATRIX);
    }
    if (Types.isMatrix(array.type())) {
      return zerosLike(array);
    }
    if (init instanceof Expr.NewArray || init instanceof Expr.ArrayInit) {
      Expr length = new Expr.Length(array, Types.INT);
      if (lanes != null) {
        length = new Expr.Binary("*", length, lanes.p, Types.INT);
      }
      return new Expr.NewArray(Types.DOUBLE, length, Types.DOUBLE_ARRAY);
    }
    return zerosLike(array);
  }

  private static void emit(boolean declare, TypeName type, Expr target, Expr value, List<Stmt> out) {
    if (declare) {
      out.add(new Stmt.Declare(type, ((Expr.Var) target).name(), value));
    } else {
      out.add(new Stmt.Assign(target, value));
    }
  }

  /** A for loop; {@code label}, if any, stays on the loop itself so {@code continue label} works. */
  private void forLoop(Stmt.For f, String label, List<Stmt> out) {
    List<Stmt> init = new ArrayList<>();
    for (Stmt s : f.init()) {
      stmt(s, init);
    }
    List<Stmt> pre = new ArrayList<>();
    Expr cond = f.cond() == null ? null : primal(f.cond(), pre);
    if (!pre.isEmpty()) {
      // the condition needs statements: they run at the top of each iteration, after the update
      pre.add(exitUnless(cond));
      cond = null;
    }
    List<Stmt> update = new ArrayList<>();
    List<Stmt> hoisted = new ArrayList<>();
    for (Stmt s : f.update()) {
      List<Stmt> u = new ArrayList<>();
      stmt(s, u);
      for (Stmt x : u) {
        if (x instanceof Stmt.Declare d) {
          // Intermediates of an update are declared before the loop and assigned in the update.
          hoisted.add(new Stmt.Declare(d.type(), d.name(), null));
          update.add(new Stmt.Assign(new Expr.Var(d.name(), d.type()), d.init()));
        } else {
          update.add(x);
        }
      }
    }
    Stmt loopBody = body(f.body());
    if (!pre.isEmpty()) {
      List<Stmt> inner = new ArrayList<>(pre);
      inner.add(loopBody);
      loopBody = new Stmt.Block(inner);
    }
    boolean expressionUpdate =
        update.stream()
            .allMatch(
                x -> x instanceof Stmt.Assign || x instanceof Stmt.Eval || x instanceof Stmt.CompoundAssign);
    if (!expressionUpdate) {
      // A lane update is a loop, which a for-update cannot hold: run the update at the end of the
      // body instead, with continue turned into a break out of the body block.
      String bodyLabel = namer.fresh("body");
      Stmt rewritten = continuesToBreaks(loopBody, label, bodyLabel, false);
      List<Stmt> inner = new ArrayList<>();
      inner.add(new Stmt.Labeled(bodyLabel, rewritten));
      inner.addAll(update);
      update = new ArrayList<>();
      loopBody = new Stmt.Block(inner);
    }
    boolean simpleInit =
        hoisted.isEmpty()
            && (init.isEmpty()
                || init.stream().allMatch(s -> s instanceof Stmt.Assign || s instanceof Stmt.Eval)
                || (init.size() == 1 && init.get(0) instanceof Stmt.Declare));
    if (simpleInit) {
      out.add(labeled(label, new Stmt.For(init, cond, update, loopBody)));
      return;
    }
    // Several declarations (a value and its tangent): declare them in a block around the loop.
    List<Stmt> block = new ArrayList<>(init);
    block.addAll(hoisted);
    block.add(labeled(label, new Stmt.For(List.of(), cond, update, loopBody)));
    out.add(new Stmt.Block(block));
  }

  /**
   * {@code continue} of this loop (unlabeled outside nested loops, or with the loop's label) as
   * {@code break bodyLabel}.
   */
  private static Stmt continuesToBreaks(Stmt s, String loopLabel, String bodyLabel, boolean nested) {
    if (s == null) {
      return null;
    }
    if (s instanceof Stmt.Continue c) {
      boolean ours = c.label() == null ? !nested : c.label().equals(loopLabel);
      return ours ? new Stmt.Break(bodyLabel) : c;
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(b.body().stream().map(x -> continuesToBreaks(x, loopLabel, bodyLabel, nested)).toList());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(
          i.cond(),
          continuesToBreaks(i.then(), loopLabel, bodyLabel, nested),
          continuesToBreaks(i.otherwise(), loopLabel, bodyLabel, nested));
    } else if (s instanceof Stmt.Labeled l) {
      return new Stmt.Labeled(l.label(), continuesToBreaks(l.body(), loopLabel, bodyLabel, nested));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.cond(), continuesToBreaks(w.body(), loopLabel, bodyLabel, true));
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(continuesToBreaks(d.body(), loopLabel, bodyLabel, true), d.cond());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(f.init(), f.cond(), f.update(), continuesToBreaks(f.body(), loopLabel, bodyLabel, true));
    } else if (s instanceof Stmt.ForEach f) {
      return new Stmt.ForEach(f.type(), f.var(), f.iterable(), continuesToBreaks(f.body(), loopLabel, bodyLabel, true));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), c.body().stream().map(x -> continuesToBreaks(x, loopLabel, bodyLabel, nested)).toList()));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    } else if (s instanceof Stmt.Try t) {
      List<Stmt.Catch> catches = new ArrayList<>();
      for (Stmt.Catch c : t.catches()) {
        catches.add(
            new Stmt.Catch(
                c.types(), c.name(), (Stmt.Block) continuesToBreaks(c.body(), loopLabel, bodyLabel, nested)));
      }
      return new Stmt.Try(
          (Stmt.Block) continuesToBreaks(t.body(), loopLabel, bodyLabel, nested),
          catches,
          (Stmt.Block) continuesToBreaks(t.fin(), loopLabel, bodyLabel, nested));
    }
    return s;
  }

  private static Stmt labeled(String label, Stmt loop) {
    return label == null ? loop : new Stmt.Labeled(label, loop);
  }

  private void forEach(Stmt.ForEach f, String label, List<Stmt> out) {
    boolean row = Types.DOUBLE_ARRAY.equals(f.type());
    boolean varActive = isActiveVar(f.var()) && (Types.DOUBLE.equals(f.type()) || row);
    if (!activity.isActive(f.iterable())) {
      Expr iterable = primal(f.iterable(), out);
      List<Stmt> body = new ArrayList<>();
      if (varActive && row) {
        Expr.Var r = new Expr.Var(f.var(), f.type());
        body.add(new Stmt.Declare(f.type(), tangentName(f.var()), zerosLike(r)));
      } else if (varActive) {
        emitTangent(true, Types.DOUBLE, tangentOf(f.var(), Types.DOUBLE), ZERO, body);
      }
      bodyInto(f.body(), body);
      out.add(labeled(label, new Stmt.ForEach(f.type(), f.var(), iterable, single(body))));
      return;
    }
    // for (double x : a)  becomes an indexed loop over a and a_dot.
    Pair array = lower(f.iterable(), out);
    Expr values = array.value;
    Expr dots = array.tangent;
    if (!Exprs.isAtom(values)) {
      TypeName arrayType = f.iterable().type();
      Expr.Var tv = new Expr.Var(namer.temp(), arrayType);
      out.add(new Stmt.Declare(arrayType, tv.name(), values));
      Expr.Var td = new Expr.Var(namer.tangentOf(tv.name()), arrayType);
      out.add(new Stmt.Declare(arrayType, td.name(), dots));
      values = tv;
      dots = td;
    }
    Expr.Var i = new Expr.Var(namer.fresh("i"), Types.INT);
    List<Stmt> body = new ArrayList<>();
    if (row) {
      // for (double[] r : m): r = m[i] and r_dot = m_dot[i]
      body.add(new Stmt.Declare(f.type(), f.var(), new Expr.Index(values, i, f.type())));
      body.add(
          new Stmt.Declare(
              f.type(), tangentName(f.var()), new Expr.Index(dots, i, Types.DOUBLE_ARRAY)));
    } else {
      body.add(new Stmt.Declare(Types.DOUBLE, f.var(), new Expr.Index(values, i, Types.DOUBLE)));
      emitTangent(true, Types.DOUBLE, tangentOf(f.var(), Types.DOUBLE), elementTangent(dots, i), body);
    }
    bodyInto(f.body(), body);
    Stmt loop =
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, i.name(), new Expr.Literal("0", Types.INT))),
            new Expr.Binary("<", i, new Expr.Length(values, Types.INT), Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, i, Types.INT))),
            single(body));
    out.add(labeled(label, loop));
  }

  private void ret(Stmt.Return r, List<Stmt> out) {
    Pair p = lower(r.value(), out);
    if (lanes != null) {
      if (Types.DOUBLE.equals(method.returnType())) {
        Expr v = simpleOrTemp(p.value, Types.DOUBLE, out);
        emitTangent(
            false,
            Types.DOUBLE,
            new Expr.Index(lanes.result, lanes.k, Types.DOUBLE),
            p.tangent == null ? ZERO : p.tangent,
            out);
        out.add(new Stmt.Return(v));
        return;
      }
      Expr v = p.value;
      Expr dot = p.tangent;
      if (dot == null) {
        v = simpleOrTemp(v, Types.DOUBLE_ARRAY, out);
        dot = zerosLike(v);
      }
      out.add(
          new Stmt.Return(
              new Expr.ArrayInit(Types.DOUBLE_ARRAY, List.of(v, dot), Types.DOUBLE_MATRIX)));
      return;
    }
    if (forSecondOrder) {
      if (p.tangent != null || Types.DOUBLE.equals(method.returnType())) {
        out.add(new Stmt.Return(p.tangent == null ? ZERO : p.tangent));
      } else {
        out.add(new Stmt.Return(zerosLike(simpleOrTemp(p.value, Types.DOUBLE_ARRAY, out))));
      }
      return;
    }
    if (Types.DOUBLE.equals(method.returnType())) {
      out.add(
          new Stmt.Return(
              new Expr.MakeDual(p.value, p.tangent == null ? ZERO : p.tangent, Types.DUAL)));
      return;
    }
    if (p.tangent == null) {
      out.add(
          new Stmt.Return(
              new Expr.StaticCall(Types.DUALS, "constants", List.of(p.value), Types.DUAL_ARRAY)));
    } else {
      out.add(
          new Stmt.Return(
              new Expr.StaticCall(
                  Types.DUALS, "pack", List.of(p.value, p.tangent), Types.DUAL_ARRAY)));
    }
  }

  // ---------------------------------------------------------------- expressions

  /** A value and its tangent (null when inactive). */
  private record Pair(Expr value, Expr tangent) {}

  /**
   * One operation with its operands already lowered to atoms: an entry of the tangent table, or
   * a call with user tangent rules ({@code rule} not null, {@code fn} null).
   */
  private final class Op {
    final Elementary fn;
    final Expr.RuleCall rule;
    final List<Expr> args;
    final List<Expr> argTangents;
    final Expr value;

    Op(Elementary fn, List<Expr> args, List<Expr> argTangents, Expr value) {
      this(fn, null, args, argTangents, value);
    }

    Op(Elementary fn, Expr.RuleCall rule, List<Expr> args, List<Expr> argTangents, Expr value) {
      this.fn = fn;
      this.rule = rule;
      this.args = args;
      this.argTangents = argTangents;
      this.value = value;
    }

    Expr tangent(Expr result) {
      Expr t =
          rule == null
              ? TangentRules.tangent(fn, args, result, argTangents)
              : ruleTangent(rule, args, result, argTangents);
      return t == null ? ZERO : t;
    }

    /** True when the tangent reads the result's value; every user rule receives it. */
    boolean usesResult() {
      return rule != null || TangentRules.usesResult(fn);
    }
  }

  /**
   * {@code Σ rule_j(args, v) * a_dot_j} over the active arguments, each partial a call of the
   * user's rule method with the target's arguments and its value. In lane mode the calls do not
   * depend on the lane, so {@link #hoistInvariants} computes each once before the loop. In the
   * tangent code that second order differentiates again, a partial is a call of the rule method
   * as a {@code @Differentiable} method, so that its own derivative is taken.
   */
  private Expr ruleTangent(Expr.RuleCall call, List<Expr> args, Expr result, List<Expr> tangents) {
    Expr sum = null;
    for (int j = 0; j < args.size(); j++) {
      var rule = call.partials().get(j);
      Expr dot = tangents.get(j);
      if (rule == null || dot == null) {
        continue;
      }
      List<Expr> ruleArgs = new ArrayList<>(args);
      ruleArgs.add(result);
      Expr partial = new Expr.StaticCall(rule.owner(), rule.method(), ruleArgs, Types.DOUBLE);
      if (forSecondOrder) {
        needs.rules().add(new SecondOrder.RuleUse(call, j));
        List<TypeName> types = new ArrayList<>(call.parameterTypes());
        types.add(Types.DOUBLE);
        partial =
            new Expr.DiffCall(
                rule.owner(),
                rule.derivatives(),
                rule.method(),
                null,
                ruleArgs,
                types,
                types.stream().map(Types::isDifferentiable).toList(),
                false,
                Types.DOUBLE);
      }
      Expr term = new Expr.Binary("*", partial, dot, Types.DOUBLE);
      sum = sum == null ? term : new Expr.Binary("+", sum, term, Types.DOUBLE);
    }
    return sum;
  }

  /** True for an active expression that is one operation: a table entry or a ruled call. */
  private static boolean isOperation(Expr e) {
    return elementary(e) != null || e instanceof Expr.RuleCall;
  }

  /** The table entry of an active expression that is one elementary operation, or null. */
  static Elementary elementary(Expr e) {
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case "+" -> Elementary.ADD;
        case "-" -> Elementary.SUBTRACT;
        case "*" -> Elementary.MULTIPLY;
        case "/" -> Elementary.DIVIDE;
        case "%" -> Elementary.REMAINDER;
        default -> null;
      };
    } else if (e instanceof Expr.Unary u) {
      return u.op().equals("-") ? Elementary.NEGATE : null;
    } else if (e instanceof Expr.MathCall m) {
      return m.fn();
    } else {
      return null;
    }
  }

  private Op operation(Expr e, List<Stmt> out) {
    Elementary fn = elementary(e);
    List<Expr> operands = Exprs.children(e);
    List<Expr> args = new ArrayList<>();
    List<Expr> dots = new ArrayList<>();
    List<Pair> pairs = lowerInOrder(operands, null, out);
    for (int i = 0; i < operands.size(); i++) {
      args.add(simpleOrTemp(pairs.get(i).value, operands.get(i).type(), out));
      dots.add(pairs.get(i).tangent);
    }
    if (e instanceof Expr.RuleCall r) {
      Expr.RuleCall value =
          new Expr.RuleCall(r.owner(), r.name(), args, r.parameterTypes(), r.partials(), Types.DOUBLE);
      return new Op(null, r, args, dots, value);
    }
    if (fn == Elementary.DIVIDE && dots.get(0) == null && isOne(args.get(0))) {
      // 1.0 / w: the reciprocal's rule reuses the value, -v * v * w_dot, with no division
      return new Op(
          Elementary.RECIPROCAL,
          List.of(args.get(1)),
          java.util.Arrays.asList(dots.get(1)),
          new Expr.Binary("/", args.get(0), args.get(1), Types.DOUBLE));
    }
    Expr value;
    if (e instanceof Expr.Binary b) {
      value = new Expr.Binary(b.op(), args.get(0), args.get(1), Types.DOUBLE);
    } else if (e instanceof Expr.Unary) {
      value = new Expr.Unary("-", args.get(0), Types.DOUBLE);
    } else if (e instanceof Expr.MathCall m) {
      value = new Expr.MathCall(m.owner(), m.fn(), args, Types.DOUBLE);
    } else {
      throw new IllegalStateException(e.toString());
    }
    return new Op(fn, args, dots, value);
  }

  /**
   * Lowers operands left to right, as Java evaluates them. An operand that reads an array element
   * is kept in a temporary when a later operand calls a method, which could write that element
   * before an inline read would happen. {@code primal[i]} true lowers operand i as a plain value.
   */
  private List<Pair> lowerInOrder(List<Expr> operands, List<Boolean> primal, List<Stmt> out) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Expr operand = operands.get(i);
      boolean plain = primal != null && primal.get(i);
      Pair p = plain ? new Pair(primal(operand, out), null) : lower(operand, out);
      boolean laterCall = false;
      for (int j = i + 1; j < operands.size(); j++) {
        laterCall |= containsCall(operands.get(j));
      }
      if (laterCall && Types.DOUBLE.equals(operand.type()) && readsArray(p.value)) {
        p = materialize(p, out);
      } else if (laterCall && Types.DOUBLE_ARRAY.equals(operand.type()) && !Exprs.isAtom(p.value)) {
        // a.clone() or {a[0], ...}: the snapshot is taken before the later call runs
        p = materializeArray(p, out);
      }
      pairs.add(p);
    }
    return pairs;
  }

  private static boolean containsCall(Expr e) {
    if (e instanceof Expr.DiffCall || e instanceof Expr.PlainCall || e instanceof Expr.RuleCall) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (containsCall(c)) {
        return true;
      }
    }
    return false;
  }

  /** An array value and its tangent array evaluated now, into new intermediates. */
  private Pair materializeArray(Pair p, List<Stmt> out) {
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE_ARRAY);
    unshared.add(v.name());
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, v.name(), p.value));
    if (p.tangent == null) {
      return new Pair(v, null);
    }
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), Types.DOUBLE_ARRAY);
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, dot.name(), p.tangent));
    return new Pair(v, dot);
  }

  /** A double value and its tangent copied into new intermediates. */
  private Pair materialize(Pair p, List<Stmt> out) {
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, v.name(), p.value));
    if (p.tangent == null) {
      return new Pair(v, null);
    }
    Expr dot = newTangent(v.name(), Types.DOUBLE);
    emitTangent(true, Types.DOUBLE, dot, p.tangent, out);
    return new Pair(v, dot);
  }

  private static boolean isOne(Expr e) {
    if (!(e instanceof Expr.Literal l)) {
      return false;
    }
    try {
      return Double.parseDouble(l.code()) == 1.0;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  /** Keeps cheap, effect-free expressions inline; anything else goes into an intermediate. */
  private Expr simpleOrTemp(Expr value, TypeName type, List<Stmt> out) {
    if (Exprs.isSimple(value)) {
      return value;
    }
    Expr.Var tmp = new Expr.Var(namer.temp(), type);
    out.add(new Stmt.Declare(type, tmp.name(), value));
    return tmp;
  }

  /** Lowers an expression to a (value, tangent) pair, emitting the pairs it needs into {@code out}. */
  private Pair lower(Expr e, List<Stmt> out) {
    if (!activity.isActive(e)) {
      return new Pair(primal(e, out), null);
    }
    if (e instanceof Expr.Var v) {
      return new Pair(v, tangentOf(v.name(), v.type()));
    } else if (e instanceof Expr.Cast c) {
      return lower(c.operand(), out);
    } else if (e instanceof Expr.Index ix) {
      Pair array = lower(ix.array(), out);
      Expr index = simpleOrTemp(primal(ix.index(), out), Types.INT, out);
      if (Types.DOUBLE_ARRAY.equals(ix.type())) {
        // a row m[i] of a double[][]: its tangent is the row m_dot[i]
        return new Pair(
            new Expr.Index(array.value, index, Types.DOUBLE_ARRAY),
            new Expr.Index(array.tangent, index, Types.DOUBLE_ARRAY));
      }
      return new Pair(
          new Expr.Index(array.value, index, Types.DOUBLE), elementTangent(array.tangent, index));
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c, out);
    } else if (e instanceof Expr.ArrayInit a && Types.isMatrix(a.type())) {
      // {r, s} of rows: the matrix of the rows' tangents (zeros for rows without)
      List<Expr> values = new ArrayList<>();
      List<Expr> dots = new ArrayList<>();
      for (Expr row : a.elements()) {
        Pair p = lower(row, out);
        Expr value = p.value;
        Expr dot = p.tangent;
        if (!Exprs.isAtom(value)) {
          Expr.Var v = (Expr.Var) temp(value, Types.DOUBLE_ARRAY, out);
          if (dot != null) {
            String name = namer.tangentOf(v.name());
            out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, name, dot));
            dot = new Expr.Var(name, Types.DOUBLE_ARRAY);
          }
          value = v;
        }
        values.add(value);
        dots.add(dot == null ? zerosLike(value) : dot);
      }
      return new Pair(
          new Expr.ArrayInit(Types.DOUBLE_ARRAY, values, Types.DOUBLE_MATRIX),
          new Expr.ArrayInit(Types.DOUBLE_ARRAY, dots, Types.DOUBLE_MATRIX));
    } else if (e instanceof Expr.ArrayInit a) {
      List<Expr> values = new ArrayList<>();
      List<Expr> dots = new ArrayList<>();
      for (Expr el : a.elements()) {
        Pair p = lower(el, out);
        values.add(simpleOrTemp(p.value, Types.DOUBLE, out));
        dots.add(p.tangent == null ? ZERO : p.tangent);
      }
      if (lanes != null) {
        // {a, b}: a flat tangent array, element j's lane at [j * p, j * p + p)
        Expr.Var t = new Expr.Var(namer.fresh("init_dot"), Types.DOUBLE_ARRAY);
        Expr size =
            new Expr.Binary(
                "*", new Expr.Literal(String.valueOf(dots.size()), Types.INT), lanes.p, Types.INT);
        out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, t.name(), new Expr.NewArray(Types.DOUBLE, size, Types.DOUBLE_ARRAY)));
        for (int j = 0; j < dots.size(); j++) {
          if (dots.get(j) != ZERO) {
            Expr target = elementTangent(t, new Expr.Literal(String.valueOf(j), Types.INT));
            emitTangent(false, Types.DOUBLE, target, dots.get(j), out);
          }
        }
        return new Pair(new Expr.ArrayInit(Types.DOUBLE, values, Types.DOUBLE_ARRAY), t);
      }
      return new Pair(
          new Expr.ArrayInit(Types.DOUBLE, values, Types.DOUBLE_ARRAY),
          new Expr.ArrayInit(Types.DOUBLE, dots, Types.DOUBLE_ARRAY));
    } else if (e instanceof Expr.ArrayClone c) {
      Pair p = lower(c.array(), out);
      return new Pair(
          new Expr.ArrayClone(p.value, c.type()), new Expr.ArrayClone(p.tangent, c.type()));
    } else if (e instanceof Expr.DiffCall d) {
      return lanes == null ? call(d, out) : callLanes(d, out);
    } else if (e instanceof Expr.PlainCall p && ArrayCalls.copies(p)) {
      return arrayCopy(p, out);
    } else {
      if (!isOperation(e)) {
        throw new IllegalStateException("no tangent rule for active " + e);
      }
      Op op = operation(e, out);
      Pair known = computed.get(op.value);
      if (known != null) {
        return known;
      }
      Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
      out.add(new Stmt.Declare(Types.DOUBLE, v.name(), op.value));
      Expr dot = newTangent(v.name(), Types.DOUBLE);
      emitTangent(true, Types.DOUBLE, dot, op.tangent(v), out);
      Pair pair = new Pair(v, dot);
      // a user's function is called as often as the source calls it: it need not be pure
      if (!readsArray(op.value) && op.rule == null) {
        // array elements may change between two reads (a callee can write the array)
        computed.put(op.value, pair);
      }
      return pair;
    }
  }

  // ---------------------------------------------------------------- array library calls

  /** {@code System.arraycopy} or {@code Arrays.fill} into an array that carries tangents. */
  private boolean writesActiveArray(Expr.PlainCall p) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    return (kind == ArrayCalls.Kind.ARRAYCOPY || kind == ArrayCalls.Kind.FILL)
        && ArrayCalls.destination(p) instanceof Expr.Var v
        && isActiveVar(v.name());
  }

  /**
   * The call on the values, then the same call on the tangents: {@code System.arraycopy(src_dot,
   * sp, dst_dot, dp, n)} (in lane mode over the lanes of the elements, {@code sp * p} on), or
   * zeros where the source carries none; {@code Arrays.fill(a_dot, v_dot)}, in lane mode v's lane
   * copied into every element's. The value call runs first, so it throws what the primal throws
   * before any tangent changes; the int arguments are evaluated once.
   */
  private void arrayWrite(Expr.PlainCall p, List<Stmt> out) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    List<Boolean> plain = new ArrayList<>();
    for (Expr a : p.args()) {
      plain.add(!Types.isDifferentiable(a.type()));
    }
    List<Pair> args = lowerInOrder(p.args(), plain, out);
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr v = args.get(i).value;
      values.add(Exprs.isAtom(v) ? v : temp(v, p.args().get(i).type(), out));
    }
    Expr destinationDot = new Expr.Var(tangentName(((Expr.Var) values.get(kind == ArrayCalls.Kind.FILL ? 0 : 2)).name()), Types.DOUBLE_ARRAY);
    out.add(new Stmt.Eval(new Expr.PlainCall(p.owner(), null, p.name(), values, p.type())));
    if (kind == ArrayCalls.Kind.ARRAYCOPY) {
      Expr sourceDot = args.get(0).tangent;
      Expr from = lanesOf(values.get(3));
      Expr length = lanesOf(values.get(4));
      if (sourceDot == null) {
        Expr to = new Expr.Binary("+", values.get(3), values.get(4), Types.INT);
        out.add(fill(List.of(destinationDot, from, lanesOf(to), ZERO)));
      } else {
        out.add(
            new Stmt.Eval(
                new Expr.PlainCall(
                    p.owner(),
                    null,
                    p.name(),
                    List.of(sourceDot, lanesOf(values.get(1)), destinationDot, from, length),
                    p.type())));
      }
      return;
    }
    boolean ranged = values.size() == 4;
    Expr valueDot = args.get(args.size() - 1).tangent;
    if (lanes == null || valueDot == null) {
      List<Expr> fillArgs = new ArrayList<>();
      fillArgs.add(destinationDot);
      if (ranged) {
        fillArgs.add(lanesOf(values.get(1)));
        fillArgs.add(lanesOf(values.get(2)));
      }
      fillArgs.add(valueDot == null ? ZERO : valueDot);
      out.add(fill(fillArgs));
      return;
    }
    // every element's lane is v's lane: for (int i = from; i < to; i++) System.arraycopy(...)
    Expr lane = laneArray(valueDot, out);
    Expr.Var i = new Expr.Var(namer.fresh("i"), Types.INT);
    Expr start = ranged ? values.get(1) : new Expr.Literal("0", Types.INT);
    Expr end = ranged ? values.get(2) : new Expr.Length(values.get(0), Types.INT);
    Stmt copy =
        new Stmt.Eval(
            new Expr.PlainCall(
                SYSTEM,
                null,
                "arraycopy",
                List.of(
                    lane,
                    new Expr.Literal("0", Types.INT),
                    destinationDot,
                    new Expr.Binary("*", i, lanes.p, Types.INT),
                    lanes.p),
                TypeName.VOID));
    out.add(
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, i.name(), start)),
            new Expr.Binary("<", i, end, Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, i, Types.INT))),
            new Stmt.Block(List.of(copy))));
  }

  /** {@code Arrays.copyOf(a, n)}, {@code Arrays.copyOfRange(a, from, to)}: the same copy of a's tangents. */
  private Pair arrayCopy(Expr.PlainCall p, List<Stmt> out) {
    List<Boolean> plain = new ArrayList<>();
    for (Expr a : p.args()) {
      plain.add(!Types.isDifferentiable(a.type()));
    }
    List<Pair> args = lowerInOrder(p.args(), plain, out);
    List<Expr> values = new ArrayList<>();
    List<Expr> dots = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr v = args.get(i).value;
      Expr atom = Exprs.isAtom(v) ? v : temp(v, p.args().get(i).type(), out);
      values.add(atom);
      dots.add(i == 0 ? args.get(0).tangent : lanesOf(atom));
    }
    return new Pair(
        new Expr.PlainCall(p.owner(), null, p.name(), values, p.type()),
        new Expr.PlainCall(p.owner(), null, p.name(), dots, p.type()));
  }

  private static final com.palantir.javapoet.ClassName SYSTEM =
      com.palantir.javapoet.ClassName.get("java.lang", "System");
  private static final com.palantir.javapoet.ClassName ARRAYS =
      com.palantir.javapoet.ClassName.get("java.util", "Arrays");

  private static Stmt fill(List<Expr> args) {
    return new Stmt.Eval(new Expr.PlainCall(ARRAYS, null, "fill", args, TypeName.VOID));
  }

  /** An element position as a position in a flat lane array: {@code i * p} in lane mode. */
  private Expr lanesOf(Expr position) {
    if (lanes == null || (position instanceof Expr.Literal l && l.code().equals("0"))) {
      return position;
    }
    return new Expr.Binary("*", position, lanes.p, Types.INT);
  }

  private Expr temp(Expr value, TypeName type, List<Stmt> out) {
    Expr.Var tmp = new Expr.Var(namer.temp(), type);
    out.add(new Stmt.Declare(type, tmp.name(), value));
    return tmp;
  }

  private static boolean readsArray(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (readsArray(c)) {
        return true;
      }
    }
    return false;
  }

  /** One branch of a conditional, with its own scope of reusable operations. */
  private List<Stmt> branch(Expr value, Expr target, Expr targetDot) {
    Map<Expr, Pair> outer = computed;
    computed = new HashMap<>(outer);
    List<Stmt> out = new ArrayList<>();
    into(value, target, targetDot, false, out);
    computed = outer;
    return out;
  }

  /** {@code c ? a : b} with active branches: an if/else, so only the taken branch runs. */
  private Pair conditional(Expr.Conditional c, List<Stmt> out) {
    TypeName type = c.type();
    Expr cond = primal(c.cond(), out);
    Expr.Var v = new Expr.Var(namer.temp(), type);
    Expr dot = newTangent(v.name(), type);
    out.add(new Stmt.Declare(type, v.name(), null));
    declareTangent(type, dot, out);
    List<Stmt> whenTrue = branch(c.whenTrue(), v, dot);
    List<Stmt> whenFalse = branch(c.whenFalse(), v, dot);
    out.add(new Stmt.If(cond, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse)));
    return new Pair(v, dot);
  }

  /** A call of another differentiated method through its unboxed core. */
  private Pair call(Expr.DiffCall d, List<Stmt> out) {
    if (forSecondOrder) {
      return callForSecondOrder(d, out);
    }
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out));
    }
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      if (!d.activeParameters().get(i)) {
        args.add(lowered.get(i).value);
        continue;
      }
      Pair p = lowered.get(i);
      Expr value = p.value;
      Expr tangent = p.tangent;
      if (tangent == null) {
        if (Types.DOUBLE.equals(paramType)) {
          tangent = ZERO;
        } else {
          value = simpleOrTemp(value, paramType, out);
          tangent = zerosLike(value);
        }
      }
      args.add(value);
      args.add(tangent);
    }
    if (Types.DOUBLE_ARRAY.equals(d.type())) {
      // An array result goes through the lane core with one lane, whose {values, tangents} are
      // the callee's own arrays: a returned parameter stays an alias of the argument.
      List<Expr> laneArgs = new ArrayList<>();
      int at = 0;
      if (d.receiver() != null) {
        laneArgs.add(args.get(at++));
      }
      for (int i = 0; i < d.args().size(); i++) {
        laneArgs.add(args.get(at++));
        if (d.activeParameters().get(i)) {
          Expr tangent = args.get(at++);
          laneArgs.add(
              Types.DOUBLE.equals(d.parameterTypes().get(i))
                  ? new Expr.ArrayInit(Types.DOUBLE, List.of(tangent), Types.DOUBLE_ARRAY)
                  : tangent);
        }
      }
      laneArgs.add(new Expr.Literal("1", Types.INT));
      laneArgs.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
      Expr.Var result = new Expr.Var(namer.fresh(d.name() + "Result"), Types.DOUBLE_MATRIX);
      out.add(
          new Stmt.Declare(
              Types.DOUBLE_MATRIX,
              result.name(),
              new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), laneArgs, Types.DOUBLE_MATRIX)));
      Expr.Var v = new Expr.Var(namer.temp(), d.type());
      Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), d.type());
      out.add(new Stmt.Declare(d.type(), v.name(), new Expr.Index(result, new Expr.Literal("0", Types.INT), d.type())));
      out.add(new Stmt.Declare(d.type(), dot.name(), new Expr.Index(result, new Expr.Literal("1", Types.INT), d.type())));
      return new Pair(v, dot);
    }
    Expr.Var result = new Expr.Var(namer.fresh(d.name() + "Result"), Types.DUAL);
    out.add(
        new Stmt.Declare(
            Types.DUAL, result.name(), new Expr.StaticCall(d.derivatives(), d.name(), args, Types.DUAL)));
    Expr.Var v = new Expr.Var(namer.temp(), d.type());
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), d.type());
    out.add(new Stmt.Declare(d.type(), v.name(), new Expr.DualPart(result, false, d.type())));
    out.add(new Stmt.Declare(d.type(), dot.name(), new Expr.DualPart(result, true, d.type())));
    return new Pair(v, dot);
  }

  /**
   * {@code v = g(u…)} and {@code v_dot = GDerivatives.gTangent(u, u_dot, …)}: the value and the
   * directional derivative as two calls, each of a method with derivatives, so that the second
   * application can differentiate both. Arguments are evaluated once, into intermediates.
   */
  private Pair callForSecondOrder(Expr.DiffCall d, List<Stmt> out) {
    needs.callees().add(d);
    Expr receiver = null;
    List<Expr> tangentArgs = new ArrayList<>();
    List<TypeName> tangentTypes = new ArrayList<>();
    List<Boolean> tangentActive = new ArrayList<>();
    if (d.receiver() != null) {
      receiver = simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out);
      tangentArgs.add(receiver);
      tangentTypes.add(d.owner());
      tangentActive.add(false);
    }
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    List<Expr> values = new ArrayList<>();
    long arrays = 0;
    for (int i = 0; i < d.args().size(); i++) {
      if (d.activeParameters().get(i) && Types.DOUBLE_ARRAY.equals(d.parameterTypes().get(i))) {
        arrays++;
      }
    }
    /** Array arguments so far and their copies for the value call, to copy one array once. */
    List<Expr[]> copies = new ArrayList<>();
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      boolean active = d.activeParameters().get(i);
      Pair p = lowered.get(i);
      Expr value = p.value;
      if (!Exprs.isAtom(value) && (active || !freshArray(value))) {
        // used by both calls: evaluated once (a new array for a parameter the callee does not
        // differentiate is written twice instead, so that it stays a value without derivatives)
        // the argument's own type where the parameter's may name a type variable of the callee
        TypeName tmpType = Types.isDifferentiable(paramType) ? paramType : value.type();
        Expr.Var tmp = new Expr.Var(namer.temp(), tmpType);
        out.add(new Stmt.Declare(tmpType, tmp.name(), value));
        value = tmp;
        if (Types.DOUBLE_ARRAY.equals(paramType)) {
          unshared.add(tmp.name());
        }
      }
      Expr tangentValue = value;
      if (!active && value instanceof Expr.Var v && unshared.contains(v.name())) {
        // An array no one else sees, for a parameter the callee does not differentiate: passed as
        // a copy, so that the tangent code does not take it for an array the call makes active.
        tangentValue = new Expr.ArrayClone(value, Types.DOUBLE_ARRAY);
      }
      // the value call works on copies of arrays: writes into them happen once, in the tangent call
      if (!Types.DOUBLE_ARRAY.equals(paramType)) {
        values.add(value);
      } else if (arrays < 2 || !active || !Exprs.isAtom(value)) {
        values.add(new Expr.ArrayClone(value, Types.DOUBLE_ARRAY));
      } else {
        // Two differentiated array arguments may be one array (g(a, a), or aliases made at run
        // time): they get one copy, so that the callee's writes through one are seen through the
        // other.
        Expr copy = new Expr.ArrayClone(value, Types.DOUBLE_ARRAY);
        for (int j = copies.size() - 1; j >= 0; j--) {
          Expr[] earlier = copies.get(j);
          copy =
              new Expr.Conditional(
                  new Expr.Binary("==", value, earlier[0], Types.BOOLEAN),
                  earlier[1],
                  copy,
                  Types.DOUBLE_ARRAY);
        }
        Expr.Var tmp = new Expr.Var(namer.temp(), Types.DOUBLE_ARRAY);
        out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, tmp.name(), copy));
        copies.add(new Expr[] {value, tmp});
        values.add(tmp);
      }
      tangentArgs.add(tangentValue);
      tangentTypes.add(paramType);
      tangentActive.add(active);
      if (active) {
        Expr tangent = p.tangent;
        if (tangent == null) {
          tangent = Types.DOUBLE.equals(paramType) ? ZERO : zerosLike(value);
        }
        tangentArgs.add(tangent);
        tangentTypes.add(paramType);
        tangentActive.add(true);
      }
    }
    Expr.Var v = new Expr.Var(namer.temp(), d.type());
    out.add(
        new Stmt.Declare(
            d.type(),
            v.name(),
            new Expr.DiffCall(
                d.owner(),
                d.derivatives(),
                d.name(),
                receiver,
                values,
                d.parameterTypes(),
                d.activeParameters(),
                d.privateCallee(),
                d.type())));
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), d.type());
    out.add(
        new Stmt.Declare(
            d.type(),
            dot.name(),
            new Expr.DiffCall(
                d.derivatives(),
                d.derivatives(),
                tangentMethod(d.name()),
                null,
                tangentArgs,
                tangentTypes,
                tangentActive,
                // called where its value alone is needed, it runs through its core (zero tangents)
                true,
                d.type())));
    return new Pair(v, dot);
  }

  /**
   * {@code new double[n]} or {@code {a, K, b[i]}} of effect-free parts (variables, literals,
   * fields, elements): evaluating it twice makes two equal arrays.
   */
  private static boolean freshArray(Expr e) {
    if (e instanceof Expr.NewArray n) {
      return Exprs.isSimple(n.length());
    }
    return e instanceof Expr.ArrayInit a && a.elements().stream().allMatch(Exprs::isSimple);
  }

  /**
   * A call of another differentiated method through its lane core, with this method's p: each
   * active double argument passes its value and its lane; the result's lane is filled in place.
   */
  private Pair callLanes(Expr.DiffCall d, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out));
    }
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      if (!d.activeParameters().get(i)) {
        args.add(lowered.get(i).value);
        continue;
      }
      Pair p = lowered.get(i);
      if (Types.DOUBLE.equals(paramType)) {
        args.add(simpleOrTemp(p.value, Types.DOUBLE, out));
        args.add(laneArray(p.tangent, out));
      } else {
        Expr value = simpleOrTemp(p.value, paramType, out);
        args.add(value);
        args.add(p.tangent == null ? zerosLike(value) : p.tangent);
      }
    }
    if (Types.DOUBLE.equals(d.type())) {
      Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
      Expr dot = newTangent(v.name(), Types.DOUBLE);
      args.add(((Expr.Index) dot).array());
      args.add(lanes.p);
      args.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
      out.add(
          new Stmt.Declare(
              Types.DOUBLE, v.name(), new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), args, Types.DOUBLE)));
      return new Pair(v, dot);
    }
    args.add(lanes.p);
    args.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
    Expr.Var result = new Expr.Var(namer.fresh(d.name() + "Result"), Types.DOUBLE_MATRIX);
    out.add(
        new Stmt.Declare(
            Types.DOUBLE_MATRIX,
            result.name(),
            new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), args, Types.DOUBLE_MATRIX)));
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE_ARRAY);
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), Types.DOUBLE_ARRAY);
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, v.name(), new Expr.Index(result, new Expr.Literal("0", Types.INT), Types.DOUBLE_ARRAY)));
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, dot.name(), new Expr.Index(result, new Expr.Literal("1", Types.INT), Types.DOUBLE_ARRAY)));
    return new Pair(v, dot);
  }

  private static List<Boolean> inactiveParameters(Expr.DiffCall d) {
    return d.activeParameters().stream().map(a -> !a).toList();
  }

  /** A lane tangent as an array to pass: a variable's own lane, or a copy into a new slot. */
  private Expr laneArray(Expr tangent, List<Stmt> out) {
    if (tangent instanceof Expr.Index ix
        && ix.index().equals(lanes.k)
        && ix.array() instanceof Expr.Var lane) {
      return lane;
    }
    Expr copy = laneElement(namer.fresh("arg_dot"), Types.DOUBLE);
    emitTangent(false, Types.DOUBLE, copy, tangent == null ? ZERO : tangent, out);
    return ((Expr.Index) copy).array();
  }

  /**
   * An inactive expression as it evaluates in generated code: the receiver becomes the
   * {@code self} parameter and calls of differentiated methods call the original method.
   */
  private Expr primal(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Var v && (v.name().equals(MethodModel.THIS))) {
      return new Expr.Var(self, v.type());
    } else if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      // a call hoisted out of the right operand must still run only when Java would run it
      List<Stmt> rightPre = new ArrayList<>();
      Expr right = primal(b.right(), rightPre);
      Expr left = primal(b.left(), out);
      if (rightPre.isEmpty()) {
        return new Expr.Binary(b.op(), left, right, b.type());
      }
      Expr.Var t = new Expr.Var(namer.temp(), Types.BOOLEAN);
      out.add(new Stmt.Declare(Types.BOOLEAN, t.name(), left));
      rightPre.add(new Stmt.Assign(t, right));
      Expr run = b.op().equals("&&") ? t : new Expr.Unary("!", t, Types.BOOLEAN);
      out.add(new Stmt.If(run, new Stmt.Block(rightPre), null));
      return t;
    } else if (e instanceof Expr.Conditional c) {
      List<Stmt> truePre = new ArrayList<>();
      Expr whenTrue = primal(c.whenTrue(), truePre);
      List<Stmt> falsePre = new ArrayList<>();
      Expr whenFalse = primal(c.whenFalse(), falsePre);
      Expr cond = primal(c.cond(), out);
      if (truePre.isEmpty() && falsePre.isEmpty()) {
        return new Expr.Conditional(cond, whenTrue, whenFalse, c.type());
      }
      Expr.Var t = new Expr.Var(namer.temp(), c.type());
      out.add(new Stmt.Declare(c.type(), t.name(), null));
      truePre.add(new Stmt.Assign(t, whenTrue));
      falsePre.add(new Stmt.Assign(t, whenFalse));
      out.add(new Stmt.If(cond, new Stmt.Block(truePre), new Stmt.Block(falsePre)));
      return t;
    } else if (e instanceof Expr.DiffCall d && passesActiveArray(d)) {
      // The callee may write into an active array: its tangents must follow, so even where only
      // the value is used (a condition, a cast to int) the call goes through the derivative.
      return (lanes == null ? call(d, out) : callLanes(d, out)).value;
    } else if (e instanceof Expr.DiffCall d && forSecondOrder) {
      // Kept as a call of a method with derivatives: the second application sees that its value
      // is only used where no derivative is needed, and evaluates it as the first one would.
      return Exprs.mapChildren(d, c -> primal(c, out));
    } else if (e instanceof Expr.DiffCall d && (d.privateCallee())) {
      // A private method cannot be called from the generated class; its derivative can, with
      // zero tangents: OwnerDerivatives.g(x, 0.0).value()
      List<Expr> args = new ArrayList<>();
      if (d.receiver() != null) {
        args.add(primal(d.receiver(), out));
      }
      for (int i = 0; i < d.args().size(); i++) {
        TypeName paramType = d.parameterTypes().get(i);
        boolean active = d.activeParameters().get(i);
        Expr arg = primal(d.args().get(i), out);
        boolean array = Types.DOUBLE_ARRAY.equals(paramType) || Types.isMatrix(paramType);
        if (active && array) {
          arg = simpleOrTemp(arg, paramType, out);
        }
        args.add(arg);
        if (active && Types.DOUBLE.equals(paramType)) {
          args.add(ZERO);
        } else if (active && array) {
          args.add(zerosLike(arg));
        }
      }
      boolean array = Types.DOUBLE_ARRAY.equals(d.type());
      Expr core =
          new Expr.StaticCall(d.derivatives(), d.name(), args, array ? Types.DUAL_ARRAY : Types.DUAL);
      return array
          ? new Expr.StaticCall(Types.DUALS, "values", List.of(core), d.type())
          : new Expr.DualPart(core, false, d.type());
    } else if (e instanceof Expr.DiffCall d) {
      return new Expr.PlainCall(
              d.owner(),
              d.receiver() == null ? null : primal(d.receiver(), out),
              d.name(),
              d.args().stream().map(a -> primal(a, out)).toList(),
              d.type());
    } else {
      return Exprs.mapChildren(e, c -> primal(c, out));
    }
  }

  private boolean passesActiveArray(Expr.DiffCall d) {
    for (int i = 0; i < d.args().size(); i++) {
      Expr a = d.args().get(i);
      if (d.activeParameters().get(i) && Types.DOUBLE_ARRAY.equals(a.type()) && activity.isActive(a)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- names

  private void reserveNames(Stmt s) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.SourceLine l) {
      reserveNames(l.stmt());
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(this::reserveNames);
    } else if (s instanceof Stmt.Declare d) {
      namer.reserve(d.name());
    } else if (s instanceof Stmt.If i) {
      reserveNames(i.then());
      reserveNames(i.otherwise());
    } else if (s instanceof Stmt.While w) {
      reserveNames(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      reserveNames(d.body());
    } else if (s instanceof Stmt.For f) {
      f.init().forEach(this::reserveNames);
      reserveNames(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      namer.reserve(f.var());
      reserveNames(f.body());
    } else if (s instanceof Stmt.Labeled l) {
      namer.reserve(l.label());
      reserveNames(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      sw.cases().forEach(c -> c.body().forEach(this::reserveNames));
    } else if (s instanceof Stmt.Try t) {
      t.catches().forEach(c -> namer.reserve(c.name()));
      org.dualj.processor.model.Stmts.children(t).forEach(this::reserveNames);
    } else {
      {}
    }
  }
}
