package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * A forward pass over the statements of a method: every statement becomes its value code and its
 * tangent code, control flow kept as written (a loop whose condition or update needs statements
 * is reshaped so that {@code continue} still lands where it did). The expressions go through the
 * shared {@link Lowering}; what a mode adds is its parameters, its returns and its calls.
 */
abstract class ForwardPass extends Lowering {
  /** The parameters and statements of the forward code, before a mode completes its signature. */
  record Output(List<MethodModel.Param> params, List<Stmt> body) {}

  ForwardPass(MethodModel method, Activity activity, String suffix) {
    super(method, activity, suffix);
  }

  /** Adds the tangent parameter(s) of the active parameter {@code p}, and what sets them up. */
  abstract void activeParam(MethodModel.Param p, List<MethodModel.Param> params, List<Stmt> body);

  /** {@code return value;} with its tangent, as the mode returns them. */
  abstract void ret(Stmt.Return r, List<Stmt> out);

  /** The parameters and the differentiated body. */
  final Output translate() {
    List<MethodModel.Param> params = new ArrayList<>();
    if (self != null) {
      params.add(new MethodModel.Param(self, method.receiverType(), false));
    }
    List<Stmt> body = new ArrayList<>();
    for (MethodModel.Param p : method.params()) {
      params.add(p);
      if (p.active()) {
        activeParam(p, params, body);
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
    return new Output(params, body);
  }

  // ---------------------------------------------------------------- calls

  /**
   * A call of another differentiated method whose value alone is used: the original method, or
   * for a private one, its derivative's core with zero tangents.
   */
  @Override
  Expr primalCall(Expr.DiffCall d, List<Stmt> out) {
    if (!d.privateCallee()) {
      return new Expr.PlainCall(
          d.owner(),
          d.receiver() == null ? null : primal(d.receiver(), out),
          d.name(),
          d.args().stream().map(a -> primal(a, out)).toList(),
          d.type());
    }
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
    if (TypeName.VOID.equals(d.type())) {
      return new Expr.StaticCall(d.derivatives(), d.name(), args, TypeName.VOID); // a statement
    }
    if (Types.isMatrix(d.type())) {
      Expr core = new Expr.StaticCall(d.derivatives(), d.name(), args, Types.DUAL_MATRIX);
      return new Expr.StaticCall(Types.DUALS, "matrixValues", List.of(core), d.type());
    }
    Expr core =
        new Expr.StaticCall(d.derivatives(), d.name(), args, array ? Types.DUAL_ARRAY : Types.DUAL);
    return array
        ? new Expr.StaticCall(Types.DUALS, "values", List.of(core), d.type())
        : new Expr.DualPart(core, false, d.type());
  }

  /**
   * A call of the lane core of an array-valued callee, {@code double[][] gResult = gLanes(args)},
   * unpacked into its values {@code gResult[0]} and their tangents {@code gResult[1]}.
   */
  Pair laneCoreCall(Expr.DiffCall d, List<Expr> args, List<Stmt> out) {
    // a double[][] result: double[][][] gResult, whose rows are matrices of the callee's shape
    TypeName rowType = d.type();
    TypeName pairType = Types.isMatrix(rowType) ? Types.DOUBLE_MATRIX_PAIR : Types.DOUBLE_MATRIX;
    Expr.Var result = new Expr.Var(namer.fresh(d.name() + "Result"), pairType);
    out.add(
        new Stmt.Declare(
            pairType,
            result.name(),
            new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), args, pairType)));
    Expr.Var v = new Expr.Var(namer.temp(), rowType);
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), rowType);
    out.add(new Stmt.Declare(rowType, v.name(), row(result, 0)));
    out.add(new Stmt.Declare(rowType, dot.name(), row(result, 1)));
    return new Pair(v, dot);
  }

  private static Expr row(Expr.Var pair, int i) {
    TypeName rowType = Types.isMatrix(pair.type()) ? Types.DOUBLE_ARRAY : Types.DOUBLE_MATRIX;
    return new Expr.Index(pair, new Expr.Literal(String.valueOf(i), Types.INT), rowType);
  }

  static List<Boolean> inactiveParameters(Expr.DiffCall d) {
    return d.activeParameters().stream().map(a -> !a).toList();
  }

  // ---------------------------------------------------------------- statements

  void stmt(Stmt s, List<Stmt> out) {
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
      eval(e, out);
    } else if (s instanceof Stmt.If i) {
      Expr cond = primal(i.cond(), out);
      out.add(new Stmt.If(cond, body(i.then()), i.otherwise() == null ? null : body(i.otherwise())));
    } else if (s instanceof Stmt.While w) {
      whileLoop(w, out);
    } else if (s instanceof Stmt.DoWhile d) {
      doWhile(d, null, out);
    } else if (s instanceof Stmt.For f) {
      forLoop(f, null, out);
    } else if (s instanceof Stmt.ForEach f) {
      forEach(f, null, out);
    } else if (s instanceof Stmt.Labeled l) {
      labeledStmt(l, out);
    } else if (s instanceof Stmt.Switch sw) {
      Expr sel = primal(sw.selector(), out);
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), block(c.body())));
      }
      out.add(new Stmt.Switch(sel, cases, sw.arrows()));
    } else if (s instanceof Stmt.Return r && r.value() == null) {
      out.add(r); // a void method: its outputs are the arrays it wrote
    } else if (s instanceof Stmt.Return r) {
      ret(r, out);
    } else if (s instanceof Stmt.Try t) {
      tryStmt(t, out);
    } else if (s instanceof Stmt.Throw t) {
      // the same exception under the same condition: evaluated on values, no tangent
      out.add(new Stmt.Throw(primal(t.value(), out)));
    } else if (s instanceof Stmt.Assert a) {
      assertion(a, out);
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Comment) {
      out.add(s);
    }
  }

  private void eval(Stmt.Eval e, List<Stmt> out) {
    if (e.expr() instanceof Expr.IncDec i) {
      // x++ on a double changes the value only; its tangent stays.
      out.add(new Stmt.Eval(new Expr.IncDec(i.op(), i.prefix(), primal(i.target(), out), i.type())));
    } else if (e.expr() instanceof Expr.PlainCall p && arrayCalls.writesActiveArray(p)) {
      arrayCalls.write(p, out);
    } else if (e.expr() instanceof Expr.DiffCall d
        && TypeName.VOID.equals(d.type())
        && passesActiveArray(d)) {
      call(d, out); // a void callee writing an active array: its core writes the tangents too
    } else if (activity.isActive(e.expr())) {
      lower(e.expr(), out);
    } else {
      out.add(new Stmt.Eval(primal(e.expr(), out)));
    }
  }

  private void whileLoop(Stmt.While w, List<Stmt> out) {
    List<Stmt> pre = new ArrayList<>();
    Expr cond = primal(w.cond(), pre);
    if (pre.isEmpty()) {
      out.add(new Stmt.While(cond, body(w.body())));
      return;
    }
    // The condition needs statements (a call that writes an active array): evaluate them at
    // the top of every iteration, where continue also lands.
    List<Stmt> inner = new ArrayList<>(pre);
    inner.add(exitUnless(cond));
    bodyInto(w.body(), inner);
    out.add(new Stmt.While(TRUE, new Stmt.Block(inner)));
  }

  private void labeledStmt(Stmt.Labeled l, List<Stmt> out) {
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
  }

  /**
   * Body, handlers and finally differentiated as they run; no tangent flows through the exception
   * (each statement updates a value and its tangent together).
   */
  private void tryStmt(Stmt.Try t, List<Stmt> out) {
    List<Stmt.Catch> catches = new ArrayList<>();
    for (Stmt.Catch c : t.catches()) {
      catches.add(new Stmt.Catch(c.types(), c.name(), new Stmt.Block(block(c.body().body()))));
    }
    out.add(
        new Stmt.Try(
            new Stmt.Block(block(t.body().body())),
            catches,
            t.fin() == null ? null : new Stmt.Block(block(t.fin().body()))));
  }

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
                method.derivatives().canonicalName() + ".class", ClassName.get("java.lang", "Class")),
            "desiredAssertionStatus",
            List.of(),
            Types.BOOLEAN);
    if (!messagePre.isEmpty()) {
      // the message is evaluated only when the condition is false
      Expr.Var holds = new Expr.Var(namer.temp(), Types.BOOLEAN);
      pre.add(new Stmt.Declare(Types.BOOLEAN, holds.name(), cond));
      messagePre.add(
          new Stmt.Throw(
              new Expr.NewObject(ClassName.get("java.lang", "AssertionError"), List.of(message))));
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
    Expr.Index target = new Expr.Index(array.value(), index, ix.type());
    Expr targetDot =
        element
            ? elementTangent(array.tangent(), index)
            : new Expr.Index(array.tangent(), index, Types.DOUBLE_ARRAY);
    into(a.value(), target, targetDot, false, out);
  }

  // ---------------------------------------------------------------- loops

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
      List<Stmt> inner = new ArrayList<>();
      inner.add(new Stmt.Labeled(bodyLabel, continuesToBreaks(loopBody, label, bodyLabel, false)));
      inner.addAll(update);
      update = new ArrayList<>();
      loopBody = new Stmt.Block(inner);
    }
    out.add(forStatement(label, init, hoisted, cond, update, loopBody));
  }

  /** The for statement, in a block that declares its values and tangents if it needs several. */
  private static Stmt forStatement(
      String label, List<Stmt> init, List<Stmt> hoisted, Expr cond, List<Stmt> update, Stmt body) {
    boolean simpleInit =
        hoisted.isEmpty()
            && (init.isEmpty()
                || init.stream().allMatch(s -> s instanceof Stmt.Assign || s instanceof Stmt.Eval)
                || (init.size() == 1 && init.get(0) instanceof Stmt.Declare));
    if (simpleInit) {
      return labeled(label, new Stmt.For(init, cond, update, body));
    }
    // Several declarations (a value and its tangent): declare them in a block around the loop.
    List<Stmt> block = new ArrayList<>(init);
    block.addAll(hoisted);
    block.add(labeled(label, new Stmt.For(List.of(), cond, update, body)));
    return new Stmt.Block(block);
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
    }
    boolean loop =
        s instanceof Stmt.While
            || s instanceof Stmt.DoWhile
            || s instanceof Stmt.For
            || s instanceof Stmt.ForEach;
    boolean inner = nested || loop;
    return Stmts.mapChildren(s, c -> continuesToBreaks(c, loopLabel, bodyLabel, inner));
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
    Expr values = array.value();
    Expr dots = array.tangent();
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
}
