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

  @Test
  void instanceMethodsAndJacobiansCheckTheirArguments() throws Exception {
    Compilation c =
        compile(
            source(
                "Arm",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "final class Arm {",
                "  final double length;",
                "  Arm(double length) { this.length = length; }",
                "  static final class Bad extends RuntimeException {",
                "    final double at;",
                "    Bad(String message, double at) { super(message); this.at = at; }",
                "  }",
                "  @Differentiable(chunk = 1)",
                "  double[] tip(double[] q) {",
                "    if (q.length != 2) {",
                "      throw new IllegalArgumentException(\"two angles, not \" + q.length);",
                "    }",
                "    double s = q[0] + q[1];",
                "    if (Math.abs(s) > 3.0) throw new Bad(\"folded: \" + s, s);",
                "    return new double[] {length * Math.cos(q[0]) + Math.cos(s),",
                "        length * Math.sin(q[0]) + Math.sin(s)};",
                "  }",
                "  @Differentiable(order = 2)",
                "  double reach(double x, double y) {",
                "    if (!(x * x + y * y <= length * length)) {",
                "      throw new Bad(\"out of reach: \" + Math.hypot(x, y), Math.hypot(x, y));",
                "    }",
                "    return Math.log(length - Math.hypot(x, y) + 1);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> arm = classes.load("test.Arm");
    var make = arm.getDeclaredConstructor(double.class);
    make.setAccessible(true);
    Object self = make.newInstance(2.0);
    Class<?> d = classes.load("test.ArmDerivatives");
    Method jacobian = d.getMethod("tipJacobian", arm, double[].class);
    double[] q = {0.3, 0.4};
    double[][] j = (double[][]) jacobian.invoke(null, self, q);
    double s = q[0] + q[1];
    assertThat(j[0][0]).isWithin(1e-14).of(-2.0 * Math.sin(q[0]) - Math.sin(s));
    assertThat(j[0][1]).isWithin(1e-14).of(-Math.sin(s));
    assertThat(j[1][0]).isWithin(1e-14).of(2.0 * Math.cos(q[0]) + Math.cos(s));
    assertThat(j[1][1]).isWithin(1e-14).of(Math.cos(s));
    assertThrows(IllegalArgumentException.class, "two angles, not 3",
        () -> jacobian.invoke(null, self, new double[] {1, 2, 3}));
    Throwable folded = thrownBy(() -> jacobian.invoke(null, self, new double[] {1.5, 2.0}));
    assertThat(folded.getClass().getName()).isEqualTo("test.Arm$Bad");
    assertThat(folded).hasMessageThat().isEqualTo("folded: 3.5");
    java.lang.reflect.Field at = folded.getClass().getDeclaredField("at");
    at.setAccessible(true);
    assertThat(at.getDouble(folded)).isEqualTo(3.5);
    Method tipDual = d.getMethod("tip", arm, Dual[].class);
    Throwable viaDual =
        thrownBy(() -> tipDual.invoke(null, self, (Object) new Dual[] {Dual.variable(1.5), Dual.constant(2.0)}));
    assertThat(viaDual).hasMessageThat().isEqualTo("folded: 3.5");

    Method gradient = d.getMethod("reachGradient", arm, double.class, double.class);
    Method hessian = d.getMethod("reachHessian", arm, double.class, double.class);
    double x = 0.6;
    double y = -0.8;
    // f = log(L - r + 1), r = hypot(x, y) = 1, L = 2: f_x = -(x/r)/(L - r + 1)
    double u = 2.0 - 1.0 + 1;
    double[] g = (double[]) gradient.invoke(null, self, x, y);
    assertThat(g[0]).isWithin(1e-14).of(-x / u);
    assertThat(g[1]).isWithin(1e-14).of(-y / u);
    // f_xy = -(-xy/r³)/u - (x/r)(y/r)/u² at r = 1
    double[][] h = (double[][]) hessian.invoke(null, self, x, y);
    assertThat(h[0][1]).isWithin(1e-14).of(x * y / u - x * y / (u * u));
    assertThat(h[0][0]).isWithin(1e-14).of(-(1 - x * x) / u - x * x / (u * u));
    String far = "out of reach: " + Math.hypot(3.0, 4.0);
    Throwable t = thrownBy(() -> hessian.invoke(null, self, 3.0, 4.0));
    assertThat(t).hasMessageThat().isEqualTo(far);
    assertThat(thrownBy(() -> gradient.invoke(null, self, 3.0, 4.0))).hasMessageThat().isEqualTo(far);
  }

  @Test
  void assertionsKeepTheirConditionAndMessage() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable(order = 2)",
                "  static double norm2(double[] v) {",
                "    double s = 0;",
                "    for (double e : v) s += e * e;",
                "    v[0] = v[0] + 0.0;",
                "    return s;",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double f(double[] v, double w) {",
                "    assert v.length > 0;",
                "    assert norm2(v) > 0 : \"zero vector, w = \" + w;",
                "    assert w != 0 : w * v[0];",
                "    return norm2(v) * w * w;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    for (boolean enabled : new boolean[] {true, false}) {
      CompiledClasses classes = new CompiledClasses(c);
      classes.setDefaultAssertionStatus(enabled);
      Class<?> d = classes.load("test.ModelDerivatives");
      Method gradient = d.getMethod("fGradient", double[].class, double.class);
      Method hessian = d.getMethod("fHessian", double[].class, double.class);
      double[] v = {0.5, -1.5};
      double w = 3.0;
      double n = 0.25 + 2.25;
      // f = |v|² w²: ∂f/∂v_i = 2 v_i w², ∂f/∂w = 2 |v|² w
      double[] g = (double[]) gradient.invoke(null, v, w);
      assertThat(g[0]).isWithin(1e-14).of(2 * v[0] * w * w);
      assertThat(g[1]).isWithin(1e-14).of(2 * v[1] * w * w);
      assertThat(g[2]).isWithin(1e-14).of(2 * n * w);
      double[][] h = (double[][]) hessian.invoke(null, v, w);
      assertThat(h[0][0]).isWithin(1e-14).of(2 * w * w);
      assertThat(h[0][1]).isWithin(1e-14).of(0.0);
      assertThat(h[0][2]).isWithin(1e-14).of(4 * v[0] * w);
      assertThat(h[2][2]).isWithin(1e-14).of(2 * n);
      double[] zero = {0.0, 0.0};
      Throwable failed = thrownBy(() -> gradient.invoke(null, zero, w));
      Throwable failedHessian = thrownBy(() -> hessian.invoke(null, zero, 2.0));
      Throwable noW = thrownBy(() -> hessian.invoke(null, v, 0.0));
      if (enabled) {
        assertThat(failed).isInstanceOf(AssertionError.class);
        assertThat(failed).hasMessageThat().isEqualTo("zero vector, w = 3.0");
        assertThat(failedHessian).hasMessageThat().isEqualTo("zero vector, w = 2.0");
        assertThat(noW).isInstanceOf(AssertionError.class);
        assertThat(noW).hasMessageThat().isEqualTo("0.0");
      } else {
        assertThat(failed).isNull();
        assertThat(failedHessian).isNull();
        assertThat(noW).isNull();
      }
    }
  }

  @Test
  void tryCatchFinallyDifferentiatesWhatRuns() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable(order = 2, chunk = 1)",
                "  static double f(double x, double y, int m) {",
                "    double t = 0;",
                "    double u = 0;",
                "    try {",
                "      t = x * y;",
                "      u = t * x + Math.sin(y);",
                "      int k = 10 / m;",
                "      u = u * k;",
                "    } catch (ArithmeticException e) {",
                "      u = u + e.getMessage().length() - 9;",
                "    } finally {",
                "      t = t + y;",
                "    }",
                "    return t * u;",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double safeLog(double x) {",
                "    if (!(x > 0)) throw new IllegalArgumentException(\"log of \" + x);",
                "    return Math.log(x);",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double g(double x) {",
                "    double r;",
                "    try {",
                "      r = safeLog(x) * x;",
                "    } catch (IllegalArgumentException | IllegalStateException e) {",
                "      r = x * x;",
                "    }",
                "    return r;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method tangent = d.getMethod("f", Dual.class, Dual.class, int.class);
    Method gradient = d.getMethod("fGradient", double.class, double.class, int.class);
    Method hessian = d.getMethod("fHessian", double.class, double.class, int.class);
    double x = 0.7;
    double y = -1.3;
    // t = xy + y; u = c (x²y + sin y), c = 10 / m, or 1 where the handler ran ("/ by zero" has 9
    // characters, so it adds 0)
    double t = x * y + y;
    double tx = y;
    double ty = x + 1;
    double u0 = x * x * y + Math.sin(y);
    double u0x = 2 * x * y;
    double u0y = x * x + Math.cos(y);
    double u0xx = 2 * y;
    double u0xy = 2 * x;
    double u0yy = -Math.sin(y);
    for (int m : new int[] {0, 2}) {
      // 10 / 0 throws after t and u were assigned: the handler sees their values and tangents
      double scale = m == 0 ? 1 : 10 / m;
      double u = scale * u0;
      double ux = scale * u0x;
      double uy = scale * u0y;
      double fx = tx * u + t * ux;
      double fy = ty * u + t * uy;
      Dual along = (Dual) tangent.invoke(null, Dual.variable(x), Dual.constant(y), m);
      assertThat(along.value()).isWithin(1e-14).of(t * u);
      assertThat(along.tangent()).isWithin(1e-14).of(fx);
      double[] g = (double[]) gradient.invoke(null, x, y, m);
      assertThat(g[0]).isWithin(1e-14).of(fx);
      assertThat(g[1]).isWithin(1e-14).of(fy);
      double[][] h = (double[][]) hessian.invoke(null, x, y, m);
      assertThat(h[0][0]).isWithin(1e-13).of(2 * tx * ux + t * scale * u0xx);
      assertThat(h[0][1]).isWithin(1e-13).of(u + tx * uy + ty * ux + t * scale * u0xy);
      assertThat(h[1][0]).isWithin(1e-13).of(h[0][1]);
      assertThat(h[1][1]).isWithin(1e-13).of(2 * ty * uy + t * scale * u0yy);
    }

    Method gTangent = d.getMethod("g", Dual.class);
    Method gSecond = d.getMethod("gSecondDerivative", double.class);
    // g = x log x for x > 0, x² where safeLog throws
    assertThat(((Dual) gTangent.invoke(null, Dual.variable(2.0))).tangent())
        .isWithin(1e-15).of(Math.log(2.0) + 1);
    assertThat((double) gSecond.invoke(null, 2.0)).isWithin(1e-15).of(0.5);
    assertThat(((Dual) gTangent.invoke(null, Dual.variable(-1.5))).tangent()).isWithin(1e-15).of(-3.0);
    assertThat((double) gSecond.invoke(null, -1.5)).isWithin(1e-15).of(2.0);
  }

  @Test
  void checkedExceptionsAreDeclaredThrownAndCaught() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import java.io.IOException;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable(order = 2)",
                "  static double f(double x) throws IOException {",
                "    if (x > 1) throw new IOException(\"cannot read at \" + x);",
                "    return x * x * x;",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double g(double x) {",
                "    try {",
                "      return f(x) * x;",
                "    } catch (IOException e) {",
                "      throw new IllegalStateException(e.getMessage() + \" in g\", e);",
                "    }",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method fSecond = d.getMethod("fSecondDerivative", double.class);
    Method gSecond = d.getMethod("gSecondDerivative", double.class);
    Method gGradient = d.getMethod("gGradient", double.class);
    assertThat(fSecond.getExceptionTypes()).asList().contains(java.io.IOException.class);
    assertThat(gSecond.getExceptionTypes()).isEmpty();
    // g = x⁴: g' = 4x³, g'' = 12x²; f'' = 6x
    assertThat((double) fSecond.invoke(null, 0.5)).isWithin(1e-15).of(3.0);
    assertThat(((double[]) gGradient.invoke(null, 0.5))[0]).isWithin(1e-15).of(0.5);
    assertThat((double) gSecond.invoke(null, 0.5)).isWithin(1e-15).of(3.0);
    assertThrows(java.io.IOException.class, "cannot read at 2.0", () -> fSecond.invoke(null, 2.0));
    Throwable t = thrownBy(() -> gSecond.invoke(null, 2.0));
    assertThat(t).isInstanceOf(IllegalStateException.class);
    assertThat(t).hasMessageThat().isEqualTo("cannot read at 2.0 in g");
    assertThat(t.getCause()).isInstanceOf(java.io.IOException.class);
  }
}
