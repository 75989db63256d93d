package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls of {@code org.hipparchus.util.FastMath} and {@code org.apache.commons.math3.util.FastMath}
 * get the tangent table's rules: every supported function, compiled through the processor, in the
 * scalar tangent code and the lane code (and order 2 for a few), against Hipparchus {@link
 * DerivativeStructure}; the value is the user's {@code FastMath} call, bit for bit the primal's.
 */
class FastMathRulesTest {

  /** The two owners: the class name in the sources and its qualified name. */
  enum Owner {
    HIPPARCHUS("FastHip", "org.hipparchus.util.FastMath"),
    COMMONS("FastCm", "org.apache.commons.math3.util.FastMath");

    final String className;
    final String qualified;

    Owner(String className, String qualified) {
      this.className = className;
      this.qualified = qualified;
    }
  }

  /**
   * One function of (a) or (a, b): Java with {@code F} for the owner, as DerivativeStructure, and
   * points to check it at.
   */
  record Case(String name, String java, int arity, boolean hipparchusOnly,
      Function<DerivativeStructure[], DerivativeStructure> ds, List<double[]> points) {}

  private static final List<Case> CASES = new ArrayList<>();

  private static void unary(String name, String java, Function<DerivativeStructure, DerivativeStructure> ds,
      double... points) {
    List<double[]> ps = new ArrayList<>();
    for (double p : points) {
      ps.add(new double[] {p, 0.0});
    }
    CASES.add(new Case(name, java, 1, false, x -> ds.apply(x[0]), ps));
  }

  private static void binary(String name, String java, boolean hipparchusOnly,
      Function<DerivativeStructure[], DerivativeStructure> ds, double[]... points) {
    CASES.add(new Case(name, java, 2, hipparchusOnly, ds, List.of(points)));
  }

  private static double[] p(double a, double b) {
    return new double[] {a, b};
  }

