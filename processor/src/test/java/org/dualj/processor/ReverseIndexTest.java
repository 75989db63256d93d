package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * An element assignment whose index reads an element of the array it writes, {@code
 * a[(int) a[2] % 3] = v}: the reverse sweep starts from the state after the assignment, in which
 * the element the index read may be overwritten, so the index is computed once in the forward
 * sweep. Found by the fuzzer (program 7399993694216324588); before the fix the reverse gradient
 * of the first method was (1, 6) instead of (6, 1), silently. The oracle is the analytic gradient.
 */
class ReverseIndexTest {

  private static Class<?>[] loaded() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Indexed",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Indexed {",
                "  // y = 1.2: the index reads a[2] = y and writes a[2] = x²",
                "  @Differentiable static double f(double x, double y) {",
                "    double[] a = {x, 0.5, y};",
                "    a[(int) Math.abs(a[2] * 2) % 3] = x * x;",
                "    return a[0] + a[1] * 3 + a[2] * 5 + y;",
                "  }",
                "  // compound, the same element read on both sides, in a loop through an alias",
                "  @Differentiable static double g(double[] v) {",
                "    double[] a = v.clone();",
                "    double[] b = a;",
                "    for (int k = 0; k < 4; k++) {",
                "      a[(int) Math.abs(b[k] * 3) % 4] += a[(int) Math.abs(b[k] * 3) % 4] * v[k];",
                "    }",
                "    return a[0] + 3 * a[1] + 5 * a[2] + 7 * a[3];",
                "  }",
                "  // a matrix row chosen by an element of the matrix",
                "  @Differentiable static double h(double[] v) {",
                "    double[][] m = {{v[0], v[1]}, {v[2], v[3]}};",
                "    m[(int) Math.abs(m[0][0] * 3) % 2][0] = v[1] * v[2];",
                "    return m[0][0] + 3 * m[0][1] + 5 * m[1][0] + 7 * m[1][1];",
                "  }",
                "}"));
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    return new Class<?>[] {classes.load("test.Indexed"), classes.load("test.IndexedDerivatives")};
  }

  @Test
  void reverseGradientsComputeTheIndexBeforeTheElementItReadIsOverwritten() throws Exception {
    Class<?> d = loaded()[1];
    Method fReverse = d.getMethod("fGradientReverse", double.class, double.class, double[].class,
        org.dualj.runtime.Workspace.class);
    for (double[] p : new double[][] {{0.5, 1.2}, {0.3, 0.4}, {-0.8, 0.6}}) {
      double x = p[0];
      double y = p[1];
      int k = (int) Math.abs(y * 2) % 3;
      // a = (x, 0.5, y) with a[k] = x²; f = a0 + 3 a1 + 5 a2 + y
      double[] weights = {1, 3, 5};
      double dx = (k == 0 ? 2 * x : 1) + (k == 0 ? 0 : weights[k] * 2 * x);
      double dy = (k == 2 ? 0 : 5) + 1;
      double[] g = new double[2];
      fReverse.invoke(null, x, y, g, null);
      assertThat(g[0]).isWithin(1e-14).of(dx);
      assertThat(g[1]).isWithin(1e-14).of(dy);
    }
  }

  @Test
  void reverseEqualsForwardAndRichardsonForIndicesReadFromTheWrittenArray() throws Exception {
    Class<?>[] c = loaded();
    for (String name : new String[] {"g", "h"}) {
      Method plain = c[0].getDeclaredMethod(name, double[].class);
      plain.setAccessible(true);
      Method forward = c[1].getMethod(name + "Gradient", double[].class);
      Method reverse = c[1].getMethod(name + "GradientReverse", double[].class, double[].class,
          org.dualj.runtime.Workspace.class);
      for (double[] v : new double[][] {{0.5, 0.7, 1.2, 0.3}, {0.9, -0.2, 0.45, 1.1}}) {
        double[] fwd = (double[]) forward.invoke(null, (Object) v.clone());
        double[] rev = new double[v.length];
        reverse.invoke(null, v.clone(), rev, null);
        for (int i = 0; i < v.length; i++) {
          double richardson = richardson(plain, v, i);
          assertThat(fwd[i]).isWithin(1e-7 * (1 + Math.abs(richardson))).of(richardson);
          assertThat(rev[i]).isWithin(1e-13 * (1 + Math.abs(fwd[i]))).of(fwd[i]);
        }
      }
    }
  }

  /** Central differences at h and h/2, extrapolated: error O(h⁴) where f is smooth. */
  static double richardson(Method f, double[] v, int i) throws Exception {
    return Differences.richardson(x -> (double) f.invoke(null, (Object) x), v, i);
  }
}
