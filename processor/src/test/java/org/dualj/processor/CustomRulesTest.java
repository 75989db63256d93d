package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Where user tangent rules apply and what they take precedence over; the values they give are
 * checked at run time in the integration tests.
 */
class CustomRulesTest {

  /** A rule for {@code Math.abs} replaces the built-in table's entry. */
  @Test
  void ruleOverridesTheMathTable() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Smooth",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "import org.dualj.annotations.TangentRule;",
                "class Smooth {",
                "  /** A subgradient of 0 at the kink, instead of the sign bit's ±1. */",
                "  @TangentRule(of = Math.class, method = \"abs\")",
                "  static double absPartial(double x, double v) {",
                "    return Math.signum(x);",
                "  }",
                "  @Differentiable",
                "  static double f(double x) {",
                "    return Math.abs(x) + Math.abs(2 * x);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    String generated = generated(c, "test.SmoothDerivatives");
    assertThat(generated).contains("double v1_dot = Smooth.absPartial(x, v1) * x_dot;");
    assertThat(generated).doesNotContain("copySign");
  }

  /**
   * A {@code @Differentiable} method with rules of its own: callers use the rules, and so do its
   * own entry points; its body is not read, so a body the processor could not differentiate (a
   * {@code throw}) is fine.
   */
  @Test
  void rulesOverrideTheBodyOfADifferentiableTarget() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Kepler",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "import org.dualj.annotations.TangentRule;",
                "class Kepler {",
                "  @Differentiable",
                "  static double anomaly(double m, double e) {",
                "    double big = m;",
                "    for (int i = 0; i < 50; i++) {",
                "      double step = (big - e * Math.sin(big) - m) / (1 - e * Math.cos(big));",
                "      big -= step;",
                "      if (Math.abs(step) < 1e-15) return big;",
                "    }",
                "    throw new ArithmeticException(\"no convergence\");",
                "  }",
                "  @TangentRule(of = Kepler.class, method = \"anomaly\", argument = 0)",
                "  static double dm(double m, double e, double big) {",
                "    return 1 / (1 - e * Math.cos(big));",
                "  }",
                "  @TangentRule(of = Kepler.class, method = \"anomaly\", argument = 1)",
                "  static double de(double m, double e, double big) {",
                "    return Math.sin(big) / (1 - e * Math.cos(big));",
                "  }",
                "  @Differentiable",
                "  static double radius(double a, double e, double m) {",
                "    return a * (1 - e * Math.cos(anomaly(m, e)));",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    String generated = generated(c, "test.KeplerDerivatives");
    assertThat(generated)
        .contains(
            "    public static Dual anomaly(double m, double m_dot, double e, double e_dot) {\n"
                + "        // from the tangent rules of anomaly, not from its body\n"
                + "        double v1 = Kepler.anomaly(m, e);\n"
                + "        double v1_dot = Kepler.dm(m, e, v1) * m_dot + Kepler.de(m, e, v1) * e_dot;\n"
                + "        return Dual.of(v1, v1_dot);\n");
    // the caller calls the method itself and the rules, not the method's derivative, in both
    // modes; in the lane core the partials are computed once, before the lane loop
    assertThat(generated).doesNotContain("KeplerDerivatives.anomaly");
    assertThat(generated).doesNotContain("anomalyLanes(m, e");
    assertThat(generated)
        .contains(
            "        double v1 = Kepler.anomaly(m, e);\n"
                + "        double c = Kepler.dm(m, e, v1);\n"
                + "        double c_2 = Kepler.de(m, e, v1);\n");
    assertThat(generated).contains("double v1_dot = c * m_dot[k] + c_2 * e_dot[k];\n");
  }

  /** A rule declared in a file after its caller's, and in a class of its own, is found. */
  @Test
  void ruleInAnotherFileOfTheCompilation() {
    JavaFileObject caller =
        Compilations.source(
            "Caller",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Caller {",
            "  @Differentiable",
            "  static double f(double x, double y) {",
            "    return Special.hyp(x, y) * 2;",
            "  }",
            "}");
    JavaFileObject special =
        Compilations.source(
            "Special",
            "package test;",
            "import org.dualj.annotations.TangentRule;",
            "class Special {",
            "  static double hyp(double a, double b) { return Math.sqrt(a * a + b * b); }",
            "}",
            "class ZRules {",
            "  @TangentRule(of = Special.class, method = \"hyp\", argument = 1)",
            "  static double db(double a, double b, double v) { return b / v; }",
            "  @TangentRule(of = Special.class, method = \"hyp\", argument = 0)",
            "  static double da(double a, double b, double v) { return a / v; }",
            "}");
    Compilation c = Compilations.compile(caller, special);
    assertThat(c).succeededWithoutWarnings();
    assertThat(generated(c, "test.CallerDerivatives"))
        .contains("double v1_dot = ZRules.da(x, y, v1) * x_dot + ZRules.db(x, y, v1) * y_dot;");
    assertThat(c).generatedSourceFile("org.dualj.rules.index.test_ZRules");
  }

  /**
   * Index classes are named from the binary name, mangled as JNI does, so that distinct classes
   * get distinct names: {@code _} becomes {@code _1}, {@code .} becomes {@code _}, {@code $} stays.
   */
  @Test
  void indexNamesOfNestedClassesAndUnderscores() {
    Compilation c =
        Compilations.compile(
            com.google.testing.compile.JavaFileObjects.forSourceLines(
                "my_lib.Outer",
                "package my_lib;",
                "import org.dualj.annotations.TangentRule;",
                "public class Outer {",
                "  public static double f(double x) { return x; }",
                "  public static class Rules {",
                "    @TangentRule(of = Outer.class, method = \"f\")",
                "    public static double df(double x, double v) { return 1; }",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("org.dualj.rules.index.my_1lib_Outer$Rules")
        .contentsAsUtf8String()
        .contains("public static final String RULES = \"my_lib.Outer.Rules\";");
  }

  /**
   * Arguments that are not differentiated need no rule, and any type of parameter passes through:
   * only the active double argument's rule is called.
   */
  @Test
  void inactiveArgumentsNeedNoRule() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Poly",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "import org.dualj.annotations.TangentRule;",
                "class Poly {",
                "  static double horner(double x, double[] c, int n) {",
                "    double s = 0;",
                "    for (int i = n - 1; i >= 0; i--) s = s * x + c[i];",
                "    return s;",
                "  }",
                "  @TangentRule(of = Poly.class, method = \"horner\")",
                "  static double dx(double x, double[] c, int n, double v) {",
                "    double s = 0;",
                "    for (int i = n - 1; i >= 1; i--) s = s * x + i * c[i];",
                "    return s;",
                "  }",
                "  @Differentiable(wrt = \"x\")",
                "  static double f(double x, double[] c) {",
                "    return horner(x * x, c, c.length);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(generated(c, "test.PolyDerivatives"))
        .contains("double v2_dot = Poly.dx(v1, c, c.length, v2) * v1_dot;");
  }

  private static String generated(Compilation c, String name) {
    try {
      return c.generatedSourceFile(name)
          .orElseThrow(() -> new AssertionError("not generated: " + name))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
