package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour at kinks and singular points, as documented in the README: the generated scalar code,
 * the generated lane code and the runtime {@link Dual} agree on every case (bit for bit, NaN
 * equal to NaN), and each gives the documented value and tangent.
 */
class EdgeCasesTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  /**
   * One case: a method body over x and y (both differentiated), the same through {@code Dual},
   * the point, the seed direction, and the documented value and tangent.
   */
  record Case(
      String name,
      String java,
      BinaryOperator<Dual> runtime,
      double x,
      double y,
      double xDot,
      double yDot,
      double value,
      double tangent) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("abs(+0) follows the sign bit", "Math.abs(x)", (x, y) -> x.abs(), 0.0, 0, 1, 0, 0.0, 1.0),
        new Case("abs(-0) follows the sign bit", "Math.abs(x)", (x, y) -> x.abs(), -0.0, 0, 1, 0, 0.0, -1.0),
        new Case("min tie takes the first argument", "Math.min(x, y)", Dual::min, 2.0, 2.0, 1, 5, 2.0, 1.0),
        new Case("max tie takes the first argument", "Math.max(x, y)", Dual::max, 2.0, 2.0, 1, 5, 2.0, 1.0),
        new Case("sqrt(0): infinite tangent", "Math.sqrt(x)", (x, y) -> x.sqrt(), 0.0, 0, 1, 0, 0.0, INF),
        new Case("pow(0, 0) with a constant exponent", "Math.pow(x, 0.0)", (x, y) -> x.pow(0.0), 0.0, 0, 1, 0, 1.0, 0.0),
        new Case("pow(0, 2) with a constant exponent", "Math.pow(x, 2.0)", (x, y) -> x.pow(2.0), 0.0, 0, 1, 0, 0.0, 0.0),
        new Case("pow(0, 0.5): infinite tangent", "Math.pow(x, 0.5)", (x, y) -> x.pow(0.5), 0.0, 0, 1, 0, 0.0, INF),
        new Case("pow(-2, 3): negative base, integer exponent", "Math.pow(x, 3.0)", (x, y) -> x.pow(3.0), -2.0, 0, 1, 0, -8.0, 12.0),
        new Case("pow(-2, y) with y active: NaN tangent", "Math.pow(x, y)", Dual::pow, -2.0, 3.0, 0, 1, -8.0, NAN),
        new Case("pow(x, y) with a zero exponent tangent", "Math.pow(x, y)", Dual::pow, -2.0, 3.0, 1, 0, -8.0, 12.0),
        new Case("log(0)", "Math.log(x)", (x, y) -> x.log(), 0.0, 0, 1, 0, Double.NEGATIVE_INFINITY, INF),
        new Case("1 / 0 by division: (0 - inf * 1) / 0", "x / y", Dual::divide, 1.0, 0.0, 0, 1, INF, Double.NEGATIVE_INFINITY),
        new Case("x / 0 with a constant divisor", "x / 0.0", (x, y) -> x.divide(0.0), 1.0, 0, 1, 0, INF, INF),
        new Case("0 / 0", "x / y", Dual::divide, 0.0, 0.0, 1, 1, NAN, NAN),
        new Case("atan2(0, 0)", "Math.atan2(x, y)", Dual::atan2, 0.0, 0.0, 1, 1, 0.0, NAN),
        new Case("NaN propagates", "Math.sin(x) * y", (x, y) -> x.sin().multiply(y), NAN, 2.0, 1, 0, NAN, NAN),
        new Case("infinity propagates", "Math.exp(x)", (x, y) -> x.exp(), INF, 0, 1, 0, INF, INF),
        new Case("exp(-inf) has zero tangent", "Math.exp(x)", (x, y) -> x.exp(), Double.NEGATIVE_INFINITY, 0, 1, 0, 0.0, 0.0),
        new Case("sqrt(-0.0): +inf like sqrt(+0.0)", "Math.sqrt(x)", (x, y) -> x.sqrt(), -0.0, 0, 1, 0, -0.0, INF),
        new Case("pow(0, y) along y: exactly 0", "Math.pow(x, y)", Dual::pow, 0.0, 2.0, 0, 1, 0.0, 0.0),
        new Case("log(-0.0): +inf like log(+0.0)", "Math.log(x)", (x, y) -> x.log(), -0.0, 0, 1, 0, Double.NEGATIVE_INFINITY, INF),
        new Case("log(-1): NaN outside the domain", "Math.log(x)", (x, y) -> x.log(), -1.0, 0, 1, 0, NAN, NAN),
        new Case("abs(NaN): NaN", "Math.abs(x)", (x, y) -> x.abs(), NAN, 0, 1, 0, NAN, NAN),
        new Case("hypot(inf, y) along x: 1", "Math.hypot(x, y)", Dual::hypot, INF, 1.0, 1, 0, INF, 1.0),
        new Case("hypot(inf, y) along y: 0", "Math.hypot(x, y)", Dual::hypot, INF, 1.0, 0, 1, INF, 0.0),
        new Case("atan2(x, inf): 0", "Math.atan2(x, y)", Dual::atan2, 1.0, INF, 1, 1, 0.0, 0.0),
        new Case("floor is flat at its jump", "Math.floor(x) + 0.0 * y", (x, y) -> x.floor().add(y.multiply(0.0)), 2.0, 1, 1, 0, 2.0, 0.0));
  }

  private static List<Case> all;
  private static Class<?> generated;

  @BeforeAll
  static void compile() {
    all = cases().toList();
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Edges {");
    for (int i = 0; i < all.size(); i++) {
      lines.add("  @Differentiable static double case" + i + "(double x, double y) {");
      lines.add("    return " + all.get(i).java() + ";");
      lines.add("  }");
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Edges", lines.toArray(String[]::new)));
    assertThat(c).succeeded();
    generated = new CompiledClasses(c).load("test.EdgesDerivatives");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scalarLanesAndRuntimeAgreeWithTheDocumentedValue(Case c) throws Exception {
    String name = "case" + all.indexOf(c);
    Dual scalar =
        (Dual)
            generated
                .getMethod(name, Dual.class, Dual.class)
                .invoke(null, Dual.of(c.x(), c.xDot()), Dual.of(c.y(), c.yDot()));
    DualVector lanes =
        (DualVector)
            generated
                .getMethod(name, DualVector.class, DualVector.class)
                .invoke(
                    null,
                    DualVector.of(c.x(), c.xDot(), 0.0),
                    DualVector.of(c.y(), c.yDot(), 0.0));
    Dual runtime = c.runtime().apply(Dual.of(c.x(), c.xDot()), Dual.of(c.y(), c.yDot()));

    assertWithMessage("generated value").that(scalar.value()).isEqualTo(c.value());
    assertWithMessage("generated tangent").that(scalar.tangent()).isEqualTo(c.tangent());
    assertWithMessage("lane value").that(lanes.value()).isEqualTo(scalar.value());
    assertWithMessage("lane tangent").that(lanes.tangent(0)).isEqualTo(scalar.tangent());
    assertWithMessage("runtime value").that(runtime.value()).isEqualTo(scalar.value());
    assertWithMessage("runtime tangent").that(runtime.tangent()).isEqualTo(scalar.tangent());
  }
}
