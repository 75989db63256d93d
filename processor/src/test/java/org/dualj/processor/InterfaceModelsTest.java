package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interfaces as models (issue #11, item 8): a call through a sealed interface whose
 * implementations are final and known dispatches to the derivative of the body Java runs; where
 * the implementations are not known, a tagged error at the call, never a wrong derivative.
 */
class InterfaceModelsTest {

  private static final String[] SHAPES = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "sealed interface Shape permits Circle, Square, Scaled {",
    "  double area(double s);",
    "  @Differentiable",
    "  default double twice(double s) { return 2 * area(s); }",
    "}",
    "record Circle(double k) implements Shape {",
    "  @Differentiable",
    "  public double area(double s) { return Math.PI * k * s * s; }",
    "}",
    "final class Square implements Shape {",
    "  @Differentiable",
    "  public double area(double s) { return s * s * s; }",
    "  @Differentiable",
    "  public double twice(double s) { return Math.sin(s); }", // overrides the default
    "}",
    "sealed interface Scaled extends Shape permits Tri {}",
    "final class Tri implements Scaled {",
    "  @Differentiable",
    "  public double area(double s) { return Math.exp(s); }",
    "}",
    "final class Model {",
    "  @Differentiable(order = 2)",
    "  static double total(Shape shape, double s) {",
    "    return shape.area(s) + shape.twice(s);",
    "  }",
    "}"
  };

  @Test
  void sealedInterfaceDispatchesToTheImplementationsDerivative() throws Exception {
    Compilation c = compile(source("Shape", SHAPES));
    assertThat(c).failed();
    // twice is order 1 in every class: the order-2 caller needs order 2 from each
    assertThat(c).hadErrorContaining("[DiffCalleeOrder]");
    String[] order2 = String.join("\n", SHAPES).replace("@Differentiable\n", "@Differentiable(order = 2)\n").split("\n");
    c = compile(source("Shape", order2));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> shape = classes.load("test.Shape");
    Object circle = construct(classes.load("test.Circle"), 0.5);
    Object square = construct(classes.load("test.Square"));
    Object tri = construct(classes.load("test.Tri"));
    Class<?> d = classes.load("test.ModelDerivatives");
    Method total = d.getMethod("total", shape, Dual.class);
    Method second = d.getMethod("totalSecondDerivative", shape, double.class);
    for (double s : new double[] {-1.2, 0.4, 2.0}) {
      // circle: 3·π·k·s² (area plus the default twice), square: s³ + sin s, tri: 3·eˢ
      double[][] expected = {
        {6 * Math.PI * 0.5 * s, 6 * Math.PI * 0.5},
        {3 * s * s + Math.cos(s), 6 * s - Math.sin(s)},
        {3 * Math.exp(s), 3 * Math.exp(s)}
      };
      Object[] shapes = {circle, square, tri};
      for (int i = 0; i < 3; i++) {
        Dual y = (Dual) total.invoke(null, shapes[i], Dual.variable(s));
        assertThat(y.tangent()).isWithin(1e-12 * Math.max(1, Math.abs(expected[i][0]))).of(expected[i][0]);
        assertThat((double) second.invoke(null, shapes[i], s))
            .isWithin(1e-12 * Math.max(1, Math.abs(expected[i][1]))).of(expected[i][1]);
      }
    }
    try {
      total.invoke(null, null, Dual.variable(1.0));
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
    }
    String generated = c.generatedSourceFile("test.ModelDerivatives").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("shape instanceof Circle");
  }

  private static Object construct(Class<?> type, Object... args) throws Exception {
    var constructor = type.getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return constructor.newInstance(args);
  }

  static java.util.stream.Stream<DifferentiableErrorsTest.Mistake> mistakes() {
    String here = DifferentiableErrorsTest.HERE;
    return java.util.stream.Stream.of(
        new DifferentiableErrorsTest.Mistake(
            "default method called through an open interface", "DiffOverridable",
            "Make Shape sealed", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "interface Shape {",
              "  @Differentiable",
              "  default double f(double x) { return x * x; }",
              "}",
              "class Model {",
              "  @Differentiable",
              "  static double g(Shape m, double x) {",
              "    return m.f(x); " + here,
              "  }",
              "}"
            }),
        new DifferentiableErrorsTest.Mistake(
            "default method of a sealed interface with an open implementation", "DiffOverridable",
            "whose implementations are not all known", 1,
            new String[] {
              "package test;",
              "import org.dualj.annotations.Differentiable;",
              "sealed interface Shape permits Open {",
              "  @Differentiable",
              "  default double f(double x) { return x * x; }",
              "}",
              "non-sealed class Open implements Shape {}",
              "class Model {",
              "  @Differentiable",
              "  static double g(Shape m, double x) {",
              "    return m.f(x) * x; " + here,
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
