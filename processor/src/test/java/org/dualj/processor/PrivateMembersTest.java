package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Private constants, constant tables and static helpers of the differentiated method's class
 * (issue #11, item 4): compile-time constants are inlined, private static final fields with
 * constant initializers are copied into the generated class, private static helpers called with
 * active arguments are differentiated in place; what cannot be reached is one error at the
 * member's declaration.
 */
class PrivateMembersTest {

  /** A Lanczos log-gamma written as library code: private table, private constants, private helper. */
  private static final String[] LANCZOS = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "public final class Special {",
    "  private static final double G = 7;",
    "  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);",
    "  private static final double[] C = {",
    "    0.99999999999980993, 676.5203681218851, -1259.1392167224028,",
    "    771.32342877765313, -176.61502916214059, 12.507343278686905,",
    "    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7",
    "  };",
    "  private static final int N = C.length;",
    "  private Special() {}",
    "",
    "  private static double series(double z) {",
    "    double sum = C[0];",
    "    for (int i = 1; i < N; i++) {",
    "      sum += C[i] / (z + i);",
    "    }",
    "    return sum;",
    "  }",
    "",
    "  /** log Γ(x) for x >= 0.5. */",
    "  @Differentiable(order = 2)",
    "  public static double logGamma(double x) {",
    "    if (x < 0.5) {",
    "      throw new IllegalArgumentException(\"x = \" + x);",
    "    }",
    "    double z = x - 1;",
    "    double t = z + G + 0.5;",
    "    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series(z));",
    "  }",
    "",
    "  /** The table read directly in a loop, and its length. */",
    "  @Differentiable",
    "  public static double weighted(double x) {",
    "    double s = 0;",
    "    for (double c : C) {",
    "      s = s * x + c / C.length;",
    "    }",
    "    return s;",
    "  }",
    "}"
  };

  @Test
  void lanczosLogGammaWithPrivateTableConstantsAndHelper() throws Exception {
    Compilation c = compile(source("Special", LANCZOS));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.SpecialDerivatives");
    Method tangent = d.getMethod("logGamma", Dual.class);
    Method second = d.getMethod("logGammaSecondDerivative", double.class);
    Method gradient = d.getMethod("logGammaGradient", double.class);
    double[] table = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    for (double x : new double[] {0.5, 0.9, 1.0, 2.5, 7.25, 30.0, 170.0}) {
      // the Lanczos formula differentiated by hand: f = ½ln 2π + (z + ½) ln t − t + ln S(z),
      // t = z + 7.5, S = c₀ + Σ cᵢ/(z + i)
      double z = x - 1;
      double t = z + 7.5;
      double s = table[0];
      double s1 = 0;
      double s2 = 0;
      for (int i = 1; i < 9; i++) {
        s += table[i] / (z + i);
        s1 -= table[i] / ((z + i) * (z + i));
        s2 += 2 * table[i] / ((z + i) * (z + i) * (z + i));
      }
      double d1 = Math.log(t) + (z + 0.5) / t - 1 + s1 / s;
      double d2 = 1 / t + 7.0 / (t * t) + s2 / s - (s1 / s) * (s1 / s);
      Dual y = (Dual) tangent.invoke(null, Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12 * Math.max(1, Math.abs(Gamma.logGamma(x)))).of(Gamma.logGamma(x));
      assertThat(y.tangent()).isWithin(1e-13 * Math.max(1, Math.abs(d1))).of(d1);
      // and the approximation's derivatives are ψ and ψ' (Hipparchus's digamma, trigamma)
      assertThat(y.tangent()).isWithin(1e-8 * Math.max(1, Math.abs(d1))).of(Gamma.digamma(x));
      assertThat(((double[]) gradient.invoke(null, x))[0]).isEqualTo(y.tangent());
      double h = (double) second.invoke(null, x);
      assertThat(h).isWithin(1e-12 * Math.abs(d2)).of(d2);
      assertThat(h).isWithin(1e-8 * Math.abs(d2)).of(Gamma.trigamma(x));
    }
    try {
      tangent.invoke(null, Dual.variable(0.25));
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
      assertThat(e.getCause()).hasMessageThat().isEqualTo("x = 0.25");
    }
    Method w = d.getMethod("weighted", Dual.class);
    for (double x : new double[] {-1.5, 0.3, 2.0}) {
      // Horner: s = Σ c_k x^(8-k) / 9, s' = Σ (8-k) c_k x^(7-k) / 9
      double ds = 0;
      for (int k = 0; k < 8; k++) {
        ds += (8 - k) * table[k] * Math.pow(x, 7 - k) / 9;
      }
      Dual y = (Dual) w.invoke(null, Dual.variable(x));
      assertThat(y.tangent()).isWithin(1e-12 * Math.max(1, Math.abs(ds))).of(ds);
    }
    String generated = generatedSource(c, "test.SpecialDerivatives");
    assertThat(generated).contains("private static final double[] C = new double[] {");
    assertThat(generated).contains("private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);");
    assertThat(generated).contains("private static final int N = SpecialDerivatives.C.length;");
  }

  static String generatedSource(Compilation c, String name) throws java.io.IOException {
    return c.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  // ------------------------------------------------------------------ what still cannot be reached

  private static final String HERE = DifferentiableErrorsTest.HERE;

  private static DifferentiableErrorsTest.Mistake mistake(
      String name, String advice, String... members) {
    List<String> lines = new java.util.ArrayList<>(List.of(
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "class Model {"));
    lines.addAll(List.of(members));
    lines.addAll(List.of("}"));
    return new DifferentiableErrorsTest.Mistake(
        name, "DiffInaccessible", advice, 1, lines.toArray(String[]::new));
  }

  static java.util.stream.Stream<DifferentiableErrorsTest.Mistake> unreachable() {
    return java.util.stream.Stream.of(
        mistake("private instance field, three uses in two methods", "pass its value as a parameter",
            "  private double k = 2; " + HERE,
            "  @Differentiable double f(double x) { return k * x + k; }",
            "  @Differentiable double g(double x) { return x / k; }"),
        mistake("private static field that is not final", "make it final",
            "  private static double scale = 2.0; " + HERE,
            "  @Differentiable static double f(double x) { return scale * x; }",
            "  @Differentiable static double g(double x) { return x + scale; }"),
        mistake("private table written by a static initializer", "work on a copy",
            "  private static final double[] W = {1, 2}; " + HERE,
            "  static { W[0] = 3; }",
            "  @Differentiable static double f(double x) { return W[0] * x + W[1]; }"),
        mistake("private table handed to Arrays.fill", "may be assigned",
            "  private static final double[] W = {1, 2}; " + HERE,
            "  static void reset() { java.util.Arrays.fill(W, 0); }",
            "  @Differentiable static double f(double x) { return W[0] * x; }"),
        mistake("private table handed to a helper that writes its parameter", "may change",
            "  private static final double[] W = {1, 2}; " + HERE,
            "  private static void twice(double[] a) { a[0] *= 2; }",
            "  static void init() { twice(W); }",
            "  @Differentiable static double f(double x) { return W[0] * x; }"),
        mistake("private table aliased by a local", "may change",
            "  private static final double[] W = {1, 2}; " + HERE,
            "  static double[] leak() { double[] w = W; return w; }",
            "  @Differentiable static double f(double x) { return W[1] * x; }"),
        mistake("private matrix table whose element a static initializer writes", "work on a copy",
            "  private static final double[][] M = {{1, 2}, {3}}; " + HERE,
            "  static { M[0][1] = 3; }",
            "  @Differentiable static double f(double x) { return M[0][1] * x; }"),
        mistake("private matrix table whose row a local aliases and writes", "work on a copy",
            "  private static final double[][] M = {{1, 2}, {3}}; " + HERE,
            "  static void bump() { double[] r = M[1]; r[0] += 1; }",
            "  @Differentiable static double f(double x) { return M[1][0] * x; }"),
        mistake("private matrix table whose row is filled", "work on a copy",
            "  private static final double[][] M = {{1, 2}, {3}}; " + HERE,
            "  static void reset() { java.util.Arrays.fill(M[0], 0); }",
            "  @Differentiable static double f(double x) { return M[0][0] * x; }"),
        mistake("private matrix table cloned shallowly", "work on a copy",
            "  private static final double[][] M = {{1, 2}, {3}}; " + HERE,
            "  static double[][] copy() { return M.clone(); }",
            "  @Differentiable static double f(double x) { return M[0][0] * x; }"),
        mistake("private matrix table whose for-each row is written", "work on a copy",
            "  private static final double[][] M = {{1, 2}, {3}}; " + HERE,
            "  static void zero() { for (double[] r : M) r[0] = 0; }",
            "  @Differentiable static double f(double x) { return M[0][0] * x; }"),
        mistake("private constant with a random initializer", "initializer is not made of literals",
            "  private static final double SEED = Math.random(); " + HERE,
            "  @Differentiable static double f(double x) { return SEED * x; }"),
        mistake("private object constant", "Make it package-private",
            "  private static final java.util.List<Double> L = java.util.List.of(1.0); " + HERE,
            "  @Differentiable static double f(double x) { return L.size() * x; }"),
        mistake("private instance method", "Make it package-private",
            "  private double twice(double t) { return 2 * t; } " + HERE,
            "  @Differentiable double f(double x) { return twice(x) + twice(1); }"),
        mistake("private static helper whose body cannot be copied, called twice", "cannot be copied",
            "  private static int steps(double t) { " + HERE,
            "    synchronized (Model.class) {",
            "      return (int) (2 * t);",
            "    }",
            "  }",
            "  @Differentiable static double f(double x) { return steps(x) * x; }",
            "  @Differentiable static double g(double x) { return steps(x) + steps(2 * x) * x; }"),
        mistake("private static helper that counts its calls in a private field", "cannot be copied",
            "  private static int calls;",
            "  private static void count() { calls++; } " + HERE,
            "  @Differentiable static double f(double x) { count(); return x * x; }"),
        mistake("private static helper reading a private field that is not final", "make it final",
            "  private static double scale = 2; " + HERE,
            "  private static boolean big(double t) { return t > scale; }",
            "  @Differentiable static double f(double x) { return big(x) ? x : 2 * x; }"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("unreachable")
  void unreachableMemberIsOneErrorAtItsDeclaration(DifferentiableErrorsTest.Mistake mistake) {
    DifferentiableErrorsTest.assertReportedAtItsLine(mistake);
  }

  // ------------------------------------------------------------------ helpers

  @Test
  void privateMatrixTableIsCopiedWhenTheFileOnlyReadsIt() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "final class Model {",
                // a ragged table of polynomial coefficients, row i of degree i + 1
                "  private static final double[][] COEFFS = {{1.0, 0.5}, {0.25, -0.125, Math.PI / 8}};",
                "  private static double rowSum(double[] row, double x) {",
                "    double s = 0;",
                "    for (int i = row.length - 1; i >= 0; i--) s = s * x + row[i];",
                "    return s;",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double f(double x) {",
                "    double s = 0;",
                "    for (double[] row : COEFFS) s += rowSum(row, x);",
                "    double[] last = COEFFS[COEFFS.length - 1];",
                "    return s * last[last.length - 1] + COEFFS[0][1] * COEFFS[1].length * x;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class);
    Method f2 = d.getMethod("fSecondDerivative", double.class);
    double k = Math.PI / 8;
    for (double x : new double[] {-1.5, 0.25, 2.0}) {
      // s = 1.25 + 0.375 x + k x², f = k s + 1.5 x
      Dual y = (Dual) f.invoke(null, Dual.variable(x));
      assertThat(y.value()).isWithin(1e-14).of(k * (1.25 + 0.375 * x + k * x * x) + 1.5 * x);
      assertThat(y.tangent()).isWithin(1e-14).of(k * (0.375 + 2 * k * x) + 1.5);
      assertThat((double) f2.invoke(null, x)).isWithin(1e-14).of(2 * k * k);
    }
  }

  @Test
  void privateHelpersAreDifferentiatedInPlaceAtTheOrderTheirCallersNeed() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  private static final double[] P = {1.0, -0.5, 0.25};",
                "  private static double poly(double[] c, double t) {",
                "    double s = 0;",
                "    for (int i = c.length - 1; i >= 0; i--) {",
                "      s = s * t + c[i];",
                "    }",
                "    return s;",
                "  }",
                "  private static double square(double t) { return t * t; }",
                "  private static double both(double t) { return square(t) + poly(P, t); }",
                "  private static double unused(double t) { return t; }",
                "  @Differentiable(order = 2)",
                "  static double f(double x, double y) {",
                "    return both(x * y) + square(2.0) * y;",
                "  }",
                "  @Differentiable",
                "  static double g(double x) {",
                "    return poly(P, Math.sin(x)) + square(3.0);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class, Dual.class);
    Method hessian = d.getMethod("fHessian", double.class, double.class);
    Method g = d.getMethod("g", Dual.class);
    for (double[] p : new double[][] {{0.3, 1.7}, {-2.0, 0.4}, {1.5, -1.1}}) {
      double x = p[0];
      double y = p[1];
      double u = x * y;
      // f = u² + 1 − u/2 + u²/4 + 4y = 1.25u² − 0.5u + 1 + 4y, u = xy
      double fu = 2.5 * u - 0.5;
      Dual fx = (Dual) f.invoke(null, Dual.variable(x), Dual.constant(y));
      Dual fy = (Dual) f.invoke(null, Dual.constant(x), Dual.variable(y));
      assertThat(fx.value()).isWithin(1e-12).of(1.25 * u * u - 0.5 * u + 1 + 4 * y);
      assertThat(fx.tangent()).isWithin(1e-12).of(fu * y);
      assertThat(fy.tangent()).isWithin(1e-12).of(fu * x + 4);
      double[][] h = (double[][]) hessian.invoke(null, x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(2.5 * y * y);
      assertThat(h[0][1]).isWithin(1e-12).of(2.5 * x * y + fu);
      assertThat(h[1][1]).isWithin(1e-12).of(2.5 * x * x);
      double sx = Math.sin(x);
      Dual gx = (Dual) g.invoke(null, Dual.variable(x));
      assertThat(gx.value()).isWithin(1e-12).of(1 - 0.5 * sx + 0.25 * sx * sx + 9);
      assertThat(gx.tangent()).isWithin(1e-12).of((-0.5 + 0.5 * sx) * Math.cos(x));
    }
    String generated = generatedSource(c, "test.ModelDerivatives");
    assertThat(generated).contains("squareTangent(");
    assertThat(generated).doesNotContain("unused");
  }

  @Test
  void privateConstantOfTheEnclosingClassIsCopiedUnderItsClassName() throws Exception {
    Compilation c =
        compile(
            source(
                "Outer",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Outer {",
                "  private static final double SCALE = Math.sqrt(2.0);",
                "  static final class Inner {",
                "    private static final double SCALE = Math.sqrt(3.0);",
                "    @Differentiable",
                "    static double f(double x) { return Outer.SCALE * x * x + SCALE * x; }",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.Outer_InnerDerivatives");
    Method f = d.getMethod("f", Dual.class);
    for (double x : new double[] {-1.0, 0.5, 4.0}) {
      Dual y = (Dual) f.invoke(null, Dual.variable(x));
      assertThat(y.tangent()).isWithin(1e-14).of(2 * Math.sqrt(2.0) * x + Math.sqrt(3.0));
    }
    String generated = generatedSource(c, "test.Outer_InnerDerivatives");
    assertThat(generated).contains("private static final double Outer_SCALE = Math.sqrt(2.0);");
    assertThat(generated).contains("private static final double SCALE = Math.sqrt(3.0);");
  }
}
