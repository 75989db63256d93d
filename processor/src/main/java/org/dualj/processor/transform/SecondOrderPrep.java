package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * The scalar tangent code of a {@code double}-valued method in the form a second application
 * differentiates ({@link SecondOrder}): {@code double fTangent(x, x_dot, …)} returns the tangent
 * alone; a call of another method {@code g} becomes {@code v = g(u)} and {@code v_dot =
 * gTangent(u, u_dot)}, and a partial of a user's tangent rule a call of the rule method, all calls
 * the second application sees as {@code @Differentiable}. What it calls is recorded in {@link
 * SecondOrder.Needs}, for the processor to check.
 */
final class SecondOrderPrep extends ScalarTangent {
  private final SecondOrder.Needs needs;

  SecondOrderPrep(MethodModel method, Activity activity, SecondOrder.Needs needs) {
    super(method, activity, Derived.DOT);
    this.needs = needs;
  }

  @Override
  MethodCode run() {
    Output code = translate();
    return new MethodCode(
        Derived.TANGENT.of(method.name()), code.params(), method.returnType(), code.body(), "", 0);
  }

  @Override
  void ret(Stmt.Return r, List<Stmt> out) {
    Pair p = lower(r.value(), out);
    if (p.tangent() != null || Types.DOUBLE.equals(method.returnType())) {
      out.add(new Stmt.Return(p.tangent() == null ? ZERO : p.tangent()));
    } else {
      out.add(new Stmt.Return(zerosLike(simpleOrTemp(p.value(), Types.DOUBLE_ARRAY, out))));
    }
  }

  /**
   * Kept as a call of a method with derivatives: the second application sees that its value is
   * only used where no derivative is needed, and evaluates it as the first one would.
   */
  @Override
  Expr primalCall(Expr.DiffCall d, List<Stmt> out) {
    return Exprs.mapChildren(d, c -> primal(c, out));
  }

  /** The rule method called as a {@code @Differentiable} method, so that its derivative is taken. */
  @Override
  Expr rulePartial(Expr.RuleCall call, int j, List<Expr> ruleArgs) {
    var rule = call.partials().get(j);
    needs.rules().add(new SecondOrder.RuleUse(call, j));
    List<TypeName> types = new ArrayList<>(call.parameterTypes());
    types.add(Types.DOUBLE);
    return new Expr.DiffCall(
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

  /** The arguments of the value call {@code g(u)} and of the tangent call {@code gTangent(u, u_dot)}. */
  private record Calls(List<Expr> values, List<Expr> tangentArgs, List<TypeName> tangentTypes, List<Boolean> tangentActive) {
    Calls() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    void tangentArg(Expr arg, TypeName type, boolean active) {
      tangentArgs.add(arg);
      tangentTypes.add(type);
      tangentActive.add(active);
    }
  }

  /**
   * {@code v = g(u…)} and {@code v_dot = GDerivatives.gTangent(u, u_dot, …)}: the value and the
   * directional derivative as two calls, each of a method with derivatives, so that the second
   * application can differentiate both. Arguments are evaluated once, into intermediates.
   */
  @Override
  Pair call(Expr.DiffCall d, List<Stmt> out) {
    needs.callees().add(d);
    Calls calls = new Calls();
    Expr receiver = null;
    if (d.receiver() != null) {
      receiver = simpleOrTemp(primal(d.receiver(), out), d.receiver().type(), out);
      calls.tangentArg(receiver, d.owner(), false);
    }
    arguments(d, calls, out);
    Expr.Var v = new Expr.Var(namer.temp(), d.type());
    Expr value =
        new Expr.DiffCall(
            d.owner(),
            d.derivatives(),
            d.name(),
            receiver,
            calls.values(),
            d.parameterTypes(),
            d.activeParameters(),
            d.privateCallee(),
            d.type());
    if (TypeName.VOID.equals(d.type())) {
      // a void callee: both calls write their outputs into the arrays passed
      out.add(new Stmt.Eval(value));
      out.add(new Stmt.Eval(voidTangentCall(d, calls)));
      return new Pair(null, null);
    }
    out.add(new Stmt.Declare(d.type(), v.name(), value));
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), d.type());
    Expr tangent =
        new Expr.DiffCall(
            d.derivatives(),
            d.derivatives(),
            Derived.TANGENT.of(d.name()),
            null,
            calls.tangentArgs(),
            calls.tangentTypes(),
            calls.tangentActive(),
            // called where its value alone is needed, it runs through its core (zero tangents)
            true,
            d.type());
    out.add(new Stmt.Declare(d.type(), dot.name(), tangent));
    return new Pair(v, dot);
  }