  static {
    unary("sqrt", "F.sqrt(a)", DerivativeStructure::sqrt, 0.3, 17.0);
    unary("cbrt", "F.cbrt(a)", DerivativeStructure::cbrt, 0.3, -2.0);
    unary("exp", "F.exp(a)", DerivativeStructure::exp, 0.3, -2.0, 3.0);
    unary("expm1", "F.expm1(a)", DerivativeStructure::expm1, 1e-3, -2.0, 3.0);
    unary("log", "F.log(a)", DerivativeStructure::log, 0.3, 7.5);
    unary("log1p", "F.log1p(a)", DerivativeStructure::log1p, -0.5, 1e-3, 7.5);
    unary("log10", "F.log10(a)", DerivativeStructure::log10, 0.3, 75.0);
    unary("sin", "F.sin(a)", DerivativeStructure::sin, 0.3, -2.0, 3.0);
    unary("cos", "F.cos(a)", DerivativeStructure::cos, 0.3, -2.0, 3.0);
    unary("tan", "F.tan(a)", DerivativeStructure::tan, 0.3, -1.2);
    unary("asin", "F.asin(a)", DerivativeStructure::asin, -0.7, 0.6);
    unary("acos", "F.acos(a)", DerivativeStructure::acos, -0.7, 0.6);
    unary("atan", "F.atan(a)", DerivativeStructure::atan, -3.0, 0.6);
    unary("toRadians", "F.toRadians(a)", DerivativeStructure::toRadians, 30.0, -2.0);
    unary("toDegrees", "F.toDegrees(a)", DerivativeStructure::toDegrees, 0.3, -2.0);
    unary("sinh", "F.sinh(a)", DerivativeStructure::sinh, 0.3, -2.0);
    unary("cosh", "F.cosh(a)", DerivativeStructure::cosh, 0.3, -2.0);
    unary("tanh", "F.tanh(a)", DerivativeStructure::tanh, 0.3, -2.0);
    unary("asinh", "F.asinh(a)", DerivativeStructure::asinh, 0.3, -2.0, 40.0);
    unary("acosh", "F.acosh(a)", DerivativeStructure::acosh, 1.3, 2.5, 40.0);
    unary("atanh", "F.atanh(a)", DerivativeStructure::atanh, 0.3, -0.7, 0.95);
    unary("abs", "F.abs(a)", DerivativeStructure::abs, 0.3, -2.0);
    unary("signum", "F.signum(a)", DerivativeStructure::sign, 0.3, -2.0);
    unary("floor", "F.floor(a)", DerivativeStructure::floor, 0.3, -2.5);
    unary("ceil", "F.ceil(a)", DerivativeStructure::ceil, 0.3, -2.5);
    unary("rint", "F.rint(a)", DerivativeStructure::rint, 0.3, -2.7);
    unary("ulp", "F.ulp(a)", DerivativeStructure::ulp, 0.3, -2.5);
    // nextUp, nextDown: one ulp away from the identity, whose derivative they take
    unary("nextUp", "F.nextUp(a)", x -> x, 0.3, -2.0);
    unary("nextDown", "F.nextDown(a)", x -> x, 0.3, -2.0);
    unary("scalb", "F.scalb(a, 3)", x -> x.scalb(3), 1.3, -2.0);
    unary("powInt", "F.pow(a, 3)", x -> x.pow(3), 1.3, -2.0, 0.4);
    unary("powNegativeInt", "F.pow(a, -2)", x -> x.pow(-2), 1.3, -2.0);
    unary("powLong", "F.pow(a, 5L)", x -> x.pow(5), 1.3, -0.8);
    binary("logBase", "F.log(a, b)", false, x -> x[1].log().divide(x[0].log()),
        p(2.0, 8.0), p(10.0, 0.3), p(0.5, 7.5));
    binary("hypot", "F.hypot(a, b)", false, x -> x[0].hypot(x[1]), p(1.3, -0.4), p(-2.0, 5.5));
    binary("pow", "F.pow(a, b)", false, x -> x[0].pow(x[1]), p(1.3, -0.4), p(2.5, 1.7), p(0.4, 3.0));
    binary("atan2", "F.atan2(a, b)", false, x -> x[0].atan2(x[1]), p(1.3, -0.4), p(-2.0, 5.5));
    binary("copySign", "F.copySign(a, b)", false, x -> x[0].copySign(x[1]), p(1.3, -0.4), p(-2.0, 5.5));
    binary("min", "F.min(a, b)", false, x -> x[0].getValue() <= x[1].getValue() ? x[0] : x[1],
        p(1.3, -0.4), p(-2.0, 5.5));
    binary("max", "F.max(a, b)", false, x -> x[0].getValue() >= x[1].getValue() ? x[0] : x[1],
        p(1.3, -0.4), p(-2.0, 5.5));
    binary("IEEEremainder", "F.IEEEremainder(a, b)", false, x -> x[0].remainder(x[1]),
        p(7.3, 2.0), p(-5.3, 1.5));
    // nextAfter(a, b) is one ulp from a, whatever b
    binary("nextAfter", "F.nextAfter(a, b) + 0.0 * b", false, x -> x[0].add(x[1].multiply(0.0)),
        p(1.3, -0.4), p(-2.0, 5.5));
    // commons-math3 3.6.1 has no fma
    binary("fma", "F.fma(a, b, 2.5)", true, x -> x[0].multiply(x[1]).add(2.5),
        p(1.3, -0.4), p(-2.0, 5.5));
    binary("expression", "F.sin(a) * F.exp(b) / F.sqrt(a * a + 1.0) - F.pow(b, 2)", false,
        x -> x[0].sin().multiply(x[1].exp()).divide(x[0].multiply(x[0]).add(1.0).sqrt())
            .subtract(x[1].pow(2)),
        p(1.3, -0.4), p(-2.0, 0.5));
  }

  /** Order 2: the Hessian, for a few entries, including the integer exponent. */
  private static final List<Case> SECOND = List.of(
      new Case("pow", "F.pow(a, b)", 2, false, x -> x[0].pow(x[1]), List.of(p(1.3, -0.4), p(2.5, 1.7))),
      new Case("powInt", "F.pow(a, 3) * b", 2, false, x -> x[0].pow(3).multiply(x[1]),
          List.of(p(1.3, -0.4), p(-2.0, 1.5))),
      new Case("hypot", "F.hypot(a, b)", 2, false, x -> x[0].hypot(x[1]), List.of(p(1.3, -0.4))),
      new Case("atan2", "F.atan2(a, b)", 2, false, x -> x[0].atan2(x[1]), List.of(p(1.3, -0.4))),
      new Case("tanh", "F.tanh(a) * b", 2, false, x -> x[0].tanh().multiply(x[1]),
          List.of(p(0.3, 1.5), p(-2.0, 1.0))),
      new Case("inverseHyperbolic", "F.asinh(a) * F.atanh(b) + F.acosh(a * a + 1.5)", 2, false,
          x -> x[0].asinh().multiply(x[1].atanh()).add(x[0].multiply(x[0]).add(1.5).acosh()),
          List.of(p(0.3, 0.4), p(-2.0, -0.8))),
      new Case("logBase", "F.log(a, b)", 2, false, x -> x[1].log().divide(x[0].log()),
          List.of(p(2.0, 8.0), p(0.5, 7.5))),
      new Case("sinLog", "F.sin(a) * F.log(b)", 2, false, x -> x[0].sin().multiply(x[1].log()),
          List.of(p(0.3, 1.5), p(-2.0, 7.0))));

