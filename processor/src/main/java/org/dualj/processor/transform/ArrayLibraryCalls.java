package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * The JDK's array library in forward code: {@code System.arraycopy} and {@code Arrays.fill} into
 * an array that carries tangents, and the copies {@code Arrays.copyOf}/{@code copyOfRange} of one.
 * The tangents follow the values through the same calls.
 */
final class ArrayLibraryCalls {
  static final ClassName SYSTEM = ClassName.get("java.lang", "System");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

  private final Lowering lowering;

  ArrayLibraryCalls(Lowering lowering) {
    this.lowering = lowering;
  }

  /** {@code System.arraycopy} or {@code Arrays.fill} into an array that carries tangents. */
  boolean writesActiveArray(Expr.PlainCall p) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    return (kind == ArrayCalls.Kind.ARRAYCOPY || kind == ArrayCalls.Kind.FILL)
        && ArrayCalls.destination(p) instanceof Expr.Var v
        && lowering.isActiveVar(v.name());
  }

  /**
   * The call on the values, then the same call on the tangents: {@code System.arraycopy(src_dot,
   * sp, dst_dot, dp, n)} (in lane mode over the lanes of the elements, {@code sp * p} on), or
   * zeros where the source carries none; {@code Arrays.fill(a_dot, v_dot)}, in lane mode v's lane
   * copied into every element's. The value call runs first, so it throws what the primal throws
   * before any tangent changes; the int arguments are evaluated once.
   */
  void write(Expr.PlainCall p, List<Stmt> out) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    List<Lowering.Pair> args = lowering.lowerInOrder(p.args(), plainArguments(p), out);
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr v = args.get(i).value();
      values.add(Exprs.isAtom(v) ? v : lowering.temp(v, p.args().get(i).type(), out));
    }
    Expr.Var destination = (Expr.Var) values.get(kind == ArrayCalls.Kind.FILL ? 0 : 2);
    Expr destinationDot = new Expr.Var(lowering.tangentName(destination.name()), Types.DOUBLE_ARRAY);
    out.add(new Stmt.Eval(new Expr.PlainCall(p.owner(), null, p.name(), values, p.type())));
    if (kind == ArrayCalls.Kind.ARRAYCOPY) {
      Expr sourceDot = args.get(0).tangent();
      Expr from = lowering.lanesOf(values.get(3));
      Expr length = lowering.lanesOf(values.get(4));
      if (sourceDot == null) {
        Expr to = new Expr.Binary("+", values.get(3), values.get(4), Types.INT);
        out.add(fill(List.of(destinationDot, from, lowering.lanesOf(to), Lowering.ZERO)));
      } else {
        List<Expr> copyArgs =
            List.of(sourceDot, lowering.lanesOf(values.get(1)), destinationDot, from, length);
        out.add(new Stmt.Eval(new Expr.PlainCall(p.owner(), null, p.name(), copyArgs, p.type())));
      }
      return;
    }
    lowering.fillTangents(destinationDot, values, args.get(args.size() - 1).tangent(), out);
  }

  /**
   * {@code Arrays.fill(a_dot, [from, to,] v_dot)} after {@code Arrays.fill(a, [from, to,] v)}
   * (the values are the call's atoms): zeros where v carries no tangent. In lane mode an active v
   * fills each element's lane with v's lane ({@link LaneTangent}).
   */
  void fillTangents(Expr destinationDot, List<Expr> values, Expr valueDot, List<Stmt> out) {
    List<Expr> fillArgs = new ArrayList<>();
    fillArgs.add(destinationDot);
    if (values.size() == 4) {
      fillArgs.add(lowering.lanesOf(values.get(1)));
      fillArgs.add(lowering.lanesOf(values.get(2)));
    }
    fillArgs.add(valueDot == null ? Lowering.ZERO : valueDot);
    out.add(fill(fillArgs));
  }

  /** {@code Arrays.copyOf(a, n)}, {@code Arrays.copyOfRange(a, from, to)}: the same copy of a's tangents. */
  Lowering.Pair copy(Expr.PlainCall p, List<Stmt> out) {
    List<Lowering.Pair> args = lowering.lowerInOrder(p.args(), plainArguments(p), out);
    List<Expr> values = new ArrayList<>();
    List<Expr> dots = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr v = args.get(i).value();
      Expr atom = Exprs.isAtom(v) ? v : lowering.temp(v, p.args().get(i).type(), out);
      values.add(atom);
      dots.add(i == 0 ? args.get(0).tangent() : lowering.lanesOf(atom));
    }
    return new Lowering.Pair(
        new Expr.PlainCall(p.owner(), null, p.name(), values, p.type()),
        new Expr.PlainCall(p.owner(), null, p.name(), dots, p.type()));
  }

  private static List<Boolean> plainArguments(Expr.PlainCall p) {
    List<Boolean> plain = new ArrayList<>();
    for (Expr a : p.args()) {
      plain.add(!Types.isDifferentiable(a.type()));
    }
    return plain;
  }

  static Stmt fill(List<Expr> args) {
    return new Stmt.Eval(new Expr.PlainCall(ARRAYS, null, "fill", args, TypeName.VOID));
  }
}