  private static Expr voidTangentCall(Expr.DiffCall d, Calls calls) {
    return new Expr.DiffCall(
        d.derivatives(),
        d.derivatives(),
        Derived.TANGENT.of(d.name()),
        null,
        calls.tangentArgs(),
        calls.tangentTypes(),
        calls.tangentActive(),
        true,
        d.type());
  }

  private void arguments(Expr.DiffCall d, Calls calls, List<Stmt> out) {
    List<Pair> lowered = lowerInOrder(d.args(), inactiveParameters(d), out);
    long arrays = 0;
    for (int i = 0; i < d.args().size(); i++) {
      if (d.activeParameters().get(i) && Types.DOUBLE_ARRAY.equals(d.parameterTypes().get(i))) {
        arrays++;
      }
    }
    /* Array arguments so far and their copies for the value call, to copy one array once. */
    List<Expr[]> copies = new ArrayList<>();
    for (int i = 0; i < d.args().size(); i++) {
      TypeName paramType = d.parameterTypes().get(i);
      boolean active = d.activeParameters().get(i);
      Pair p = lowered.get(i);
      Expr value = p.value();
      if (!Exprs.isAtom(value) && (active || !freshArray(value))) {
        // used by both calls: evaluated once (a new array for a parameter the callee does not
        // differentiate is written twice instead, so that it stays a value without derivatives)
        // the argument's own type where the parameter's may name a type variable of the callee
        TypeName tmpType = Types.isDifferentiable(paramType) ? paramType : value.type();
        value = temp(value, tmpType, out);
        if (Types.DOUBLE_ARRAY.equals(paramType)) {
          unshared.add(((Expr.Var) value).name());
        }
      }
      Expr tangentValue = value;
      if (!active && value instanceof Expr.Var v && unshared.contains(v.name())) {
        // An array no one else sees, for a parameter the callee does not differentiate: passed as
        // a copy, so that the tangent code does not take it for an array the call makes active.
        tangentValue = new Expr.ArrayClone(value, Types.DOUBLE_ARRAY);
      }
      calls.values().add(valueArgument(value, paramType, active, arrays, copies, out));
      calls.tangentArg(tangentValue, paramType, active);
      if (active) {
        Expr tangent = p.tangent();
        if (tangent == null) {
          tangent = Types.DOUBLE.equals(paramType) ? ZERO : zerosLike(value);
        }
        calls.tangentArg(tangent, paramType, true);
      }
    }
  }

  /** The value call works on copies of arrays: writes into them happen once, in the tangent call. */
  private Expr valueArgument(
      Expr value, TypeName paramType, boolean active, long arrays, List<Expr[]> copies, List<Stmt> out) {
    if (!Types.DOUBLE_ARRAY.equals(paramType)) {
      return value;
    } else if (arrays < 2 || !active || !Exprs.isAtom(value)) {
      return new Expr.ArrayClone(value, Types.DOUBLE_ARRAY);
    }
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
    Expr tmp = temp(copy, Types.DOUBLE_ARRAY, out);
    copies.add(new Expr[] {value, tmp});
    return tmp;
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
}
