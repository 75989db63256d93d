package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Calls without a derivative whose results need none (conditions, integer casts, messages,
 * validation calls returning nothing) are called as in the primal, at every order, and the
 * derivatives are those of the method.
 */
class ValueOnlyCallsTest {

  @Test
  void resultsThatOnlyFeedConditionsCastsAndMessagesNeedNoDerivative() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  static int checks;",
                "  static double wrap(double t) { return t - 2 * Math.PI * Math.floor(t / (2 * Math.PI)); }",
                "  static boolean inRange(double t, double lo, double hi) { return t >= lo && t <= hi; }",
                "  static void check(double t) {",
                "    if (Double.isNaN(t)) throw new IllegalArgumentException(\"NaN: \" + t);",
                "  }",
                "  static String describe(double t) { return \"t=\" + t; }",
                "  @Differentiable(order = 2)",
                "  static double f(double x, double y) {",
                "    check(x);",
                "    String message = describe(x) + \", y = \" + y;",
                "    if (message.isEmpty()) {",
                "      return 0;",
                "    }",
                "    int k = (int) Math.floor(wrap(x * y));",
                "    double s = inRange(wrap(x), 0, 1) ? x * x : Math.sin(x);",
                "    if (wrap(y) > 3.0) {",
                "      s += y * y * y;",
                "    } else {",
                "      s += Math.exp(y);",
                "    }",
                "    return s * (k + 1) + x * y;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method tangent = d.getMethod("f", Dual.class, Dual.class);
    Method hessian = d.getMethod("fHessian", double.class, double.class);
    for (double[] p : new double[][] {{0.4, 1.2}, {2.0, 3.5}, {-0.7, 0.3}, {5.1, -1.4}}) {
      double x = p[0];
      double y = p[1];
      double tau = 2 * Math.PI;
      double wx = x - tau * Math.floor(x / tau);
      double wy = y - tau * Math.floor(y / tau);
      double wxy = x * y - tau * Math.floor(x * y / tau);
      int k = (int) Math.floor(wxy);
      boolean square = wx >= 0 && wx <= 1;
      boolean cube = wy > 3.0;
      // f = (sq ? x² : sin x) + (cube ? y³ : e^y), times (k + 1), plus x·y; k is locally constant
      double dsx = square ? 2 * x : Math.cos(x);
      double dsy = cube ? 3 * y * y : Math.exp(y);
      double dxx = square ? 2 : -Math.sin(x);
      double dyy = cube ? 6 * y : Math.exp(y);
      Dual along = (Dual) tangent.invoke(null, Dual.variable(x), Dual.constant(y));
      assertThat(along.tangent()).isWithin(1e-12).of(dsx * (k + 1) + y);
      Dual alongY = (Dual) tangent.invoke(null, Dual.constant(x), Dual.variable(y));
      assertThat(alongY.tangent()).isWithin(1e-12 * Math.max(1, Math.abs(dsy))).of(dsy * (k + 1) + x);
      double[][] h = (double[][]) hessian.invoke(null, x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(dxx * (k + 1));
      assertThat(h[0][1]).isWithin(1e-12).of(1.0);
      assertThat(h[1][1]).isWithin(1e-12 * Math.max(1, Math.abs(dyy))).of(dyy * (k + 1));
    }
  }

  @Test
  void aValidationCallRunsAndThrowsAsInThePrimal() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  static void positive(double t) {",
                "    if (!(t > 0)) throw new IllegalArgumentException(\"not positive: \" + t);",
                "  }",
                "  @Differentiable",
                "  static double f(double x) {",
                "    positive(x);",
                "    return Math.log(x);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method tangent = d.getMethod("f", Dual.class);
    assertThat(((Dual) tangent.invoke(null, Dual.variable(2.0))).tangent()).isWithin(1e-16).of(0.5);
    Throwable thrown = null;
    try {
      tangent.invoke(null, Dual.variable(-1.0));
    } catch (java.lang.reflect.InvocationTargetException e) {
      thrown = e.getCause();
    }
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown).hasMessageThat().isEqualTo("not positive: -1.0");
  }
}
