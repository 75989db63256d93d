package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * An element assignment whose value reads elements of another array variable that is the same
 * array: {@code double[] b = a; b[0] = a[0] * a[1];}. The generated code used to order the value,
 * its tangent and its adjoint by variable names: the tangent code wrote {@code b[0]} and then read
 * {@code a[0]} for the partial (the new value), the lane code took the partials after the write,
 * and the reverse sweep cleared {@code b_bar[0]} after adding into {@code a_bar[0]}: three
 * different wrong gradients, with no message. Every element assignment now assumes that any
 * element its value reads may be the one it writes. The oracles are the analytic gradient of the
 * first method and Richardson-extrapolated central differences of the primal.
 */
class ArrayAliasOrderTest {

  private static final String[] METHODS = {"local", "rows", "condition", "callee", "copies"};

  private static Class<?>[] loaded() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Aliased",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Aliased {",
                "  @Differentiable static double local(double[] x) {",
                "    double[] a = x.clone();",
                "    double[] b = a;",
                "    b[0] = a[0] * a[1];",
                "    b[1] = a[1] / a[0];",
                "    b[2] = Math.exp(a[2]) * b[2] + Math.sin(a[0] * b[1]);",
                "    return a[0] * a[1] + b[2] * a[2];",
                "  }",
                "  // three names for one row",
                "  @Differentiable static double rows(double[] x) {",
                "    double[][] m = {x.clone(), x.clone()};",
                "    double[] r = m[1];",
                "    m[0] = r;",
                "    r[0] = m[0][0] * m[1][1];",
                "    m[0][1] = r[1] / m[1][0];",
                "    r[2] = Math.sqrt(m[1][0] * m[0][0] + r[2] * r[2]);",
                "    return m[0][0] + m[1][1] * r[2];",
                "  }",
                "  // one array or another, chosen at run time",
                "  @Differentiable static double condition(double[] x) {",
                "    double[] a = x.clone();",
                "    double s = 0;",
                "    for (int k = 0; k < 3; k++) {",
                "      double[] b = (k % 2 == 0) ? a : new double[] {1, 2, 3};",
                "      b[k] = a[k] * a[(k + 1) % 3] + Math.cos(b[k]);",
                "      s += b[k] * a[k];",
                "    }",
                "    return s;",
                "  }",
                "  @Differentiable(order = 2) static double g(double[] a, double[] b) {",
                "    a[0] = b[0] * b[1];",
                "    b[1] = Math.exp(a[1]) / b[0];",
                "    a[2] += a[0] * b[2];",
                "    return a[0] + a[1] * b[1] + a[2];",
                "  }",
                "  // two parameters of the callee given one array",
                "  @Differentiable(order = 2) static double callee(double[] x) {",
                "    double[] a = x.clone();",
                "    return g(a, a) + a[1] * a[2];",
                "  }",
                "  @Differentiable(order = 2) static double copies(double[] x) {",
                "    double[] a = x.clone();",
                "    double[] b = a;",
                "    b[0] = a[0] * a[1];",
                "    System.arraycopy(a, 0, b, 1, 2);",
                "    b[2] *= a[1];",
                "    return a[0] * a[1] * b[2] + a[2];",
                "  }",
                "}"));
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    return new Class<?>[] {classes.load("test.Aliased"), classes.load("test.AliasedDerivatives")};
  }

  private static final double[][] POINTS = {{0.3, 0.7, 1.1}, {1.3, -0.4, 0.9}, {0.5, 0.5, 2.0}};

  @Test
  void theFirstMethodsGradientsAreTheAnalyticOnes() throws Exception {
    Class<?> d = loaded()[1];
    for (double[] x : POINTS) {
      // a = (x0 x1, 1/x0, x2 e^x2 + sin x1), f = x1 + a2²
      double s = x[2] * Math.exp(x[2]) + Math.sin(x[1]);
      double[] expected = {0, 1 + 2 * s * Math.cos(x[1]), 2 * s * (1 + x[2]) * Math.exp(x[2])};
      double[] lanes = (double[]) d.getMethod("localGradient", double[].class).invoke(null, (Object) x.clone());
      double[] reverse =
          (double[]) d.getMethod("localGradientReverse", double[].class).invoke(null, (Object) x.clone());
      for (int i = 0; i < 3; i++) {
        double tol = 1e-13 * (1 + Math.abs(expected[i]));
        assertThat(scalarTangent(d, "local", x, i)).isWithin(tol).of(expected[i]);
        assertThat(lanes[i]).isWithin(tol).of(expected[i]);
        assertThat(reverse[i]).isWithin(tol).of(expected[i]);
      }
    }
  }

  @Test
  void everyModeAgreesWithRichardsonThroughAliases() throws Exception {
    Class<?>[] c = loaded();
    for (String name : METHODS) {
      Method plain = c[0].getDeclaredMethod(name, double[].class);
      plain.setAccessible(true);
      double[] x0 = POINTS[0];
      Method reverse = reverseOf(c[1], name);
      for (double[] x : POINTS) {
        double[] lanes =
            (double[]) c[1].getMethod(name + "Gradient", double[].class).invoke(null, (Object) x.clone());
        for (int i = 0; i < x.length; i++) {
          double oracle = ReverseIndexTest.richardson(plain, x, i);
          double tol = 1e-6 * (1 + Math.abs(oracle));
          assertThat(lanes[i]).isWithin(tol).of(oracle);
          assertThat(scalarTangent(c[1], name, x, i)).isWithin(tol).of(oracle);
        }
        if (reverse != null) {
          double[] rev = (double[]) reverse.invoke(null, (Object) x.clone());
          for (int i = 0; i < x.length; i++) {
            assertThat(rev[i]).isWithin(1e-13 * (1 + Math.abs(lanes[i]))).of(lanes[i]);
          }
        }
      }
      assertThat(x0).isEqualTo(POINTS[0]);
    }
  }

  @Test
  void secondDerivativesThroughAliasesAreThoseOfTheGradient() throws Exception {
    Class<?> d = loaded()[1];
    for (String name : new String[] {"callee", "copies"}) {
      Method gradient = d.getMethod(name + "Gradient", double[].class);
      Method hessian = d.getMethod(name + "Hessian", double[].class);
      for (double[] x : POINTS) {
        double[][] h = (double[][]) hessian.invoke(null, (Object) x.clone());
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            double oracle = Differences.gradientDifference(gradient, x, i, j);
            assertThat(h[i][j]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
          }
        }
      }
    }
  }

  @Test
  void reverseModeIsGeneratedForTheLocalAliases() throws Exception {
    Class<?> d = loaded()[1];
    for (String name : new String[] {"local", "rows", "condition", "copies"}) {
      assertThat(reverseOf(d, name)).isNotNull();
    }
  }

  private static Method reverseOf(Class<?> d, String name) {
    try {
      return d.getMethod(name + "GradientReverse", double[].class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The derivative along unit vector {@code i} from the generated {@code Dual[]} form. */
  private static double scalarTangent(Class<?> d, String name, double[] x, int i) throws Exception {
    Dual[] in = new Dual[x.length];
    for (int j = 0; j < x.length; j++) {
      in[j] = Dual.of(x[j], j == i ? 1 : 0);
    }
    return ((Dual) d.getMethod(name, Dual[].class).invoke(null, (Object) in)).tangent();
  }
}
