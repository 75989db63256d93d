package org.dualj.processor.transform;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.codegen.ModelPrinter;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/**
 * {@link AdjointTransform} on methods built by hand, without javac: what the forward sweep pushes
 * on the tape, and what the adjoint core's signature is.
 */
class AdjointTransformTest {
  private static final ClassName OWNER = ClassName.get("p", "M");
  private static final Expr.Var X = new Expr.Var("x", Types.DOUBLE);
  private static final Expr.Var S = new Expr.Var("s", Types.DOUBLE);
  private static final Expr.Var U = new Expr.Var("u", Types.DOUBLE);
  private static final Expr.Var I = new Expr.Var("i", Types.INT);

  private static MethodModel method(Stmt... body) {
    return new MethodModel(
        OWNER,
        ClassName.get("p", "MDerivatives"),
        "f",
        true,
        List.of(new MethodModel.Param("x", Types.DOUBLE, true)),
        Types.DOUBLE,
        new Stmt.Block(List.of(body)),
        "M.java",
        1,
        0,
        List.of(),
        List.of(),
        OWNER);
  }

  private static Stmt declare(Expr.Var v, Expr init) {
    return new Stmt.Declare(v.type(), v.name(), init);
  }

  private static Expr lit(String code) {
    return new Expr.Literal(code, code.contains(".") ? Types.DOUBLE : Types.INT);
  }

  /** for (int i = 0; i < 3; i++) { body } */
  private static Stmt loop(Stmt... body) {
    return new Stmt.For(
        List.of(declare(I, lit("0"))),
        new Expr.Binary("<", I, lit("3"), Types.BOOLEAN),
        List.of(new Stmt.Eval(new Expr.IncDec("++", false, I, Types.INT))),
        new Stmt.Block(List.of(body)));
  }

  /** {@code e * e}, whose partial {@code 2e} the reverse sweep computes from e. */
  private static Expr square(Expr e) {
    return new Expr.Binary("*", e, e, Types.DOUBLE);
  }

