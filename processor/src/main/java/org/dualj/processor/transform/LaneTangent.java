package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Lane mode (vector tangents): every active double carries p tangents in a lane {@code
 * x_dot[0..p)}, written by a loop over the lane index k; lanes of locals are slots of one
 * workspace, {@code double[][] ws}, that callers may reuse across passes. Active arrays carry a
 * flat tangent array, element i's lane at {@code [i * p, i * p + p)}.
 *
 * <p>The pass gives {@code double fLanes(double x, double[] x_dot, ..., double[] result_dot, int
 * p, double[][] ws)} with one loop per operation; {@link LaneFusion} then fuses the loops and
 * {@link LaneWorkspace} takes the remaining slots from the workspace.
 */
final class LaneTangent extends ForwardPass {
  final Expr.Var p;
  final Expr.Var k;
  final Expr.Var ws;
  private final Expr.Var result;
  /** Tangent lanes of locals, in order of creation; each is a slot of the workspace. */
  private final Set<String> slots = new LinkedHashSet<>();
  /** Tangent lanes that are parameters, not slots. */
  private final Set<String> laneParams = new HashSet<>();

  LaneTangent(MethodModel method, Activity activity, String suffix) {
    super(method, activity, suffix);
    this.p = new Expr.Var(namer.fresh("p"), Types.INT);
    this.k = new Expr.Var(namer.fresh("k"), Types.INT);
    this.ws = new Expr.Var(namer.fresh("ws"), Types.DOUBLE_MATRIX);
    this.result = new Expr.Var(namer.fresh("result_dot"), Types.DOUBLE_ARRAY);
  }

  /**
   * The lane code before fusion.
   *
   * @param slots the lanes of locals, which take slots of the workspace, in order of creation
   */
  record Code(String name, List<MethodModel.Param> params, TypeName returnType, List<Stmt> body, List<String> slots) {}

  Code run() {
    Output code = translate();
    List<MethodModel.Param> params = new ArrayList<>(code.params());
    boolean scalarResult = Types.DOUBLE.equals(method.returnType());
    if (scalarResult) {
      params.add(new MethodModel.Param(result.name(), Types.DOUBLE_ARRAY, false));
    }
    params.add(new MethodModel.Param(p.name(), Types.INT, false));
    params.add(new MethodModel.Param(ws.name(), Types.DOUBLE_MATRIX, false));
    List<String> locals = new ArrayList<>(slots);
    locals.removeAll(laneParams);
    TypeName returns = scalarResult ? Types.DOUBLE
        : Types.isMatrix(method.returnType()) ? Types.DOUBLE_MATRIX_PAIR
        : TypeName.VOID.equals(method.returnType()) ? TypeName.VOID : Types.DOUBLE_MATRIX;
    return new Code(Derived.LANES.of(method.name()), params, returns, code.body(), locals);
  }

  @Override
  void activeParam(MethodModel.Param param, List<MethodModel.Param> params, List<Stmt> body) {
    if (Types.DOUBLE.equals(param.type()) && assigned(param.name())) {
      // The method assigns this parameter: work on a copy of the caller's lane.
      String in = namer.fresh(param.name() + "_dot_in");
      params.add(new MethodModel.Param(in, Types.DOUBLE_ARRAY, false));
      laneParams.add(in);
      emitTangent(
          false,
          Types.DOUBLE,
          tangentOf(param.name(), param.type()),
          new Expr.Index(new Expr.Var(in, Types.DOUBLE_ARRAY), k, Types.DOUBLE),
          body);
      return;
    }
    String t = tangentName(param.name());
    boolean laneOfDouble = Types.DOUBLE.equals(param.type());
    params.add(new MethodModel.Param(t, laneOfDouble ? Types.DOUBLE_ARRAY : param.type(), false));
    laneParams.add(t);
  }

  /** True if the method assigns variable {@code name} somewhere. */
  private boolean assigned(String name) {
    return Stmts.all(method.body()).stream()
        .anyMatch(
            s -> s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && v.name().equals(name));
  }

