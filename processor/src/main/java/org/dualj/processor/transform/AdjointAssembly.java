package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The adjoint core put together from one emission: the signature (values, adjoint arrays of the
 * array parameters, the seed, the tape), the locals shared by both sweeps, the adjoints, the
 * forward sweep, and the reverse sweep (the reversed statements of a straight method, or the loop popping
 * run numbers), then the adjoints of the {@code double} parameters handed back through the tape.
 */
final class AdjointAssembly {
  private final AdjointContext ctx;
  private final AdjointEmission emission;
  private final AdjointExprs exprs;

  AdjointAssembly(AdjointContext ctx, AdjointEmission emission) {
    this.ctx = ctx;
    this.emission = emission;
    this.exprs = new AdjointExprs(ctx);
  }

  /** Calls of differentiated methods left in conditions and plain statements: plain calls. */
  private Stmt primalCalls(Stmt s) {
    return Stmts.rewrite(s, x -> Stmts.mapExprs(x, this::primalCalls));
  }

  private Expr primalCalls(Expr e) {
    if (e == null) {
      return null;
    }
    Expr x = Exprs.mapChildren(e, this::primalCalls);
    return x instanceof Expr.DiffCall d ? exprs.primalCall(d) : x;
  }

  MethodCode assemble(List<Stmt> forward) {
    List<Stmt> reverse = emission.straightReverse;
    TripAdjoints.Fused fused = TripAdjoints.fuse(ctx, forward, reverse, emission.undos);
    if (fused != null) {
      forward = fused.forward();
      reverse = fused.reverse();
      emission.counters.remove(fused.counter());
    }
    forward = forward.stream().map(this::primalCalls).toList();
    List<MethodModel.Param> params = new ArrayList<>();
    if (ctx.self != null) {
      params.add(new MethodModel.Param(ctx.self, method().receiverType(), false));
    }
    for (MethodModel.Param p : method().params()) {
      params.add(new MethodModel.Param(p.name(), p.type(), false));
      if (p.active() && (Types.DOUBLE_ARRAY.equals(p.type()) || Types.isMatrix(p.type()))) {
        params.add(new MethodModel.Param(ctx.bars.get(p.name()).name(), p.type(), false));
      }
    }
    Expr.Var seed = null;
    if (!voidMethod()) {
      // (a void method's outputs are its written arrays: their adjoints come in their arrays)
      seed = bars(result()) != null && !arrayResult()
          ? bars(result())
          : new Expr.Var(ctx.namer.fresh("result_bar"), method().returnType());
      params.add(new MethodModel.Param(seed.name(), method().returnType(), false));
    }
    params.add(new MethodModel.Param(ctx.tape.name(), AdjointContext.TAPE, false));

    List<Stmt> body = new ArrayList<>();
    declarations(seed, body);
    List<Stmt> sweep = new ArrayList<>();
    if (ctx.straight) {
      sweep.addAll(forward);
    } else {
      sweep.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, AdjointContext.lit(0))));
      sweep.add(new Stmt.Labeled(ctx.forwardLabel, new Stmt.Block(forward)));
    }
    List<Expr.Var[]> written = writtenParameters(body);
    body.add(new Stmt.Comment("forward sweep"));
    if (written.isEmpty()) {
      body.addAll(sweep);
    } else {
      keepingFinalState(written, sweep, body);
    }
    body.add(new Stmt.Eval(ctx.call("mark", TypeName.VOID)));
    body.add(new Stmt.Comment("reverse sweep"));
    reverseSweep(seed, reverse, body);
    if (!written.isEmpty()) {
      body.add(new Stmt.Comment("the arrays the method writes into, as it leaves them"));
      for (int i = written.size() - 1; i >= 0; i--) {
        body.add(new Stmt.Eval(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "restore",
            List.of(ctx.tape, written.get(i)[0]), TypeName.VOID)));
      }
    }
    int j = 0;
    for (MethodModel.Param p : method().params()) {
      if (p.active() && Types.DOUBLE.equals(p.type())) {
        Expr.Var bar = ctx.bars.get(p.name());
        body.add(new Stmt.Eval(ctx.call("bar", TypeName.VOID, AdjointContext.lit(j++),
            bar == null ? AdjointContext.ZERO : bar)));
      }
    }
    if (!voidMethod()) {
      body.add(new Stmt.Return(ctx.prep.result));
    }
    return new MethodCode(
        AdjointTransform.adjointName(method().name()), params, method().returnType(), body, "", 0);
  }

  /**
   * The array parameters the method writes into, each as {@code {array, position}}: the array as
   * the caller passed it (a local of its own when the body assigns the parameter) and the local
   * holding where its elements start on the tape; declared in {@code body}.
   */
  private List<Expr.Var[]> writtenParameters(List<Stmt> body) {
    List<Expr.Var[]> written = new ArrayList<>();
    for (int i : new java.util.TreeSet<>(ctx.effects.writtenParameters())) {
      MethodModel.Param p = method().params().get(i);
      if (!Types.DOUBLE_ARRAY.equals(p.type())) {
        continue; // (only double[] parameters may be written)
      }
      Expr.Var array = new Expr.Var(p.name(), p.type());
      if (assigned(p.name())) {
        array = new Expr.Var(ctx.namer.fresh(p.name() + "_given"), p.type());
        body.add(new Stmt.Declare(p.type(), array.name(), new Expr.Var(p.name(), p.type())));
      }
      written.add(new Expr.Var[] {array, new Expr.Var(ctx.namer.fresh(p.name() + "_at"), Types.INT)});
    }
    return written;
  }

  private boolean assigned(String name) {
    for (Stmt s : Stmts.all(method().body())) {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && v.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The forward sweep of a method that writes into array parameters: their elements as given are
   * pushed first; the reverse sweep restores earlier values into the arrays, so their final state
   * is stored over them when the forward sweep ends and popped back after the reverse sweep. If
   * the forward sweep throws, the arrays get their elements back as the caller gave them, as
   * forward mode leaves them.
   */
  private void keepingFinalState(List<Expr.Var[]> written, List<Stmt> sweep, List<Stmt> body) {
    body.add(new Stmt.Comment("the arrays the method writes into, as given: their final state is"
        + " stored over them after the forward sweep"));
    for (Expr.Var[] w : written) {
      body.add(new Stmt.Declare(Types.INT, w[1].name(), ctx.call("reserveDoubles", Types.INT, w[0])));
    }
    String e = ctx.namer.fresh("thrown");
    List<Stmt> handler = new ArrayList<>();
    for (Expr.Var[] w : written) {
      handler.add(new Stmt.Eval(ctx.call("loadDoubles", TypeName.VOID, w[1], w[0])));
    }
    handler.add(new Stmt.Throw(new Expr.Var(e, ClassName.get(Throwable.class))));
    body.add(new Stmt.Try(new Stmt.Block(sweep),
        List.of(new Stmt.Catch(List.of(ClassName.get(Throwable.class)), e, new Stmt.Block(handler))),
        null));
    for (Expr.Var[] w : written) {
      body.add(new Stmt.Eval(ctx.call("storeDoubles", TypeName.VOID, w[1], w[0])));
    }
  }

  private MethodModel method() {
    return ctx.method;
  }

  private String result() {
    return ctx.prep.result.name();
  }

  private Expr.Var bars(String name) {
    return ctx.bars.get(name);
  }

  private boolean voidMethod() {
    return TypeName.VOID.equals(method().returnType());
  }

  private boolean arrayResult() {
    return Types.DOUBLE_ARRAY.equals(method().returnType());
  }

  /** The locals shared by both sweeps (with the trip counters), then the adjoints. */
  private void declarations(Expr.Var seed, List<Stmt> body) {
    List<Stmt> decls = new ArrayList<>();
    for (Map.Entry<String, TypeName> l : ctx.prep.locals.entrySet()) {
      decls.add(new Stmt.Declare(l.getValue(), l.getKey(), defaultValue(l.getValue())));
    }
    for (String c : emission.counters) {
      decls.add(new Stmt.Declare(Types.INT, c, AdjointContext.lit(0)));
    }
    if (!decls.isEmpty()) {
      body.add(new Stmt.Comment("the method's locals, shared by the forward and the reverse sweep"));
      body.addAll(decls);
    }
    List<Stmt> adjoints = new ArrayList<>();
    for (Map.Entry<String, Expr.Var> b : ctx.bars.entrySet()) {
      boolean isParamArray = method().params().stream()
          .anyMatch(p -> p.name().equals(b.getKey())
              && p.active()
              && (Types.DOUBLE_ARRAY.equals(p.type()) || Types.isMatrix(p.type())));
      if (isParamArray) {
        continue;
      }
      Expr.Var bar = b.getValue();
      if (bar == seed) {
        continue; // the parameter
      }
      Expr init = Types.DOUBLE.equals(bar.type())
          ? AdjointContext.ZERO
          : ctx.isParam(b.getKey())
              ? zeros(new Expr.Var(b.getKey(), bar.type())) // outside wrt, holding an active array later
              : new Expr.Literal("null", bar.type());
      adjoints.add(new Stmt.Declare(bar.type(), bar.name(), init));
    }
    if (!adjoints.isEmpty()) {
      body.add(new Stmt.Comment("adjoints"));
      body.addAll(adjoints);
    }
  }

  /** The seed into the returned array's adjoint, then the reversed runs. */
  private void reverseSweep(Expr.Var seed, List<Stmt> straightReverse, List<Stmt> body) {
    Expr.Var resultBar = bars(result());
    if (arrayResult() && resultBar != null) {
      // the seed goes into the adjoint of the array returned
      Expr.Var q = new Expr.Var(ctx.namer.fresh("q"), Types.INT);
      Expr nullArray = new Expr.Literal("null", Types.DOUBLE_ARRAY);
      body.add(new Stmt.If(
          new Expr.Binary("&&",
              new Expr.Binary("!=", seed, nullArray, Types.BOOLEAN),
              new Expr.Binary("!=", resultBar, nullArray, Types.BOOLEAN), Types.BOOLEAN),
          new Stmt.For(
              List.of(new Stmt.Declare(Types.INT, q.name(), new Expr.Literal("0", Types.INT))),
              new Expr.Binary("<", q, new Expr.Length(seed, Types.INT), Types.BOOLEAN),
              List.of(new Stmt.Eval(new Expr.IncDec("++", false, q, Types.INT))),
              new Stmt.CompoundAssign("+", new Expr.Index(resultBar, q, Types.DOUBLE),
                  new Expr.Index(seed, q, Types.DOUBLE))),
          null));
    }
    if (ctx.straight) {
      body.addAll(straightReverse);
      return;
    }
    Expr.Var b = new Expr.Var(ctx.namer.fresh("run"), Types.INT);
    List<Stmt.Case> withEnd = new ArrayList<>(emission.cases);
    withEnd.add(new Stmt.Case(List.of(), List.of(new Stmt.Throw(new Expr.NewObject(
        ClassName.get(IllegalStateException.class),
        List.of(new Expr.Literal("\"tape out of step\"", ClassName.get(String.class))))))));
    Stmt dispatch = new Stmt.For(
        List.of(new Stmt.Declare(Types.INT, b.name(), ctx.call("popInt", Types.INT))),
        new Expr.Binary("!=", b, AdjointContext.lit(0), Types.BOOLEAN),
        List.of(new Stmt.Assign(b, ctx.call("popInt", Types.INT))),
        new Stmt.Switch(b, withEnd, true));
    if (Stmts.all(method().body()).stream().noneMatch(s -> s instanceof Stmt.Try)) {
      body.add(dispatch);
      return;
    }
    // the adjoints of callees whose checked exceptions the method catches declare them
    String e = ctx.namer.fresh("thrown");
    body.add(new Stmt.Try(new Stmt.Block(List.of(dispatch)),
        List.of(new Stmt.Catch(List.of(ClassName.get(Exception.class)), e, new Stmt.Block(List.of(
            new Stmt.Throw(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "unchecked",
                List.of(new Expr.Var(e, ClassName.get(Exception.class))),
                ClassName.get(RuntimeException.class))))))),
        null));
  }

  /** New zero adjoints of the shape of array parameter {@code p} (null for null). */
  private static Expr zeros(Expr.Var p) {
    return new Expr.StaticCall(ClassName.get("org.dualj.runtime", "Lanes"),
        Types.isMatrix(p.type()) ? "matrixZeros" : "zeros", List.of(p, AdjointContext.lit(1)), p.type());
  }

  private static Expr defaultValue(TypeName t) {
    if (t.equals(TypeName.BOOLEAN)) {
      return new Expr.Literal("false", t);
    } else if (t.equals(TypeName.DOUBLE)) {
      return AdjointContext.ZERO;
    } else if (t.equals(TypeName.FLOAT)) {
      return new Expr.Literal("0.0f", t);
    } else if (t.equals(TypeName.LONG)) {
      return new Expr.Literal("0L", t);
    } else if (t.equals(TypeName.CHAR)) {
      return new Expr.Literal("'\\0'", t);
    } else if (t.isPrimitive()) {
      return new Expr.Literal("0", t);
    }
    return new Expr.Literal("null", t);
  }
}