  private static Expr binary(String op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Types.DOUBLE);
  }

  private static AdjointTransform.Result transform(MethodModel m) {
    AdjointTransform.Result r = AdjointTransform.transform(m, null, AdjointTransform.Effects.NONE);
    assertThat(r.reason()).isNull();
    assertThat(r.ok()).isTrue();
    return r;
  }

  /** The names of the variables the code pushes on the tape, in order. */
  private static List<String> pushed(AdjointTransform.Result r) {
    List<String> out = new ArrayList<>();
    for (Stmt s : r.code().body()) {
      for (Stmt x : Stmts.all(s)) {
        for (Expr e : Stmts.exprs(x)) {
          collectPushes(e, out);
        }
      }
    }
    return out;
  }

  private static void collectPushes(Expr e, List<String> out) {
    if (e instanceof Expr.PlainCall p
        && p.name().startsWith("push")
        && !p.name().equals("pushInt")
        && p.args().get(0) instanceof Expr.Var v) {
      out.add(v.name());
    }
    for (Expr c : Exprs.children(e)) {
      collectPushes(c, out);
    }
  }

  @Test
  void aLocalTheLoopOverwritesAfterTheReverseSweepReadItIsComputedAgainWhenItsOperandsHold() {
    // double s = 0; for (…) { double u = x * i; s = s + u * u; } return s * s;
    // (the result reads the sum, so the loop's reverse is not run inside the loop: TripAdjoints)
    AdjointTransform.Result r =
        transform(
            method(
                declare(S, lit("0.0")),
                loop(
                    declare(U, binary("*", X, new Expr.Cast(Types.DOUBLE, I))),
                    new Stmt.Assign(S, binary("+", S, square(U)))),
                new Stmt.Return(square(S))));
    // the partial 2u of each trip needs that trip's u: x and i hold, so u = x * i again
    assertThat(pushed(r)).doesNotContain("u");
    assertThat(assignments(r, "u")).isEqualTo(2); // the forward sweep's and the reverse sweep's
    // the accumulator's adjoint passes on unchanged: its old values are never read
    assertThat(pushed(r)).doesNotContain("s");
  }

  @Test
  void aLocalTheLoopOverwritesIsPushedWhenAnOperandChangesBeforeTheRead() {
    // double s = 1; for (…) { double u = x * s; s = s + u * u; } return s;
    AdjointTransform.Result r =
        transform(
            method(
                declare(S, lit("1.0")),
                loop(
                    declare(U, binary("*", X, S)),
                    new Stmt.Assign(S, binary("+", S, square(U)))),
                new Stmt.Return(S)));
    // s changes between u's assignment and the statement whose partial reads u
    assertThat(pushed(r)).contains("u");
  }

  /** How many assignments of {@code name} the adjoint code makes. */
  private static int assignments(AdjointTransform.Result r, String name) {
    int n = 0;
    for (Stmt s : r.code().body()) {
      for (Stmt x : Stmts.all(s)) {
        if (x instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && v.name().equals(name)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aProductAccumulatorIsPushedOnEveryTrip() {
    // double s = 1; for (…) { s = s * x; } return s;
    AdjointTransform.Result r =
        transform(
            method(
                declare(S, lit("1.0")),
                loop(new Stmt.Assign(S, binary("*", S, X))),
                new Stmt.Return(S)));
    assertThat(pushed(r)).contains("s");
  }

  @Test
  void straightCodeThatAssignsEachLocalOncePushesNothing() {
    // double u = x * x; double s = u * u; return s;
    AdjointTransform.Result r =
        transform(
            method(
                declare(U, binary("*", X, X)),
                declare(S, square(U)),
                new Stmt.Return(S)));
    assertThat(pushed(r)).isEmpty();
    // no run numbers either: the reverse sweep is the reversed statements
    assertThat(r.code().body().stream().anyMatch(st -> st instanceof Stmt.Labeled)).isFalse();
  }

  @Test
  void theAdjointCoreTakesTheSeedAndTheTapeAfterTheValues() {
    AdjointTransform.Result r = transform(method(new Stmt.Return(square(X))));
    assertThat(r.code().name()).isEqualTo("fAdjoint");
    List<String> params = r.code().params().stream().map(MethodModel.Param::name).toList();
    assertThat(params).hasSize(3);
    assertThat(params.get(0)).isEqualTo("x");
    assertThat(r.code().params().get(2).type()).isEqualTo(AdjointContext.TAPE);
  }

  private static final Expr.Var XS = new Expr.Var("xs", Types.DOUBLE_ARRAY);
  private static final Expr.Var B = new Expr.Var("b", Types.DOUBLE_ARRAY);
  private static final Expr.Var M = new Expr.Var("m", Types.DOUBLE_MATRIX);
  private static final ClassName SYSTEM = ClassName.get("java.lang", "System");

  private static MethodModel method(List<MethodModel.Param> params, Stmt... body) {
    return new MethodModel(OWNER, ClassName.get("p", "MDerivatives"), "f", true, params, Types.DOUBLE,
        new Stmt.Block(List.of(body)), "M.java", 1, 0, List.of(), List.of(), OWNER);
  }

  private static Expr at(Expr array, Expr index) {
    TypeName element = array.type() instanceof ArrayTypeName a ? a.componentType() : Types.DOUBLE;
    return new Expr.Index(array, index, element);
  }

  private static String printed(AdjointTransform.Result r) {
    return ModelPrinter.print(r.code().body());
  }

  @Test
  void anArraycopyOnActiveArraysRunsItsAdjointOnTheAdjointArraysAndRestoresWhatItOverwrote() {
    // double[] b = new double[3]; b[1] = xs[0] * xs[0]; System.arraycopy(xs, 0, b, 0, 2);
    // return b[0] * b[1];
    MethodModel m =
        method(
            List.of(new MethodModel.Param("xs", Types.DOUBLE_ARRAY, true)),
            declare(B, new Expr.NewArray(Types.DOUBLE, lit("3"), Types.DOUBLE_ARRAY)),
            new Stmt.Assign(at(B, lit("1")), square(at(XS, lit("0")))),
            new Stmt.Eval(new Expr.PlainCall(SYSTEM, null, "arraycopy",
                List.of(XS, lit("0"), B, lit("0"), lit("2")), TypeName.VOID)),
            new Stmt.Return(binary("*", at(B, lit("0")), at(B, lit("1")))));
    String code = printed(transform(m));
    // the reverse sweep reads b's elements (the partials of b[0] * b[1]): the copy saves the two
    // it overwrites, and its reverse puts them back before moving b's adjoints to xs's
    assertThat(code).contains("Adjoints.save(tape, b, 0, 2);");
    assertThat(code).contains("Adjoints.restore(tape, b, 0, 2);");
    assertThat(code).contains("Adjoints.arraycopy(xs_bar, 0, b_bar, 0, 2);");
    assertThat(code.indexOf("Adjoints.restore")).isLessThan(code.indexOf("Adjoints.arraycopy"));
  }

  @Test
  void aFillPassesTheSumOfTheFilledAdjointsToTheFilledValue() {
    // double[] b = new double[3]; Arrays.fill(b, x * x); return b[0] + b[2];
    MethodModel m =
        method(
            List.of(new MethodModel.Param("x", Types.DOUBLE, true)),
            declare(B, new Expr.NewArray(Types.DOUBLE, lit("3"), Types.DOUBLE_ARRAY)),
            new Stmt.Eval(new Expr.PlainCall(ClassName.get("java.util", "Arrays"), null, "fill",
                List.of(B, square(X)), TypeName.VOID)),
            new Stmt.Return(binary("+", at(B, lit("0")), at(B, lit("2")))));
    String code = printed(transform(m));
    assertThat(code).containsMatch("double \\w+_bar = [\\w.]*Adjoints\\.fill\\(b_bar, 0, b\\.length\\);");
    // nothing reads b's elements in the reverse sweep: nothing is saved
    assertThat(code).doesNotContain("Adjoints.save");
  }

  @Test
  void aMatrixLocalHasAnAdjointOfItsShapeAndItsRowsShareTheirs() {
    // double[][] m = new double[2][2]; m[0][1] = x * x; double[] b = m[0]; return b[1] * x;
    Expr.Var row = new Expr.Var("b", Types.DOUBLE_ARRAY);
    MethodModel m =
        method(
            List.of(new MethodModel.Param("x", Types.DOUBLE, true)),
            declare(M, new Expr.NewMatrix(Types.DOUBLE, List.of(lit("2"), lit("2")), Types.DOUBLE_MATRIX)),
            new Stmt.Assign(at(at(M, lit("0")), lit("1")), square(X)),
            declare(row, at(M, lit("0"))),
            new Stmt.Return(binary("*", at(row, lit("1")), X)));
    String code = printed(transform(m));
    assertThat(code).contains("Lanes.matrixZeros(m, 1);");
    assertThat(code).contains("b_bar = m_bar[0];");
    assertThat(code).contains("m_bar[0][1]");
  }

  @Test
  void aMatrixParameterInWrtGetsItsAdjointAfterIt() {
    // f(double[][] m, double x) = m[1][0] * x
    MethodModel m =
        method(
            List.of(new MethodModel.Param("m", Types.DOUBLE_MATRIX, true), new MethodModel.Param("x", Types.DOUBLE, true)),
            new Stmt.Return(binary("*", at(at(M, lit("1")), lit("0")), X)));
    AdjointTransform.Result r = transform(m);
    List<String> params = r.code().params().stream().map(MethodModel.Param::name).toList();
    assertThat(params).containsExactly("m", "m_bar", "x", "result_bar", "tape").inOrder();
    assertThat(r.code().params().get(1).type()).isEqualTo(Types.DOUBLE_MATRIX);
    assertThat(printed(r)).contains("m_bar[1][0] += x * result_bar;");
  }

  @Test
  void aTryBlockIsCutIntoRunsThatCommitTheTape() {
    Stmt tryStmt =
        new Stmt.Try(
            new Stmt.Block(List.of(new Stmt.Return(X))),
            List.of(),
            new Stmt.Block(List.of()));
    AdjointTransform.Result r =
        AdjointTransform.transform(method(tryStmt), null, AdjointTransform.Effects.NONE);
    assertThat(r.ok()).isTrue();
    String code = r.code().toString();
    assertThat(code).contains("commit");
    assertThat(code).contains("rollback");
  }
}
