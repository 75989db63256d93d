package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.DifferentiableErrorsTest.HERE;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import org.dualj.processor.DifferentiableErrorsTest.Mistake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * javac does not hand methods of local classes, anonymous classes or enum constants' bodies to
 * processors: a {@code @Differentiable} one is an error at the method, not silently ignored.
 */
class LocalClassesTest {
  private static final String ADVICE = "Move it to a named top-level or member class";

  private static Mistake local(String name, String... lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "package test;";
    all[1] = "import org.dualj.annotations.Differentiable;";
    System.arraycopy(lines, 0, all, 2, lines.length);
    return new Mistake(name, "DiffLocalClass", ADVICE, 1, all);
  }

  static Stream<Mistake> methods() {
    return Stream.of(
        local("local class", "class Model {", "  static double g(double y) {", "    class Local {",
            "      @Differentiable", "      double f(double x) { return x * x; } " + HERE, "    }",
            "    return new Local().f(y);", "  }", "}"),
        local("anonymous class", "class Model {", "  interface F { double f(double x); }",
            "  static final F SQUARE = new F() {", "    @Differentiable",
            "    public double f(double x) { return x * x; } " + HERE, "  };", "}"),
        local("enum constant body", "enum Model {", "  SQUARE {", "    @Differentiable",
            "    double f(double x) { return x * x; } " + HERE, "  };", "  abstract double f(double x);", "}"),
        local("member of a local record", "class Model {", "  static Runnable r = () -> {",
            "    record R(double a) {", "      static class Inner {",
            "        @org.dualj.annotations.Differentiable",
            "        static double f(double x) { return x * x; } " + HERE, "      }", "    }", "  };", "}"),
        local("tangent rule in an anonymous class", "import org.dualj.annotations.TangentRule;",
            "class Model {", "  static Object o = new Object() {",
            "    @TangentRule(of = Math.class, method = \"abs\")",
            "    static double d(double x, double v) { return 1; } " + HERE, "  };", "}"),
        local("local class in a @Differentiable method's class, next to a valid method",
            "class Model {", "  static double g(double y) {", "    class Local {",
            "      @Differentiable", "      double f(double x) { return x * x; } " + HERE, "    }",
            "    return new Local().f(y);", "  }", "}", "class Other {",
            "  @Differentiable static double h(double x) { return x * x; }", "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void methodOfALocalClassIsAnError(Mistake mistake) {
    DifferentiableErrorsTest.assertReportedAtItsLine(mistake);
  }

  /** Another annotation named Differentiable is not dualj's. */
  @Test
  void anotherAnnotationOfThatNameIsIgnored() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Model",
                "package test;",
                "import org.dualj.annotations.TangentRule;",
                "class Model {",
                "  @interface Differentiable {}",
                "  static double g(double y) {",
                "    class Local {",
                "      @Differentiable double f(double x) { return x * x; }",
                "    }",
                "    return new Local().f(y);",
                "  }",
                "  @org.dualj.annotations.Differentiable static double h(double x) { return x; }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ModelDerivatives");
  }
}
