package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode for constructs it once left to forward mode: calls in an integer compound
 * assignment's value ({@code k += bucket(x)}, also into an element), calls in a {@code for}
 * update, {@code ++}/{@code --} in the conditions of {@code if}, {@code while} and {@code for},
 * and calls of private differentiated methods that take or return arrays (one of them writing its
 * argument). Each gradient equals forward mode to 1e-13 relative and Richardson differences of
 * the plain method, with analytic gradients for two; an increment that runs only under a
 * condition ({@code a && k++ < n}), whose splitting would change when it runs, keeps the method
 * in forward mode with a note (a {@code try} no longer does: {@code ReverseTryTest}).
 */
class ReverseConstructsTest {

  private static final String[] SOURCE = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "class Constructs {",
    "  private static int bucket(double v) { return v > 0 ? 2 : 1; }",
    "  @Differentiable static double compoundCall(double[] x) {",
    "    int k = 0;",
    "    int[] counts = new int[3];",
    "    double s = 0;",
    "    for (int i = 0; i < x.length; i++) {",
    "      k += bucket(x[i]);",
    "      counts[i % 3] += bucket(x[i] * x[0]);",
    "      s += Math.sin(x[i]) * k * counts[i % 3];",
    "    }",
    "    return s;",
    "  }",
    "  private static int next(int i) { return i + 2; }",
    "  @Differentiable static double step(double v) { return v * 0.5 + Math.cos(v); }",
    "  @Differentiable static double forUpdate(double[] x) {",
    "    double s = 0;",
    "    double u = x[0];",
    "    for (int i = 0; i < x.length; i = next(i), u = step(u)) {",
    "      s += x[i] * u;",
    "    }",
    "    return s + u;",
    "  }",
    "  // Σ x[k] x[k-1] over k = 1 … n-1, times n",
    "  @Differentiable static double whileIncrement(double[] x) {",
    "    int k = 0;",
    "    double s = 0;",
    "    while (k++ < x.length - 1) {",
    "      s += x[k] * x[k - 1];",
    "    }",
    "    return s * k;",
    "  }",
    "  @Differentiable static double incrementsInConditions(double[] x) {",
    "    int j = 0;",
    "    double s = x[2];",
    "    if (j++ == 0 && x[0] > -10) s *= x[j];",
    "    if (--j > 0) s += x[3];",
    "    for (int m = 0; m-- > -2; ) s += m * x[1] * x[4];",
    "    int n = 3;",
    "    while (--n > 0) {",
    "      if (n == 1) continue;",
    "      s = s * x[n];",
    "    }",
    "    return s;",
    "  }",
    "  private static double[] twice(double[] a) {",
    "    double[] r = new double[a.length];",
    "    for (int i = 0; i < a.length; i++) r[i] = 2 * a[i] * a[i];",
    "    return r;",
    "  }",
    "  private static double dot(double[] a, double[] b) {",
    "    double s = 0;",
    "    for (int i = 0; i < a.length; i++) s += a[i] * b[i];",
    "    a[0] = s;",
    "    return s;",
    "  }",
    "  // t = 2x², u0 = x·t: f = (x·t)² + t1",
    "  @Differentiable static double privates(double[] x) {",
    "    double[] t = twice(x);",
    "    double[] u = x.clone();",
    "    double d = dot(u, t);",
    "    return d * u[0] + t[1];",
    "  }",
    "  @Differentiable static double conditional(double[] x) {",
    "    int k = 0;",
    "    double s = 0;",
    "    if (x[0] > 0 && k++ < 3) s = x[1];",
    "    return s * k + x[0];",
    "  }",
    "  @Differentiable static double tries(double[] x) {",
    "    try {",
    "      return Math.log(x[0]);",
    "    } catch (RuntimeException e) {",
    "      return x[1];",
    "    }",
    "  }",
    "}"
  };

  private static final Compilation COMPILATION =
      Compilations.compile(Compilations.source("Constructs", SOURCE));
  private static final ReverseChecks CHECKS =
      new ReverseChecks(new CompiledClasses(COMPILATION), "test.Constructs");

  private static final double[][] POINTS = {
    {0.3, -0.7, 0.2, 0.5, 0.9}, {1.1, 0.4, -0.5, 0.8, -0.3}, {-0.6, 0.25, 0.8, -1.3, 0.45}
  };

  @Test
  void reverseGradientsEqualForwardAndRichardson() throws Exception {
    assertThat(COMPILATION).succeeded();
    for (double[] p : POINTS) {
      for (String m : new String[] {"compoundCall", "forUpdate", "whileIncrement",
          "incrementsInConditions", "privates"}) {
        CHECKS.check(m, (Object) p.clone());
      }
    }
  }

  @Test
  void analyticGradients() throws Exception {
    for (double[] x : POINTS) {
      int n = x.length;
      double[] expected = new double[n];
      for (int k = 1; k < n; k++) {
        expected[k] += n * x[k - 1];
        expected[k - 1] += n * x[k];
      }
      assertThat(CHECKS.reverse("whileIncrement", (Object) x.clone()))
          .usingTolerance(1e-13).containsExactly(expected).inOrder();
      double d = 0;
      for (double v : x) {
        d += 2 * v * v * v;
      }
      double[] privates = new double[n];
      for (int i = 0; i < n; i++) {
        privates[i] = 2 * d * 6 * x[i] * x[i] + (i == 1 ? 4 * x[1] : 0);
      }
      assertThat(CHECKS.reverse("privates", (Object) x.clone()))
          .usingTolerance(1e-12).containsExactly(privates).inOrder();
    }
  }

  @Test
  void anIncrementUnderAConditionKeepsForwardModeWithANote() throws Exception {
    List<String> notes = COMPILATION.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
        .map(d -> d.getMessage(null))
        .filter(m -> m.contains("[DiffReverseUnsupported]"))
        .toList();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0)).contains("++ or -- evaluated only under a condition (line 69)");
    assertThat(CHECKS.derivatives().getMethod("triesGradientReverse", double[].class)).isNotNull();
    assertThat(CHECKS.derivatives().getMethod("conditionalGradient", double[].class)).isNotNull();
  }
}
