package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Elementary;

/**
 * The forward modes: turns a method model into its tangent code, still a method model.
 *
 * <p>Every active local {@code x} becomes the pair {@code x, x_dot}; every source operation
 * {@code v = φ(u…)} becomes the pair [φ, φ̇] with φ̇ from the tangent table. Nested expressions
 * are split into intermediates {@code v1, v2, …} so each pair is one operation. Inactive values
 * keep their code and get no tangent. When a target is also an operand ({@code x = x * y}), the
 * tangent is emitted before the value, or the value goes through a temporary when the tangent
 * needs both the old operand and the new value.
 *
 * <p>One class per mode over the shared {@link Lowering}: {@link ScalarTangent}, {@link
 * LaneTangent} (followed by {@link LaneFusion} and {@link LaneWorkspace}) and {@link
 * SecondOrderPrep}.
 */
public final class TangentTransform {
  private TangentTransform() {}

  /**
   * The tangent core of {@code method}, given its activity: {@code static Dual f(double x, double
   * x_dot, ...)}; the emitter adds the {@code Dual} entry point that calls it.
   */
  public static MethodCode transform(MethodModel method, Activity activity) {
    return transform(method, activity, Derived.DOT);
  }

  /**
   * The tangent core of {@code method} with tangent names ending in {@code suffix}, for a method
   * that is itself tangent code ({@code x_dot} is taken, so its tangents become {@code x_dot2}).
   */
  public static MethodCode transform(MethodModel method, Activity activity, String suffix) {
    return new ScalarTangent(method, activity, suffix).run();
  }

  /**
   * The lane core of {@code method}: {@code static double fLanes(double x, double[] x_dot, ...,
   * double[] result_dot, int p, double[][] ws)} carries p tangents per value; a {@code double[]}
   * result comes back as {@code {values, tangents}}.
   */
  public static MethodCode transformLanes(MethodModel method, Activity activity) {
    return transformLanes(method, activity, Derived.DOT);
  }

  /** The lane core of {@code method} with tangent names ending in {@code suffix}. */
  public static MethodCode transformLanes(MethodModel method, Activity activity, String suffix) {
    LaneTangent pass = new LaneTangent(method, activity, suffix);
    LaneTangent.Code code = pass.run();
    List<String> slots = new ArrayList<>(code.slots());
    LaneFusion.Result fused =
        LaneFusion.fuse(code.body(), pass.k.name(), pass.p.name(), new HashSet<>(slots), pass::fresh);
    slots.removeAll(fused.localized());
    return LaneWorkspace.assemble(code, pass.ws, pass.p, fused.body(), slots);
  }

  /**
   * The scalar tangent code of a {@code double}-valued {@code method} in the form a second
   * application differentiates: it returns the tangent alone, and a call of another method
   * {@code g} becomes {@code v = g(u)} and {@code v_dot = gTangent(u, u_dot)}, both calls the
   * second application sees as {@code @Differentiable}.
   */
  public static MethodCode transformForSecondOrder(
      MethodModel method, Activity activity, SecondOrder.Needs needs) {
    return new SecondOrderPrep(method, activity, needs).run();
  }

  /** The name the transformation gives to the receiver parameter. */
  public static String selfName(MethodModel method) {
    return new ScalarTangent(method, null, Derived.DOT).self;
  }

  /** The table entry of an active expression that is one elementary operation, or null. */
  static Elementary elementary(Expr e) {
    return Operations.elementary(e);
  }
}
