package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Void methods whose outputs are the arrays they write (issue #11): a {@code @Differentiable}
 * ODE right-hand side {@code rhs(t, y, dydt)}, private helpers such as {@code axpy}, called from
 * differentiated methods at orders 1 and 2, over several passes; the errors for an output left out
 * of {@code wrt} and for a void method with nothing to write.
 */
class VoidMethodsTest {

  private static final String[] MODEL = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "class Model {",
    "  @Differentiable(order = 2)",
    "  static void rhs(double t, double[] y, double[] dydt) {",
    "    if (y.length != dydt.length) throw new IllegalArgumentException(\"lengths differ\");",
    "    for (int i = 0; i < y.length; i++) {",
    "      if (i == 0) { dydt[i] = t * y[y.length - 1]; continue; }",
    "      dydt[i] = y[i - 1] * y[i];",
    "      if (i == 5) return;", // an early return: later elements are left as they were
    "    }",
    "  }",
    "  private static void axpy(double a, double[] x, double[] y) {",
    "    for (int i = 0; i < x.length; i++) {",
    "      y[i] += a * x[i];",
    "    }",
    "  }",
    "  private static void fill(double[] out, double v) {",
    "    java.util.Arrays.fill(out, v);",
    "  }",
    // g(y) = Σ (y + h·f(y))_i² with f the rhs at t = 2 and h = y[0]
    "  @Differentiable(order = 2, chunk = 2)",
    "  static double g(double[] y) {",
    "    double[] f = new double[y.length];",
    "    fill(f, 0.0);", // inactive arguments: the helper runs on values only
    "    rhs(2.0, y, f);",
    "    double[] next = y.clone();",
    "    axpy(y[0], f, next);",
    "    double s = 0;",
    "    for (double v : next) s += v * v;",
    "    return s;",
    "  }",
    "}"
  };

  /** The same g written without calls, differentiated by hand below. */
  private static double[] f(double t, double[] y) {
    double[] d = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (i == 0) {
        d[i] = t * y[y.length - 1];
        continue;
      }
      d[i] = y[i - 1] * y[i];
      if (i == 5) {
        break;
      }
    }
    return d;
  }

  private static double g(double[] y) {
    double[] d = f(2.0, y);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double v = y[i] + y[0] * d[i];
      s += v * v;
    }
    return s;
  }

  @Test
  void gradientAndHessianFlowThroughTheWrittenArrays() throws Exception {
    Compilation c = compile(source("Model", MODEL));
    assertThat(c).succeeded();
    assertThat(c.errors()).isEmpty();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.ModelDerivatives");
    Method grad = d.getMethod("gGradient", double[].class);
    Method hess = d.getMethod("gHessian", double[].class);
    for (double[] y : new double[][] {
        {0.3, -0.7, 1.1, 0.4, -1.3, 0.9, 0.2}, {1.2, 0.5, -0.3}, {-0.4, 0.8, 0.6, -1.0, 0.25, -0.5, 1.5, 0.1}}) {
      double[] grd = (double[]) grad.invoke(null, (Object) y.clone());
      double[][] h = (double[][]) hess.invoke(null, (Object) y.clone());
      for (int i = 0; i < y.length; i++) {
        final int ii = i;
        double expected = TangentTableRulesTest.richardson(t -> g(shift(y, ii, t)));
        assertThat(grd[i]).isWithin(1e-7 * Math.max(1, Math.abs(expected))).of(expected);
        for (int k = 0; k < y.length; k++) {
          final int kk = k;
          // the Hessian's row i: Richardson differences of the generated gradient's entry k
          double second = TangentTableRulesTest.richardson(t -> {
            try {
              return ((double[]) grad.invoke(null, (Object) shift(y, ii, t)))[kk];
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
          });
          assertThat(h[i][k]).isWithin(1e-6 * Math.max(1, Math.abs(second))).of(second);
          assertThat(h[i][k]).isEqualTo(h[k][i]);
        }
      }
    }
  }

  @Test
  void theUnboxedCoreWritesValuesAndTangentsAndThrowsAsThePrimal() throws Exception {
    Compilation c = compile(source("Model", MODEL));
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.ModelDerivatives");
    Method core = d.getMethod(
        "rhs", double.class, double.class, double[].class, double[].class, double[].class, double[].class);
    // only the cores: no Dual, gradient or reverse entry points for a void method (its adjoint
    // core is there for callers' reverse mode)
    assertThat(Arrays.stream(d.getMethods()).filter(m -> m.getName().startsWith("rhs")).map(Method::getName))
        .containsExactly("rhs", "rhsAdjoint", "rhsLanes", "rhsTangent", "rhsTangentLanes");
    double[] y = {0.5, -1.5, 2.0};
    double[] out = new double[3];
    double[] outDot = new double[3];
    // along t and y[1] at once: d(t y2) = y2 dt, d(y0 y1) = y0 dy1, d(y1 y2) = y2 dy1
    core.invoke(null, 2.0, 1.0, y, new double[] {0, 1, 0}, out, outDot);
    assertThat(out).usingExactEquality().containsExactly(4.0, -0.75, -3.0).inOrder();
    assertThat(outDot).usingExactEquality().containsExactly(2.0, 0.5, 2.0).inOrder();
    try {
      core.invoke(null, 2.0, 1.0, y, new double[3], new double[2], new double[2]);
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).hasMessageThat().isEqualTo("lengths differ");
    }
  }

  @Test
  void anOutputLeftOutOfWrtIsDiffCallNotWrt() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = \"y\")",
            "  static void rhs(double[] y, double[] dydt) { dydt[0] = y[0] * y[0]; }",
            "  @Differentiable",
            "  static double g(double[] y) {",
            "    double[] d = new double[1];",
            "    rhs(y, d);",
            "    return d[0];",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[DiffCallNotWrt]").inFile(src).onLine(9);
  }

  @Test
  void aVoidMethodWritingAFieldsArrayIsAnError() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  static final double[] BUFFER = new double[2];",
            "  @Differentiable",
            "  static void rhs(double[] y, double[] dydt) { dydt[0] = y[0] * y[0]; }",
            "  @Differentiable",
            "  static double g(double[] y) {",
            "    rhs(y, BUFFER);",
            "    return y[0];",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("BUFFER").inFile(src).onLine(9);
  }

  private static double[] shift(double[] y, int i, double t) {
    double[] x = y.clone();
    x[i] += t;
    return x;
  }
}
