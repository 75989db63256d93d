package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * The JDK's array library in adjoint code. {@code System.arraycopy} and {@code Arrays.fill} run
 * as written in the forward sweep, after pushing the elements they overwrite when the reverse
 * sweep reads elements; the reverse sweep pops them back and runs the adjoint of the call on the
 * adjoint arrays ({@code Adjoints.arraycopy}: the destination's adjoints move to the source's;
 * {@code Adjoints.fill}: they are summed into the filled value's). The copies
 * {@code Arrays.copyOf}/{@code copyOfRange} make a new array, whose adjoints the reverse sweep
 * adds into the source's ({@code Adjoints.copyOfRange}).
 */
final class AdjointArrayCalls {
  static final ClassName ADJOINTS = ClassName.get("org.dualj.runtime", "Adjoints");

  private final AdjointContext ctx;
  private final AdjointEmission emission;
  private final AdjointExprs exprs;

  AdjointArrayCalls(AdjointContext ctx, AdjointEmission emission, AdjointExprs exprs) {
    this.ctx = ctx;
    this.emission = emission;
    this.exprs = exprs;
  }

  /** {@code System.arraycopy} or {@code Arrays.fill}: forward code into {@code out}, its reverse. */
  void write(Expr.PlainCall p, List<Stmt> out) {
    List<Expr> a = p.args();
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    Expr dst = ArrayCalls.destination(p);
    Expr from;
    Expr length;
    if (kind == ArrayCalls.Kind.ARRAYCOPY) {
      from = a.get(3);
      length = a.get(4);
    } else if (a.size() == 4) {
      from = a.get(1);
      length = new Expr.Binary("-", a.get(2), a.get(1), Types.INT);
    } else {
      from = AdjointContext.lit(0);
      length = new Expr.Length(dst, Types.INT);
    }
    List<Stmt> reverse = new ArrayList<>();
    if (emission.savesElements(Types.DOUBLE)) {
      // the reverse sweep reads elements: keep those the call overwrites
      out.add(adjoints("save", ctx.tape, dst, from, length));
      reverse.add(adjoints("restore", ctx.tape, dst, from, length));
    }
    out.add(new Stmt.Eval(p));
    Expr dstBar = barOf(dst);
    if (dstBar != null && kind == ArrayCalls.Kind.ARRAYCOPY) {
      Expr srcBar = barOf(a.get(0));
      reverse.add(adjoints("arraycopy",
          srcBar == null ? new Expr.Literal("null", Types.DOUBLE_ARRAY) : srcBar, a.get(1), dstBar,
          from, length));
    } else if (dstBar != null) {
      Expr to = a.size() == 4 ? a.get(2) : new Expr.Length(dst, Types.INT);
      Expr sum = new Expr.StaticCall(ADJOINTS, "fill", List.of(dstBar, from, to), Types.DOUBLE);
      Expr value = ArrayCalls.fillValue(p);
      if (ctx.activity.isActive(value)) {
        Expr.Var t = ctx.tempBar(Types.DOUBLE);
        reverse.add(new Stmt.Declare(Types.DOUBLE, t.name(), sum));
        exprs.propagate(value, t, reverse, new HashMap<>());
      } else {
        reverse.add(new Stmt.Eval(sum));
      }
    }
    emission.addReverse(reverse);
  }

  /**
   * The reverse of {@code v = Arrays.copyOf(src, n)} or {@code copyOfRange(src, from, to)}, whose
   * adjoint array was {@code copyBar}: its adjoints added into the source's.
   */
  void copy(Expr.PlainCall p, Expr.Var copyBar, List<Stmt> reverse) {
    Expr srcBar = barOf(p.args().get(0));
    if (srcBar == null) {
      return;
    }
    Expr from = ArrayCalls.kind(p) == ArrayCalls.Kind.COPY_OF_RANGE ? p.args().get(1) : AdjointContext.lit(0);
    reverse.add(adjoints("copyOfRange", copyBar, srcBar, from));
  }

  /** True when the copy {@code p} reads an array that carries adjoints. */
  boolean copiesActive(Expr.PlainCall p) {
    return barOf(p.args().get(0)) != null;
  }

  /**
   * The adjoint array of an array argument: a variable's, or a row's of a matrix that has
   * adjoints; null when it carries none.
   */
  private Expr barOf(Expr array) {
    Expr bar = ctx.barOf(array);
    if (bar == null && ctx.activity.isActive(array)) {
      throw ctx.unsupported("an array library call on an array expression that is not a variable");
    }
    return bar;
  }

  private static Stmt adjoints(String name, Expr... args) {
    return new Stmt.Eval(new Expr.StaticCall(ADJOINTS, name, List.of(args), TypeName.VOID));
  }
}
