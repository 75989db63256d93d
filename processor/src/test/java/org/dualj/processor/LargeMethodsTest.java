package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.DifferentiableErrorsTest.HERE;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.DifferentiableErrorsTest.Mistake;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Long straight-line methods: their generated code must either compile and give the right
 * derivatives, or be reported at the method before javac meets a generated method over the JVM's
 * 64 KB limit ("code too large").
 */
class LargeMethodsTest {
  /** {@code s_k = s_(k-1) * 0.999 + sin(s_(k-1) * y) * 0.001}, from s_0 = x; returns s_n. */
  private static String[] source(int order, int statements) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Model {");
    lines.add("  @Differentiable(order = " + order + ")");
    lines.add("  static double f(double x, double y) { " + HERE);
    lines.add("    double s0 = x;");
    for (int k = 1; k <= statements; k++) {
      lines.add("    double s" + k + " = s" + (k - 1) + " * 0.999 + Math.sin(s" + (k - 1) + " * y) * 0.001;");
    }
    lines.add("    return s" + statements + ";");
    lines.add("  }");
    lines.add("}");
    return lines.toArray(String[]::new);
  }

  @Test
  void tooLargeAtOrderOneIsReportedAtTheMethod() {
    DifferentiableErrorsTest.assertReportedAtItsLine(
        new Mistake("500 statements", "DiffMethodTooLarge", "Split this method", 1, source(1, 500)));
  }

  @Test
  void tooLargeAtOrderTwoIsReportedAtTheMethod() {
    DifferentiableErrorsTest.assertReportedAtItsLine(
        new Mistake("300 statements, order 2", "DiffMethodTooLarge", "65,535 bytes", 1, source(2, 300)));
  }

  /** Well under the limit, a long method compiles and its derivatives follow the recurrence. */
  @Test
  void longMethodUnderTheLimitIsDifferentiated() throws Exception {
    int n = 150;
    String[] lines = source(1, n);
    lines[4] = lines[4].replace(HERE, "");
    Compilation c = Compilations.compile(Compilations.source("Model", lines));
    assertThat(c).succeededWithoutWarnings();
    double x = 0.8;
    double y = 1.3;
    double s = x;
    double sx = 1;
    double sy = 0;
    for (int k = 1; k <= n; k++) {
      double cos = Math.cos(s * y) * 0.001;
      double nx = sx * (0.999 + cos * y);
      double ny = sy * (0.999 + cos * y) + cos * s;
      s = s * 0.999 + Math.sin(s * y) * 0.001;
      sx = nx;
      sy = ny;
    }
    double[] g =
        (double[])
            new CompiledClasses(c)
                .load("test.ModelDerivatives")
                .getMethod("fGradient", double.class, double.class)
                .invoke(null, x, y);
    assertThat(g).usingTolerance(1e-12).containsExactly(sx, sy).inOrder();
    Dual d =
        (Dual)
            new CompiledClasses(c)
                .load("test.ModelDerivatives")
                .getMethod("f", Dual.class, Dual.class)
                .invoke(null, Dual.of(x, 1), Dual.of(y, 0));
    assertThat(d.value()).isWithin(1e-12).of(s);
  }
}
