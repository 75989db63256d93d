package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * Scalar tangent mode: every active local {@code x} becomes the pair {@code x, x_dot} of unboxed
 * doubles, and the method becomes its unboxed core {@code static Dual f(double x, double x_dot,
 * ...)}; the emitter adds the {@code Dual} entry point that calls it.
 */
class ScalarTangent extends ForwardPass {

  ScalarTangent(MethodModel method, Activity activity, String suffix) {
    super(method, activity, suffix);
  }

  /** The tangent core: {@code Dual f(...)}, or {@code Dual[] f(...)} for an array result. */
  MethodCode run() {
    Output code = translate();
    TypeName returns = Types.DOUBLE.equals(method.returnType()) ? Types.DUAL
        : Types.isMatrix(method.returnType()) ? Types.DUAL_MATRIX
        : TypeName.VOID.equals(method.returnType()) ? TypeName.VOID : Types.DUAL_ARRAY;
    return new MethodCode(method.name(), code.params(), returns, code.body(), "", 0);
  }

  @Override
  void activeParam(MethodModel.Param p, List<MethodModel.Param> params, List<Stmt> body) {
    params.add(new MethodModel.Param(tangentName(p.name()), p.type(), false));
  }

  @Override
  Expr tangentVar(String name, TypeName type) {
    return new Expr.Var(name, type);
  }

  @Override
  Expr elementTangent(Expr arrayTangent, Expr index) {
    return new Expr.Index(arrayTangent, index, Types.DOUBLE);
  }

  @Override
  void emitTangent(boolean declare, TypeName type, Expr targetDot, Expr tangent, List<Stmt> out) {
    emit(declare, type, targetDot, tangent, out);
  }

  @Override
  void declareTangent(TypeName type, Expr targetDot, List<Stmt> out) {
    out.add(new Stmt.Declare(type, ((Expr.Var) targetDot).name(), null));
  }

  @Override
  Expr zeros(String function, Expr array, TypeName type) {
    return new Expr.StaticCall(Types.DUALS, function, List.of(array), type);
  }

  @Override
  Expr lanesOf(Expr position) {
    return position;
  }

  @Override
  Expr arrayInitTangent(List<Expr> dots, List<Stmt> out) {
    return new Expr.ArrayInit(Types.DOUBLE, dots, Types.DOUBLE_ARRAY);
  }

  @Override
  void ret(Stmt.Return r, List<Stmt> out) {
    Pair p = lower(r.value(), out);
    if (Types.DOUBLE.equals(method.returnType())) {
      Expr dot = p.tangent() == null ? ZERO : p.tangent();
      out.add(new Stmt.Return(new Expr.MakeDual(p.value(), dot, Types.DUAL)));
    } else if (Types.isMatrix(method.returnType())) {
      // Dual[][] of the same shape, row by row (an inactive result: zero tangents)
      Expr v = p.value();
      Expr dot = p.tangent();
      if (dot == null) {
        v = simpleOrTemp(v, Types.DOUBLE_MATRIX, out);
        dot = zerosLike(v);
      }
      out.add(
          new Stmt.Return(
              new Expr.StaticCall(Types.DUALS, "matrixPack", List.of(v, dot), Types.DUAL_MATRIX)));
    } else if (p.tangent() == null) {
      out.add(
          new Stmt.Return(
              new Expr.StaticCall(Types.DUALS, "constants", List.of(p.value()), Types.DUAL_ARRAY)));
    } else {
      out.add(
          new Stmt.Return(
              new Expr.StaticCall(
                  Types.DUALS, "pack", List.of(p.value(), p.tangent()), Types.DUAL_ARRAY)));
    }
  }

  /** A call of another differentiated method through its unboxed core. */
  @Override
  Pair call(Expr.DiffCall d, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out));
    }
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      if (!d.activeParameters().get(i)) {
        args.add(lowered.get(i).value());
        continue;
      }
      Pair p = lowered.get(i);
      Expr value = p.value();
      Expr tangent = p.tangent();
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
    if (TypeName.VOID.equals(d.type())) {
      // a void callee: its core writes values and tangents into the arrays passed
      out.add(new Stmt.Eval(new Expr.StaticCall(d.derivatives(), d.name(), args, TypeName.VOID)));
      return new Pair(null, null);
    }
    if (Types.DOUBLE_ARRAY.equals(d.type()) || Types.isMatrix(d.type())) {
      return arrayResult(d, args, out);
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
   * An array result goes through the lane core with one lane, whose {values, tangents} are the
   * callee's own arrays: a returned parameter stays an alias of the argument.
   */
  private Pair arrayResult(Expr.DiffCall d, List<Expr> args, List<Stmt> out) {
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
    return laneCoreCall(d, laneArgs, out);
  }
}
