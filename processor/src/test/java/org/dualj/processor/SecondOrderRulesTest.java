package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hessians of {@code @Differentiable(order = 2)} methods that are one table entry each, for
 * the entries whose partials are written with branches or rescaling (so that the second
 * application differentiates those forms), against Hipparchus {@link DerivativeStructure} of order
 * 2 at ordinary points and at points on each side of the partials' branches.
 */
class SecondOrderRulesTest {

  /** One function of (a, b) as Java and as DerivativeStructure, and points to check it at. */
  record Case(String name, String java, Function<DerivativeStructure[], DerivativeStructure> ds,
      double a, double b) {
    @Override
    public String toString() {
      return name + " at (" + a + ", " + b + ")";
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  private static void add(String name, String java, Function<DerivativeStructure[], DerivativeStructure> ds,
      double[]... points) {
    for (double[] p : points) {
      CASES.add(new Case(name, java, ds, p[0], p[1]));
    }
  }

  private static double[] p(double a, double b) {
    return new double[] {a, b};
  }

  static {
    // b enters every method (times a), so that both arguments are active
    add("sqrt", "Math.sqrt(a) * b", x -> x[0].sqrt().multiply(x[1]), p(0.3, 1.5), p(17.0, -0.5));
    add("hypot", "Math.hypot(a, b)", x -> x[0].hypot(x[1]), p(1.3, -0.4), p(-2.0, 5.5), p(3e-5, 4e-5));
    add("pow", "Math.pow(a, b)", x -> x[0].pow(x[1]), p(1.3, -0.4), p(2.5, 1.7), p(0.4, 3.0));
    add("expm1", "Math.expm1(a) * b", x -> x[0].expm1().multiply(x[1]), p(-0.5, 1.5), p(-3.0, 2.0), p(2.0, 0.5));
    add("log", "Math.log(a) * b", x -> x[0].log().multiply(x[1]), p(0.3, 1.5), p(7.5, -2.0));
    add("log1p", "Math.log1p(a) * b", x -> x[0].log1p().multiply(x[1]), p(-0.5, 1.5), p(7.5, -2.0));
    add("log10", "Math.log10(a) * b", x -> x[0].log10().multiply(x[1]), p(0.3, 1.5), p(75.0, -2.0));
    add("asin", "Math.asin(a) * b", x -> x[0].asin().multiply(x[1]), p(-0.7, 1.5), p(0.6, -2.0), p(0.999, 1.0));
    add("acos", "Math.acos(a) * b", x -> x[0].acos().multiply(x[1]), p(-0.7, 1.5), p(0.6, -2.0), p(-0.999, 1.0));
    add("atan", "Math.atan(a) * b", x -> x[0].atan().multiply(x[1]), p(-3.0, 1.5), p(0.6, -2.0), p(2e8, 1.0), p(-3e8, 2.0));
    add("atan2", "Math.atan2(a, b)", x -> x[0].atan2(x[1]), p(1.3, -0.4), p(-2.0, 5.5), p(3e-5, -4e-5), p(1e5, 2e5));
    add("tanh", "Math.tanh(a) * b", x -> x[0].tanh().multiply(x[1]), p(0.3, 1.5), p(-0.45, 2.0), p(0.7, -1.0), p(-2.0, 1.0), p(3.0, 0.5));
    add("abs", "Math.abs(a) * b", x -> x[0].abs().multiply(x[1]), p(0.3, 1.5), p(-2.0, 2.0));
    add("copySign", "Math.copySign(a, b) * b", x -> x[0].copySign(x[1]).multiply(x[1]), p(0.3, -1.5), p(-2.0, 2.0));
  }

  private static Class<?> generated;
  private static List<String> names;

  @BeforeAll
  static void compile() {
    names = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Second {");
    for (Case c : CASES) {
      String method = c.name().replace("2", "Two");
      if (!names.contains(method)) {
        names.add(method);
        lines.add("  @Differentiable(order = 2) static double " + method + "(double a, double b) {");
        lines.add("    return " + c.java() + ";");
        lines.add("  }");
      }
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Second", lines.toArray(String[]::new)));
    com.google.testing.compile.CompilationSubject.assertThat(c).succeeded();
    generated = new CompiledClasses(c).load("test.SecondDerivatives");
  }

  static Stream<Case> cases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hessianAgreesWithDerivativeStructure(Case c) throws Exception {
    String method = c.name().replace("2", "Two");
    double[][] h =
        (double[][])
            generated.getMethod(method + "Hessian", double.class, double.class).invoke(null, c.a(), c.b());
    DSFactory factory = new DSFactory(2, 2);
    DerivativeStructure f =
        c.ds().apply(new DerivativeStructure[] {factory.variable(0, c.a()), factory.variable(1, c.b())});
    double[][] expected = {
      {f.getPartialDerivative(2, 0), f.getPartialDerivative(1, 1)},
      {f.getPartialDerivative(1, 1), f.getPartialDerivative(0, 2)}
    };
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double e = expected[i][j];
        assertWithMessage("H[%s][%s] of %s", i, j, c)
            .that(h[i][j])
            .isWithin(1e-12 * Math.max(Math.abs(e), 1e-300) + 1e-300)
            .of(e);
      }
    }
    assertThat(h.length).isEqualTo(2);
  }
}
