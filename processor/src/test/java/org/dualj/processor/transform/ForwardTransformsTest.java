package org.dualj.processor.transform;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.dualj.processor.transform.ForwardModels.active;
import static org.dualj.processor.transform.ForwardModels.activity;
import static org.dualj.processor.transform.ForwardModels.bin;
import static org.dualj.processor.transform.ForwardModels.call;
import static org.dualj.processor.transform.ForwardModels.dbl;
import static org.dualj.processor.transform.ForwardModels.inactive;
import static org.dualj.processor.transform.ForwardModels.intLit;
import static org.dualj.processor.transform.ForwardModels.integer;
import static org.dualj.processor.transform.ForwardModels.line;
import static org.dualj.processor.transform.ForwardModels.lit;
import static org.dualj.processor.transform.ForwardModels.math;
import static org.dualj.processor.transform.ForwardModels.method;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.Elementary;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * The forward passes on method models built by hand (no javac reads them): the statements they
 * write, and the derivatives those statements compute once printed and compiled, against
 * analytic derivatives. Lanes must be, direction by direction, exactly the scalar tangents.
 */
class ForwardTransformsTest {

  /** {@code double y = x * x; return Math.sin(y);} */
  private static MethodModel sinOfSquare() {
    return method(
        "f",
        List.of(active("x")),
        line(2, "double y = x * x;", new Stmt.Declare(Types.DOUBLE, "y", bin("*", dbl("x"), dbl("x")))),
        line(3, "return Math.sin(y);", new Stmt.Return(math(Elementary.SIN, dbl("y")))));
  }

  /** {@code double u = x * y; double w = Math.exp(u) / (x + y); return w - u;} */
  private static MethodModel twoInputs() {
    return method(
        "g",
        List.of(active("x"), active("y")),
        new Stmt.Declare(Types.DOUBLE, "u", bin("*", dbl("x"), dbl("y"))),
        new Stmt.Declare(
            Types.DOUBLE, "w", bin("/", math(Elementary.EXP, dbl("u")), bin("+", dbl("x"), dbl("y")))),
        new Stmt.Return(bin("-", dbl("w"), dbl("u"))));
  }

  /** {@code x = x * y; x = y / x; return x;}, which is 1 / x of the arguments. */
  private static MethodModel overwrites() {
    return method(
        "h",
        List.of(active("x"), active("y")),
        new Stmt.Assign(dbl("x"), bin("*", dbl("x"), dbl("y"))),
        new Stmt.Assign(dbl("x"), bin("/", dbl("y"), dbl("x"))),
        new Stmt.Return(dbl("x")));
  }

  /** {@code double s = 0.0; for (int i = 0; i < n; i++) { s = s * x + 1.0; } return s;}: Σ x^j, j < n. */
  private static MethodModel horner() {
    Stmt loop =
        new Stmt.For(
            List.of(new Stmt.Declare(Types.INT, "i", intLit(0))),
            new Expr.Binary("<", integer("i"), integer("n"), Types.BOOLEAN),
            List.of(new Stmt.Eval(new Expr.IncDec("++", false, integer("i"), Types.INT))),
            new Stmt.Block(
                List.of(new Stmt.Assign(dbl("s"), bin("+", bin("*", dbl("s"), dbl("x")), lit(1.0))))));
    return method(
        "p",
        List.of(active("x"), inactive("n", Types.INT)),
        new Stmt.Declare(Types.DOUBLE, "s", lit(0.0)),
        loop,
        new Stmt.Return(dbl("s")));
  }

  @Test
  void scalarPassPairsEveryOperationWithItsTangent() {
    MethodModel m = sinOfSquare();
    MethodCode code = TangentTransform.transform(m, activity(m));

    assertThat(code.name()).isEqualTo("f");
    assertThat(code.returnType()).isEqualTo(Types.DUAL);
    assertThat(code.params().stream().map(MethodModel.Param::name).toList())
        .containsExactly("x", "x_dot")
        .inOrder();
    List<Stmt> body = code.body();
    assertWithMessage(ForwardModels.print(code)).that(body).hasSize(7);
    assertThat(body.get(0)).isEqualTo(new Stmt.Comment("line 2: double y = x * x;"));
    assertThat(body.get(1)).isEqualTo(new Stmt.Declare(Types.DOUBLE, "y", bin("*", dbl("x"), dbl("x"))));
    Stmt.Declare yDot = (Stmt.Declare) body.get(2);
    assertThat(yDot.name()).isEqualTo("y_dot");
    assertThat(Exprs.reads(yDot.init(), "x_dot")).isTrue();
    assertThat(body.get(4)).isEqualTo(new Stmt.Declare(Types.DOUBLE, "v1", math(Elementary.SIN, dbl("y"))));
    Stmt.Declare v1Dot = (Stmt.Declare) body.get(5);
    assertThat(v1Dot.name()).isEqualTo("v1_dot");
    assertThat(Exprs.reads(v1Dot.init(), "y_dot")).isTrue();
    assertThat(body.get(6))
        .isEqualTo(new Stmt.Return(new Expr.MakeDual(dbl("v1"), dbl("v1_dot"), Types.DUAL)));

    Class<?> gen = ForwardModels.compile(code);
    for (double x : new double[] {-1.7, 0.0, 0.4, 2.5}) {
      Dual d = (Dual) call(gen, "f", x, 1.0);
      assertThat(d.value()).isEqualTo(Math.sin(x * x));
      assertThat(d.tangent()).isWithin(1e-14).of(2 * x * Math.cos(x * x));
    }
  }

