package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Which methods get reverse-mode code, the note on those that do not, and the shape of the
 * generated adjoint (what the forward sweep records).
 */
class ReverseModeTest {

  private static List<String> methodNames(Compilation c, String className) throws Exception {
    Class<?> k = new CompiledClasses(c).load(className);
    return Arrays.stream(k.getMethods()).map(Method::getName).toList();
  }

  private static String generated(Compilation c, String name) throws Exception {
    return c.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void constructsReverseModeDoesNotHandleGetANoteAndKeepForwardMode() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable",
                "  static double writes(double[] x) {",
                "    x[0] = x[0] * x[1];",
                "    return x[0];",
                "  }",
                "  @Differentiable",
                "  static double tries(double x) {",
                "    try {",
                "      double[] a = {x, 2 * x};",
                "      return twice(a) * x;",
                "    } catch (RuntimeException e) {",
                "      return x;",
                "    }",
                "  }",
                "  @Differentiable",
                "  static double callsTries(double x) {",
                "    return tries(x) * x;",
                "  }",
                "  @Differentiable",
                "  static double twice(double[] a) {",
                "    a[0] *= 2;",
                "    return a[0] + a[1];",
                "  }",
                "  @Differentiable",
                "  static double fine(double x, double y) {",
                "    return x * y;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    List<String> notes =
        c.diagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
            .map(d -> d.getMessage(null))
            .filter(m -> m.contains("[DiffReverseUnsupported]"))
            .toList();
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0)).contains("a call that may write into an array, inside a try (line 13)");
    assertThat(notes.get(0)).contains("triesGradient stays in forward mode");
    assertThat(notes.get(1)).contains("a call of tries, which has no reverse mode");
    List<String> names = methodNames(c, "test.ModelDerivatives");
    assertThat(names).containsAtLeast("writesGradient", "writesGradientReverse", "triesGradient",
        "fineGradientReverse", "fineAdjoint");
    assertThat(names).containsNoneOf("triesGradientReverse", "callsTriesGradientReverse");
  }

  @Test
  void theForwardSweepRecordsOnlyWhatTheReverseSweepReadsAndAForwardOverwrites() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable",
                "  static double sum(double[] x) {",
                "    double s = 0;",
                "    for (int i = 0; i < x.length; i++) {",
                "      double t = x[i] * x[i];",
                "      s += t;",
                "    }",
                "    return s * s;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    String code = generated(c, "test.ModelDerivatives");
    // (the result reads the sum: the loop's reverse stays in the reverse sweep, see TripAdjointsTest)
    String adjoint = code.substring(code.indexOf("static double sumAdjoint"));
    adjoint = adjoint.substring(0, adjoint.indexOf("\n    }\n"));
    // t only feeds a sum: its old values are not needed; i is undone by i--, not recorded
    assertThat(adjoint).doesNotContain("pushDouble");
    assertThat(adjoint).contains("i--;");
    assertThat(adjoint).contains("x_bar[i] += x[i] * ");
    Class<?> k = new CompiledClasses(c).load("test.ModelDerivatives");
    Method g = k.getMethod("sumGradientReverse", double[].class, double[].class, Workspace.class);
    double[] out = new double[3];
    Workspace work = new Workspace();
    Object value = g.invoke(null, new double[] {1, 2, 3}, out, work);
    assertThat((Double) value).isEqualTo(196.0);
    // 2 s · 2 x_i with s = 14
    assertThat(out).usingExactEquality().containsExactly(56.0, 112.0, 168.0).inOrder();
    assertThat(work.tape().isEmpty()).isTrue();
  }

  @Test
  void aStraightLineMethodNeedsNoRecordsAtAll() throws Exception {
    Compilation c =
        compile(
            source(
                "Seed",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
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
    assertThat(c).succeeded();
    String code = generated(c, "test.SeedDerivatives");
    String adjoint = code.substring(code.indexOf("static double fAdjoint"));
    adjoint = adjoint.substring(0, adjoint.indexOf("\n    }\n"));
    assertThat(adjoint).doesNotContain("push");
    assertThat(adjoint).doesNotContain("pop");
    assertThat(adjoint).contains("// reverse sweep");
    assertThat(adjoint).contains("// line 6: double v1 = x1 / x2;");
  }
}
