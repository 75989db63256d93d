package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Differentiable(order = ...)}: its errors, and what an order-2 method may call. */
class SecondOrderErrorsTest {

  @Test
  void orderOtherThanOneOrTwoIsAnErrorAtTheAnnotation() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 3)",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffBadOrder] order 3 is not supported: order must be 1 or 2")
        .inFile(src).onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void orderTwoWithRespectToADoubleMatrixIsAnErrorAtTheAnnotation() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = {\"x\", \"w\"}, order = 2)",
            "  static double f(double x, double[][] w) {",
            "    return x * w[0][0];",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "[DiffBadOrder] order 2 is not supported: second derivatives with respect to a"
                + " double[][] (w) are not generated")
        .inFile(src)
        .onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void orderTwoOfAnArrayValuedMethodGivesSecondOrderCodeForItsCallers() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 2)",
            "  static double[] v(double[] x, double s) {",
            "    return new double[] {x[0] * x[1] * s, Math.sin(x[0])};",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double[] x) {",
            "    double[] y = v(x, x[1]);",
            "    return y[0] * y[1];",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double[] w(double x, double[] out) {",
            "    out[0] = x * x;",
            "    out[1] = Math.exp(x);",
            "    return out;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double g(double x) {",
            "    double[] o = new double[2];",
            "    double[] r = w(x, o);",
            "    return r[0] * o[1];",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    // second-order tangent code for callers, no Hessian entry points
    assertThat(java.util.Arrays.stream(d.getMethods()).map(Method::getName))
        .containsAtLeast("vTangent", "vTangentLanes", "wTangent", "wTangentLanes");
    assertThat(java.util.Arrays.stream(d.getMethods()).map(Method::getName))
        .containsNoneOf("vHessian", "vHessianVector", "wHessian", "wSecondDerivative");
    // f = x0 x1² sin x0
    double x0 = 0.8;
    double x1 = -1.4;
    double[][] h = (double[][]) d.getMethod("fHessian", double[].class).invoke(null, (Object) new double[] {x0, x1});
    assertThat(h[0][0]).isWithin(1e-12).of(x1 * x1 * (2 * Math.cos(x0) - x0 * Math.sin(x0)));
    assertThat(h[0][1]).isWithin(1e-12).of(2 * x1 * (Math.sin(x0) + x0 * Math.cos(x0)));
    assertThat(h[1][0]).isWithin(1e-12).of(h[0][1]);
    assertThat(h[1][1]).isWithin(1e-12).of(2 * x0 * Math.sin(x0));
    // g = x² eˣ through a callee that writes its array argument
    double x = 0.6;
    double second = (double) d.getMethod("gSecondDerivative", double.class).invoke(null, x);
    assertThat(second).isWithin(1e-12).of(Math.exp(x) * (x * x + 4 * x + 2));
  }

  @Test
  void activeCallOfAnOrderOneMethodIsAnErrorAtTheCall() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable",
            "  static double g(double x) {",
            "    return Math.sin(x);",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double x, double y) {",
            "    double s = y * y;",
            "    return s + g(x * y);",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffCalleeOrder] this method has order = 2, so its second derivatives"
            + " need those of Model.g, which has order 1. Add order = 2")
        .inFile(src)
        .onLine(11);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void inactiveCallOfAnOrderOneMethodIsFine() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable",
            "  static double g(double x) {",
            "    return Math.sin(x);",
            "  }",
            "  @Differentiable(order = 2, wrt = \"x\")",
            "  static double f(double x, double c) {",
            "    return x * x * x * g(c);",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Method hessian =
        new CompiledClasses(c).load("test.ModelDerivatives").getMethod("fHessian", double.class, double.class);
    double x = 0.7;
    double cc = 1.3;
    double[][] h = (double[][]) hessian.invoke(null, x, cc);
    // f = x³ sin(c), differentiated with respect to x only: f_xx = 6x sin c
    assertThat(h).hasLength(1);
    assertThat(h[0][0]).isWithin(1e-13).of(6 * x * Math.sin(cc));
  }

  @Test
  void ruleWhosePartialIsNotDifferentiableIsAnErrorAtTheCallInAnOrderTwoMethod() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import org.dualj.annotations.TangentRule;",
            "class Model {",
            "  static double softplus(double x) {",
            "    return Math.log1p(Math.exp(x));",
            "  }",
            "  @TangentRule(of = Model.class, method = \"softplus\")",
            "  static double sigmoid(double x, double v) {",
            "    return 1.0 / (1.0 + Math.exp(-x));",
            "  }",
            "  @Differentiable",
            "  static double first(double x) {",
            "    return softplus(x) * x;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double second(double x) {",
            "    return softplus(x) * x;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffRuleOrder] this method has order = 2, so the partial derivative that"
            + " rule Model.sigmoid gives for argument 0 of Model.softplus is differentiated again."
            + " Annotate Model.sigmoid with @Differentiable")
        .inFile(src)
        .onLine(18);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void orderTwoDifferentiatesThroughADifferentiableRule() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import org.dualj.annotations.TangentRule;",
            "class Model {",
            "  static double softplus(double x) {",
            "    return Math.log1p(Math.exp(x));",
            "  }",
            "  @TangentRule(of = Model.class, method = \"softplus\")",
            "  @Differentiable",
            "  static double sigmoid(double x, double v) {",
            "    return 1.0 / (1.0 + Math.exp(-x));",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double x, double y) {",
            "    return softplus(x * y) + y;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Method hessian =
        new CompiledClasses(c).load("test.ModelDerivatives").getMethod("fHessian", double.class, double.class);
    for (double[] p : new double[][] {{0.3, -1.2}, {1.5, 0.7}, {-2.0, 0.4}}) {
      double x = p[0];
      double y = p[1];
      double[][] h = (double[][]) hessian.invoke(null, x, y);
      // f = softplus(xy) + y; s = sigmoid(xy), s' = s(1 - s)
      double s = 1 / (1 + Math.exp(-x * y));
      double ds = s * (1 - s);
      assertThat(h[0][0]).isWithin(1e-14).of(ds * y * y);
      assertThat(h[0][1]).isWithin(1e-14).of(ds * x * y + s);
      assertThat(h[1][0]).isWithin(1e-14).of(ds * x * y + s);
      assertThat(h[1][1]).isWithin(1e-14).of(ds * x * x);
    }
  }

  /** Found by the fuzzer: a call whose value only feeds a condition, a floor or a cast. */
  @Test
  void orderTwoCallsInInactiveContextsCompileAndDifferentiate() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 2)",
            "  static double g(double x) {",
            "    return x * x;",
            "  }",
            "  @Differentiable",
            "  private static double h(double x) {",
            "    return x - 1.0;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double x) {",
            "    int n = (int) g(x);",
            "    double s = g(x) > 1.0 ? x * x * x : 2.0 * x * x;",
            "    if (h(x) < 0.0) {",
            "      s = s + n * Math.floor(g(x)) * x * x;",
            "    }",
            "    return s;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Method second =
        new CompiledClasses(c).load("test.ModelDerivatives").getMethod("fSecondDerivative", double.class);
    // x < 1: s = 2x² + n·floor(x²)·x² with n = floor(x²) = 0, so f'' = 4; 1 < x < √2: s = x³, f'' = 6x
    for (double x : new double[] {0.3, 0.8, -0.6}) {
      assertThat((double) second.invoke(null, x)).isWithin(1e-14).of(4.0);
    }
    for (double x : new double[] {1.1, 1.3}) {
      assertThat((double) second.invoke(null, x)).isWithin(1e-13).of(6 * x);
    }
  }

  /**
   * Found by the fuzzer: a new array passed to a parameter the callee does not differentiate went
   * through an intermediate in the tangent code, which the call then made active, and then an
   * internal error.
   */
  @Test
  void arrayForAParameterOutsideTheCalleesWrtStaysInactive() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(wrt = \"x\", order = 2)",
            "  static double g(double[] v, double x) {",
            "    return v[0] * x * x;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double x) {",
            "    return 3.0 * g(new double[2], x) + g(new double[] {1.0, 2.0}, x);",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Method second =
        new CompiledClasses(c).load("test.ModelDerivatives").getMethod("fSecondDerivative", double.class);
    // f = 0 + x², f'' = 2
    assertThat((double) second.invoke(null, 0.7)).isWithin(1e-14).of(2.0);
  }

  /**
   * Found by the fuzzer: the value call of a callee that writes through one array argument into
   * another (the same array passed twice) must see the aliasing; copies made for it did not.
   */
  @Test
  void oneArrayPassedTwiceStaysOneArrayInTheValueCall() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 2)",
            "  static double g(double[] a, double[] b) {",
            "    a[0] = a[0] * b[0];",
            "    return a[0] * b[0];",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double[] xs) {",
            "    return g(xs, xs) * xs[1];",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double h(double x) {",
            "    double[] a = {x};",
            "    double[] b = a;",
            "    return g(a, b) * x;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Class<?> derivatives = new CompiledClasses(c).load("test.ModelDerivatives");
    double x0 = 0.7;
    double x1 = 1.3;
    double[] xs = {x0, x1};
    // f = x0⁴ x1 (g squares a[0] into b[0] too)
    double[] gradient = new double[2];
    double[][] h = new double[2][2];
    derivatives
        .getMethod("fHessian", double[].class, double[].class, double[][].class)
        .invoke(null, xs, gradient, h);
    // as one call of f does, g leaves a[0]·b[0] in xs[0]
    assertThat(xs).usingExactEquality().containsExactly(new double[] {x0 * x0, x1}).inOrder();
    xs = new double[] {x0, x1};
    assertThat(gradient[0]).isWithin(1e-14).of(4 * x0 * x0 * x0 * x1);
    assertThat(gradient[1]).isWithin(1e-14).of(x0 * x0 * x0 * x0);
    assertThat(h[0][0]).isWithin(1e-13).of(12 * x0 * x0 * x1);
    assertThat(h[0][1]).isWithin(1e-13).of(4 * x0 * x0 * x0);
    assertThat(h[1][0]).isWithin(1e-13).of(4 * x0 * x0 * x0);
    assertThat(h[1][1]).isWithin(1e-13).of(0.0);
    double[] hv =
        (double[]) derivatives
            .getMethod("fHessianVector", double[].class, double[].class)
            .invoke(null, xs, new double[] {0.0, 1.0});
    assertThat(hv[0]).isWithin(1e-13).of(4 * x0 * x0 * x0);
    // h = x⁵ through an alias made by an assignment
    double second = (double) derivatives.getMethod("hSecondDerivative", double.class).invoke(null, x0);
    assertThat(second).isWithin(1e-13).of(20 * x0 * x0 * x0);
  }

  @Test
  void generatedSecondOrderNamesClashWithAnotherMethodsDerivatives() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable(order = 2)",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "  @Differentiable",
            "  static double fTangent(double a, double b) {",
            "    return a * b;",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffNameClash]")
        .inFile(src)
        .onLine(9);
  }
}