  @Test
  void lanesAreTheScalarTangentsDirectionByDirection() {
    MethodModel m = twoInputs();
    MethodCode scalar = TangentTransform.transform(m, activity(m));
    MethodCode lanes = TangentTransform.transformLanes(m, activity(m));
    assertThat(lanes.name()).isEqualTo(Derived.LANES.of("g"));
    assertThat(lanes.params().stream().map(MethodModel.Param::name).toList())
        .containsExactly("x", "x_dot", "y", "y_dot", "result_dot", "p", "ws")
        .inOrder();
    // straight-line code: fusion makes one loop over the directions, whose lanes are its locals
    assertWithMessage(ForwardModels.print(lanes))
        .that(ForwardModels.all(lanes.body(), Stmt.For.class))
        .hasSize(1);
    assertThat(lanes.workspace()).isEqualTo(0);
    assertThat(ForwardModels.declared(lanes.body())).containsAtLeast("u_dot", "w_dot");
    Class<?> gen = ForwardModels.compile(scalar, lanes);

    double x = 0.7;
    double y = -0.3;
    double[][] directions = {{1, 0}, {0, 1}, {0.5, -2}};
    int p = directions.length;
    double[] xDot = new double[p];
    double[] yDot = new double[p];
    for (int k = 0; k < p; k++) {
      xDot[k] = directions[k][0];
      yDot[k] = directions[k][1];
    }
    double[] result = new double[p];
    double value = (double) call(gen, "gLanes", x, xDot, y, yDot, result, p, null);
    double u = x * y;
    assertThat(value).isEqualTo(Math.exp(u) / (x + y) - u);
    for (int k = 0; k < p; k++) {
      Dual d = (Dual) call(gen, "g", x, directions[k][0], y, directions[k][1]);
      assertThat(d.value()).isEqualTo(value);
      assertWithMessage("direction %s", k).that(result[k]).isEqualTo(d.tangent());
      // ∂/∂x = (y e^u (x + y) - e^u) / (x + y)² - y, ∂/∂y the same with x and y swapped
      double s = x + y;
      double gx = (y * Math.exp(u) * s - Math.exp(u)) / (s * s) - y;
      double gy = (x * Math.exp(u) * s - Math.exp(u)) / (s * s) - x;
      assertThat(d.tangent()).isWithin(1e-12).of(gx * directions[k][0] + gy * directions[k][1]);
    }
  }

  @Test
  void overwrittenVariableGetsItsTangentInTheRightOrder() {
    MethodModel m = overwrites();
    MethodCode code = TangentTransform.transform(m, activity(m));
    List<Stmt> body = code.body();
    // x = x * y: the tangent reads the old x, so it is written first
    assertWithMessage(ForwardModels.print(code)).that(body.get(0)).isInstanceOf(Stmt.Assign.class);
    assertThat(((Stmt.Assign) body.get(0)).target()).isEqualTo(dbl("x_dot"));
    assertThat(body.get(1)).isEqualTo(new Stmt.Assign(dbl("x"), bin("*", dbl("x"), dbl("y"))));
    // x = y / x: the tangent needs the new value and the old x, so the value waits in a temporary
    assertThat(body.get(2)).isEqualTo(new Stmt.Declare(Types.DOUBLE, "v1", bin("/", dbl("y"), dbl("x"))));
    assertThat(((Stmt.Assign) body.get(3)).target()).isEqualTo(dbl("x_dot"));
    assertThat(body.get(4)).isEqualTo(new Stmt.Assign(dbl("x"), dbl("v1")));

    MethodCode lanes = TangentTransform.transformLanes(m, activity(m));
    // the lane code assigns x's lane, so it works on a copy of the caller's
    assertThat(ForwardModels.names(lanes.params())).contains("x_dot_in");
    Class<?> gen = ForwardModels.compile(code, lanes);
    double x = 1.9;
    double y = 0.6;
    Dual dx = (Dual) call(gen, "h", x, 1.0, y, 0.0);
    Dual dy = (Dual) call(gen, "h", x, 0.0, y, 1.0);
    assertThat(dx.value()).isWithin(1e-15).of(1 / x);
    assertThat(dx.tangent()).isWithin(1e-14).of(-1 / (x * x));
    assertThat(dy.tangent()).isWithin(1e-14).of(0.0);
    double[] xDot = {1.0, 0.0};
    double[] yDot = {0.0, 1.0};
    double[] result = new double[2];
    call(gen, "hLanes", x, xDot, y, yDot, result, 2, null);
    assertThat(result).usingExactEquality().containsExactly(dx.tangent(), dy.tangent()).inOrder();
    assertThat(xDot).usingExactEquality().containsExactly(1.0, 0.0).inOrder();
  }