  private static final double[] TANGENTS = {0.7, -1.3};

  private static final java.util.Map<Owner, Class<?>> PRIMAL = new java.util.EnumMap<>(Owner.class);
  private static final java.util.Map<Owner, Class<?>> DERIVATIVES = new java.util.EnumMap<>(Owner.class);
  private static final java.util.Map<Owner, String> SOURCES = new java.util.EnumMap<>(Owner.class);

  @BeforeAll
  static void compile() throws Exception {
    List<javax.tools.JavaFileObject> sources = new ArrayList<>();
    for (Owner o : Owner.values()) {
      List<String> lines = new ArrayList<>();
      lines.add("package test;");
      lines.add("import org.dualj.annotations.Differentiable;");
      lines.add("import " + o.qualified + ";");
      lines.add("class " + o.className + " {");
      for (Case c : CASES) {
        if (c.hipparchusOnly() && o != Owner.HIPPARCHUS) {
          continue;
        }
        lines.add("  @Differentiable static double " + c.name() + "(double a"
            + (c.arity() == 2 ? ", double b" : "") + ") {");
        lines.add("    return " + java(c, o) + ";");
        lines.add("  }");
      }
      for (Case c : SECOND) {
        lines.add("  @Differentiable(order = 2) static double second_" + c.name() + "(double a, double b) {");
        lines.add("    return " + java(c, o) + ";");
        lines.add("  }");
      }
      lines.add("}");
      sources.add(Compilations.source(o.className, lines.toArray(String[]::new)));
    }
    Compilation c = Compilations.compile(sources.toArray(javax.tools.JavaFileObject[]::new));
    CompilationSubject.assertThat(c).succeeded();
    // signum, floor, ceil, rint and ulp are constant where they are differentiable
    for (var w : c.warnings()) {
      assertWithMessage("warning").that(w.getMessage(null)).startsWith("[DiffAlwaysZero]");
    }
    CompiledClasses classes = new CompiledClasses(c);
    for (Owner o : Owner.values()) {
      PRIMAL.put(o, classes.load("test." + o.className));
      DERIVATIVES.put(o, classes.load("test." + o.className + "Derivatives"));
      SOURCES.put(o, c.generatedSourceFile("test." + o.className + "Derivatives").orElseThrow()
          .getCharContent(true).toString());
    }
  }

  private static String java(Case c, Owner o) {
    return c.java().replace("F.", "FastMath.");
  }

  record Point(Owner owner, Case c, double[] at) {
    @Override
    public String toString() {
      return owner + " " + c.name() + " at " + java.util.Arrays.toString(at);
    }
  }

  static Stream<Point> points() {
    List<Point> out = new ArrayList<>();
    for (Owner o : Owner.values()) {
      for (Case c : CASES) {
        if (!c.hipparchusOnly() || o == Owner.HIPPARCHUS) {
          for (double[] p : c.points()) {
            out.add(new Point(o, c, p));
          }
        }
      }
    }
    return out.stream();
  }

  static Stream<Point> secondOrderPoints() {
    List<Point> out = new ArrayList<>();
    for (Owner o : Owner.values()) {
      for (Case c : SECOND) {
        for (double[] p : c.points()) {
          out.add(new Point(o, c, p));
        }
      }
    }
    return out.stream();
  }

  private static DerivativeStructure oracle(Case c, double[] at, int order) {
    DSFactory factory = new DSFactory(2, order);
    return c.ds().apply(
        new DerivativeStructure[] {factory.variable(0, at[0]), factory.variable(1, at[1])});
  }

