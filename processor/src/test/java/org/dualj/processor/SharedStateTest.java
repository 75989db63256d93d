package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes into storage the method does not own are errors, in every mode and order, and writes
 * into its own double[] parameters leave the caller's arrays as one primal call leaves them, with
 * every entry point and chunk.
 */
class SharedStateTest {

  private static final String HERE = "// <- error";

  record Case(String name, String tag, String... body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> errors() {
    return List.of(
        new Case("write through a local alias of an instance field", "DiffArrayAlias",
            "  double f(double x) {",
            "    double[] a = this.w;",
            "    a[0] += 1; " + HERE,
            "    return x * a[0];",
            "  }"),
        new Case("inactive write into a static field's array", "DiffFieldWrite",
            "  static double f(double x) {",
            "    W[0] = 2.0; " + HERE,
            "    return x * W[0];",
            "  }"),
        new Case("increment of a static field's element", "DiffFieldWrite",
            "  static double f(double x) {",
            "    W[1]++; " + HERE,
            "    return x;",
            "  }"),
        new Case("write through a ternary that may pick a field", "DiffArrayAlias",
            "  static double f(double x, double[] y, boolean b) {",
            "    double[] a = b ? W : new double[3];",
            "    a[0] = 3.0; " + HERE,
            "    return x * a[0];",
            "  }"),
        new Case("alias of an alias of a field", "DiffArrayAlias",
            "  static double f(double x) {",
            "    double[] a = W;",
            "    double[] b = a;",
            "    b[1] = 5.0; " + HERE,
            "    return x * b[1];",
            "  }"),
        new Case("field passed to a @Differentiable callee that writes it", "DiffArrayAlias",
            "  @Differentiable static double g(double[] a, double x) {",
            "    a[0] += x;",
            "    return a[0];",
            "  }",
            "  static double f(double x) {",
            "    return g(W, x); " + HERE,
            "  }"),
        new Case("field passed through two callees, the inner one writing", "DiffArrayAlias",
            "  @Differentiable static double g(double[] a, double x) {",
            "    a[0] = x;",
            "    return a[0];",
            "  }",
            "  @Differentiable static double h(double[] b, double x) {",
            "    return g(b, 2 * x);",
            "  }",
            "  static double f(double x) {",
            "    return h(W, x); " + HERE,
            "  }"),
        new Case("System.arraycopy into a field", "DiffArrayAlias",
            "  static double f(double[] x) {",
            "    System.arraycopy(new double[] {4, 5}, 0, W, 0, 2); " + HERE,
            "    return x[0];",
            "  }"),
        new Case("Arrays.fill of a field", "DiffArrayAlias",
            "  static double f(double x) {",
            "    java.util.Arrays.fill(W, 1.0); " + HERE,
            "    return x;",
            "  }"),
        new Case("helper without derivative that writes its argument", "DiffArrayAlias",
            "  static void bump(double[] a) { a[0] += 1; }",
            "  static double f(double x) {",
            "    bump(W); " + HERE,
            "    return x * W[0];",
            "  }"),
        new Case("int[] parameter used as a counter", "DiffArrayAlias",
            "  static double f(double x, int[] calls) {",
            "    calls[0]++; " + HERE,
            "    return x * x;",
            "  }"),
        new Case("row of a double[][] parameter written", "DiffArrayAlias",
            "  static double f(double x, double[][] m) {",
            "    for (double[] row : m) {",
            "      row[0] = 0.0; " + HERE,
            "    }",
            "    return x;",
            "  }"),
        new Case("array returned by a library call written", "DiffArrayAlias",
            "  static double[] buffer() { return W; }",
            "  static double f(double x) {",
            "    double[] a = buffer();",
            "    a[0] = 1.0; " + HERE,
            "    return x * a[0];",
            "  }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void sharedWritesAreErrorsAtTheirLine(Case c) {
    for (String annotation : List.of("@Differentiable", "@Differentiable(order = 2)", "@Differentiable(chunk = 1)")) {
      JavaFileObject src = model(annotation, c.body());
      Compilation comp = compile(src);
      int line = lineOf(src, HERE);
      assertThat(comp).failed();
      assertThat(comp).hadErrorContaining("[" + c.tag() + "]").inFile(src).onLine(line);
      assertThat(comp.errors()).hasSize(1);
    }
  }

  @Test
  void readingFieldsThroughCalleesAndAliasesIsFine() {
    JavaFileObject src =
        model(
            "@Differentiable",
            "  @Differentiable static double dot(double[] a, double[] b) {",
            "    double s = 0;",
            "    for (int i = 0; i < a.length; i++) s += a[i] * b[i];",
            "    return s;",
            "  }",
            "  static double norm1(double[] a) {",
            "    double s = 0;",
            "    for (double v : a) s += Math.abs(v);",
            "    return s;",
            "  }",
            "  static double f(double[] x) {",
            "    double[] w = W;",
            "    double[] own = W.clone();",
            "    own[0] = x[0];",
            "    return dot(W, x) + norm1(w) + java.util.Arrays.stream(W).sum() * own[0];",
            "  }");
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- state after the entry points

  /**
   * f(x) = after x[0] *= 2 and x[1] += x[0]: 2·x0·(x1 + 2·x0) + x2² in terms of the caller's x, and
   * the caller's x ends as (2·x0, x1 + 2·x0, x2, …).
   */
  private static final String[] WRITES_ITS_PARAMETER = {
    "  static double f(double[] x) {",
    "    x[0] *= 2;",
    "    x[1] += x[0];",
    "    double s = x[0] * x[1];",
    "    for (int i = 2; i < x.length; i++) s += x[i] * x[i];",
    "    return s;",
    "  }"
  };

  @Test
  void gradientJacobianAndHessianLeaveTheCallersArrayAsOnePrimalCall() throws Exception {
    for (String annotation :
        List.of("@Differentiable(order = 2)", "@Differentiable(order = 2, chunk = 1)",
            "@Differentiable(order = 2, chunk = 3)")) {
      Compilation comp = compile(model(annotation, WRITES_ITS_PARAMETER));
      assertThat(comp).succeededWithoutWarnings();
      CompiledClasses loader = new CompiledClasses(comp);
      Class<?> d = loader.load("test.ModelDerivatives");
      for (int n : new int[] {2, 5, 14}) {
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
          x0[i] = 0.3 + 0.7 * i;
        }
        double[] after = x0.clone();
        after[0] = 2 * x0[0];
        after[1] = x0[1] + 2 * x0[0];
        // analytic gradient and Hessian in terms of the caller's x
        double[] grad = new double[n];
        grad[0] = 2 * (x0[1] + 2 * x0[0]) + 4 * x0[0];
        grad[1] = 2 * x0[0];
        double[][] hess = new double[n][n];
        hess[0][0] = 8;
        hess[0][1] = 2;
        hess[1][0] = 2;
        for (int i = 2; i < n; i++) {
          grad[i] = 2 * x0[i];
          hess[i][i] = 2;
        }

        double[] x = x0.clone();
        double[] g = (double[]) method(d, "fGradient", double[].class).invoke(null, x);
        assertClose(g, grad, annotation + " gradient, n = " + n);
        assertThat(x).usingExactEquality().containsExactly(after).inOrder();

        x = x0.clone();
        double[][] h = (double[][]) method(d, "fHessian", double[].class).invoke(null, x);
        for (int i = 0; i < n; i++) {
          assertClose(h[i], hess[i], annotation + " Hessian row " + i + ", n = " + n);
        }
        assertThat(x).usingExactEquality().containsExactly(after).inOrder();

        x = x0.clone();
        double[] v = new double[n];
        Arrays.fill(v, 1.0);
        double[] hv =
            (double[]) method(d, "fHessianVector", double[].class, double[].class).invoke(null, x, v);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            expected[i] += hess[i][j];
          }
        }
        assertClose(hv, expected, annotation + " H.v, n = " + n);
        assertThat(x).usingExactEquality().containsExactly(after).inOrder();
        assertThat(v).usingExactEquality().containsExactly(ones(n)).inOrder();
      }
    }
  }

  private static final String[] ARRAY_VALUED_WRITER = {
    "  static double[] f(double[] x, double c) {",
    "    x[0] = x[0] * c;",
    "    return new double[] {x[0] * x[1], x[1] + c};",
    "  }"
  };

  @Test
  void jacobianLeavesTheCallersArrayAsOnePrimalCall() throws Exception {
    for (String annotation : List.of("@Differentiable", "@Differentiable(chunk = 1)")) {
      Compilation comp = compile(model(annotation, ARRAY_VALUED_WRITER));
      assertThat(comp).succeededWithoutWarnings();
      Class<?> d = new CompiledClasses(comp).load("test.ModelDerivatives");
      double[] x = {1.5, -0.5};
      double c = 3.0;
      double[][] jac =
          (double[][]) method(d, "fJacobian", double[].class, double.class).invoke(null, x, c);
      // columns x0, x1, c; rows (x0·c·x1, x1 + c)
      double[][] expected = {{c * -0.5, 1.5 * c, 1.5 * -0.5}, {0, 1, 1}};
      for (int i = 0; i < 2; i++) {
        assertClose(jac[i], expected[i], annotation + " Jacobian row " + i);
      }
      assertThat(x).usingExactEquality().containsExactly(new double[] {4.5, -0.5}).inOrder();
    }
  }

  // ---------------------------------------------------------------- calls with effects

  private static JavaFileObject counting(String annotation) {
    return source(
        "Counted",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "class Counted {",
        "  static int hits;",
        "  static int tick() { return ++hits; }",
        "  static double half(double t) { return t / 2; }",
        "  " + annotation,
        "  static double f(double[] x) {",
        "    int k = tick() % 2; // <- error",
        "    double s = 0;",
        "    for (int i = 0; i < x.length; i++) s += (k + 1) * x[i] * x[i] + 0.5 * x[i];",
        "    if (half(s) > 1e300) s = 0; // a pure helper: no effect to repeat",
        "    return s;",
        "  }",
        "}");
  }

  /** A call with effects runs once in a gradient however many directions: one pass. */
  @Test
  void gradientsOfMethodsCallingMethodsWithEffectsTakeOnePass() throws Exception {
    Compilation comp = compile(counting("@Differentiable(chunk = 1)"));
    assertThat(comp).succeededWithoutWarnings();
    CompiledClasses loader = new CompiledClasses(comp);
    Class<?> model = loader.load("test.Counted");
    Class<?> d = loader.load("test.CountedDerivatives");
    var hits = model.getDeclaredField("hits");
    hits.setAccessible(true);
    for (int n : new int[] {1, 5, 20}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 0.1 * i - 0.4;
      }
      int before = hits.getInt(null);
      double[] g = (double[]) d.getMethod("fGradient", double[].class).invoke(null, (Object) x);
      assertThat(hits.getInt(null)).isEqualTo(before + 1);
      int k = (before + 1) % 2;
      for (int i = 0; i < n; i++) {
        assertThat(g[i]).isWithin(1e-15).of(2 * (k + 1) * x[i] + 0.5);
      }
    }
    String generated =
        comp.generatedSourceFile("test.CountedDerivatives").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("one pass: the method calls methods with effects");
  }

