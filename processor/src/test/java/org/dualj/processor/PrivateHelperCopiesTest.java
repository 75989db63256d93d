package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.junit.jupiter.api.Test;

/**
 * Private static helpers whose results need no derivative (validation that throws, integer
 * buckets, predicates, recursion among them): copied into the generated class and called exactly
 * as the primal calls them, in every entry point; a helper whose body cannot be copied is one
 * error at its declaration.
 */
class PrivateHelperCopiesTest {

  private static final String[] MODEL = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "final class Model {",
    "  private static final double[] W = {0.5, 1.5, -2.0, 3.0};",
    "  private static void check(double x) {",
    "    if (!(x >= -1 && x < 1)) throw new IllegalArgumentException(\"x out of [-1, 1): \" + x);",
    "  }",
    "  private static int bucket(double x) { return clamp((int) Math.floor((x + 1) * 2)); }",
    "  private static int clamp(int k) { return k < 0 ? 0 : Math.min(k, 3); }",
    "  private static int digits(int n) { return n < 10 ? 1 : 1 + digits(n / 10); }",
    "  private static boolean small(double t) { double s = half(t); s = s * s; return s < 0.0625; }",
    "  private static double half(double t) { return t / 2; }",
    "  private static void countdown(double x, int n) {",
    "    if (n > 0) { check(x); countdown(x, n - 1); }",
    "  }",
    "  @Differentiable(order = 2)",
    "  static double f(double x, double y) {",
    "    check(x);",
    "    double s = 0;",
    "    for (int i = 0; i < 3; i++) {",
    "      s += W[bucket(x * (i + 1) / 3)] * x * y;",
    "    }",
    "    if (small(x)) s += x * x * x;",
    "    countdown(y / 4, digits(12345));",
    "    return s + half(y) * y;",
    "  }",
    "}"
  };

  /** The model's f, its gradient and Hessian written out by hand. */
  private static double[] oracle(double x, double y) {
    double[] w = {0.5, 1.5, -2.0, 3.0};
    double sw = 0;
    for (int i = 0; i < 3; i++) {
      int k = Math.min(Math.max((int) Math.floor((x * (i + 1) / 3 + 1) * 2), 0), 3);
      sw += w[k];
    }
    boolean small = (x / 2) * (x / 2) < 0.0625;
    double f = sw * x * y + (small ? x * x * x : 0) + y * y / 2;
    double fx = sw * y + (small ? 3 * x * x : 0);
    double fy = sw * x + y;
    double fxx = small ? 6 * x : 0;
    return new double[] {f, fx, fy, fxx, sw, 1};
  }

  @Test
  void helpersWithoutDerivativesAreCopiedAndCalledAsInThePrimal() throws Exception {
    Compilation c = compile(source("Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class, Dual.class);
    Method lanes = d.getMethod("f", DualVector.class, DualVector.class);
    Method gradient = d.getMethod("fGradient", double.class, double.class);
    Method reverse = d.getMethod("fGradientReverse", double.class, double.class);
    Method hessian = d.getMethod("fHessian", double.class, double.class);
    Method hv = d.getMethod("fHessianVectorReverse", double.class, double.class, double.class, double.class);
    // points on both sides of the buckets' edges and of small's threshold
    for (double[] p : new double[][] {{-0.9, 1.3}, {-0.4, -2.0}, {0.1, 0.7}, {0.49, 3.0}, {0.51, -1.5}, {0.95, 2.5}}) {
      double x = p[0];
      double y = p[1];
      double[] o = oracle(x, y);
      Dual fx = (Dual) f.invoke(null, Dual.variable(x), Dual.constant(y));
      Dual fy = (Dual) f.invoke(null, Dual.constant(x), Dual.variable(y));
      assertThat(fx.value()).isWithin(1e-13).of(o[0]);
      assertThat(fx.tangent()).isWithin(1e-13).of(o[1]);
      assertThat(fy.tangent()).isWithin(1e-13).of(o[2]);
      DualVector v =
          (DualVector) lanes.invoke(null, DualVector.variable(x, 0, 2), DualVector.variable(y, 1, 2));
      assertThat(v.tangents()).usingTolerance(1e-13).containsExactly(o[1], o[2]).inOrder();
      assertThat((double[]) gradient.invoke(null, x, y)).usingTolerance(1e-13).containsExactly(o[1], o[2]).inOrder();
      assertThat((double[]) reverse.invoke(null, x, y)).usingTolerance(1e-13).containsExactly(o[1], o[2]).inOrder();
      double[][] h = (double[][]) hessian.invoke(null, x, y);
      assertThat(h[0]).usingTolerance(1e-12).containsExactly(o[3], o[4]).inOrder();
      assertThat(h[1]).usingTolerance(1e-12).containsExactly(o[4], o[5]).inOrder();
      assertThat((double[]) hv.invoke(null, x, y, 1.0, 0.0)).usingTolerance(1e-12).containsExactly(o[3], o[4]).inOrder();
    }
    // the check throws where the primal throws, with its message, from every entry point; and
    // the one in the recursive countdown (y / 4 out of range) too
    for (double[] p : new double[][] {{1.0, 0.5}, {-1.5, 0.5}, {Double.NaN, 0.5}, {0.25, 4.0}, {0.25, -4.5}}) {
      double x = p[0];
      double y = p[1];
      String message = "x out of [-1, 1): " + (Math.abs(x) >= 1 || Double.isNaN(x) ? x : y / 4);
      List<ThrowingCall> calls =
          List.of(
              () -> f.invoke(null, Dual.variable(x), Dual.constant(y)),
              () -> lanes.invoke(null, DualVector.variable(x, 0, 2), DualVector.variable(y, 1, 2)),
              () -> gradient.invoke(null, x, y),
              () -> reverse.invoke(null, x, y),
              () -> hessian.invoke(null, x, y),
              () -> hv.invoke(null, x, y, 1.0, 0.0));
      for (ThrowingCall call : calls) {
        try {
          call.run();
          throw new AssertionError("no exception at " + x + ", " + y);
        } catch (InvocationTargetException e) {
          assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
          assertThat(e.getCause()).hasMessageThat().isEqualTo(message);
        }
      }
    }
    String generated = PrivateMembersTest.generatedSource(c, "test.ModelDerivatives");
    assertThat(generated).contains("private static void check(double x) {");
    assertThat(generated).contains("private static int digits(int n) {");
    assertThat(generated).contains("return n < 10 ? 1 : 1 + ModelDerivatives.digits(n / 10);");
    // half is differentiated in place for f, and copied for small, under a name of its own
    assertThat(generated).contains("private static double half$copy(double t) {");
    assertThat(generated).contains("double s = ModelDerivatives.half$copy(t);");
    assertThat(generated).contains("// line 6: if (!(x >= -1 && x < 1))");
  }

  @Test
  void overwritesAroundHelpersAndHelpersThatThrowOnlyInSomeIterations() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "final class Model {",
                "  /** Overwrites its parameter: the caller's variable must not change. */",
                "  private static int halvings(double t) { int n = 0; while (t > 1) { t = t / 2; n++; } return n; }",
                "  private static void guard(int i, double v) {",
                "    if (i == 2 && v > 10) throw new ArithmeticException(\"i = \" + i + \", v = \" + v);",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double f(double x) {",
                "    double y = x;",
                "    int n = halvings(y);",
                "    y = y * y;",
                "    n += halvings(y);",
                "    for (int i = 0; i < halvings(x) + 3; i++) {",
                "      guard(i, y);",
                "      y = y * 0.5;",
                "    }",
                "    return y + n;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class);
    Method second = d.getMethod("fSecondDerivative", double.class);
    Method reverse = d.getMethod("fGradient", double.class);
    for (double x : new double[] {0.3, 1.5, 3.0, 4.4, 7.0, 40.0, 1000.0}) {
      int s = 0;
      for (double t = x; t > 1; t /= 2) {
        s++;
      }
      int s2 = 0;
      for (double t = x * x; t > 1; t /= 2) {
        s2++;
      }
      double scale = Math.pow(0.5, s + 3);
      // y after the second halving of x² at i = 2 must not exceed 10
      boolean throwsAtTwo = x * x * 0.25 > 10 && s + 3 > 2;
      if (throwsAtTwo) {
        try {
          f.invoke(null, Dual.variable(x));
          throw new AssertionError("no exception at " + x);
        } catch (InvocationTargetException e) {
          assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
          assertThat(e.getCause()).hasMessageThat().isEqualTo("i = 2, v = " + x * x * 0.25);
        }
        continue;
      }
      Dual y = (Dual) f.invoke(null, Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12 * x * x).of(x * x * scale + s + s2);
      assertThat(y.tangent()).isWithin(1e-12 * x).of(2 * x * scale);
      assertThat((double) second.invoke(null, x)).isWithin(1e-12).of(2 * scale);
      assertThat(((double[]) reverse.invoke(null, x))[0]).isWithin(1e-12 * x).of(2 * x * scale);
    }
  }

  @Test
  void helpersThatOnlyReadAnActiveArrayMayGiveItsIndices() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "final class Model {",
                "  private static int argmax(double[] a) {",
                "    int k = 0;",
                "    for (int i = 1; i < a.length; i++) if (a[i] > a[k]) k = i;",
                "    return k;",
                "  }",
                "  static int argmin(double[] a) {",
                "    int k = 0;",
                "    for (int i = 1; i < a.length; i++) if (a[i] < a[k]) k = i;",
                "    return k;",
                "  }",
                "  @Differentiable",
                "  static double spread(double[] a) {",
                "    int k = argmax(a);",
                "    return a[k] * a[argmin(a)];",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method gradient = d.getMethod("spreadGradient", double[].class);
    double[][] points = {{0.5, -2.0, 3.0}, {4.0, 1.0, -1.5, 2.0}, {-1.0, -3.0}};
    for (double[] a : points) {
      int max = 0;
      int min = 0;
      for (int i = 0; i < a.length; i++) {
        max = a[i] > a[max] ? i : max;
        min = a[i] < a[min] ? i : min;
      }
      double[] expected = new double[a.length];
      expected[max] += a[min];
      expected[min] += a[max];
      assertThat((double[]) gradient.invoke(null, (Object) a.clone()))
          .usingExactEquality().containsExactly(expected).inOrder();
    }
  }

  @Test
  void voidHelperThatWritesIntoAnActiveArrayIsDifferentiatedNotCopied() throws Exception {
    javax.tools.JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  private static void twice(double[] a) { a[0] *= 2; }",
            "  @Differentiable static double f(double[] a) {",
            "    double[] b = a.clone();",
            "    twice(b);",
            "    return b[0] * a[1];",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    java.lang.reflect.Method g =
        classes.load("test.ModelDerivatives").getMethod("fGradient", double[].class);
    // f = 2 a0 a1: the derivative flows through the array the helper writes
    double[] grad = (double[]) g.invoke(null, (Object) new double[] {1.5, -0.5});
    assertThat(grad).usingExactEquality().containsExactly(-1.0, 3.0).inOrder();
  }

  @Test
  void copiedHelperWithEffectsAtOrderTwoIsNamedAsInTheSource() {
    javax.tools.JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "final class Model {",
            "  private static void log(double x) { System.out.println(\"x = \" + x); }",
            "  @Differentiable(order = 2)",
            "  static double f(double x) { log(x); return x * x; }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[DiffRepeatedEffect] Model.log may have effects").inFile(src).onLine(6);
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void copiesServeHelpersDifferentiatedInPlaceAndNestedClasses() throws Exception {
    Compilation c =
        compile(
            source(
                "Outer",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Outer {",
                "  private static void positive(double t, String what) {",
                "    if (t <= 0) throw new ArithmeticException(what + \" must be positive: \" + t);",
                "  }",
                "  private static int terms(double... ts) { return ts.length; }",
                "  /** Differentiated in place: recursive, and calls a copy on every level. */",
                "  private static double power(double t, int n) {",
                "    positive(t, \"base\");",
                "    return n == 0 ? 1 : t * power(t, n - 1);",
                "  }",
                "  static final class Inner {",
                "    @Differentiable",
                "    static double g(double x, double y) {",
                "      positive(y, \"y\");",
                "      return power(x, terms(x, y, 1.0)) * y;",
                "    }",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.Outer_InnerDerivatives");
    Method g = d.getMethod("g", Dual.class, Dual.class);
    for (double[] p : new double[][] {{0.5, 2.0}, {1.7, 0.3}, {3.0, 1.0}}) {
      double x = p[0];
      double y = p[1];
      Dual gx = (Dual) g.invoke(null, Dual.variable(x), Dual.constant(y));
      Dual gy = (Dual) g.invoke(null, Dual.constant(x), Dual.variable(y));
      assertThat(gx.value()).isWithin(1e-13).of(x * x * x * y);
      assertThat(gx.tangent()).isWithin(1e-13).of(3 * x * x * y);
      assertThat(gy.tangent()).isWithin(1e-13).of(x * x * x);
    }
    for (double[] p : new double[][] {{0.5, -1.0, 0}, {-0.5, 1.0, 1}, {0.0, 1.0, 1}}) {
      try {
        g.invoke(null, Dual.variable(p[0]), Dual.constant(p[1]));
        throw new AssertionError("no exception");
      } catch (InvocationTargetException e) {
        assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
        assertThat(e.getCause())
            .hasMessageThat()
            .isEqualTo(p[2] == 0 ? "y must be positive: " + p[1] : "base must be positive: " + p[0]);
      }
    }
    String inner = PrivateMembersTest.generatedSource(c, "test.Outer_InnerDerivatives");
    assertThat(inner).contains("private static int Outer_terms(double... ts) {");
    assertThat(inner).contains("Outer_InnerDerivatives.Outer_positive(y, \"y\");");
    String outer = PrivateMembersTest.generatedSource(c, "test.OuterDerivatives");
    assertThat(outer).contains("private static void positive(double t, String what) {");
  }

  @Test
  void helperWhoseFloatResultFeedsTheDerivativeIsAnErrorAtTheCallNamingTheHelper() {
    javax.tools.JavaFileObject src =
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  private static float narrow(double t) { return (float) t; }",
                "  @Differentiable static double f(double x) {",
                "    return narrow(x) * x;",
                "  }",
                "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[DiffUnsupportedCall] Model.narrow has no derivative").inFile(src).onLine(6);
  }
}
