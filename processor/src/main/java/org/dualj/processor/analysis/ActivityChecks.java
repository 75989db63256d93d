package org.dualj.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Types;

/**
 * The expressions' part of {@link Activity}: array library calls that make their destination
 * active, callee arguments that share a tangent, and the places where an active value would flow
 * somewhere that cannot carry a derivative (a call without a derivative, a {@code float}, a boxed
 * {@code Double}, a rule the generated class cannot call).
 */
final class ActivityChecks {
  private final Activity activity;
  private final ValueFlow values;

  ActivityChecks(Activity activity, ValueFlow values) {
    this.activity = activity;
    this.values = values;
  }

  /** Walks an expression for its effects on activity and for problems. */
  void expr(Expr e) {
    if (e instanceof Expr.PlainCall p && ArrayCalls.kind(p) != null) {
      arrayCall(p);
    } else if (e instanceof Expr.PlainCall p) {
      if (needsDerivative(p)) {
        report(p, Message.UNSUPPORTED_CALL, p.owner().simpleName() + "." + p.name());
      }
    } else if (e instanceof Expr.NewObject n) {
      if (needsDerivative(n, n.args(), null, n.type().toString())) {
        String simple = n.type() instanceof ClassName c ? c.simpleName() : n.type().toString();
        report(n, Message.UNSUPPORTED_CALL, "new " + simple);
      }
    } else if (e instanceof Expr.Binary b
        && b.op().equals("instanceof")
        && b.right() instanceof Expr.Literal pattern
        && !pattern.code().isEmpty()
        && values.varied(b.left())) {
      report(
          b,
          Message.UNSUPPORTED_EXPRESSION,
          "instanceof patterns of values that depend on differentiated inputs",
          "Test the value and read it without a pattern variable.");
    } else if (e instanceof Expr.Lambda l
        && l.captured().stream().anyMatch(c -> isActive(c) || values.varied(c))) {
      report(
          l,
          Message.UNSUPPORTED_EXPRESSION,
          "lambdas and method references that capture a value depending on a differentiated"
              + " input",
          "No derivative flows through a lambda: compute with the value in a loop, or write the"
              + " function as a @Differentiable method and call it directly.");
    } else if (e instanceof Expr.DiffCall d) {
      diffCall(d);
    } else if (e instanceof Expr.RuleCall r) {
      ruleCall(r);
    } else if (e instanceof Expr.IncDec i) {
      if (activity.isActiveTarget(i.target())) {
        report(
            i,
            Message.UNSUPPORTED_EXPRESSION,
            "increments of differentiated values inside expressions",
            "Write x += 1 as a statement of its own.");
      }
    } else if (e instanceof Expr.Cast c) {
      if (isActive(c.operand()) && (c.type().equals(TypeName.FLOAT) || !c.type().isPrimitive())) {
        report(c, Message.UNSUPPORTED_TYPE, Activity.typeLabel(c.type()));
      }
    } else if (e instanceof Expr.Binary b) {
      // string concatenation: value only; calls it reaches that feed the derivative are reported
      boolean text = ClassName.get(String.class).equals(b.type());
      if (b.type() != null && !b.type().isPrimitive() && !text
          && (isActive(b.left()) || isActive(b.right()))) {
        report(b, Message.UNSUPPORTED_TYPE, Activity.typeLabel(b.type()));
      }
    } else if (e instanceof Expr.ArrayInit a) {
      if (!Types.DOUBLE_ARRAY.equals(a.type())
          && !Types.isMatrix(a.type())
          && a.elements().stream().anyMatch(this::isActive)) {
        report(a, Message.UNSUPPORTED_TYPE, Activity.typeLabel(a.type()));
      }
    }
    for (Expr c : Exprs.children(e)) {
      expr(c);
    }
  }

  private boolean isActive(Expr e) {
    return activity.isActive(e);
  }

  private void report(Object node, Message message, Object... args) {
    activity.report(node, message, args);
  }

  /**
   * A call of a differentiated method: a matrix or an active argument for a parameter it does not
   * differentiate is an error; an array it may write carries tangents.
   */
  private void diffCall(Expr.DiffCall d) {
    for (int i = 0; i < d.args().size(); i++) {
      Expr a = d.args().get(i);
      if (Types.isMatrix(a.type()) && isActive(a) && !Types.isMatrix(d.parameterTypes().get(i))) {
        report(
            d,
            Message.UNSUPPORTED_EXPRESSION,
            "double[][] arguments that depend on the differentiated inputs",
            "Pass its rows (double[]) or a flat double[] instead.");
      }
    }
    for (int i = 0; i < d.args().size(); i++) {
      if (!d.activeParameters().get(i)
          && Activity.carriesTangent(d.parameterTypes().get(i))
          && isActive(d.args().get(i))) {
        report(
            d.args().get(i),
            Message.CALL_NOT_WRT,
            d.owner().simpleName() + "." + d.name(),
            "#" + (i + 1));
      }
    }
    if (d.args().stream().anyMatch(this::isActive)) {
      for (int i = 0; i < d.args().size(); i++) {
        Expr a = d.args().get(i);
        if (activity.diffReadsOnly.test(d, i)) {
          continue; // the callee only reads it: it needs no tangent for this call
        }
        // a row m[i] of a local matrix the callee may write: m carries its tangents
        if (a instanceof Expr.Index ix
            && Types.DOUBLE_ARRAY.equals(a.type())
            && ix.array() instanceof Expr.Var m
            && !activity.isUntracked(m.name())
            && !activity.isParameter(m.name())) {
          activity.mark(m);
        }
        // storage shared with a field or a row is never written by a callee (ArrayEffects
        // rejects that), so it needs no tangent
        if (a instanceof Expr.Var v
            && Types.DOUBLE_ARRAY.equals(v.type())
            && !activity.isUntracked(v.name())) {
          activity.mark(v);
        }
      }
    }
    if (d.receiver() != null && isActive(d.receiver())) {
      report(d, Message.UNSUPPORTED_CALL, d.owner().simpleName() + "." + d.name());
    }
  }

