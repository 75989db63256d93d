package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lambdas and method references into which no value that depends on the inputs flows (issue #11,
 * item 7): emitted as written, with the method's variables, private helpers and constants and the
 * types they name spelled for the generated class; where an active value flows in, or a lambda
 * writes into the method's double arrays, a tagged error at the lambda.
 */
class LambdasTest {

  private static final String[] MODEL = {
    "package test;",
    "import java.util.Comparator;",
    "import java.util.List;",
    "import java.util.function.DoubleUnaryOperator;",
    "import org.dualj.annotations.Differentiable;",
    "final class Model {",
    "  private static final double OFFSET = Math.sqrt(2);",
    "  private final double weight;",
    "  final double scale;",
    "  Model(double weight, double scale) { this.weight = weight; this.scale = scale; }",
    "  private static double shifted(double t) { return t + OFFSET; }",
    "  private static String label(double[] p) { return \"$\" + p[0]; }",
    "  /** Sorts the data by a key, logs it, and weights x by the first point's second value. */",
    "  @Differentiable(wrt = \"x\")",
    "  double f(double x, List<double[]> pts, List<String> log) {",
    "    pts.sort(Comparator.comparingDouble(p -> shifted(p[0]) * scale));",
    "    pts.forEach(p -> log.add(label(p)));",
    "    pts.stream().map(Model::label).forEach(log::add);",
    "    DoubleUnaryOperator twice = t -> { DoubleUnaryOperator inner = u -> 2 * u; return inner.applyAsDouble(t); };",
    "    double first = pts.get(0)[1];",
    "    double s = 0;",
    "    for (double[] p : pts) {",
    "      s += p[1] * x * x;",
    "    }",
    "    return s * twice.applyAsDouble(first) + this.scale * x;",
    "  }",
    "}"
  };

