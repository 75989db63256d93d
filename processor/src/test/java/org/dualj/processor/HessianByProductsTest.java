package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.dualj.runtime.Tape;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * {@code fHessian} of a method of one differentiated {@code double[]}: below
 * {@code Tape.HESSIAN_BY_PRODUCTS_FROM} columns by forward-over-forward lane passes, from there on
 * column by column as H·eᵢ by reverse over forward, the gradient from the same sweeps. Both
 * sides of the threshold against Richardson differences of the reverse gradient and the analytic
 * Hessian of a quadratic-plus-exponential model, the value against the primal, the gradient
 * against {@code fGradient}, exact symmetry, a reused workspace and a data parameter.
 */
class HessianByProductsTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 2, wrt = \"x\")",
            "  static double f(double[] x, double[] c) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double e = Math.exp(0.3 * x[i]);",
            "      s += c[i] * x[i] * x[(i + 1) % x.length] + e * e;",
            "    }",
            "    return s;",
            "  }",
            "}"));
  }

  /** ∂²f/∂xᵢ∂xⱼ of f = Σ cᵢ xᵢ x₍ᵢ₊₁₎ + e^{0.6 xᵢ}, for n ≥ 3. */
  private static double[][] analytic(double[] x, double[] c) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      h[i][j] += c[i];
      h[j][i] += c[i];
      h[i][i] += 0.36 * Math.exp(0.6 * x[i]);
    }
    return h;
  }

  @Test
  void bothSidesOfTheThresholdGiveTheHessian() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Model");
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = plain.getDeclaredMethod("f", double[].class, double[].class);
    f.setAccessible(true);
    Method hessian = d.getMethod("fHessian", double[].class, double[].class, double[].class,
        double[][].class, Workspace.class);
    Method gradient = d.getMethod("fGradient", double[].class, double[].class);
    Workspace work = new Workspace();
    // both sides of the threshold are in the range below
    assertThat(Tape.HESSIAN_BY_PRODUCTS_FROM).isAtLeast(4);
    assertThat(Tape.HESSIAN_BY_PRODUCTS_FROM).isAtMost(14);
    for (int n = 3; n <= 14; n++) {
      double[] x = new double[n];
      double[] cs = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 0.4 * Math.sin(1.3 * i + n) + 0.1;
        cs[i] = 1.0 + 0.25 * i;
      }
      double[] g = new double[n];
      double[][] h = new double[n][n];
      double value = (double) hessian.invoke(null, x.clone(), cs, g, h, n % 2 == 0 ? work : null);
      assertThat(value).isWithin(1e-13).of((double) f.invoke(null, x.clone(), cs));
      double[] expectedGradient = (double[]) gradient.invoke(null, x.clone(), cs);
      double[][] expected = analytic(x, cs);
      for (int i = 0; i < n; i++) {
        assertWithMessage("gradient[%s] at n = %s", i, n)
            .that(g[i]).isWithin(1e-13 * (1 + Math.abs(expectedGradient[i]))).of(expectedGradient[i]);
        for (int j = 0; j < n; j++) {
          assertWithMessage("H[%s][%s] at n = %s", i, j, n).that(h[i][j]).isWithin(1e-12).of(expected[i][j]);
          assertWithMessage("symmetry at n = %s", n).that(h[i][j]).isEqualTo(h[j][i]);
        }
      }
      // an independent check: Richardson differences of the gradient, a row at a time
      int row = n / 2;
      for (int j = 0; j < n; j++) {
        int col = j;
        double rich = Differences.richardson(
            v -> ((double[]) gradient.invoke(null, v, cs))[row], x, col);
        assertWithMessage("H[%s][%s] vs differences, n = %s", row, col, n)
            .that(h[row][col]).isWithin(1e-6 * (1 + Math.abs(rich))).of(rich);
      }
    }
    assertThat(work.tape().isEmpty()).isTrue();
    assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals("fHessianVectorReverse"))).isTrue();
  }
}
