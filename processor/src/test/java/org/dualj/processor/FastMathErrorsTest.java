package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.util.List;
import java.util.stream.Stream;
import org.dualj.annotations.Differentiable;
import org.dualj.processor.DifferentiableErrorsTest.Mistake;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code FastMath} functions without a tangent rule are calls without a derivative, as for {@code
 * Math}; only the Hipparchus and Commons Math classes are recognised, by qualified name, and code
 * that uses neither compiles without them on the class path.
 */
class FastMathErrorsTest {

  private static final String HERE = DifferentiableErrorsTest.HERE;

  private static Mistake mistake(String name, String advice, String... lines) {
    return new Mistake(name, "DiffUnsupportedCall", advice, 1, lines);
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        mistake("Hipparchus FastMath.clamp of an active value", "FastMath.clamp",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import org.hipparchus.util.FastMath;",
            "class Model {",
            "  @Differentiable static double f(double x) {",
            "    return FastMath.clamp(x, 0.0, 1.0); " + HERE,
            "  }",
            "}"),
        mistake("Commons Math Gamma.logGamma of an active value", "Gamma.logGamma",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import org.apache.commons.math3.special.Gamma;",
            "class Model {",
            "  @Differentiable static double f(double x) {",
            "    double y = 2.0 * Gamma.logGamma(x); " + HERE,
            "    return y;",
            "  }",
            "}"),
        // used otherwise than by sin() and cos(), the SinCos is an ordinary object, as before
        new Mistake("a SinCos of an active value passed to a helper", "DiffUnsupportedCall", "Model.first", 2,
            new String[] {
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import org.hipparchus.util.FastMath;",
            "import org.hipparchus.util.SinCos;",
            "class Model {",
            "  static double first(SinCos sc) { return sc.sin(); }",
            "  @Differentiable static double f(double x) {",
            "    SinCos sc = FastMath.sinCos(x);",
            "    return first(sc) + sc.cos(); " + HERE,
            "  }",
            "}"}),
        mistake("a FastMath of another package is not the table's", "FastMath.sin",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable static double f(double x) {",
            "    return FastMath.sin(x); " + HERE,
            "  }",
            "}",
            "class FastMath {",
            "  static double sin(double x) { return Math.sin(x); }",
            "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void reportedAtItsLine(Mistake mistake) {
    DifferentiableErrorsTest.assertReportedAtItsLine(mistake);
  }

  /** A FastMath function without a rule is fine where its result needs no derivative. */
  @Test
  void functionWithoutRuleIsFineInACondition() {
    Compilation c = Compilations.compile(Compilations.source("Model",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "import org.hipparchus.util.FastMath;",
        "class Model {",
        "  @Differentiable static double f(double x) {",
        "    if (FastMath.asinh(x) > 0.5) {",
        "      return FastMath.sin(x);",
        "    }",
        "    return x;",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  /** A {@code @TangentRule} supplies a FastMath function the table lacks. */
  @Test
  void tangentRuleSuppliesAFunctionWithoutTableEntry() throws Exception {
    Compilation c = Compilations.compile(Compilations.source("Model",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "import org.dualj.annotations.TangentRule;",
        "import org.hipparchus.util.FastMath;",
        "class Model {",
        "  @TangentRule(of = FastMath.class, method = \"asinh\")",
        "  static double asinhPartial(double x, double v) {",
        "    return 1.0 / Math.sqrt(1.0 + x * x);",
        "  }",
        "  @Differentiable static double f(double x) {",
        "    return FastMath.asinh(x) * FastMath.sin(x);",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    double x = 0.7;
    double[] g = (double[]) d.getMethod("fGradient", double.class).invoke(null, x);
    org.hipparchus.analysis.differentiation.DerivativeStructure u =
        new org.hipparchus.analysis.differentiation.DSFactory(1, 1).variable(0, x);
    double expected = u.asinh().multiply(u.sin()).getPartialDerivative(1);
    assertThat(g[0]).isWithin(1e-14).of(expected);
  }

  /** A SinCos of a constant may be used any way, as before. */
  @Test
  void sinCosOfAConstantIsAnOrdinaryValue() {
    Compilation c = Compilations.compile(Compilations.source("Model",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "import org.hipparchus.util.FastMath;",
        "import org.hipparchus.util.SinCos;",
        "class Model {",
        "  static double first(SinCos sc) { return sc.sin(); }",
        "  @Differentiable static double f(double x) {",
        "    SinCos sc = FastMath.sinCos(0.5);",
        "    return first(sc) * x + sc.cos();",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  /** With only dualj on the class path (no Hipparchus, no Commons Math), Math code compiles. */
  @Test
  void compilesWithoutFastMathOnTheClassPath() throws Exception {
    List<File> classPath =
        List.of(location(Differentiable.class), location(Dual.class));
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withClasspath(classPath)
            .compile(Compilations.source("Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable static double f(double x) {",
                "    return Math.sin(x) * StrictMath.exp(x);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.ModelDerivatives");
    Dual y = (Dual) d.getMethod("f", Dual.class).invoke(null, Dual.of(0.5, 1.0));
    assertThat(y.tangent()).isWithin(1e-15).of(Math.cos(0.5) * Math.exp(0.5) + Math.sin(0.5) * Math.exp(0.5));
  }

  private static File location(Class<?> c) throws Exception {
    return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
