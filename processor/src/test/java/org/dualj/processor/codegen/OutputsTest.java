package org.dualj.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.dualj.processor.CompiledClasses;
import org.dualj.processor.DifferentiableProcessor;
import org.dualj.runtime.Dual;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(outputs = …)} and {@code -Adualj.outputs}: which public methods a method
 * gets, that the code its callers need is generated whatever they are, and that private helpers
 * differentiated in place get no public methods. Derivatives are checked against analytic
 * formulas at several points.
 */
class OutputsTest {
  private static final double TOL = 1e-12;

  private static Compilation compile(JavaFileObject source, String... options) {
    return javac().withProcessors(new DifferentiableProcessor()).withOptions(options).compile(source);
  }

  private static JavaFileObject source(String... lines) {
    return JavaFileObjects.forSourceLines("test.Model", lines);
  }

  private static Class<?> derivatives(Compilation c) {
    assertThat(c).succeededWithoutWarnings();
    return new CompiledClasses(c).load("test.ModelDerivatives");
  }

  /** The names of the public methods of {@code k} starting with {@code prefix}. */
  private static Set<String> publicNames(Class<?> k, String prefix) {
    return Arrays.stream(k.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith(prefix))
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> allNames(Class<?> k, String prefix) {
    return Arrays.stream(k.getDeclaredMethods())
        .map(Method::getName)
        .filter(n -> n.startsWith(prefix))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean hasDualForm(Class<?> k, String name) {
    return Arrays.stream(k.getDeclaredMethods())
        .anyMatch(m -> m.getName().equals(name) && Arrays.asList(m.getParameterTypes()).contains(Dual.class));
  }

  private static Method method(Class<?> k, String name, Class<?>... params) throws Exception {
    Method m = k.getDeclaredMethod(name, params);
    m.setAccessible(true);
    return m;
  }

  @Test
  void gradientOnlyGetsTheGradientAndTheCores() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "import org.dualj.annotations.Output;",
                    "class Model {",
                    "  @Differentiable(outputs = Output.GRADIENT)",
                    "  static double f(double x, double y) {",
                    "    return Math.sin(x) * y + x * x;",
                    "  }",
                    "  @Differentiable(outputs = Output.GRADIENT)",
                    "  static double g(double[] x) {",
                    "    double s = 0;",
                    "    for (int i = 0; i < x.length; i++) {",
                    "      s += x[i] * x[i] * x[i];",
                    "    }",
                    "    return s;",
                    "  }",
                    "}")));
    // f: the gradient and the cores its callers call, nothing else
    assertThat(allNames(k, "f")).containsExactly("f", "fGradient", "fGradientForward", "fLanes");
    assertThat(hasDualForm(k, "f")).isFalse();
    assertThat(publicNames(k, "f")).containsExactly("f", "fGradient", "fGradientForward", "fLanes");
    // g's gradient takes reverse mode for many columns: its adjoint and that one method, not public
    assertThat(publicNames(k, "g")).containsExactly("g", "gAdjoint", "gGradient", "gGradientForward", "gLanes");
    assertThat(allNames(k, "g")).contains("gGradientReverse");
    assertThat(allNames(k, "g")).containsNoneOf("gJvp", "gVjp", "gHessian", "gHessianVector");

    Method fGradient = method(k, "fGradient", double.class, double.class);
    for (double[] p : new double[][] {{0.3, -1.2}, {2.0, 0.5}, {-1.1, 3.0}}) {
      double[] grad = (double[]) fGradient.invoke(null, p[0], p[1]);
      assertThat(grad[0]).isWithin(TOL).of(Math.cos(p[0]) * p[1] + 2 * p[0]);
      assertThat(grad[1]).isWithin(TOL).of(Math.sin(p[0]));
    }
    Method gGradient = method(k, "gGradient", double[].class, double[].class, Workspace.class);
    for (int n : new int[] {3, 40, 200}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.sin(i + 0.5) * 2;
      }
      double[] grad = new double[n];
      double value = (double) gGradient.invoke(null, x, grad, new Workspace());
      double expected = 0;
      for (int i = 0; i < n; i++) {
        expected += x[i] * x[i] * x[i];
        assertThat(grad[i]).isWithin(TOL).of(3 * x[i] * x[i]);
      }
      assertThat(value).isWithin(1e-9).of(expected);
    }
  }

  @Test
  void theOptionGivesTheDefaultAndTheMemberOverridesIt() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "import org.dualj.annotations.Output;",
                    "class Model {",
                    "  @Differentiable",
                    "  static double h(double x) {",
                    "    return Math.exp(x) * x;",
                    "  }",
                    "  @Differentiable(order = 2, outputs = Output.HESSIAN)",
                    "  static double k(double x) {",
                    "    return x * x * x;",
                    "  }",
                    "}"),
                "-Adualj.outputs=JVP"));
    assertThat(publicNames(k, "h")).containsExactly("h", "hJvp", "hLanes");
    assertThat(hasDualForm(k, "h")).isFalse();
    assertThat(publicNames(k, "k"))
        .containsExactly("k", "kLanes", "kTangent", "kTangentLanes", "kHessian", "kSecondDerivative");
    Method hJvp = method(k, "hJvp", double.class, double.class);
    Method kSecond = method(k, "kSecondDerivative", double.class);
    for (double x : new double[] {-0.7, 0.4, 1.9}) {
      Dual d = (Dual) hJvp.invoke(null, x, 2.0);
      assertThat(d.tangent()).isWithin(TOL).of(2.0 * Math.exp(x) * (x + 1));
      assertThat((double) kSecond.invoke(null, x)).isWithin(TOL).of(6 * x);
    }
  }

  @Test
  void outputNamesInTheOptionIgnoreCaseAndSpaces() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "class Model {",
                    "  @Differentiable",
                    "  static double h(double x) {",
                    "    return x * x;",
                    "  }",
                    "}"),
                "-Adualj.outputs= gradient , Dual"));
    assertThat(publicNames(k, "h")).containsExactly("h", "hGradient", "hGradientForward", "hLanes");
    assertThat(hasDualForm(k, "h")).isTrue();
  }

  @Test
  void anInvalidOptionIsAnErrorWithAdvice() {
    Compilation c =
        compile(
            source(
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable",
                "  static double h(double x) {",
                "    return x * x;",
                "  }",
                "}"),
            "-Adualj.outputs=GRADIENT,HESIAN");
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffOutputsOption]");
    assertThat(c).hadErrorContaining("has \"HESIAN\", which is not an output");
    assertThat(c).hadErrorContaining("-Adualj.outputs=GRADIENT,JVP");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodsWithDifferentOutputsCallEachOther() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "import org.dualj.annotations.Output;",
                    "class Model {",
                    "  @Differentiable(outputs = {})",
                    "  static double inner(double x, double y) {",
                    "    return Math.exp(x) * y;",
                    "  }",
                    "  @Differentiable(outputs = {Output.GRADIENT, Output.REVERSE})",
                    "  static double outer(double x, double y) {",
                    "    return inner(x, y) * x;",
                    "  }",
                    "  @Differentiable(outputs = Output.VJP)",
                    "  static double[] vec(double[] x) {",
                    "    double[] r = new double[2];",
                    "    r[0] = inner(x[0], x[1]);",
                    "    r[1] = x[0] * x[1];",
                    "    return r;",
                    "  }",
                    "}")));
    // inner gets no public derivative methods, only what outer and vec call
    assertThat(publicNames(k, "inner")).containsExactly("inner", "innerAdjoint", "innerLanes");
    assertThat(publicNames(k, "vec")).containsExactly("vec", "vecAdjoint", "vecLanes", "vecVjp");
    Method gradient = method(k, "outerGradient", double.class, double.class);
    Method reverse = method(k, "outerGradientReverse", double.class, double.class);
    Method vjp = method(k, "vecVjp", double[].class, double[].class);
    for (double[] p : new double[][] {{0.3, -1.2}, {1.5, 0.5}, {-1.1, 2.0}}) {
      double x = p[0];
      double y = p[1];
      double dx = Math.exp(x) * y * (x + 1);
      double dy = Math.exp(x) * x;
      for (Method m : new Method[] {gradient, reverse}) {
        double[] g = (double[]) m.invoke(null, x, y);
        assertThat(g[0]).isWithin(TOL).of(dx);
        assertThat(g[1]).isWithin(TOL).of(dy);
      }
      double[] bar = {0.7, -2.0};
      double[] v = (double[]) vjp.invoke(null, new double[] {x, y}, bar);
      assertThat(v[0]).isWithin(TOL).of(bar[0] * Math.exp(x) * y + bar[1] * y);
      assertThat(v[1]).isWithin(TOL).of(bar[0] * Math.exp(x) + bar[1] * x);
    }
  }

  @Test
  void hessianVectorsOfAMethodCallingOneWithoutOutputs() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "import org.dualj.annotations.Output;",
                    "class Model {",
                    "  @Differentiable(order = 2, outputs = {})",
                    "  static double inner(double x, double y) {",
                    "    return Math.exp(x) * y;",
                    "  }",
                    "  @Differentiable(order = 2, outputs = Output.HESSIAN_VECTOR)",
                    "  static double outer(double x, double y) {",
                    "    return inner(x, y) * x;",
                    "  }",
                    "}")));
    assertThat(publicNames(k, "outer"))
        .containsExactly("outer", "outerLanes", "outerTangent", "outerTangentLanes", "outerAdjoint",
            "outerTangentAdjoint", "outerHessianVector", "outerHessianVectorAdjoint",
            "outerHessianVectorReverse");
    assertThat(publicNames(k, "inner"))
        .containsExactly("inner", "innerLanes", "innerTangent", "innerTangentLanes", "innerAdjoint",
            "innerTangentAdjoint");
    Method forward = method(k, "outerHessianVector", double.class, double.class, double.class, double.class);
    Method reverse =
        method(k, "outerHessianVectorReverse", double.class, double.class, double.class, double.class);
    for (double[] p : new double[][] {{0.3, -1.2}, {1.5, 0.5}, {-1.1, 2.0}}) {
      double x = p[0];
      double y = p[1];
      double v0 = 0.8;
      double v1 = -1.7;
      // outer = x y exp(x): H = [[y e^x (x + 2), e^x (x + 1)], [e^x (x + 1), 0]]
      double e = Math.exp(x);
      double hv0 = y * e * (x + 2) * v0 + e * (x + 1) * v1;
      double hv1 = e * (x + 1) * v0;
      for (Method m : new Method[] {forward, reverse}) {
        double[] hv = (double[]) m.invoke(null, x, y, v0, v1);
        assertThat(hv[0]).isWithin(1e-11).of(hv0);
        assertThat(hv[1]).isWithin(1e-11).of(hv1);
      }
    }
  }

  @Test
  void privateHelpersGetNoPublicMethods() throws Exception {
    Class<?> k =
        derivatives(
            compile(
                source(
                    "package test;",
                    "import org.dualj.annotations.Differentiable;",
                    "class Model {",
                    "  @Differentiable",
                    "  static double f(double[] x) {",
                    "    double s = 0;",
                    "    for (int i = 0; i + 1 < x.length; i++) {",
                    "      s += term(x[i], x[i + 1]);",
                    "    }",
                    "    return s;",
                    "  }",
                    "  private static double term(double a, double b) {",
                    "    return a * a * b + Math.sin(b);",
                    "  }",
                    "}")));
    // only the cores f's tangent, lane and adjoint code call, package-private
    assertThat(publicNames(k, "term")).isEmpty();
    assertThat(allNames(k, "term")).containsExactly("term", "termAdjoint", "termLanes");
    Method gradient = method(k, "fGradient", double[].class);
    Method reverse = method(k, "fGradientReverse", double[].class);
    for (int n : new int[] {2, 5, 50}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.cos(1.3 * i) - 0.2;
      }
      for (Method m : new Method[] {gradient, reverse}) {
        double[] g = (double[]) m.invoke(null, (Object) x);
        for (int i = 0; i < n; i++) {
          // x[i] is a in term(x[i], x[i + 1]) and b in term(x[i - 1], x[i])
          double expected = (i + 1 < n ? 2 * x[i] * x[i + 1] : 0)
              + (i > 0 ? x[i - 1] * x[i - 1] + Math.cos(x[i]) : 0);
          assertThat(g[i]).isWithin(TOL).of(expected);
        }
      }
    }
  }
}
