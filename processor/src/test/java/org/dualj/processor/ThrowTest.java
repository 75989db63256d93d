package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * {@code throw} and {@code assert} in a {@code @Differentiable} method: every generated method
 * throws what the method throws, under the same condition, and differentiates as before where it
 * does not throw.
 */
class ThrowTest {

  /** What {@code call} throws (unwrapped from reflection), or null. */
  private static Throwable thrownBy(ThrowingCall call) throws Exception {
    try {
      call.run();
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
    return null;
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static void assertThrows(
      Class<? extends Throwable> type, String message, ThrowingCall call) throws Exception {
    Throwable t = thrownBy(call);
    assertThat(t).isInstanceOf(type);
    assertThat(t).hasMessageThat().isEqualTo(message);
  }

  @Test
  void argumentChecksThrowFromEveryEntryPointAtBothOrders() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable(order = 2, chunk = 1)",
                "  static double f(double x, double y) {",
                "    if (x < 0) throw new IllegalArgumentException(\"x = \" + x);",
                "    double r = Math.sqrt(x) * y;",
                "    if (r > 100) {",
                "      throw new ArithmeticException(\"too large: \" + r + \" at \" + x + \", \" + y);",
                "    }",
                "    return r * y + Math.sin(x);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method tangent = d.getMethod("f", Dual.class, Dual.class);
    Method gradient = d.getMethod("fGradient", double.class, double.class);
    Method hessian = d.getMethod("fHessian", double.class, double.class);
    Method jvp = d.getMethod("fJvp", double.class, double.class, double.class, double.class);
    for (double[] p : new double[][] {{0.5, 1.5}, {2.0, -3.0}, {4.0, 0.25}}) {
      double x = p[0];
      double y = p[1];
      // f = sqrt(x) y² + sin x
      double fx = 0.5 / Math.sqrt(x) * y * y + Math.cos(x);
      double fy = 2 * Math.sqrt(x) * y;
      double fxx = -0.25 * Math.pow(x, -1.5) * y * y - Math.sin(x);
      double fxy = y / Math.sqrt(x);
      double fyy = 2 * Math.sqrt(x);
      Dual along = (Dual) tangent.invoke(null, Dual.variable(x), Dual.constant(y));
      assertThat(along.value()).isWithin(1e-13).of(Math.sqrt(x) * y * y + Math.sin(x));
      assertThat(along.tangent()).isWithin(1e-13).of(fx);
      double[] g = (double[]) gradient.invoke(null, x, y);
      assertThat(g[0]).isWithin(1e-13).of(fx);
      assertThat(g[1]).isWithin(1e-13).of(fy);
      assertThat(((Dual) jvp.invoke(null, x, y, 0.0, 1.0)).tangent()).isWithin(1e-13).of(fy);
      double[][] h = (double[][]) hessian.invoke(null, x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(fxx);
      assertThat(h[0][1]).isWithin(1e-12).of(fxy);
      assertThat(h[1][0]).isWithin(1e-12).of(fxy);
      assertThat(h[1][1]).isWithin(1e-12).of(fyy);
    }
    String negative = "x = -1.0";
    assertThrows(IllegalArgumentException.class, negative,
        () -> tangent.invoke(null, Dual.variable(-1.0), Dual.constant(2.0)));
    assertThrows(IllegalArgumentException.class, negative, () -> gradient.invoke(null, -1.0, 2.0));
    assertThrows(IllegalArgumentException.class, negative, () -> hessian.invoke(null, -1.0, 2.0));
    assertThrows(IllegalArgumentException.class, negative,
        () -> jvp.invoke(null, -1.0, 2.0, 1.0, 0.0));
    // the second check reads a value computed in the method (r = sqrt(x) y = 200)
    String large = "too large: 200.0 at 4.0, 100.0";
    assertThrows(ArithmeticException.class, large,
        () -> tangent.invoke(null, Dual.variable(4.0), Dual.variable(100.0)));
    assertThrows(ArithmeticException.class, large, () -> gradient.invoke(null, 4.0, 100.0));
    assertThrows(ArithmeticException.class, large, () -> hessian.invoke(null, 4.0, 100.0));
    // the tangent code that callers of f with order = 2 call
    // (x, x_dot2, x_dot, x_dot_dot2, y, ...): the tangent code that callers with order = 2 call
    Class<?>[] eight = new Class<?>[8];
    java.util.Arrays.fill(eight, double.class);
    Method second = d.getMethod("fTangent", eight);
    assertThrows(ArithmeticException.class, large,
        () -> second.invoke(null, 4.0, 0.0, 1.0, 0.0, 100.0, 0.0, 0.0, 0.0));
  }
}
