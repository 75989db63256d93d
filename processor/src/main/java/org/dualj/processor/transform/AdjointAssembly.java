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
    Expr.Var seed = bars(result()) != null && !arrayResult()
        ? bars(result())
        : new Expr.Var(ctx.namer.fresh("result_bar"), method().returnType());
    params.add(new MethodModel.Param(seed.name(), method().returnType(), false));
    params.add(new MethodModel.Param(ctx.tape.name(), AdjointContext.TAPE, false));

    List<Stmt> body = new ArrayList<>();
    declarations(seed, body);
    body.add(new Stmt.Comment("forward sweep"));
    if (ctx.straight) {
      body.addAll(forward);
    } else {
      body.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, AdjointContext.lit(0))));
      body.add(new Stmt.Labeled(ctx.forwardLabel, new Stmt.Block(forward)));
    }
    body.add(new Stmt.Eval(ctx.call("mark", TypeName.VOID)));
    body.add(new Stmt.Comment("reverse sweep"));
    reverseSweep(seed, body);
    int j = 0;
    for (MethodModel.Param p : method().params()) {
      if (p.active() && Types.DOUBLE.equals(p.type())) {
        Expr.Var bar = ctx.bars.get(p.name());
        body.add(new Stmt.Eval(ctx.call("bar", TypeName.VOID, AdjointContext.lit(j++),
            bar == null ? AdjointContext.ZERO : bar)));
      }
    }
    body.add(new Stmt.Return(ctx.prep.result));
    return new MethodCode(
        AdjointTransform.adjointName(method().name()), params, method().returnType(), body, "", 0);
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
  private void reverseSweep(Expr.Var seed, List<Stmt> body) {
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
      body.addAll(emission.straightReverse);
      return;
    }
    Expr.Var b = new Expr.Var(ctx.namer.fresh("run"), Types.INT);
    List<Stmt.Case> withEnd = new ArrayList<>(emission.cases);
    withEnd.add(new Stmt.Case(List.of(), List.of(new Stmt.Throw(new Expr.NewObject(
        ClassName.get(IllegalStateException.class),
        List.of(new Expr.Literal("\"tape out of step\"", ClassName.get(String.class))))))));
    body.add(new Stmt.For(
        List.of(new Stmt.Declare(Types.INT, b.name(), ctx.call("popInt", Types.INT))),
        new Expr.Binary("!=", b, AdjointContext.lit(0), Types.BOOLEAN),
        List.of(new Stmt.Assign(b, ctx.call("popInt", Types.INT))),
        new Stmt.Switch(b, withEnd, true)));
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
