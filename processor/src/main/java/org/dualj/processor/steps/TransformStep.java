package org.dualj.processor.steps;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.model.Output;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.codegen.Plan;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.SecondOrderCode;
import org.dualj.processor.model.Types;
import org.dualj.processor.read.CheckedMethod;
import org.dualj.processor.transform.AdjointTransform;
import org.dualj.processor.transform.SecondOrder;
import org.dualj.processor.transform.TangentTransform;

/** Transforms a checked method: its tangent, lane and second-order code, and its adjoint cores. */
final class TransformStep {
  private TransformStep() {}

  /** The method's entry in its class's generated code; null if it had errors. */
  static RoundState.Done transform(RoundState state, CheckedMethod c) {
    MethodModel model = c.read().model();
    Activity activity = c.activity();
    int order = state.orderOf(c.method());
    MethodCode core = TangentTransform.transform(model, activity);
    MethodCode lanes = TangentTransform.transformLanes(model, activity);
    SecondOrderCode second = null;
    if (order == 2 && !model.activeParams().isEmpty()) {
      boolean callable = !c.method().isPrivate();
      second = SecondOrder.of(model, activity, callable, needs -> needs(state, c, needs));
      if (second == null) {
        return null;
      }
    }
    ArrayEffects.Summary effects = state.summaries.get(c.method().key());
    boolean hasEffects = effects != null && effects.effects();
    Set<Integer> writtenParameters = effects == null ? Set.of() : effects.writtenParameters();
    boolean writesParameters = !writtenParameters.isEmpty();
    AdjointTransform.Effects adjointEffects =
        new AdjointTransform.Effects(
            Set.of(),
            ArrayEffectsStep.summaries(state),
            state.javac.callWrites()::readsWithoutKeeping,
            state.javac.hiddenWrites()::writesHidden);
    MethodModel entryModel = hasEffects ? model.withChunk(MethodModel.ONE_PASS) : model;
    DerivativesGenerator.Entry entry =
        new DerivativesGenerator.Entry(
                entryModel, core, lanes, TangentTransform.selfName(model), second)
            .withPlan(
                plan(state, c)
                    .withWrittenParameters(effects == null ? Set.of() : effects.writtenParameters()));
    if (second != null && Types.DOUBLE.equals(model.returnType())) {
      // H·v by reverse over forward: the adjoint of fTangent(x, v) with respect to x and v, as
      // callers' tangent code passes both; with the tangents as a direction v, the adjoints of
      // the inputs are H·v
      MethodModel hv = second.model();
      String hvKey = modelKey(hv);
      state.adjoints.put(hvKey, writesParameters
          // the tangent code writes the direction's array too, which the caller gave
          ? new AdjointTransform.Result(null, model.line(), "writes into an array parameter (H·v)", List.of())
          : AdjointTransform.transform(hv, null, adjointEffects));
      state.hessianVectorKeys.put(c.method().key(), hvKey);
      state.hessianVectorAlong.put(c.method().key(), writesParameters
          ? new AdjointTransform.Result(null, model.line(), "writes into an array parameter (H·v)", List.of())
          : AdjointTransform.transform(SecondOrder.alongDirection(hv, model.name()), null, adjointEffects));
    }
    // a double[][] result too: reverse mode refuses it, with the note that says so; a void
    // method's outputs are the arrays it writes
    if (!model.activeParams().isEmpty()
        && (Types.isResult(model.returnType())
            || (TypeName.VOID.equals(model.returnType()) && writesParameters))) {
      state.adjoints.put(
          c.method().key(),
          AdjointTransform.transform(model, TangentTransform.selfName(model),
              adjointEffects.writing(writtenParameters)));
    }
    Object[] over = state.codegen.overSlotLimit(entry);
    if (over != null) {
      state.javac.error(c.method(), Message.TOO_MANY_PARAMETERS, over);
      return null;
    }
    return new RoundState.Done(c, entry);
  }

  /**
   * What the generated class gets for the method: the outputs chosen for it, or, for a private
   * helper differentiated in place, no public methods and cores only its class's code calls.
   */
  private static Plan plan(RoundState state, CheckedMethod c) {
    Set<Output> outputs = state.javac.outputs(c.method());
    return outputs == null ? Plan.HELPER : new Plan(outputs, true);
  }

  /** What second-order code needs of the method's callees and rules, checked. */
  private static boolean needs(RoundState state, CheckedMethod c, SecondOrder.Needs needs) {
    List<Expr.RuleCall> ruleCalls = new ArrayList<>();
    List<Integer> arguments = new ArrayList<>();
    for (SecondOrder.RuleUse use : needs.rules()) {
      ruleCalls.add(use.call());
      arguments.add(use.argument());
    }
    return state.checks.secondOrderNeeds(c, needs.callees(), ruleCalls, arguments);
  }

  private static String modelKey(MethodModel m) {
    StringBuilder k = new StringBuilder(m.owner().canonicalName()).append('#').append(m.name()).append('(');
    m.params().forEach(p -> k.append(p.type().toString()).append(','));
    return k.append(')').toString();
  }
}