  @Test
  void lambdasWithoutActiveValuesRunAsInThePrimal() throws Exception {
    Compilation c = compile(source("Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    var ctor = model.getDeclaredConstructor(double.class, double.class);
    ctor.setAccessible(true);
    Object m = ctor.newInstance(1.0, -0.5);
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = d.getMethod("f", model, Dual.class, List.class, List.class);
    Method gradient = d.getMethod("fGradient", model, double.class, List.class, List.class);
    for (double x : new double[] {-1.5, 0.25, 2.0}) {
      List<double[]> pts = new ArrayList<>(List.of(new double[] {3, 1}, new double[] {-1, 2}, new double[] {0.5, 4}));
      List<String> log = new ArrayList<>();
      Dual y = (Dual) f.invoke(null, m, Dual.variable(x), pts, log);
      // sorted by (p[0] + √2)·(−0.5), i.e. by p[0] descending: 3, 0.5, −1; first = 1, Σp[1] = 7
      assertThat(pts.get(0)[0]).isEqualTo(3.0);
      assertThat(pts.get(2)[0]).isEqualTo(-1.0);
      assertThat(log).containsExactly("$3.0", "$0.5", "$-1.0", "$3.0", "$0.5", "$-1.0").inOrder();
      assertThat(y.value()).isWithin(1e-13).of(7 * x * x * 2 - 0.5 * x);
      assertThat(y.tangent()).isWithin(1e-13).of(28 * x - 0.5);
      // the gradient runs the method's effects once, as one primal call does
      List<String> log2 = new ArrayList<>();
      double[] g = (double[]) gradient.invoke(null, m, x, new ArrayList<>(pts), log2);
      assertThat(g).usingTolerance(1e-13).containsExactly(28 * x - 0.5);
      assertThat(log2).isEqualTo(log);
    }
    String generated = PrivateMembersTest.generatedSource(c, "test.ModelDerivatives");
    assertThat(generated)
        .contains("pts.sort(Comparator.comparingDouble(p -> ModelDerivatives.shifted$copy(p[0]) * self.scale));");
    assertThat(generated).contains("pts.stream().map(ModelDerivatives::label).forEach(log::add);");
  }

  @Test
  void lambdaCapturingLocalsKeepsForwardModeOnlyAndCompiles() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import java.util.function.DoubleUnaryOperator;",
                "import org.dualj.annotations.Differentiable;",
                "final class Model {",
                "  @Differentiable(order = 2, wrt = \"x\")",
                "  static double f(double[] x, double k) {",
                "    double c = k * 2;",
                "    int n = x.length;",
                "    DoubleUnaryOperator sq = t -> t * t + c + n + k;",
                "    double d = sq.applyAsDouble(2.0);",
                "    double s = 0;",
                "    for (int i = 0; i < x.length; i++) {",
                "      s += d * x[i] * x[i];",
                "    }",
                "    return s;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("captures the method's variables");
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Method m : d.getMethods()) {
      names.add(m.getName());
    }
    assertThat(names).doesNotContain("fGradientReverse");
    Method gradient = d.getMethod("fGradient", double[].class, double.class);
    Method hessian = d.getMethod("fHessian", double[].class, double.class);
    double[] x = {0.5, -1.0, 2.0};
    double k = 0.75;
    double w = 4 + 2 * k + 3 + k;
    assertThat((double[]) gradient.invoke(null, x, k))
        .usingTolerance(1e-13).containsExactly(2 * w * x[0], 2 * w * x[1], 2 * w * x[2]).inOrder();
    double[][] h = (double[][]) hessian.invoke(null, x, k);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(h[i][j]).isWithin(1e-12).of(i == j ? 2 * w : 0);
      }
    }
  }

  private static DifferentiableErrorsTest.Mistake mistake(
      String name, String tag, String advice, String... body) {
    List<String> lines = new ArrayList<>(List.of(
        "package test;",
        "import java.util.List;",
        "import org.dualj.annotations.Differentiable;",
        "class Model {",
        "  private double hidden(double t) { return t; }"));
    lines.addAll(List.of(body));
    lines.add("}");
    return new DifferentiableErrorsTest.Mistake(name, tag, advice, 1, lines.toArray(String[]::new));
  }

  static java.util.stream.Stream<DifferentiableErrorsTest.Mistake> mistakes() {
    String here = DifferentiableErrorsTest.HERE;
    return java.util.stream.Stream.of(
        mistake("lambda capturing an active double", "DiffUnsupportedExpression", "No derivative flows through a lambda",
            "  @Differentiable static double f(double x, List<Double> data) {",
            "    data.removeIf(d -> d > x); " + here,
            "    return x * data.size();",
            "  }"),
        mistake("lambda capturing an active array", "DiffUnsupportedExpression", "capture a value depending",
            "  @Differentiable static double f(double[] a, List<Integer> order) {",
            "    order.sort((i, j) -> Double.compare(a[i], a[j])); " + here,
            "    return a[order.get(0)];",
            "  }"),
        mistake("lambda writing into a double array of the method", "DiffUnsupportedExpression", "Write the loop out",
            "  @Differentiable static double f(double x) {",
            "    double[] acc = {0};",
            "    java.util.stream.IntStream.range(0, 3).forEach(i -> acc[0] += i); " + here,
            "    return acc[0] * x;",
            "  }"),
        mistake("lambda whose result feeds the derivative", "DiffUnsupportedCall", "Annotate it with @Differentiable",
            "  @Differentiable static double f(double x) {",
            "    java.util.function.DoubleUnaryOperator sq = t -> t * t;",
            "    return sq.applyAsDouble(x); " + here,
            "  }"),
        new DifferentiableErrorsTest.Mistake(
            "lambda calling a private instance method", "DiffInaccessible", "Make it package-private", 1,
            new String[] {
              "package test;",
              "import java.util.List;",
              "import org.dualj.annotations.Differentiable;",
              "final class Model {",
              "  private double hidden(double t) { return t; } " + here,
              "  @Differentiable double f(double x, List<Double> data) {",
              "    data.replaceAll(d -> hidden(d));",
              "    return x * data.size();",
              "  }",
              "}"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakeIsReportedAtItsLine(DifferentiableErrorsTest.Mistake mistake) {
    DifferentiableErrorsTest.assertReportedAtItsLine(mistake);
  }
}