  private static void near(String what, double got, double expected) {
    assertWithMessage(what).that(got).isWithin(1e-12 * Math.max(1.0, Math.abs(expected))).of(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void scalarAndLaneDerivativesAgreeWithDerivativeStructure(Point pt) throws Exception {
    Case c = pt.c();
    int n = c.arity();
    Class<?>[] doubles = new Class<?>[n];
    Class<?>[] duals = new Class<?>[n];
    Object[] values = new Object[n];
    Object[] seeded = new Object[n];
    for (int i = 0; i < n; i++) {
      doubles[i] = double.class;
      duals[i] = Dual.class;
      values[i] = pt.at()[i];
      seeded[i] = Dual.of(pt.at()[i], TANGENTS[i]);
    }
    Method primalMethod = PRIMAL.get(pt.owner()).getDeclaredMethod(c.name(), doubles);
    primalMethod.setAccessible(true);
    double primal = (double) primalMethod.invoke(null, values);
    Class<?> derivatives = DERIVATIVES.get(pt.owner());
    Dual scalar = (Dual) derivatives.getMethod(c.name(), duals).invoke(null, seeded);
    double[] gradient = (double[]) derivatives.getMethod(c.name() + "Gradient", doubles).invoke(null, values);

    DerivativeStructure f = oracle(c, pt.at(), 1);
    double[] expected = {f.getPartialDerivative(1, 0), f.getPartialDerivative(0, 1)};
    assertWithMessage("value of %s is the user's FastMath call", pt).that(scalar.value()).isEqualTo(primal);
    double directional = 0.0;
    for (int i = 0; i < n; i++) {
      directional += expected[i] * TANGENTS[i];
    }
    near("tangent of " + pt, scalar.tangent(), directional);
    assertThat(gradient).hasLength(n);
    for (int i = 0; i < n; i++) {
      near("gradient[" + i + "] of " + pt, gradient[i], expected[i]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secondOrderPoints")
  void hessianAgreesWithDerivativeStructure(Point pt) throws Exception {
    double[][] h = (double[][]) DERIVATIVES.get(pt.owner())
        .getMethod("second_" + pt.c().name() + "Hessian", double.class, double.class)
        .invoke(null, pt.at()[0], pt.at()[1]);
    DerivativeStructure f = oracle(pt.c(), pt.at(), 2);
    double[][] expected = {
      {f.getPartialDerivative(2, 0), f.getPartialDerivative(1, 1)},
      {f.getPartialDerivative(1, 1), f.getPartialDerivative(0, 2)}
    };
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        near("H[" + i + "][" + j + "] of " + pt, h[i][j], expected[i][j]);
      }
    }
  }

  /** The generated code calls the user's FastMath for every value, never Math in its place. */
  @Test
  void valuesCallTheUsersFastMath() {
    for (Owner o : Owner.values()) {
      String src = SOURCES.get(o);
      assertThat(src).contains("import " + o.qualified + ";");
      for (Case c : CASES) {
        if (c.hipparchusOnly() && o != Owner.HIPPARCHUS) {
          continue;
        }
        String call = c.java().substring(2, c.java().indexOf('('));
        assertWithMessage("%s %s", o, c.name()).that(src).contains("FastMath." + call + "(");
      }
    }
  }

  // ---------------------------------------------------------------- FastMath.sinCos (Hipparchus)

  /** Methods reading {@code FastMath.sinCos} results, and their DerivativeStructure versions. */
  private static final List<Case> SIN_COS = List.of(
      new Case("local", String.join("\n",
          "    SinCos sc = FastMath.sinCos(a * b);",
          "    double s = sc.sin();",
          "    return s * b + sc.cos() * sc.sin() - sc.cos();"), 2, true,
          x -> {
            DerivativeStructure u = x[0].multiply(x[1]);
            return u.sin().multiply(x[1]).add(u.cos().multiply(u.sin())).subtract(u.cos());
          },
          List.of(p(0.3, 1.5), p(-2.0, 0.7))),
      new Case("direct", "    return FastMath.sinCos(a).cos() * FastMath.sinCos(b).sin();", 2, true,
          x -> x[0].cos().multiply(x[1].sin()), List.of(p(0.3, 1.5), p(-2.0, 0.7))),
      new Case("reassigned", String.join("\n",
          "    SinCos sc = FastMath.sinCos(a);",
          "    double t = sc.sin();",
          "    a = 2 * b;",
          "    t += sc.cos();",
          "    sc = FastMath.sinCos(a + b);",
          "    return t * sc.sin();"), 2, true,
          x -> x[0].sin().add(x[0].cos()).multiply(x[1].multiply(3).sin()),
          List.of(p(0.3, 1.5), p(-2.0, 0.7))),
      new Case("loop", String.join("\n",
          "    double s = 0.0;",
          "    for (int i = 1; i <= 3; i++) {",
          "      SinCos sc = FastMath.sinCos(i * a);",
          "      s += sc.sin() * sc.cos() / i;",
          "    }",
          "    return s * b;"), 2, true,
          x -> {
            DerivativeStructure s = x[0].getField().getZero();
            for (int i = 1; i <= 3; i++) {
              DerivativeStructure u = x[0].multiply(i);
              s = s.add(u.sin().multiply(u.cos()).divide(i));
            }
            return s.multiply(x[1]);
          },
          List.of(p(0.3, 1.5), p(-2.0, 0.7))));

  private static Class<?> sinCosPrimal;
  private static Class<?> sinCosDerivatives;

  @BeforeAll
  static void compileSinCos() {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("import org.hipparchus.util.FastMath;");
    lines.add("import org.hipparchus.util.SinCos;");
    lines.add("class Trig {");
    for (Case c : SIN_COS) {
      lines.add("  @Differentiable(order = 2) static double " + c.name() + "(double a, double b) {");
      lines.addAll(List.of(c.java().split("\n")));
      lines.add("  }");
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Trig", lines.toArray(String[]::new)));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    sinCosPrimal = classes.load("test.Trig");
    sinCosDerivatives = classes.load("test.TrigDerivatives");
  }

  static Stream<Point> sinCosPoints() {
    List<Point> out = new ArrayList<>();
    for (Case c : SIN_COS) {
      for (double[] p : c.points()) {
        out.add(new Point(Owner.HIPPARCHUS, c, p));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sinCosPoints")
  void sinCosResultsAreSinAndCos(Point pt) throws Exception {
    double a = pt.at()[0];
    double b = pt.at()[1];
    String name = pt.c().name();
    Method primalMethod = sinCosPrimal.getDeclaredMethod(name, double.class, double.class);
    primalMethod.setAccessible(true);
    double primal = (double) primalMethod.invoke(null, a, b);
    Dual scalar = (Dual) sinCosDerivatives.getMethod(name, Dual.class, Dual.class)
        .invoke(null, Dual.of(a, TANGENTS[0]), Dual.of(b, TANGENTS[1]));
    double[] gradient = (double[]) sinCosDerivatives.getMethod(name + "Gradient", double.class, double.class)
        .invoke(null, a, b);
    double[][] h = (double[][]) sinCosDerivatives.getMethod(name + "Hessian", double.class, double.class)
        .invoke(null, a, b);
    DerivativeStructure f = oracle(pt.c(), pt.at(), 2);
    // FastMath.sin and cos give the numbers of FastMath.sinCos (the value is the primal's)
    assertWithMessage("value of %s", pt).that(scalar.value()).isEqualTo(primal);
    double[] g = {f.getPartialDerivative(1, 0), f.getPartialDerivative(0, 1)};
    near("tangent of " + pt, scalar.tangent(), g[0] * TANGENTS[0] + g[1] * TANGENTS[1]);
    near("gradient[0] of " + pt, gradient[0], g[0]);
    near("gradient[1] of " + pt, gradient[1], g[1]);
    double[][] expected = {
      {f.getPartialDerivative(2, 0), f.getPartialDerivative(1, 1)},
      {f.getPartialDerivative(1, 1), f.getPartialDerivative(0, 2)}
    };
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        near("H[" + i + "][" + j + "] of " + pt, h[i][j], expected[i][j]);
      }
    }
  }

  /** The premise of reading sc.sin() as FastMath.sin(u): the same numbers, also far out. */
  @Test
  void sinCosAgreesWithSinAndCosBitForBit() {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 100_000; i++) {
      double u = i % 3 == 0 ? random.nextGaussian() * 10
          : i % 3 == 1 ? random.nextGaussian() * 1e8 : Double.longBitsToDouble(random.nextLong());
      org.hipparchus.util.SinCos sc = org.hipparchus.util.FastMath.sinCos(u);
      assertThat(Double.doubleToLongBits(sc.sin()))
          .isEqualTo(Double.doubleToLongBits(org.hipparchus.util.FastMath.sin(u)));
      assertThat(Double.doubleToLongBits(sc.cos()))
          .isEqualTo(Double.doubleToLongBits(org.hipparchus.util.FastMath.cos(u)));
    }
  }
}
