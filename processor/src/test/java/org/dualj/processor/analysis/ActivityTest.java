package org.dualj.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Set;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/** {@link Activity} on methods built by hand, without javac. */
class ActivityTest {
  private static final ClassName OWNER = ClassName.get("p", "M");
  private static final Expr.Var X = new Expr.Var("x", Types.DOUBLE);
  private static final Expr.Var W = new Expr.Var("w", Types.DOUBLE);
  private static final Expr.Var Y = new Expr.Var("y", Types.DOUBLE);
  private static final Expr.Var A = new Expr.Var("a", Types.DOUBLE_ARRAY);
  private static final Expr.Var B = new Expr.Var("b", Types.DOUBLE_ARRAY);
  private static final Expr TRUE = new Expr.Literal("true", Types.BOOLEAN);
  private static final Expr ONE = new Expr.Literal("1.0", Types.DOUBLE);
  private static final Expr ZERO_INDEX = new Expr.Literal("0", Types.INT);

  /** {@code static double f(double x, double w)}, differentiated with respect to x only. */
  private static Activity analyse(Stmt... body) {
    MethodModel m =
        new MethodModel(
            OWNER,
            ClassName.get("p", "MDerivatives"),
            "f",
            true,
            List.of(
                new MethodModel.Param("x", Types.DOUBLE, true),
                new MethodModel.Param("w", Types.DOUBLE, false)),
            Types.DOUBLE,
            new Stmt.Block(List.of(body)),
            "M.java",
            1,
            0,
            List.of(),
            List.of(),
            OWNER);
    return Activity.of(m, Set.of("x"));
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary("*", a, b, Types.DOUBLE);
  }

  private static Stmt declare(Expr.Var v, Expr init) {
    return new Stmt.Declare(v.type(), v.name(), init);
  }

  private static Expr.PlainCall plainCall(String name, TypeName type, Expr... args) {
    return new Expr.PlainCall(ClassName.get("p", "Lib"), null, name, List.of(args), type);
  }

  @Test
  void whatDependsOnTheInputIsActiveAndWhatDoesNotIsNot() {
    Expr.Var n = new Expr.Var("n", Types.INT);
    Expr.Var c = new Expr.Var("c", Types.DOUBLE);
    Activity a =
        analyse(
            declare(Y, times(X, W)),
            declare(n, new Expr.Cast(Types.INT, X)),
            declare(c, times(W, W)),
            new Stmt.Return(Y));
    assertThat(a.isActiveVar("y")).isTrue();
    assertThat(a.isActiveVar("n")).isFalse();
    assertThat(a.isActiveVar("c")).isFalse();
    assertThat(a.isActiveVar("w")).isFalse();
    assertThat(a.isActive(times(W, Y))).isTrue();
    assertThat(a.isActive(new Expr.Binary("<", X, W, Types.BOOLEAN))).isFalse();
    assertThat(a.returnsActive()).isTrue();
    assertThat(a.findings()).isEmpty();
  }

  @Test
  void activityIsFlowInsensitiveAndReachesEarlierReadersThroughALoop() {
    // double t = 1, u = 1, y = 1; while (true) { y = t; t = u; u = x; } return y;
    Expr.Var t = new Expr.Var("t", Types.DOUBLE);
    Expr.Var u = new Expr.Var("u", Types.DOUBLE);
    Activity a =
        analyse(
            declare(t, ONE),
            declare(u, ONE),
            declare(Y, ONE),
            new Stmt.While(
                TRUE,
                new Stmt.Block(
                    List.of(new Stmt.Assign(Y, t), new Stmt.Assign(t, u), new Stmt.Assign(u, X)))),
            new Stmt.Return(Y));
    assertThat(a.isActiveVar("u")).isTrue();
    assertThat(a.isActiveVar("t")).isTrue();
    assertThat(a.isActiveVar("y")).isTrue(); // only on the third pass over the loop
    assertThat(a.returnsActive()).isTrue();
  }

