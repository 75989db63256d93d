package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.List;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java syntax of issue #11, item 7: switch expressions (arrow and yield, active and inactive
 * results), compound assignment of a floating value to an integer, super calls of
 * {@code @Differentiable} methods; against hand-derived derivatives.
 */
class JavaSyntaxTest {

  @Test
  void switchExpressionsRunOnlyTheTakenArm() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  enum Kind { SQUARE, CUBE, SINE }",
                "  @Differentiable(order = 2)",
                "  static double f(double x, int k) {",
                "    double y = switch (k) {",
                "      case 0 -> x * x;",
                "      case 1, 2 -> {",
                "        double t = x * x;",
                "        yield t * x;",
                "      }",
                "      case 3 -> {",
                "        double s = 0;",
                "        for (int i = 0; ; i++) {",
                "          s += x;",
                "          if (i == 2) {",
                "            yield s * s;", // 9x²
                "          }",
                "        }",
                "      }",
                "      default -> throw new IllegalArgumentException(\"k = \" + k);",
                "    };",
                "    int n = switch (k) { case 0: yield 2; default: yield 1; };",
                "    return n * y;",
                "  }",
                "  @Differentiable",
                "  static double g(double x, Kind kind) {",
                "    return switch (kind) {",
                "      case SQUARE -> x * x;",
                "      case CUBE -> x * x * x;",
                "      case SINE -> {",
                "        int m = switch (kind) { case SINE -> 2; default -> 1; };",
                "        yield Math.sin(m * x);",
                "      }",
                "    };",
                "  }",
                "  @Differentiable",
                "  static double h(double x, String name) {",
                "    double r = 1;",
                "    r = switch (name) {",
                "      case \"exp\" -> Math.exp(x);",
                "      default -> r * x;",
                "    };",
                "    return r;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class, int.class);
    Method f2 = d.getMethod("fSecondDerivative", double.class, int.class);
    Class<?> kind = classes.load("test.Model$Kind");
    Method g = d.getMethod("g", Dual.class, kind);
    Method h = d.getMethod("h", Dual.class, String.class);
    Object[] kinds = kind.getEnumConstants();
    for (double x : new double[] {-1.3, 0.4, 2.0}) {
      // k = 0: 2x², k = 1, 2: x³, k = 3: 9x²
      double[][] expected = {{4 * x, 4}, {3 * x * x, 6 * x}, {3 * x * x, 6 * x}, {18 * x, 18}};
      for (int k = 0; k < 4; k++) {
        Dual y = (Dual) f.invoke(null, Dual.variable(x), k);
        assertThat(y.tangent()).isWithin(1e-12).of(expected[k][0]);
        assertThat((double) f2.invoke(null, x, k)).isWithin(1e-12).of(expected[k][1]);
      }
      assertThat(((Dual) g.invoke(null, Dual.variable(x), kinds[0])).tangent()).isWithin(1e-12).of(2 * x);
      assertThat(((Dual) g.invoke(null, Dual.variable(x), kinds[1])).tangent()).isWithin(1e-12).of(3 * x * x);
      assertThat(((Dual) g.invoke(null, Dual.variable(x), kinds[2])).tangent())
          .isWithin(1e-12).of(2 * Math.cos(2 * x));
      assertThat(((Dual) h.invoke(null, Dual.variable(x), "exp")).tangent()).isWithin(1e-12).of(Math.exp(x));
      assertThat(((Dual) h.invoke(null, Dual.variable(x), "id")).tangent()).isEqualTo(1.0);
    }
    try {
      f.invoke(null, Dual.variable(1.0), 7);
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).hasMessageThat().isEqualTo("k = 7");
    }
  }

  @Test
  void compoundAssignmentOfASwitchExpressionReadsTheTargetFirst() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable(wrt = \"x\")",
                "  static double f(double x, double[] w, int kind) {",
                "    double sum = x;",
                "    double[] a = {x, 2 * x};",
                "    for (int i = 0; i < w.length; i++) {",
                "      sum += switch (kind) {",
                "        case 0 -> w[i] * x;",
                "        case 1 -> { double t = Math.sin(x * w[i]); yield t * t; }",
                "        default -> throw new IllegalArgumentException(\"kind \" + kind);",
                "      };",
                "      a[i % 2] *= switch (i) { case 0 -> x; default -> w[i]; };",
                "    }",
                "    return sum + a[0] + a[1];",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Method f = d.getMethod("f", Dual.class, double[].class, int.class);
    double[] w = {0.5, 1.5, -0.7};
    for (double x : new double[] {-1.3, 0.4, 2.0}) {
      // a: a0 = x·x·w2 (i = 0 and 2), a1 = 2x·w1; kind 0: sum = x + x Σw, kind 1: x + Σ sin²(x w)
      double da = 2 * x * w[2] + 2 * w[1];
      double sinSum = 0;
      for (double wi : w) {
        sinSum += 2 * Math.sin(x * wi) * Math.cos(x * wi) * wi;
      }
      assertThat(((Dual) f.invoke(null, Dual.variable(x), w, 0)).tangent())
          .isWithin(1e-12).of(1 + w[0] + w[1] + w[2] + da);
      assertThat(((Dual) f.invoke(null, Dual.variable(x), w, 1)).tangent())
          .isWithin(1e-12).of(1 + sinSum + da);
    }
    try {
      f.invoke(null, Dual.variable(1.0), w, 5);
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).hasMessageThat().isEqualTo("kind 5");
    }
  }

  @Test
  void compoundAssignmentOfAFloatingValueToAnIntegerIsANarrowingCast() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable",
                "  static double f(double x, int c) {",
                "    int[] counts = {c};",
                "    int k = 1;",
                "    k += x * 3;", // k = (int) (1 + 3x)
                "    long m = 10;",
                "    m *= x;", // m = (long) (10x)
                "    int j = 0;",
                "    counts[j++] += x;", // counts[0] = (int) (counts[0] + x), once
                "    return k * x + m * x * x + counts[0] * x + j;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Method f = new CompiledClasses(c).load("test.ModelDerivatives").getMethod("f", Dual.class, int.class);
    for (double x : new double[] {0.5, 2.7, 4.1}) {
      Dual y = (Dual) f.invoke(null, Dual.variable(x), 3);
      int k = (int) (1 + 3 * x);
      long m = (long) (10 * x);
      int c0 = (int) (3 + x);
      assertThat(y.value()).isWithin(1e-12).of(k * x + m * x * x + c0 * x + 1);
      assertThat(y.tangent()).isWithin(1e-12).of(k + 2 * m * x + c0);
    }
  }

  @Test
  void superCallOfADifferentiableMethodDispatchesStatically() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Base {",
                "  @Differentiable",
                "  double g(double x) { return x * x; }",
                "}",
                "final class Model extends Base {",
                "  @Override",
                "  @Differentiable(order = 2)",
                "  double g(double x) { return x * x * x; }",
                "  @Differentiable(order = 2)",
                "  double f(double x) {",
                "    double base = super.g(x);",
                "    return super.g(x) > 100 ? 0 : 3 * base + g(x);", // 3x² + x³
                "  }",
                "}"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffCalleeOrder]");
    c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Base {",
                "  @Differentiable(order = 2)",
                "  double g(double x) { return x * x; }",
                "}",
                "final class Model extends Base {",
                "  @Override",
                "  @Differentiable(order = 2)",
                "  double g(double x) { return x * x * x; }",
                "  @Differentiable(order = 2)",
                "  double f(double x) {",
                "    double base = super.g(x);",
                "    return super.g(x) > 100 ? 0 : 3 * base + g(x);", // 3x² + x³
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    var constructor = model.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object self = constructor.newInstance();
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = d.getMethod("f", model, Dual.class);
    Method f2 = d.getMethod("fSecondDerivative", model, double.class);
    for (double x : new double[] {-2.0, 0.3, 3.0, 11.0}) {
      Dual y = (Dual) f.invoke(null, self, Dual.variable(x));
      double expected = x * x > 100 ? 0 : 6 * x + 3 * x * x;
      assertThat(y.tangent()).isWithin(1e-12).of(expected);
      assertThat((double) f2.invoke(null, self, x)).isWithin(1e-12).of(x * x > 100 ? 0 : 6 + 6 * x);
    }
  }

  @Test
  void objectsInstanceofAndPatternsWhereNoActiveValueFlowsIntoThem() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  record Interval(double lo, double hi) {",
                "    boolean contains(double t) { return t >= lo && t <= hi; }",
                "  }",
                "  @Differentiable",
                "  static double f(double x, Object tag) {",
                "    Interval range = new Interval(-1.0, 1.0);",
                "    StringBuilder log = new StringBuilder(\"f(\");",
                "    log.append(x).append(')');",
                "    double s = range.contains(x) ? x * x : Math.exp(x);",
                "    if (tag instanceof String name && !name.isEmpty()) {",
                "      s += name.length() * x;",
                "    }",
                "    if (tag instanceof Integer) {",
                "      s *= 2;",
                "    }",
                "    if (log.length() > 100) {",
                "      throw new IllegalStateException(log.toString());",
                "    }",
                "    return s;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Method f = new CompiledClasses(c).load("test.ModelDerivatives").getMethod("f", Dual.class, Object.class);
    for (double x : new double[] {-1.5, 0.3, 0.9, 2.0}) {
      boolean inside = x >= -1 && x <= 1;
      double ds = inside ? 2 * x : Math.exp(x);
      assertThat(((Dual) f.invoke(null, Dual.variable(x), "abc")).tangent()).isWithin(1e-12).of(ds + 3);
      assertThat(((Dual) f.invoke(null, Dual.variable(x), 7)).tangent()).isWithin(1e-12).of(2 * ds);
      assertThat(((Dual) f.invoke(null, Dual.variable(x), null)).tangent()).isWithin(1e-12).of(ds);
    }
  }

  static java.util.stream.Stream<DifferentiableErrorsTest.Mistake> mistakes() {
    String here = DifferentiableErrorsTest.HERE;
    return java.util.stream.Stream.of(
        new DifferentiableErrorsTest.Mistake(
            "switch expression inside another expression", "DiffUnsupportedExpression",
            "Assign it to a local variable first", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "class Model {",
              "  @Differentiable",
              "  static double f(double x, int k) {",
              "    return 1 + switch (k) { case 0 -> x; default -> 2 * x; }; " + here,
              "  }",
              "}"
            }),
        new DifferentiableErrorsTest.Mistake(
            "compound assignment of a switch expression that writes the target",
            "DiffUnsupportedExpression", "Assign it to a local variable first", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "class Model {",
              "  @Differentiable",
              "  static double f(double x, int k) {",
              "    double s = x;",
              "    s += switch (k) { case 0 -> { s = 2 * x; yield x; } default -> x * x; }; " + here,
              "    return s;",
              "  }",
              "}"
            }),
        new DifferentiableErrorsTest.Mistake(
            "super call of a method that is not differentiable", "DiffUnsupportedExpression",
            "Annotate Base.g with @Differentiable", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "class Base {",
              "  double g(double x) { return x * x; }",
              "}",
              "final class Model extends Base {",
              "  @Override double g(double x) { return x; }",
              "  @Differentiable",
              "  double f(double x) {",
              "    return super.g(1.0) * x; " + here,
              "  }",
              "}"
            }),
        new DifferentiableErrorsTest.Mistake(
            "float compound assignment of an active value", "DiffUnsupportedType",
            "only double and double[] can carry a derivative", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "class Model {",
              "  @Differentiable",
              "  static double f(double x) {",
              "    float s = 1;",
              "    s += x; " + here,
              "    return s;",
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