  /** A double's tangent is the lane element {@code name[k]}; an array keeps its flat tangent array. */
  @Override
  Expr tangentVar(String name, TypeName type) {
    if (!Types.DOUBLE.equals(type)) {
      return new Expr.Var(name, type);
    }
    slots.add(name);
    return new Expr.Index(new Expr.Var(name, Types.DOUBLE_ARRAY), k, Types.DOUBLE);
  }

  /** {@code a_dot[i * p + k]}. */
  @Override
  Expr elementTangent(Expr arrayTangent, Expr index) {
    Expr at = new Expr.Binary("+", new Expr.Binary("*", index, p, Types.INT), k, Types.INT);
    return new Expr.Index(arrayTangent, at, Types.DOUBLE);
  }

  /**
   * A double's tangent is a loop over the lane, {@code for (k...) target_dot[k] = tangent(k)},
   * with what does not depend on k computed first.
   */
  @Override
  void emitTangent(boolean declare, TypeName type, Expr targetDot, Expr tangent, List<Stmt> out) {
    if (!Types.DOUBLE.equals(type)) {
      emit(declare, type, targetDot, tangent, out);
      return;
    }
    Expr t = hoistInvariants(tangent, out);
    out.add(
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, k.name(), new Expr.Literal("0", Types.INT))),
            new Expr.Binary("<", k, p, Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, k, Types.INT))),
            new Stmt.Block(List.of(new Stmt.Assign(targetDot, t)))));
  }

  /** Moves the parts of a lane expression that do not depend on k out of the loop. */
  private Expr hoistInvariants(Expr e, List<Stmt> out) {
    if (!Exprs.reads(e, k.name())) {
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

  /** Lanes need no declaration: they are slots. */
  @Override
  void declareTangent(TypeName type, Expr targetDot, List<Stmt> out) {
    if (!Types.DOUBLE.equals(type)) {
      out.add(new Stmt.Declare(type, ((Expr.Var) targetDot).name(), null));
    }
  }

  @Override
  Expr zeros(String function, Expr array, TypeName type) {
    return new Expr.StaticCall(Types.LANES, function, List.of(array, p), type);
  }

  /** An element position as a position in a flat lane array: {@code i * p}. */
  @Override
  Expr lanesOf(Expr position) {
    if (position instanceof Expr.Literal l && l.code().equals("0")) {
      return position;
    }
    return new Expr.Binary("*", position, p, Types.INT);
  }

  /** {@code {a, b}}: a flat tangent array, element j's lane at {@code [j * p, j * p + p)}. */
  @Override
  Expr arrayInitTangent(List<Expr> dots, List<Stmt> out) {
    Expr.Var t = new Expr.Var(namer.fresh("init_dot"), Types.DOUBLE_ARRAY);
    Expr size =
        new Expr.Binary("*", new Expr.Literal(String.valueOf(dots.size()), Types.INT), p, Types.INT);
    out.add(
        new Stmt.Declare(
            Types.DOUBLE_ARRAY, t.name(), new Expr.NewArray(Types.DOUBLE, size, Types.DOUBLE_ARRAY)));
    for (int j = 0; j < dots.size(); j++) {
      if (dots.get(j) != ZERO) {
        Expr target = elementTangent(t, new Expr.Literal(String.valueOf(j), Types.INT));
        emitTangent(false, Types.DOUBLE, target, dots.get(j), out);
      }
    }
    return t;
  }

  /** {@code Arrays.fill} with an active value: every element's lane is the value's lane. */
  @Override
  void fillTangents(Expr destinationDot, List<Expr> values, Expr valueDot, List<Stmt> out) {
    if (valueDot == null) {
      super.fillTangents(destinationDot, values, null, out);
      return;
    }
    // for (int i = from; i < to; i++) System.arraycopy(v_lane, 0, a_dot, i * p, p)
    boolean ranged = values.size() == 4;
    Expr lane = laneArray(valueDot, out);
    Expr.Var i = new Expr.Var(namer.fresh("i"), Types.INT);
    Expr start = ranged ? values.get(1) : new Expr.Literal("0", Types.INT);
    Expr end = ranged ? values.get(2) : new Expr.Length(values.get(0), Types.INT);
    List<Expr> copyArgs =
        List.of(
            lane,
            new Expr.Literal("0", Types.INT),
            destinationDot,
            new Expr.Binary("*", i, p, Types.INT),
            p);
    Stmt copy =
        new Stmt.Eval(
            new Expr.PlainCall(ArrayLibraryCalls.SYSTEM, null, "arraycopy", copyArgs, TypeName.VOID));
    out.add(
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, i.name(), start)),
            new Expr.Binary("<", i, end, Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, i, Types.INT))),
            new Stmt.Block(List.of(copy))));
  }

  @Override
  void ret(Stmt.Return r, List<Stmt> out) {
    Pair pair = lower(r.value(), out);
    if (Types.DOUBLE.equals(method.returnType())) {
      Expr v = simpleOrTemp(pair.value(), Types.DOUBLE, out);
      Expr dot = pair.tangent() == null ? ZERO : pair.tangent();
      emitTangent(false, Types.DOUBLE, new Expr.Index(result, k, Types.DOUBLE), dot, out);
      out.add(new Stmt.Return(v));
      return;
    }
    Expr v = pair.value();
    Expr dot = pair.tangent();
    TypeName type = method.returnType(); // double[] or double[][]
    if (dot == null) {
      v = simpleOrTemp(v, type, out);
      dot = zerosLike(v);
    }
    TypeName pairType = Types.isMatrix(type) ? Types.DOUBLE_MATRIX_PAIR : Types.DOUBLE_MATRIX;
    out.add(new Stmt.Return(new Expr.ArrayInit(type, List.of(v, dot), pairType)));
  }

  /**
   * A call of another differentiated method through its lane core, with this method's p: each
   * active double argument passes its value and its lane; the result's lane is filled in place.
   */
  @Override
  Pair call(Expr.DiffCall d, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out));
    }
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      Pair arg = lowered.get(i);
      if (!d.activeParameters().get(i)) {
        args.add(arg.value());
      } else if (Types.DOUBLE.equals(paramType)) {
        args.add(simpleOrTemp(arg.value(), Types.DOUBLE, out));
        args.add(laneArray(arg.tangent(), out));
      } else {
        Expr value = simpleOrTemp(arg.value(), paramType, out);
        args.add(value);
        args.add(arg.tangent() == null ? zerosLike(value) : arg.tangent());
      }
    }
    if (TypeName.VOID.equals(d.type())) {
      args.add(p);
      args.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
      out.add(
          new Stmt.Eval(
              new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), args, TypeName.VOID)));
      return new Pair(null, null);
    }
    if (!Types.DOUBLE.equals(d.type())) {
      args.add(p);
      args.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
      return laneCoreCall(d, args, out);
    }
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
    Expr dot = newTangent(v.name(), Types.DOUBLE);
    args.add(((Expr.Index) dot).array());
    args.add(p);
    args.add(new Expr.Literal("null", Types.DOUBLE_MATRIX));
    Expr core = new Expr.StaticCall(d.derivatives(), Derived.LANES.of(d.name()), args, Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, v.name(), core));
    return new Pair(v, dot);
  }

  /** A lane tangent as an array to pass: a variable's own lane, or a copy into a new slot. */
  private Expr laneArray(Expr tangent, List<Stmt> out) {
    if (tangent instanceof Expr.Index ix && ix.index().equals(k) && ix.array() instanceof Expr.Var lane) {
      return lane;
    }
    Expr copy = tangentVar(namer.fresh("arg_dot"), Types.DOUBLE);
    emitTangent(false, Types.DOUBLE, copy, tangent == null ? ZERO : tangent, out);
    return ((Expr.Index) copy).array();
  }
}
