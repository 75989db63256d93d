package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import org.dualj.processor.model.Derived;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.SecondOrderCode;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Second order by forward-over-forward: the tangent code of a {@code double}-valued method is
 * itself a method model, {@code double fTangent(x, x_dot, …)} returning the directional
 * derivative ∇f·ẋ, and the ordinary transformation applied to it gives its derivatives.
 *
 * <p>In {@code fTangent} both the inputs and their tangents are differentiated with respect to:
 * the Hessian entry points seed the inputs and give the tangents (the inner direction) zero
 * tangents, so the result's tangent along direction u is uᵀ·H·ẋ. Tangents of the second
 * application end in {@code _dot2}, so the two applications never share a name (no perturbation
 * confusion): {@code x_dot2} is x's tangent in the outer direction, {@code x_dot_dot2} the outer
 * tangent of the inner tangent {@code x_dot}. A call of another order-2 method {@code g} is, in
 * {@code fTangent}, the two calls {@code g(u)} and {@code gTangent(u, u_dot)}, each differentiated
 * again through its own generated code. The value computations that only fed the returned value
 * are dead in {@code fTangent} and removed before the second application.
 *
 */
public final class SecondOrder {
  private SecondOrder() {}

  /** The parameters and locals declared in the method's source. */
  private static Set<String> sourceVariables(MethodModel method) {
    Set<String> names = new HashSet<>();
    for (MethodModel.Param p : method.params()) {
      names.add(p.name());
    }
    for (Stmt s : Stmts.all(method.body())) {
      if (s instanceof Stmt.Declare d) {
        names.add(d.name());
      }
    }
    return names;
  }

  /**
   * What the tangent code differentiates again besides the tangent table: calls of other methods
   * (each needs its own {@code gTangent}, so order 2) and the partials of tangent rules (each rule
   * method must be {@code @Differentiable}).
   */
  public record Needs(List<Expr.DiffCall> callees, List<RuleUse> rules) {}

  /** Argument {@code argument} of {@code call} is active and its rule's partial is differentiated. */
  public record RuleUse(Expr.RuleCall call, int argument) {}

  /**
   * The second-order code of {@code method}; null if {@code check} rejects what it needs (and has
   * reported why). Throws if the tangent code's own analysis finds a problem (a bug: the generator
   * writes only code it can differentiate).
   */
  public static SecondOrderCode of(
      MethodModel method, Activity activity, boolean primalCallable, Predicate<Needs> check) {
    Needs needs = new Needs(new ArrayList<>(), new ArrayList<>());
    MethodCode tangent = TangentTransform.transformForSecondOrder(method, activity, needs);
    if (!check.test(needs)) {
      return null;
    }
    List<MethodModel.Param> params = new ArrayList<>();
    int at = 0;
    TypeName receiver = method.derivatives();
    if (!method.isStatic()) {
      MethodModel.Param self = tangent.params().get(at++);
      params.add(new MethodModel.Param(self.name(), self.type(), false));
      receiver = self.type(); // the receiver, a parameter now (see MethodModel#receiverParam)
    }
    for (MethodModel.Param p : method.params()) {
      MethodModel.Param value = tangent.params().get(at++);
      params.add(new MethodModel.Param(value.name(), value.type(), p.active()));
      if (p.active()) {
        MethodModel.Param dot = tangent.params().get(at++);
        params.add(new MethodModel.Param(dot.name(), dot.type(), true));
      }
    }
    MethodModel model =
        new MethodModel(
            method.derivatives(),
            method.derivatives(),
            tangent.name(),
            true,
            params,
            method.returnType(),
            new Stmt.Block(DeadCode.remove(tangent.body())),
            method.sourceFile(),
            method.line(),
            method.chunk(),
            method.thrown(),
            method.typeVariables(),
            receiver);
    Set<String> active = new HashSet<>();
    for (MethodModel.Param p : model.activeParams()) {
      active.add(p.name());
    }
    // a data array of the method (a variable of its source that carries no tangent) passed to a
    // callee's tangent code is read only there, as the first analysis found for the callee
    Set<String> sourceVariables = sourceVariables(method);
    Activity second =
        Activity.of(
            model,
            active,
            Set.of(),
            (call, i) -> false,
            (call, i) ->
                call.args().get(i) instanceof Expr.Var v
                    && Types.DOUBLE_ARRAY.equals(v.type())
                    && sourceVariables.contains(v.name())
                    && !activity.isActive(v));
    if (!second.findings().isEmpty()) {
      Activity.Finding f = second.findings().get(0);
      throw new IllegalStateException(
          "the tangent code of " + method.name() + " cannot be differentiated again: "
              + f.message().format(f.args()));
    }
    return new SecondOrderCode(
        model,
        TangentTransform.transform(model, second, Derived.DOT2),
        TangentTransform.transformLanes(model, second, Derived.DOT2),
        primalCallable);
  }

  /**
   * The tangent code's model {@code tangentModel} of method {@code name} differentiated with
   * respect to the inputs alone: each tangent parameter (the one after each differentiated input)
   * inactive, the direction fixed, and named {@code fHessianVector}, so its adjoint core is
   * {@code fHessianVectorAdjoint}. Its adjoint gives H·v without the direction's adjoints, which
   * only callers' adjoints of the tangent code need.
   */
  public static MethodModel alongDirection(MethodModel tangentModel, String name) {
    List<MethodModel.Param> params = new ArrayList<>();
    boolean afterInput = false;
    for (MethodModel.Param p : tangentModel.params()) {
      boolean direction = afterInput && p.active();
      params.add(direction ? new MethodModel.Param(p.name(), p.type(), false) : p);
      afterInput = p.active() && !direction;
    }
    MethodModel m = tangentModel;
    return new MethodModel(m.owner(), m.derivatives(), Derived.HESSIAN_VECTOR.of(name), m.isStatic(),
        params, m.returnType(), m.body(), m.sourceFile(), m.line(), m.chunk(), m.thrown(),
        m.typeVariables(), m.receiverType());
  }
}
