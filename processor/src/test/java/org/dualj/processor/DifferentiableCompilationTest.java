package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Golden generated sources: a few small, reviewed files that pin what the generated code looks
 * like (one pair per operation, comments with source lines, stable names). Stored as
 * {@code goldens/<test class>/<test method>/<generated class>.java}; run with
 * {@code -Dgoldens.update=true} to rewrite them after a deliberate change, then review the diff.
 */
class DifferentiableCompilationTest {
  private static final Path GOLDENS =
      Paths.get("src/test/resources/goldens/DifferentiableCompilationTest");

  /** The worked example, written as its evaluation trace: v1 = x1/x2, v2 = sin v1, … */
  @Test
  void seedTrace() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Seed",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Seed {",
                "  @Differentiable",
                "  static double f(double x1, double x2) {",
                "    double v1 = x1 / x2;",
                "    double v2 = Math.sin(v1);",
                "    double v3 = Math.exp(x2);",
                "    double v4 = v1 - v3;",
                "    double v5 = v2 + v4;",
                "    double v6 = v5 * v4;",
                "    return v6;",
                "  }",
                "}"));
    checkGolden(c, "seedTrace", "test.SeedDerivatives");
  }

  /** Overwritten variables, a loop, an inactive int, a constant and a call to another method. */
  @Test
  void overwritingLoop() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Power",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Power {",
                "  static final double SCALE = 2.0;",
                "",
                "  @Differentiable",
                "  static double power(double x, int n) {",
                "    double r = 1;",
                "    for (int i = 0; i < n; i++) {",
                "      r = r * x;",
                "    }",
                "    x *= Math.sin(x);",
                "    return r + SCALE * square(x);",
                "  }",
                "",
                "  @Differentiable",
                "  static double square(double y) {",
                "    return y * y;",
                "  }",
                "}"));
    checkGolden(c, "overwritingLoop", "test.PowerDerivatives");
  }

  /** Arrays in and out, an enhanced for, a ternary and an instance method reading a field. */
  @Test
  void arraysAndInstance() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Model",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Model {",
                "  double k = 1.5;",
                "",
                "  @Differentiable",
                "  double[] scaled(double[] xs) {",
                "    double[] out = new double[xs.length];",
                "    int i = 0;",
                "    for (double x : xs) {",
                "      out[i++] = x > 0 ? k * x : Math.exp(x);",
                "    }",
                "    return out;",
                "  }",
                "}"));
    checkGolden(c, "arraysAndInstance", "test.ModelDerivatives");
  }

  /**
   * {@code wrt} a subset: the data {@code t} and what depends only on it ({@code s}) get no
   * tangent and no lane; the gradient has one column per parameter in wrt.
   */
  @Test
  void wrtSubset() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Decay",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Decay {",
                "  @Differentiable(wrt = {\"a\", \"b\"})",
                "  static double model(double a, double b, double t) {",
                "    double s = Math.sqrt(t);",
                "    return a * Math.exp(-b * s);",
                "  }",
                "}"));
    checkGolden(c, "wrtSubset", "test.DecayDerivatives");
  }

  /**
   * {@code order = 2}: {@code fTangent} (the tangent code differentiated again, tangents of the
   * second application ending in {@code _dot2}), its lane code, and the Hessian entry points.
   */
  @Test
  void secondOrder() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Potential",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Potential {",
                "  @Differentiable(order = 2)",
                "  static double energy(double x, double y) {",
                "    double r = x * y;",
                "    return Math.sin(r) + x / y;",
                "  }",
                "}"));
    checkGolden(c, "secondOrder", "test.PotentialDerivatives");
  }

  /**
   * A function with user tangent rules, one per argument, each reusing the function's value: in
   * the scalar core the partials multiply the tangents; in the lane core each partial is computed
   * once before the lane loop. The rules' class gets an index class for later compilations.
   */
  @Test
  void customRule() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Smooth",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "import org.dualj.annotations.TangentRule;",
                "",
                "class Smooth {",
                "  /** log(exp(a) + exp(b)) without overflow. */",
                "  static double logAddExp(double a, double b) {",
                "    double m = Math.max(a, b);",
                "    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));",
                "  }",
                "",
                "  @TangentRule(of = Smooth.class, method = \"logAddExp\", argument = 0)",
                "  static double dLogAddExpA(double a, double b, double v) {",
                "    return Math.exp(a - v);",
                "  }",
                "",
                "  @TangentRule(of = Smooth.class, method = \"logAddExp\", argument = 1)",
                "  static double dLogAddExpB(double a, double b, double v) {",
                "    return Math.exp(b - v);",
                "  }",
                "",
                "  @Differentiable",
                "  static double score(double x, double y, double t) {",
                "    double s = logAddExp(x / t, y);",
                "    s = logAddExp(s, 0.0);",
                "    return s * t;",
                "  }",
                "}"));
    checkGolden(c, "customRule", "test.SmoothDerivatives");
    checkGolden(c, "customRule", "org.dualj.rules.index.test_Smooth");
  }

  /**
   * Lane fusion: the lane loops of a straight-line run become one loop, with block-local tangents
   * for intermediates used only there. An index ({@code i}) and a variable ({@code a}) that an
   * earlier lane body reads and a later statement overwrites are copied before the overwrite; the
   * loop stays a run boundary, and {@code s} lives across it in the workspace.
   */
  @Test
  void laneFusion() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Fused",
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Fused {",
                "  @Differentiable",
                "  static double f(double[] x, double y) {",
                "    int i = 0;",
                "    double a = x[i] * y;",
                "    i = i + 1;",
                "    double b = x[i] * a;",
                "    double t = a * b;",
                "    a = Math.sin(t);",
                "    double s = a * t + b;",
                "    for (int j = 2; j < x.length; j++) {",
                "      double u = x[j] - s;",
                "      s += u * u;",
                "    }",
                "    return s;",
                "  }",
                "}"));
    checkGolden(c, "laneFusion", "test.FusedDerivatives");
  }

  private static void checkGolden(Compilation c, String test, String generatedClass) {
    assertThat(c).succeededWithoutWarnings();
    String generated = generatedText(c, generatedClass);
    Path golden = GOLDENS.resolve(test).resolve(generatedClass.substring(generatedClass.lastIndexOf('.') + 1) + ".java");
    try {
      if (Boolean.getBoolean("goldens.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, generated, StandardCharsets.UTF_8);
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      JavaFileObject expectedSource = JavaFileObjects.forSourceString(generatedClass, expected);
      assertThat(c).generatedSourceFile(generatedClass).hasSourceEquivalentTo(expectedSource);
      // Formatting and comments are part of the product too: compare the text exactly.
      assertWithMessage("text of %s (golden %s)", generatedClass, golden)
          .that(generated)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String generatedText(Compilation c, String generatedClass) {
    try {
      return c.generatedSourceFile(generatedClass)
          .orElseThrow(() -> new AssertionError("not generated: " + generatedClass))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