  @Test
  void loopCarriesTheTangentAcrossIterations() {
    MethodModel m = horner();
    MethodCode scalar = TangentTransform.transform(m, activity(m));
    MethodCode lanes = TangentTransform.transformLanes(m, activity(m));
    assertThat(ForwardModels.all(scalar.body(), Stmt.For.class)).hasSize(1);
    assertThat(ForwardModels.declared(scalar.body())).containsAtLeast("s", "s_dot");
    // s's lane lives across iterations: a slot of the workspace, taken in the prologue
    assertWithMessage(ForwardModels.print(lanes)).that(lanes.workspace()).isEqualTo(1);
    Expr.Var ws = new Expr.Var("ws", Types.DOUBLE_MATRIX);
    Expr allocate =
        new Expr.StaticCall(
            Types.LANES, "workspace", List.of(intLit(1), integer("p")), Types.DOUBLE_MATRIX);
    assertThat(lanes.body().get(1))
        .isEqualTo(
            new Stmt.If(
                new Expr.Binary(
                    "==", ws, new Expr.Literal("null", Types.DOUBLE_MATRIX), Types.BOOLEAN),
                new Stmt.Assign(ws, allocate),
                null));
    assertThat(lanes.body().get(2))
        .isEqualTo(
            new Stmt.Declare(
                Types.DOUBLE_ARRAY, "s_dot", new Expr.Index(ws, intLit(0), Types.DOUBLE_ARRAY)));
    Class<?> gen = ForwardModels.compile(scalar, lanes);
    double x = 1.3;
    for (int n : new int[] {0, 1, 5}) {
      double expected = 0;
      for (int j = 1; j < n; j++) {
        expected += j * Math.pow(x, j - 1);
      }
      Dual d = (Dual) call(gen, "p", x, 1.0, n);
      assertWithMessage("n = %s", n).that(d.tangent()).isWithin(1e-12).of(expected);
      double[] result = new double[2];
      double value = (double) call(gen, "pLanes", x, new double[] {1.0, -0.5}, n, result, 2, null);
      assertThat(value).isEqualTo(d.value());
      Dual back = (Dual) call(gen, "p", x, -0.5, n);
      assertThat(result).usingExactEquality().containsExactly(d.tangent(), back.tangent()).inOrder();
      // a workspace passed in (dirty from an earlier call) gives the same lanes
      double[][] reused = {{7.0, 7.0}};
      double[] again = new double[2];
      call(gen, "pLanes", x, new double[] {1.0, -0.5}, n, again, 2, reused);
      assertThat(again).usingExactEquality().containsExactly(result[0], result[1]).inOrder();
    }
  }

  @Test
  void secondOrderPrepReturnsTheTangentAloneAndCallsTangentMethods() {
    MethodModel m = sinOfSquare();
    SecondOrder.Needs needs = new SecondOrder.Needs(new ArrayList<>(), new ArrayList<>());
    MethodCode prep = TangentTransform.transformForSecondOrder(m, activity(m), needs);
    assertThat(prep.name()).isEqualTo(Derived.TANGENT.of("f"));
    assertThat(prep.returnType()).isEqualTo(Types.DOUBLE);
    assertThat(needs.callees()).isEmpty();
    MethodCode scalar = TangentTransform.transform(m, activity(m));
    Class<?> gen = ForwardModels.compile(scalar, prep);
    for (double x : new double[] {-0.8, 1.1}) {
      double tangent = (double) call(gen, "fTangent", x, 0.75);
      assertThat(tangent).isEqualTo(((Dual) call(gen, "f", x, 0.75)).tangent());
    }

    // return q(x) * x, q another differentiated method: q(x) and qTangent(x, x_dot), both kept as
    // calls of methods with derivatives
    Expr q =
        new Expr.DiffCall(
            ForwardModels.OWNER,
            ForwardModels.DERIVATIVES,
            "q",
            null,
            List.of(dbl("x")),
            List.of(Types.DOUBLE),
            List.of(true),
            false,
            Types.DOUBLE);
    MethodModel caller = method("c", List.of(active("x")), new Stmt.Return(bin("*", q, dbl("x"))));
    SecondOrder.Needs callerNeeds = new SecondOrder.Needs(new ArrayList<>(), new ArrayList<>());
    MethodCode code = TangentTransform.transformForSecondOrder(caller, activity(caller), callerNeeds);
    assertThat(callerNeeds.callees()).containsExactly(q);
    List<String> called = new ArrayList<>();
    for (Stmt.Declare d : ForwardModels.all(code.body(), Stmt.Declare.class)) {
      if (d.init() instanceof Expr.DiffCall c) {
        called.add(c.name());
      }
    }
    assertWithMessage(code.body().toString())
        .that(called)
        .containsExactly("q", Derived.TANGENT.of("q"))
        .inOrder();
    assertThat(ForwardModels.all(code.body(), Stmt.Return.class).get(0).value().type())
        .isEqualTo(Types.DOUBLE);
  }
}