  @Test
  void aCallWithEffectsInAnOrderTwoMethodIsAnError() {
    JavaFileObject src = counting("@Differentiable(order = 2)");
    Compilation comp = compile(src);
    assertThat(comp).failed();
    assertThat(comp).hadErrorContaining("[DiffRepeatedEffect] Counted.tick").inFile(src).onLine(lineOf(src, HERE));
    assertThat(comp.errors()).hasSize(1);
  }

  // ---------------------------------------------------------------- helpers

  private static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1.0);
    return v;
  }

  private static void assertClose(double[] actual, double[] expected, String what) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double tol = 1e-12 * Math.max(1, Math.abs(expected[i]));
      if (Math.abs(actual[i] - expected[i]) > tol) {
        throw new AssertionError(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]);
      }
    }
  }

  private static Method method(Class<?> c, String name, Class<?>... types) throws Exception {
    return c.getMethod(name, types);
  }

  /** A class Model with fields W (static double[]) and w, and the body's methods; f annotated. */
  private static JavaFileObject model(String annotation, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Model {");
    lines.add("  static final double[] W = {1.0, 2.0, 3.0};");
    lines.add("  final double[] w = {1.0, 2.0};");
    for (String l : body) {
      boolean annotate =
          l.startsWith("  static double f(") || l.startsWith("  double f(") || l.startsWith("  static double[] f(");
      lines.add(
          annotate ? "  " + annotation + " " + l.trim() : l.replace("@Differentiable ", annotation + " "));
    }
    lines.add("}");
    return source("Model", lines.toArray(String[]::new));
  }

  private static int lineOf(JavaFileObject src, String marker) {
    try {
      String[] lines = src.getCharContent(true).toString().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(marker)) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no marker");
  }
}
