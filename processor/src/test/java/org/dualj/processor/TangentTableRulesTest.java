package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentTable;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the tangent table, compiled through the processor for every pattern of active
 * arguments, must agree exactly with the runtime {@link Dual} (the table's other follower) and with
 * Richardson-extrapolated central differences of the plain {@code Math} function (an oracle that
 * shares no code with either).
 */
class TangentTableRulesTest {

  /**
   * One table entry: how to write it in Java and where to evaluate it. The runtime's version is
   * found by {@link RuntimeFollowers}, unless {@code runtime} gives it (the int argument of
   * {@code scalb}).
   */
  private record Entry(
      Elementary fn, String java, int arity, List<double[]> points, Function<Dual[], Dual> runtime) {}

  private static final Map<Elementary, Entry> ENTRIES = new EnumMap<>(Elementary.class);

  private static void entry(Elementary fn, String java, int arity, double[]... points) {
    entry(fn, java, arity, null, points);
  }

  private static void entry(
      Elementary fn, String java, int arity, Function<Dual[], Dual> runtime, double[]... points) {
    ENTRIES.put(fn, new Entry(fn, java, arity, List.of(points), runtime));
  }

  static {
    entry(Elementary.ADD, "a + b", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.SUBTRACT, "a - b", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MULTIPLY, "a * b", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.DIVIDE, "a / b", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.REMAINDER, "a % b", 2, p(7.3, 2.0), p(-5.3, 1.5));
    entry(Elementary.RECIPROCAL, "1.0 / a", 1, p(1.3), p(-0.4), p(5.5));
    entry(Elementary.NEGATE, "-a", 1, p(1.3), p(-2.5));
    entry(Elementary.FMA, "Math.fma(a, b, c)", 3, p(1.3, -0.4, 2.0), p(-2.0, 5.5, -1.0));
    entry(Elementary.SQRT, "Math.sqrt(a)", 1, p(0.3), p(2.0), p(17.0));
    entry(Elementary.CBRT, "Math.cbrt(a)", 1, p(0.3), p(-2.0), p(17.0));
    entry(Elementary.HYPOT, "Math.hypot(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.POW, "Math.pow(a, b)", 2, p(1.3, -0.4), p(2.5, 1.7), p(0.4, 3.0));
    entry(Elementary.EXP, "Math.exp(a)", 1, p(0.3), p(-2.0), p(3.0));
    entry(Elementary.EXPM1, "Math.expm1(a)", 1, p(1e-3), p(-2.0), p(3.0));
    entry(Elementary.LOG, "Math.log(a)", 1, p(0.3), p(1.0), p(7.5));
    entry(Elementary.LOG1P, "Math.log1p(a)", 1, p(-0.5), p(1e-3), p(7.5));
    entry(Elementary.LOG10, "Math.log10(a)", 1, p(0.3), p(1.0), p(75.0));
    entry(Elementary.SIN, "Math.sin(a)", 1, p(0.3), p(-2.0), p(3.0));
    entry(Elementary.COS, "Math.cos(a)", 1, p(0.3), p(-2.0), p(3.0));
    entry(Elementary.TAN, "Math.tan(a)", 1, p(0.3), p(-1.2), p(1.0));
    entry(Elementary.ASIN, "Math.asin(a)", 1, p(-0.7), p(0.1), p(0.6));
    entry(Elementary.ACOS, "Math.acos(a)", 1, p(-0.7), p(0.1), p(0.6));
    entry(Elementary.ATAN, "Math.atan(a)", 1, p(-3.0), p(0.1), p(0.6));
    entry(Elementary.ATAN2, "Math.atan2(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.TO_RADIANS, "Math.toRadians(a)", 1, p(30.0), p(-2.0));
    entry(Elementary.TO_DEGREES, "Math.toDegrees(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.SINH, "Math.sinh(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.COSH, "Math.cosh(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.TANH, "Math.tanh(a)", 1, p(0.3), p(-2.0));
    String fm = "org.hipparchus.util.FastMath.";
    entry(Elementary.ASINH, fm + "asinh(a)", 1, p(0.3), p(-2.0), p(15.0));
    entry(Elementary.ACOSH, fm + "acosh(a)", 1, p(1.3), p(2.5), p(40.0));
    entry(Elementary.ATANH, fm + "atanh(a)", 1, p(0.3), p(-0.7), p(0.95));
    entry(Elementary.LOG_BASE, fm + "log(a, b)", 2, p(2.0, 8.0), p(10.0, 0.3), p(0.5, 7.5));
    entry(Elementary.ABS, "Math.abs(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.COPY_SIGN, "Math.copySign(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MIN, "Math.min(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MAX, "Math.max(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.IEEE_REMAINDER, "Math.IEEEremainder(a, b)", 2, p(7.3, 2.0), p(-5.3, 1.5));
    entry(Elementary.NEXT_UP, "Math.nextUp(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.NEXT_DOWN, "Math.nextDown(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.NEXT_AFTER, "Math.nextAfter(a, b)", 2, p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.SCALB, "Math.scalb(a, 3)", 1, d -> d[0].scalb(3), p(1.3), p(-2.0));
    entry(Elementary.SIGNUM, "Math.signum(a)", 1, p(0.3), p(-2.0));
    entry(Elementary.FLOOR, "Math.floor(a)", 1, p(0.3), p(-2.5));
    entry(Elementary.CEIL, "Math.ceil(a)", 1, p(0.3), p(-2.5));
    entry(Elementary.RINT, "Math.rint(a)", 1, p(0.3), p(-2.7));
    entry(Elementary.ULP, "Math.ulp(a)", 1, p(0.3), p(-2.5));
  }

  private static double[] p(double... xs) {
    return xs;
  }

  private static final double[] TANGENTS = {0.7, -1.3, 0.45};

  private static Class<?> generated;
  private static Class<?> primal;

  @BeforeAll
  static void compileTable() {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Table {");
    for (Entry e : ENTRIES.values()) {
      for (String pattern : patterns(e.arity())) {
        lines.add("  @Differentiable static double " + methodName(e, pattern) + "(" + params(pattern) + ") {");
        lines.add("    return " + e.java() + ";");
        lines.add("  }");
      }
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Table", lines.toArray(String[]::new)));
    assertThat(c).succeeded();
    // copySign(a, b) and nextAfter(a, b) with only b active are constant in b
    for (var w : c.warnings()) {
      assertWithMessage("warning").that(w.getMessage(null)).startsWith("[DiffAlwaysZero]");
    }
    CompiledClasses classes = new CompiledClasses(c);
    generated = classes.load("test.TableDerivatives");
    primal = classes.load("test.Table");
  }

  /** Which arguments are active: 'a' active, 'c' constant (a boxed Double, so inactive). */
  private static List<String> patterns(int arity) {
    return switch (arity) {
      case 1 -> List.of("a");
      case 2 -> List.of("aa", "ac", "ca");
      case 3 -> List.of("aaa", "caa", "aca", "aac");
      default -> throw new IllegalArgumentException();
    };
  }

  private static String methodName(Entry e, String pattern) {
    return e.fn().name().toLowerCase() + "_" + pattern;
  }

  private static String params(String pattern) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(pattern.charAt(i) == 'a' ? "double " : "Double ").append((char) ('a' + i));
    }
    return b.toString();
  }

  @Test
  void everyTableEntryIsCovered() {
    for (Elementary fn : Elementary.values()) {
      assertWithMessage("table entry %s has no test case", fn).that(ENTRIES).containsKey(fn);
    }
  }

  @Test
  void log10ConstantIsOneOverLnTenCorrectlyRounded() {
    // 1 / ln 10 to 50 digits
    java.math.BigDecimal exact =
        new java.math.BigDecimal("0.43429448190325182765112891891660508229439700580367");
    double c = Double.parseDouble(TangentTable.of(Elementary.LOG10).partial(0).numerator());
    java.math.BigDecimal error = new java.math.BigDecimal(c).subtract(exact).abs();
    assertWithMessage("the LOG10 numerator literal is within half an ulp of 1 / ln 10")
        .that(error.compareTo(new java.math.BigDecimal(Math.ulp(c) / 2)) <= 0)
        .isTrue();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Entry e : ENTRIES.values()) {
      for (String pattern : patterns(e.arity())) {
        for (double[] point : e.points()) {
          out.add(Arguments.of(e.fn(), pattern, point));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} at {2}")
  @MethodSource("cases")
  void generatedCodeAgreesWithRuntimeAndDifferences(Elementary fn, String pattern, double[] point)
      throws Exception {
    Entry e = ENTRIES.get(fn);
    int n = pattern.length();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    Dual[] duals = new Dual[n];
    double[] direction = new double[n];
    for (int i = 0; i < n; i++) {
      boolean active = pattern.charAt(i) == 'a';
      types[i] = active ? Dual.class : Double.class;
      duals[i] = active ? Dual.of(point[i], TANGENTS[i]) : Dual.constant(point[i]);
      args[i] = active ? duals[i] : (Object) point[i];
      direction[i] = active ? TANGENTS[i] : 0.0;
    }
    Method m = generated.getMethod(methodName(e, pattern), types);
    Dual got = (Dual) m.invoke(null, args);

    Dual runtime = runtime(e, pattern, duals);
    if (fn.fastMathOnly()) {
      // the generated value is FastMath's, Dual's its own: both within a few ulps of the function
      assertWithMessage("value of %s(%s) vs Dual", fn, pattern)
          .that(got.value())
          .isWithin(4 * Math.ulp(runtime.value()))
          .of(runtime.value());
      assertWithMessage("tangent of %s(%s) vs Dual", fn, pattern)
          .that(got.tangent())
          .isWithin(8 * Math.ulp(runtime.tangent()))
          .of(runtime.tangent());
    } else {
      assertWithMessage("value of %s(%s) vs Dual", fn, pattern)
          .that(got.value())
          .isEqualTo(runtime.value());
      assertWithMessage("tangent of %s(%s) vs Dual", fn, pattern)
          .that(got.tangent() == runtime.tangent())
          .isTrue();
    }

    // Vector mode: two lanes, (t, -2t + 0.3) for active arguments, must equal two scalar runs.
    Class<?>[] vectorTypes = new Class<?>[n];
    Object[] vectorArgs = new Object[n];
    Object[] secondArgs = new Object[n];
    for (int i = 0; i < n; i++) {
      boolean active = pattern.charAt(i) == 'a';
      double second = -2 * TANGENTS[i] + 0.3;
      vectorTypes[i] = active ? DualVector.class : Double.class;
      vectorArgs[i] = active ? DualVector.of(point[i], TANGENTS[i], second) : (Object) point[i];
      secondArgs[i] = active ? Dual.of(point[i], second) : (Object) point[i];
    }
    DualVector lanes =
        (DualVector) generated.getMethod(methodName(e, pattern), vectorTypes).invoke(null, vectorArgs);
    Dual secondRun = (Dual) m.invoke(null, secondArgs);
    assertWithMessage("lane value of %s(%s)", fn, pattern).that(lanes.value()).isEqualTo(got.value());
    assertWithMessage("lane 0 of %s(%s)", fn, pattern)
        .that(lanes.tangent(0) == got.tangent())
        .isTrue();
    assertWithMessage("lane 1 of %s(%s)", fn, pattern)
        .that(lanes.tangent(1) == secondRun.tangent())
        .isTrue();

    double expected = richardson(t -> {
      try {
        return evaluate(e, pattern, point, direction, t);
      } catch (Exception failure) {
        throw new AssertionError(failure);
      }
    });
    double tolerance = 1e-7 * Math.max(1.0, Math.abs(expected));
    assertWithMessage("tangent of %s(%s) vs central differences", fn, pattern)
        .that(got.tangent())
        .isWithin(tolerance)
        .of(expected);
  }

  /**
   * The runtime's version with the same activity: a constant argument goes through the {@code
   * double} overload where {@code Dual} has one, as the generated code drops its term.
   */
  private static Dual runtime(Entry e, String pattern, Dual[] duals) {
    if (e.runtime() != null) {
      return e.runtime().apply(duals);
    }
    Object[] args = new Object[duals.length];
    for (int i = 0; i < duals.length; i++) {
      args[i] = pattern.charAt(i) == 'a' ? duals[i] : (Object) duals[i].value();
    }
    return RuntimeFollowers.dual(e.fn(), args);
  }

  /**
   * The plain function at {@code point + t * direction}: the user's method itself (the same Java
   * expression, compiled without the processor's help).
   */
  private static double evaluate(Entry e, String pattern, double[] point, double[] direction, double t)
      throws Exception {
    int n = pattern.length();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    for (int i = 0; i < n; i++) {
      types[i] = pattern.charAt(i) == 'a' ? double.class : Double.class;
      args[i] = point[i] + t * direction[i];
    }
    Method m = primal.getDeclaredMethod(methodName(e, pattern), types);
    m.setAccessible(true);
    return (double) m.invoke(null, args);
  }

  /** Richardson-extrapolated central difference of {@code f} at 0. */
  static double richardson(DoubleUnaryOperator f) {
    double h = 1e-3;
    double d1 = (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
    double d2 = (f.applyAsDouble(h / 2) - f.applyAsDouble(-h / 2)) / h;
    return (4 * d2 - d1) / 3;
  }
}
