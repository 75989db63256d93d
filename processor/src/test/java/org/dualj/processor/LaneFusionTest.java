package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dualj.runtime.Dual;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lane-loop fusion ({@code LaneFusion}): runs of lane code become one loop, except across a
 * statement that writes what an earlier lane body reads (an overwritten index or variable, an
 * array element) or reads what it writes (an alias, a clone). Every Jacobian column must be bit
 * for bit the scalar tangent along that input, and agree with Richardson-extrapolated central
 * differences of the plain method.
 */
class LaneFusionTest {
  private static Compilation compilation;
  private static Class<?> plain;
  private static Class<?> derivatives;

  @BeforeAll
  static void compile() {
    compilation =
        Compilations.compile(
            Compilations.source(
                "Shapes",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Shapes {",
                "  /** The index of the lanes read before is overwritten between two runs. */",
                "  @Differentiable",
                "  static double overwrittenIndex(double[] x) {",
                "    int i = 0;",
                "    double a = x[i] * x[i + 1];",
                "    i = i + 2;",
                "    double b = x[i] * a;",
                "    i--;",
                "    double c = a * x[i] + b;",
                "    i += 1;",
                "    return c * b - x[i];",
                "  }",
                "",
                "  /** A variable read by an earlier lane body (a partial) is overwritten. */",
                "  @Differentiable",
                "  static double overwrittenVariable(double[] x) {",
                "    double t = x[0] * x[1];",
                "    double u = t * x[2];",
                "    t = Math.sin(u);",
                "    double v = t * u;",
                "    t = t * t;",
                "    u /= t + 2.0;",
                "    return v + t * u;",
                "  }",
                "",
                "  /** Overwriting inside a loop body, in all three orders of value and tangent. */",
                "  @Differentiable",
                "  static double overwrittenInLoop(double[] x) {",
                "    double r = 1;",
                "    for (int i = 0; i < x.length; i++) {",
                "      double q = r * x[i];",
                "      r = q + Math.exp(-r);",
                "      r *= x[i];",
                "      r = x[i] / r;",
                "    }",
                "    return r;",
                "  }",
                "",
                "  /** Element writes into an array whose elements earlier lane bodies read. */",
                "  @Differentiable",
                "  static double[] elementWrites(double[] x) {",
                "    double[] w = x.clone();",
                "    w[0] = w[0] * w[1];",
                "    double a = w[0] + w[1];",
                "    w[1] = a * w[0];",
                "    w[0] = w[1] / a;",
                "    int j = 2;",
                "    w[j] = w[j - 1] * w[j];",
                "    j = 0;",
                "    w[j] = w[j] * w[2];",
                "    return w;",
                "  }",
                "",
                "  /** An index read from an inactive int array, and rewritten from it. */",
                "  @Differentiable",
                "  static double dataIndex(double[] x, int[] idx) {",
                "    int j = idx[0];",
                "    double a = x[j] * x[j];",
                "    j = idx[1];",
                "    double b = a * x[j];",
                "    j = idx[2];",
                "    return b * x[j] + a;",
                "  }",
                "",
                "  /** A clone taken after an element write through the same array. */",
                "  @Differentiable",
                "  static double[] cloneAfterWrite(double[] x) {",
                "    double[] w = x.clone();",
                "    w[0] = w[0] * w[1];",
                "    double[] c = w.clone();",
                "    w[1] = c[0] * 2.0;",
                "    c[2] = w[1] * c[2];",
                "    return c;",
                "  }",
                "",
                "  /** Locals named like the lane index and width of generated code. */",
                "  @Differentiable",
                "  static double namesKP(double[] x) {",
                "    double k = x[0] * 2.0;",
                "    double p = k * x[1];",
                "    double ws = p * k;",
                "    return ws + Math.log(p * p + 1.0);",
                "  }",
                "",
                "  /** A ternary and an if between runs. */",
                "  @Differentiable",
                "  static double branches(double[] x) {",
                "    double a = x[0] * x[1];",
                "    double b = a > 0 ? a * x[2] : x[2];",
                "    if (b > a) {",
                "      a = a * b;",
                "    }",
                "    return a * b;",
                "  }",
                "",
                "  /** Chained Rosenbrock over many inputs: several passes of at most 12 lanes. */",
                "  @Differentiable",
                "  static double chained(double[] x) {",
                "    double s = 0;",
                "    for (int i = 0; i + 1 < x.length; i++) {",
                "      double d = x[i + 1] - x[i] * x[i];",
                "      double e = 1.0 - x[i];",
                "      s += 100.0 * d * d + e * e;",
                "    }",
                "    return s;",
                "  }",
                "",
                "  /** Calls of another method's lane core between runs. */",
                "  @Differentiable",
                "  static double calls(double[] x) {",
                "    double a = x[0] * x[1];",
                "    double b = square(a) + a;",
                "    a = square(b * x[2]);",
                "    return a + b;",
                "  }",
                "",
                "  @Differentiable",
                "  static double square(double y) {",
                "    return y * y;",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    plain = classes.load("test.Shapes");
    derivatives = classes.load("test.ShapesDerivatives");
  }

  @Test
  void overwrittenIndex() throws Exception {
    checkGradient("overwrittenIndex", 4);
  }

  @Test
  void overwrittenVariable() throws Exception {
    checkGradient("overwrittenVariable", 3);
  }

  @Test
  void overwrittenInLoop() throws Exception {
    checkGradient("overwrittenInLoop", 5);
  }

  @Test
  void elementWrites() throws Exception {
    checkJacobian("elementWrites", 3);
  }

  @Test
  void cloneAfterWrite() throws Exception {
    checkJacobian("cloneAfterWrite", 3);
  }

  @Test
  void namesLikeTheLaneIndexAndWidth() throws Exception {
    checkGradient("namesKP", 2);
  }

  @Test
  void branches() throws Exception {
    checkGradient("branches", 3);
  }

  @Test
  void severalPasses() throws Exception {
    checkGradient("chained", 30);
  }

  @Test
  void callsOfLaneCores() throws Exception {
    checkGradient("calls", 3);
  }

  @Test
  void indexFromData() throws Exception {
    Random random = new Random(5);
    for (int[] idx : new int[][] {{0, 1, 2}, {2, 2, 0}, {1, 0, 1}}) {
      for (int trial = 0; trial < 3; trial++) {
        double[] x = point(random, 3);
        // the lane gradient (at 3 columns fGradient may already take reverse mode)
        double[] g = new double[3];
        derivatives
            .getMethod("dataIndexGradientForward", double[].class, int[].class, double[].class, Workspace.class)
            .invoke(null, x, idx, g, null);
        Method tangent = derivatives.getMethod("dataIndex", double[].class, double[].class, int[].class);
        Method f = plain.getDeclaredMethod("dataIndex", double[].class, int[].class);
        f.setAccessible(true);
        for (int col = 0; col < 3; col++) {
          final int j = col;
          double t = ((Dual) tangent.invoke(null, x, unit(3, j), idx)).tangent();
          assertThat(g[j]).isEqualTo(t);
          double r = richardson(h -> (double) f.invoke(null, shifted(x, j, h), idx), x[j]);
          assertThat(g[j]).isWithin(1e-6 * Math.max(1, Math.abs(r))).of(r);
        }
      }
    }
  }

  /** The golden-style check that fusion happened at all: one lane loop per loop body here. */
  @Test
  void loopBodyIsOneLaneLoop() throws Exception {
    String source =
        compilation
            .generatedSourceFile("test.ShapesDerivatives")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    String core = method(source, "public static double chainedLanes(");
    // the s lane is initialised and returned outside the loop; the body has one loop over k
    assertThat(count(core, "for (int k = 0; k < p; k++)")).isEqualTo(3);
    assertThat(core).contains("Lanes.workspace(1, p)");
    assertThat(core).contains("double d_dot = ");
    assertThat(core).contains("double e_dot = ");
  }

  // ---------------------------------------------------------------- helpers

  private static void checkGradient(String name, int n) throws Exception {
    // the lane gradient (fGradient itself switches to reverse mode from Tape.REVERSE_FROM columns)
    Method lanes =
        derivatives.getMethod(name + "GradientForward", double[].class, double[].class, Workspace.class);
    Method tangent = derivatives.getMethod(name, double[].class, double[].class);
    Method f = plain.getDeclaredMethod(name, double[].class);
    f.setAccessible(true);
    Random random = new Random(name.hashCode());
    for (int trial = 0; trial < 4; trial++) {
      double[] x = point(random, n);
      double[] g = new double[n];
      lanes.invoke(null, x, g, null);
      for (int col = 0; col < n; col++) {
        final int j = col;
        double t = ((Dual) tangent.invoke(null, x, unit(n, j))).tangent();
        assertWithMessage("%s column %s at trial %s", name, j, trial).that(g[j]).isEqualTo(t);
        double r = richardson(h -> (double) f.invoke(null, (Object) shifted(x, j, h)), x[j]);
        assertWithMessage("%s column %s against Richardson", name, j)
            .that(g[j])
            .isWithin(1e-6 * Math.max(1, Math.abs(r)))
            .of(r);
      }
    }
  }

  private static void checkJacobian(String name, int n) throws Exception {
    Method jacobian = derivatives.getMethod(name + "Jacobian", double[].class);
    Method tangent = derivatives.getMethod(name, double[].class, double[].class);
    Method f = plain.getDeclaredMethod(name, double[].class);
    f.setAccessible(true);
    Random random = new Random(name.hashCode());
    for (int trial = 0; trial < 4; trial++) {
      double[] x = point(random, n);
      double[] before = x.clone();
      double[][] jac = (double[][]) jacobian.invoke(null, (Object) x);
      assertThat(x).usingExactEquality().containsExactly(before).inOrder();
      for (int col = 0; col < n; col++) {
        final int j = col;
        Dual[] t = (Dual[]) tangent.invoke(null, x.clone(), unit(n, j));
        for (int i = 0; i < t.length; i++) {
          final int row = i;
          assertWithMessage("%s (%s, %s)", name, i, j).that(jac[i][j]).isEqualTo(t[i].tangent());
          double r = richardson(h -> ((double[]) f.invoke(null, (Object) shifted(x, j, h)))[row], x[j]);
          assertWithMessage("%s (%s, %s) against Richardson", name, i, j)
              .that(jac[i][j])
              .isWithin(1e-6 * Math.max(1, Math.abs(r)))
              .of(r);
        }
      }
    }
  }

  private static double[] point(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.3 + random.nextDouble();
    }
    return x;
  }

  private static double[] unit(int n, int j) {
    double[] e = new double[n];
    e[j] = 1.0;
    return e;
  }

  private static double[] shifted(double[] x, int j, double h) {
    double[] y = x.clone();
    y[j] += h;
    return y;
  }

  private interface Fn {
    double at(double h) throws Exception;
  }

  /** Central differences extrapolated twice (steps h, h/2, h/4). */
  private static double richardson(Fn f, double x) throws Exception {
    double h = 1e-3 * Math.max(1, Math.abs(x));
    double[] d = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = h / (1 << i);
      d[i] = (f.at(s) - f.at(-s)) / (2 * s);
    }
    double r1 = (4 * d[1] - d[0]) / 3;
    double r2 = (4 * d[2] - d[1]) / 3;
    return (16 * r2 - r1) / 15;
  }

  private static String method(String source, String signature) {
    int start = source.indexOf(signature);
    assertWithMessage("generated %s", signature).that(start).isAtLeast(0);
    int end = source.indexOf("\n    }\n", start);
    return source.substring(start, end);
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