  @Test
  void anArrayAliasSharesTheActivityOfWhatIsWrittenThroughTheOther() {
    // double[] a = new double[1]; double[] b = a; b[0] = x; return a[0];
    Activity a =
        analyse(
            declare(A, new Expr.NewArray(TypeName.DOUBLE, ZERO_INDEX, Types.DOUBLE_ARRAY)),
            declare(B, A),
            new Stmt.Assign(new Expr.Index(B, ZERO_INDEX, Types.DOUBLE), X),
            new Stmt.Return(new Expr.Index(A, ZERO_INDEX, Types.DOUBLE)));
    assertThat(a.isActiveVar("b")).isTrue();
    assertThat(a.isActiveVar("a")).isTrue();
    assertThat(a.returnsActive()).isTrue();
  }

  @Test
  void assignmentsInsideSwitchCasesAndTryBlocksAreFollowed() {
    Expr.Var k = new Expr.Var("k", Types.INT);
    Expr.Var z = new Expr.Var("z", Types.DOUBLE);
    Stmt sw =
        new Stmt.Switch(
            k,
            List.of(
                new Stmt.Case(
                    List.of(new Expr.Literal("1", Types.INT)),
                    List.of(new Stmt.Assign(Y, X)))),
            true);
    Stmt tryStmt =
        new Stmt.Try(
            new Stmt.Block(List.of(new Stmt.Assign(z, Y))),
            List.of(
                new Stmt.Catch(
                    List.of(ClassName.get(RuntimeException.class)),
                    "e",
                    new Stmt.Block(List.of()))),
            null);
    Activity a =
        analyse(
            declare(k, ZERO_INDEX), declare(Y, ONE), declare(z, ONE), sw, tryStmt, new Stmt.Return(z));
    assertThat(a.isActiveVar("y")).isTrue();
    assertThat(a.isActiveVar("z")).isTrue();
  }

  @Test
  void anActiveValueCastToFloatIsReportedAtTheCast() {
    Expr cast = new Expr.Cast(TypeName.FLOAT, X);
    Activity a =
        analyse(
            new Stmt.Declare(TypeName.FLOAT, "f", cast),
            new Stmt.Return(X));
    assertThat(a.findings()).hasSize(1);
    assertThat(a.findings().get(0).message()).isEqualTo(Message.UNSUPPORTED_TYPE);
    assertThat(a.findings().get(0).node()).isSameInstanceAs(cast);
  }

  @Test
  void findingsComeInTheOrderTheLoopRunsItsParts() {
    // do { float f = (float) x; } while ((float) x > 0);
    Expr inBody = new Expr.Cast(TypeName.FLOAT, X);
    Expr inCond = new Expr.Cast(TypeName.FLOAT, X);
    Stmt loop =
        new Stmt.DoWhile(
            new Stmt.Block(List.of(new Stmt.Declare(TypeName.FLOAT, "f", inBody))),
            new Expr.Binary(">", inCond, new Expr.Literal("0", Types.INT), Types.BOOLEAN));
    Activity a = analyse(loop, new Stmt.Return(X));
    assertThat(a.findings()).hasSize(2);
    assertThat(a.findings().get(0).node()).isSameInstanceAs(inBody);
    assertThat(a.findings().get(1).node()).isSameInstanceAs(inCond);
  }

  @Test
  void aCallWithoutDerivativeIsAnErrorOnlyWhereItsResultFeedsTheDerivative() {
    // double y = Lib.g(x); return y;  →  the derivative would flow through g
    Expr.PlainCall useful = plainCall("g", Types.DOUBLE, X);
    Activity a = analyse(declare(Y, useful), new Stmt.Return(Y));
    assertThat(a.findings()).hasSize(1);
    assertThat(a.findings().get(0).message()).isEqualTo(Message.UNSUPPORTED_CALL);
    assertThat(a.findings().get(0).node()).isSameInstanceAs(useful);
    // Lib.log(x); return x;  →  a void call only sees the value
    Expr.PlainCall log = plainCall("log", TypeName.VOID, X);
    assertThat(analyse(new Stmt.Eval(log), new Stmt.Return(X)).findings()).isEmpty();
    // double y = Lib.g(w); return x * y;  →  no input flows into g
    assertThat(
            analyse(declare(Y, plainCall("g", Types.DOUBLE, W)), new Stmt.Return(times(X, Y)))
                .findings())
        .isEmpty();
  }

  @Test
  void aResultWithoutDependenceOnTheInputsIsNotActive() {
    Activity a = analyse(declare(Y, times(W, ONE)), new Stmt.Return(Y));
    assertThat(a.returnsActive()).isFalse();
    assertThat(a.returns()).isTrue();
  }
}
