package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.AssignedOnce;
import org.dualj.processor.analysis.Recompute;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * What every part of one adjoint transformation shares: the method, its prepared locals, their
 * activity and adjoints, the names handed out, the tape, the line being transformed, and the
 * calls of the tape's methods.
 */
final class AdjointContext {
  static final TypeName TAPE = ClassName.get("org.dualj.runtime", "Tape");
  static final Expr ZERO = new Expr.Literal("0.0", Types.DOUBLE);

  final MethodModel method;
  /** The array parameters the method writes, and its callees' summaries. */
  final AdjointTransform.Effects effects;
  final String self;
  final Namer namer;
  final Expr.Var tape;
  final AdjointPrep prep;
  /** The adjoint of each active local and parameter, in the order they were named. */
  final Map<String, Expr.Var> bars = new LinkedHashMap<>();
  /** The method's own variables (parameters, prepared locals, the receiver). */
  final Set<String> primal = new HashSet<>();
  /** The calls of other methods whose adjoints the reverse sweep calls (of the last emission). */
  final List<Expr.DiffCall> calls = new ArrayList<>();
  /** The variables assigned once per call ({@link AssignedOnce}). */
  Set<String> assignedOnce = Set.of();
  /** The values the reverse sweep computes again instead of popping them. */
  Recompute recompute;
  Activity activity;
  /** True for a method without branches or loops: its reverse sweep is the reversed statements. */
  boolean straight;
  /** The label of the forward sweep, which a return leaves. */
  String forwardLabel;
  /** The source line of the statement being transformed, for {@link #unsupported}. */
  int line;

  AdjointContext(MethodModel method, String self, Namer namer, Expr.Var tape, AdjointTransform.Effects effects) {
    this.method = method;
    this.effects = effects;
    this.self = self;
    this.namer = namer;
    this.tape = tape;
    this.prep = new AdjointPrep(method, namer, self);
  }

  AdjointTransform.Unsupported unsupported(String what) {
    return new AdjointTransform.Unsupported(line, what);
  }

  /** True for a local assigned once per call: its value, once set, is there to the end. */
  boolean single(String name) {
    return assignedOnce.contains(name) && !isParam(name);
  }

  boolean isParam(String name) {
    return method.params().stream().anyMatch(p -> p.name().equals(name));
  }

  TypeName typeOf(String v) {
    for (MethodModel.Param p : method.params()) {
      if (p.name().equals(v)) {
        return p.type();
      }
    }
    if (v.equals(self)) {
      return method.receiverType();
    }
    return prep.locals.get(v);
  }

  /**
   * The adjoint of a variable, an element or a row ({@code m_bar[i][j]} for {@code m[i][j]}): the
   * expression with its root variable replaced by that variable's adjoint; null when the root has
   * none (the value carries no derivative) or is not a variable.
   */
  Expr barOf(Expr e) {
    if (e instanceof Expr.Var v) {
      return bars.get(v.name());
    }
    if (e instanceof Expr.Index ix) {
      Expr array = barOf(ix.array());
      return array == null ? null : new Expr.Index(array, ix.index(), ix.type());
    }
    return null;
  }

  /** A fresh {@code double} adjoint temporary: {@code v7_bar}. */
  Expr.Var tempBar(TypeName type) {
    return new Expr.Var(namer.temp() + Derived.BAR, type);
  }

  // ---------------------------------------------------------------- tape

  Expr call(String name, TypeName type, Expr... args) {
    return new Expr.PlainCall(null, tape, name, List.of(args), type);
  }

  static Expr lit(int i) {
    return new Expr.Literal(String.valueOf(i), Types.INT);
  }

  static boolean isIntegral(TypeName t) {
    return t.equals(TypeName.INT) || t.equals(TypeName.LONG) || t.equals(TypeName.SHORT)
        || t.equals(TypeName.BYTE) || t.equals(TypeName.CHAR);
  }

  Stmt push(Expr value) {
    TypeName t = value.type();
    String name;
    Expr v = value;
    if (t.equals(TypeName.DOUBLE) || t.equals(TypeName.FLOAT)) {
      name = "pushDouble";
    } else if (t.equals(TypeName.LONG)) {
      name = "pushLong";
    } else if (t.equals(TypeName.BOOLEAN)) {
      name = "pushInt";
      v = new Expr.Conditional(value, lit(1), lit(0), Types.INT);
    } else if (t.isPrimitive()) {
      name = "pushInt";
    } else {
      name = "pushObject";
    }
    return new Stmt.Eval(call(name, TypeName.VOID, v));
  }

  Expr pop(TypeName t) {
    if (t.equals(TypeName.DOUBLE)) {
      return call("popDouble", t);
    } else if (t.equals(TypeName.FLOAT)) {
      return new Expr.Cast(t, call("popDouble", TypeName.DOUBLE));
    } else if (t.equals(TypeName.LONG)) {
      return call("popLong", t);
    } else if (t.equals(TypeName.INT)) {
      return call("popInt", t);
    } else if (t.equals(TypeName.BOOLEAN)) {
      return new Expr.Binary("!=", call("popInt", TypeName.INT), lit(0), t);
    } else if (t.isPrimitive()) {
      return new Expr.Cast(t, call("popInt", TypeName.INT));
    }
    return new Expr.Cast(t, call("popObject", ClassName.OBJECT));
  }
}
