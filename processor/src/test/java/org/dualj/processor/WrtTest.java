package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** {@code @Differentiable(wrt = ...)}: which parameters are differentiated, and its errors. */
class WrtTest {

  @Test
  void parametersLeftOutPassThroughAndCarryNoTangent() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Fit",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Fit {",
                "  @Differentiable(wrt = {\"a\", \"b\"})",
                "  static double model(double a, double b, double t) {",
                "    double s = Math.sin(t);",
                "    double u = s * s + t;",
                "    return a * Math.exp(b * t) + u;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    String code =
        c.generatedSourceFile("test.FitDerivatives").orElseThrow().getCharContent(true).toString();
    assertThat(code).contains("public static Dual model(Dual a, Dual b, double t) {");
    assertThat(code)
        .contains("public static Dual model(double a, double a_dot, double b, double b_dot, double t) {");
    // s and u depend on t only: no tangent code for them
    assertThat(code).doesNotContainMatch("\\bt_dot\\b");
    assertThat(code).doesNotContainMatch("\\bs_dot\\b");
    assertThat(code).doesNotContainMatch("\\bu_dot\\b");

    Method m =
        new CompiledClasses(c)
            .load("test.FitDerivatives")
            .getMethod("model", Dual.class, Dual.class, double.class);
    for (double t : new double[] {-0.5, 0.25, 1.5}) {
      double a = 1.3;
      double b = -0.7;
      Dual da = (Dual) m.invoke(null, Dual.variable(a), Dual.constant(b), t);
      Dual db = (Dual) m.invoke(null, Dual.constant(a), Dual.variable(b), t);
      // ∂/∂a = exp(bt), ∂/∂b = a t exp(bt)
      assertThat(da.tangent()).isWithin(1e-14).of(Math.exp(b * t));
      assertThat(db.tangent()).isWithin(1e-14).of(a * t * Math.exp(b * t));
    }
  }

  @Test
  void unknownNameIsAnErrorAtTheAnnotation() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = {\"x\", \"q\"})",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffWrtUnknown] wrt names q, which is not a parameter of this method")
        .inFile(src)
        .onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonDoubleParameterIsAnErrorAtTheAnnotation() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = \"n\")",
            "  static double f(double x, int n) {",
            "    return x * n;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "[DiffWrtType] wrt names n, a parameter of type int; only double, double[] and"
                + " double[][] parameters")
        .inFile(src)
        .onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void negativeChunkIsAnError() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(chunk = -4)",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffBadChunk] chunk must be positive").inFile(src).onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void activeArgumentForAParameterTheCalleeDoesNotDifferentiateIsAnError() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = \"x\")",
            "  static double g(double x, double c) {",
            "    return x * c;",
            "  }",
            "  @Differentiable",
            "  static double f(double y) {",
            "    return g(2.0, y);",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffCallNotWrt] this argument depends on a differentiated input, but Model.g")
        .inFile(src)
        .onLine(10);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void resultIndependentOfTheInputsIsAWarning() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = \"x\")",
            "  static double f(double x, double c) {",
            "    double y = x * x;",
            "    return c * 2;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining("[DiffAlwaysZero] the result does not depend on x")
        .inFile(src)
        .onLine(5);
    assertThat(c).hadWarningCount(1);
  }
}