  /** A call with user tangent rules: every active argument needs an accessible rule. */
  private void ruleCall(Expr.RuleCall r) {
    String target = r.owner().simpleName() + "." + r.name();
    for (int i = 0; i < r.args().size(); i++) {
      Rule rule = r.partials().get(i);
      if (!isActive(r.args().get(i))) {
        continue;
      }
      if (rule == null) {
        String advice =
            Types.DOUBLE.equals(r.parameterTypes().get(i))
                ? "Add a @TangentRule(of = " + r.owner().simpleName() + ".class, method = \""
                    + r.name() + "\", argument = " + i + "), or make the argument independent of"
                    + " the differentiated inputs."
                : "Only double parameters can have rules: make this argument independent of the"
                    + " differentiated inputs.";
        report(r, Message.RULE_MISSING, target, i, advice);
      } else if (activity.inaccessibleRules().contains(rule)) {
        report(
            r,
            Message.RULE_INACCESSIBLE,
            rule.owner().simpleName() + "." + rule.method(),
            activity.method().derivatives().packageName(),
            activity.method().derivatives().simpleName());
      }
    }
  }

  /**
   * {@code System.arraycopy} and {@code Arrays.fill} into an array variable make it active when
   * what they write is; the tangent code then does the same to the tangents. A destination that is
   * not a variable (a field, a row) is shared storage, which {@link ArrayEffects} rejects.
   */
  private void arrayCall(Expr.PlainCall p) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    if (kind == ArrayCalls.Kind.COPY_OF || kind == ArrayCalls.Kind.COPY_OF_RANGE) {
      return;
    }
    Expr written = kind == ArrayCalls.Kind.FILL ? ArrayCalls.fillValue(p) : ArrayCalls.source(p);
    Expr destination = ArrayCalls.destination(p);
    if (destination instanceof Expr.Var v) {
      if (carries(written)) {
        activity.mark(v);
      }
    } else if ((carries(written) || carries(destination))
        && !(destination instanceof Expr.FieldRead)
        && !(destination instanceof Expr.Index)) {
      report(
          p,
          Message.UNSUPPORTED_EXPRESSION,
          "copies into an array that is not a variable (System.arraycopy, Arrays.fill)",
          "Assign the array to a local variable and pass that.");
      return;
    }
    if (kind == ArrayCalls.Kind.ARRAYCOPY
        && !Types.DOUBLE_ARRAY.equals(written.type())
        && carries(written)) {
      report(
          p,
          Message.UNSUPPORTED_EXPRESSION,
          "copies from an array chosen by ?: (System.arraycopy)",
          "Assign the array to a local variable and pass that.");
    }
  }

  /** True if an argument carries a tangent; {@code c ? a : b} passed as an Object, by its branches. */
  private boolean carries(Expr e) {
    if (e instanceof Expr.Conditional c && !Types.isDifferentiable(c.type())) {
      return carries(c.whenTrue()) || carries(c.whenFalse());
    }
    return isActive(e);
  }

  /**
   * A call without a derivative is fine where no derivative has to flow through it: its inputs do
   * not depend on the differentiated inputs, or its result only reaches uses that need no
   * derivative (conditions, indices, integer casts and integer-valued functions, messages,
   * nothing at all for a {@code void} call) and it cannot write a value that depends on the inputs
   * into an array, or write into an array that carries a derivative.
   */
  private boolean needsDerivative(Expr.PlainCall p) {
    return needsDerivative(p, p.args(), p.receiver(), p.owner().canonicalName() + "#" + p.name());
  }

  /**
   * The same for any call {@code call} with {@code args} and {@code receiver} (null for static
   * calls and object creations); {@code callee} is {@code owner#name}, or the created type.
   */
  private boolean needsDerivative(Expr call, List<Expr> args, Expr receiver, String callee) {
    boolean variedInput = receiver != null && values.varied(receiver);
    for (Expr a : args) {
      variedInput |= values.varied(a);
    }
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      boolean readsOnly = call instanceof Expr.PlainCall p && activity.readsOnly.test(p, i);
      if (a.type() instanceof ArrayTypeName t
          && carriesValues(t)
          && mayWrite(callee, i)
          && !readsOnly
          && (variedInput || isActive(a))) {
        return true; // new values without tangents, or tangents that no longer fit the values
      }
    }
    return variedInput && values.isUseful(call);
  }

  /**
   * Whether an array's elements may hold values with derivatives: {@code double} (and {@code
   * float}) arrays, and arrays of objects; not the integers an argsort writes into an {@code
   * int[]}, which feed indices and conditions only.
   */
  private static boolean carriesValues(ArrayTypeName t) {
    TypeName leaf = t;
    while (leaf instanceof ArrayTypeName a) {
      leaf = a.componentType();
    }
    return !leaf.isPrimitive() || leaf.equals(TypeName.DOUBLE) || leaf.equals(TypeName.FLOAT);
  }

  /**
   * Whether a call may write into its array argument {@code i}: the JDK's writers into the
   * arguments they write, other JDK methods never, any other method whenever it takes an array.
   */
  private static boolean mayWrite(String callee, int i) {
    int hash = callee.indexOf('#');
    if (hash < 0) {
      return true; // a constructor may keep the array and write it later
    }
    Boolean jdk = JdkWrites.writes(callee.substring(0, hash), callee.substring(hash + 1), i);
    return jdk == null || jdk;
  }
}
