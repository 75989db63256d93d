package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentRules;

/**
 * Elementary operations of the forward lowering: an active expression that is one entry of the
 * tangent table or one call with user tangent rules, its operands lowered to atoms, and its
 * tangent.
 */
final class Operations {
  private final Lowering lowering;

  Operations(Lowering lowering) {
    this.lowering = lowering;
  }

  /**
   * One operation with its operands already lowered to atoms: an entry of the tangent table, or
   * a call with user tangent rules ({@code rule} not null, {@code fn} null).
   */
  record Op(Elementary fn, Expr.RuleCall rule, List<Expr> args, List<Expr> argTangents, Expr value) {
    /** True when the tangent reads the result's value; every user rule receives it. */
    boolean usesResult() {
      return rule != null || TangentRules.usesResult(fn);
    }
  }

  /** The tangent of {@code op} whose value is {@code result}. */
  Expr tangent(Op op, Expr result) {
    Expr t =
        op.rule() == null
            ? TangentRules.tangent(op.fn(), op.args(), result, op.argTangents())
            : ruleTangent(op.rule(), op.args(), result, op.argTangents());
    return t == null ? Lowering.ZERO : t;
  }

  /**
   * {@code Σ rule_j(args, v) * a_dot_j} over the active arguments, each partial a call of the
   * user's rule method with the target's arguments and its value. In lane mode the calls do not
   * depend on the lane, so they are computed once before the lane loop. In the tangent code that
   * second order differentiates again, a partial is a call of the rule method as a
   * {@code @Differentiable} method, so that its own derivative is taken.
   */
  private Expr ruleTangent(Expr.RuleCall call, List<Expr> args, Expr result, List<Expr> tangents) {
    Expr sum = null;
    for (int j = 0; j < args.size(); j++) {
      Expr dot = tangents.get(j);
      if (call.partials().get(j) == null || dot == null) {
        continue;
      }
      List<Expr> ruleArgs = new ArrayList<>(args);
      ruleArgs.add(result);
      Expr partial = lowering.rulePartial(call, j, ruleArgs);
      Expr term = new Expr.Binary("*", partial, dot, Types.DOUBLE);
      sum = sum == null ? term : new Expr.Binary("+", sum, term, Types.DOUBLE);
    }
    return sum;
  }

  /** True for an active expression that is one operation: a table entry or a ruled call. */
  static boolean isOperation(Expr e) {
    return elementary(e) != null || e instanceof Expr.RuleCall;
  }

  /** The table entry of an active expression that is one elementary operation, or null. */
  static Elementary elementary(Expr e) {
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case "+" -> Elementary.ADD;
        case "-" -> Elementary.SUBTRACT;
        case "*" -> Elementary.MULTIPLY;
        case "/" -> Elementary.DIVIDE;
        case "%" -> Elementary.REMAINDER;
        default -> null;
      };
    } else if (e instanceof Expr.Unary u) {
      return u.op().equals("-") ? Elementary.NEGATE : null;
    } else if (e instanceof Expr.MathCall m) {
      return m.fn();
    } else {
      return null;
    }
  }

  /** The operation {@code e}, its operands lowered in evaluation order into {@code out}. */
  Op of(Expr e, List<Stmt> out) {
    Elementary fn = elementary(e);
    List<Expr> operands = Exprs.children(e);
    List<Expr> args = new ArrayList<>();
    List<Expr> dots = new ArrayList<>();
    List<Lowering.Pair> pairs = lowering.lowerInOrder(operands, null, out);
    for (int i = 0; i < operands.size(); i++) {
      args.add(lowering.simpleOrTemp(pairs.get(i).value(), operands.get(i).type(), out));
      dots.add(pairs.get(i).tangent());
    }
    if (e instanceof Expr.RuleCall r) {
      Expr.RuleCall value =
          new Expr.RuleCall(r.owner(), r.name(), args, r.parameterTypes(), r.partials(), Types.DOUBLE);
      return new Op(null, r, args, dots, value);
    }
    if (fn == Elementary.DIVIDE && dots.get(0) == null && isOne(args.get(0))) {
      // 1.0 / w: the reciprocal's rule reuses the value, -v * v * w_dot, with no division
      return new Op(
          Elementary.RECIPROCAL,
          null,
          List.of(args.get(1)),
          Arrays.asList(dots.get(1)),
          new Expr.Binary("/", args.get(0), args.get(1), Types.DOUBLE));
    }
    Expr value;
    if (e instanceof Expr.Binary b) {
      value = new Expr.Binary(b.op(), args.get(0), args.get(1), Types.DOUBLE);
    } else if (e instanceof Expr.Unary) {
      value = new Expr.Unary("-", args.get(0), Types.DOUBLE);
    } else if (e instanceof Expr.MathCall m) {
      value = new Expr.MathCall(m.owner(), m.fn(), args, Types.DOUBLE);
    } else {
      throw new IllegalStateException(e.toString());
    }
    return new Op(fn, null, args, dots, value);
  }

  private static boolean isOne(Expr e) {
    if (!(e instanceof Expr.Literal l)) {
      return false;
    }
    try {
      return Double.parseDouble(l.code()) == 1.0;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
