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

  /** One table entry: how to write it in Java, where to evaluate it, and its runtime version. */
  private record Entry(
      Elementary fn, String java, int arity, List<double[]> points, Function<Dual[], Dual> runtime) {}

  private static final Map<Elementary, Entry> ENTRIES = new EnumMap<>(Elementary.class);

  private static void entry(
      Elementary fn, String java, int arity, Function<Dual[], Dual> runtime, double[]... points) {
    ENTRIES.put(fn, new Entry(fn, java, arity, List.of(points), runtime));
  }

  static {
    entry(Elementary.ADD, "a + b", 2, d -> d[0].add(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.SUBTRACT, "a - b", 2, d -> d[0].subtract(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MULTIPLY, "a * b", 2, d -> d[0].multiply(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.DIVIDE, "a / b", 2, d -> d[0].divide(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.REMAINDER, "a % b", 2, d -> d[0].remainder(d[1]), p(7.3, 2.0), p(-5.3, 1.5));
    entry(Elementary.RECIPROCAL, "1.0 / a", 1, d -> d[0].reciprocal(), p(1.3), p(-0.4), p(5.5));
    entry(Elementary.NEGATE, "-a", 1, d -> d[0].negate(), p(1.3), p(-2.5));
    entry(Elementary.FMA, "Math.fma(a, b, c)", 3, d -> d[0].fma(d[1], d[2]), p(1.3, -0.4, 2.0), p(-2.0, 5.5, -1.0));
    entry(Elementary.SQRT, "Math.sqrt(a)", 1, d -> d[0].sqrt(), p(0.3), p(2.0), p(17.0));
    entry(Elementary.CBRT, "Math.cbrt(a)", 1, d -> d[0].cbrt(), p(0.3), p(-2.0), p(17.0));
    entry(Elementary.HYPOT, "Math.hypot(a, b)", 2, d -> d[0].hypot(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.POW, "Math.pow(a, b)", 2, d -> d[0].pow(d[1]), p(1.3, -0.4), p(2.5, 1.7), p(0.4, 3.0));
    entry(Elementary.EXP, "Math.exp(a)", 1, d -> d[0].exp(), p(0.3), p(-2.0), p(3.0));
    entry(Elementary.EXPM1, "Math.expm1(a)", 1, d -> d[0].expm1(), p(1e-3), p(-2.0), p(3.0));
    entry(Elementary.LOG, "Math.log(a)", 1, d -> d[0].log(), p(0.3), p(1.0), p(7.5));
    entry(Elementary.LOG1P, "Math.log1p(a)", 1, d -> d[0].log1p(), p(-0.5), p(1e-3), p(7.5));
    entry(Elementary.LOG10, "Math.log10(a)", 1, d -> d[0].log10(), p(0.3), p(1.0), p(75.0));
    entry(Elementary.SIN, "Math.sin(a)", 1, d -> d[0].sin(), p(0.3), p(-2.0), p(3.0));
    entry(Elementary.COS, "Math.cos(a)", 1, d -> d[0].cos(), p(0.3), p(-2.0), p(3.0));
    entry(Elementary.TAN, "Math.tan(a)", 1, d -> d[0].tan(), p(0.3), p(-1.2), p(1.0));
    entry(Elementary.ASIN, "Math.asin(a)", 1, d -> d[0].asin(), p(-0.7), p(0.1), p(0.6));
    entry(Elementary.ACOS, "Math.acos(a)", 1, d -> d[0].acos(), p(-0.7), p(0.1), p(0.6));
    entry(Elementary.ATAN, "Math.atan(a)", 1, d -> d[0].atan(), p(-3.0), p(0.1), p(0.6));
    entry(Elementary.ATAN2, "Math.atan2(a, b)", 2, d -> d[0].atan2(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.TO_RADIANS, "Math.toRadians(a)", 1, d -> d[0].toRadians(), p(30.0), p(-2.0));
    entry(Elementary.TO_DEGREES, "Math.toDegrees(a)", 1, d -> d[0].toDegrees(), p(0.3), p(-2.0));
    entry(Elementary.SINH, "Math.sinh(a)", 1, d -> d[0].sinh(), p(0.3), p(-2.0));
    entry(Elementary.COSH, "Math.cosh(a)", 1, d -> d[0].cosh(), p(0.3), p(-2.0));
    entry(Elementary.TANH, "Math.tanh(a)", 1, d -> d[0].tanh(), p(0.3), p(-2.0));
    String fm = "org.hipparchus.util.FastMath.";
    entry(Elementary.ASINH, fm + "asinh(a)", 1, d -> d[0].asinh(), p(0.3), p(-2.0), p(15.0));
    entry(Elementary.ACOSH, fm + "acosh(a)", 1, d -> d[0].acosh(), p(1.3), p(2.5), p(40.0));
    entry(Elementary.ATANH, fm + "atanh(a)", 1, d -> d[0].atanh(), p(0.3), p(-0.7), p(0.95));
    entry(Elementary.LOG_BASE, fm + "log(a, b)", 2, d -> Dual.log(d[0], d[1]),
        p(2.0, 8.0), p(10.0, 0.3), p(0.5, 7.5));
    entry(Elementary.ABS, "Math.abs(a)", 1, d -> d[0].abs(), p(0.3), p(-2.0));
    entry(Elementary.COPY_SIGN, "Math.copySign(a, b)", 2, d -> d[0].copySign(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MIN, "Math.min(a, b)", 2, d -> d[0].min(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.MAX, "Math.max(a, b)", 2, d -> d[0].max(d[1]), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.IEEE_REMAINDER, "Math.IEEEremainder(a, b)", 2, d -> d[0].IEEEremainder(d[1]), p(7.3, 2.0), p(-5.3, 1.5));
    entry(Elementary.NEXT_UP, "Math.nextUp(a)", 1, d -> d[0].nextUp(), p(0.3), p(-2.0));
    entry(Elementary.NEXT_DOWN, "Math.nextDown(a)", 1, d -> d[0].nextDown(), p(0.3), p(-2.0));
    entry(Elementary.NEXT_AFTER, "Math.nextAfter(a, b)", 2, d -> d[0].nextAfter(d[1].value()), p(1.3, -0.4), p(-2.0, 5.5));
    entry(Elementary.SCALB, "Math.scalb(a, 3)", 1, d -> d[0].scalb(3), p(1.3), p(-2.0));
    entry(Elementary.SIGNUM, "Math.signum(a)", 1, d -> d[0].signum(), p(0.3), p(-2.0));
    entry(Elementary.FLOOR, "Math.floor(a)", 1, d -> d[0].floor(), p(0.3), p(-2.5));
    entry(Elementary.CEIL, "Math.ceil(a)", 1, d -> d[0].ceil(), p(0.3), p(-2.5));
    entry(Elementary.RINT, "Math.rint(a)", 1, d -> d[0].rint(), p(0.3), p(-2.7));
    entry(Elementary.ULP, "Math.ulp(a)", 1, d -> d[0].ulp(), p(0.3), p(-2.5));
  }

  private static double[] p(double... xs) {
    return xs;
  }

  private static final double[] TANGENTS = {0.7, -1.3, 0.45};

  private static Class<?> generated;

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
    generated = new CompiledClasses(c).load("test.TableDerivatives");
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

    double expected = richardson(t -> evaluate(e, point, direction, t));
    double tolerance = 1e-7 * Math.max(1.0, Math.abs(expected));
    assertWithMessage("tangent of %s(%s) vs central differences", fn, pattern)
        .that(got.tangent())
        .isWithin(tolerance)
        .of(expected);
  }

  /**
   * The runtime's version with the same activity: a constant second argument goes through the
   * {@code double} overload where {@code Dual} has one, as the generated code drops its term.
   */
  private static Dual runtime(Entry e, String pattern, Dual[] duals) {
    if (e.arity() == 2 && pattern.equals("ac")) {
      double w = duals[1].value();
      Dual u = duals[0];
      return switch (e.fn()) {
        case ADD -> u.add(w);
        case SUBTRACT -> u.subtract(w);
        case MULTIPLY -> u.multiply(w);
        case DIVIDE -> u.divide(w);
        case REMAINDER -> u.remainder(w);
        case HYPOT -> u.hypot(w);
        case POW -> u.pow(w);
        case ATAN2 -> u.atan2(w);
        case MIN -> u.min(w);
        case MAX -> u.max(w);
        case IEEE_REMAINDER -> u.IEEEremainder(w);
        case COPY_SIGN -> u.copySign(w);
        case LOG_BASE -> Dual.log(u, w);
        default -> e.runtime().apply(duals);
      };
    }
    if (e.fn() == Elementary.POW && pattern.equals("ca")) {
      return Dual.pow(duals[0].value(), duals[1]);
    }
    if (e.fn() == Elementary.LOG_BASE && pattern.equals("ca")) {
      return Dual.log(duals[0].value(), duals[1]);
    }
    return e.runtime().apply(duals);
  }

  /** The plain function at {@code point + t * direction}, through the same Java expression. */
  private static double evaluate(Entry e, double[] point, double[] direction, double t) {
    double a = point[0] + t * direction[0];
    double b = e.arity() > 1 ? point[1] + t * direction[1] : 0;
    double c = e.arity() > 2 ? point[2] + t * direction[2] : 0;
    return switch (e.fn()) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      case RECIPROCAL -> 1.0 / a;
      case NEGATE -> -a;
      case FMA -> Math.fma(a, b, c);
      case SQRT -> Math.sqrt(a);
      case CBRT -> Math.cbrt(a);
      case HYPOT -> Math.hypot(a, b);
      case POW -> Math.pow(a, b);
      case EXP -> Math.exp(a);
      case EXPM1 -> Math.expm1(a);
      case LOG -> Math.log(a);
      case LOG1P -> Math.log1p(a);
      case LOG10 -> Math.log10(a);
      case SIN -> Math.sin(a);
      case COS -> Math.cos(a);
      case TAN -> Math.tan(a);
      case ASIN -> Math.asin(a);
      case ACOS -> Math.acos(a);
      case ATAN -> Math.atan(a);
      case ATAN2 -> Math.atan2(a, b);
      case TO_RADIANS -> Math.toRadians(a);
      case TO_DEGREES -> Math.toDegrees(a);
      case SINH -> Math.sinh(a);
      case COSH -> Math.cosh(a);
      case TANH -> Math.tanh(a);
      case ASINH -> org.hipparchus.util.FastMath.asinh(a);
      case ACOSH -> org.hipparchus.util.FastMath.acosh(a);
      case ATANH -> org.hipparchus.util.FastMath.atanh(a);
      case LOG_BASE -> org.hipparchus.util.FastMath.log(a, b);
      case ABS -> Math.abs(a);
      case COPY_SIGN -> Math.copySign(a, b);
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case IEEE_REMAINDER -> Math.IEEEremainder(a, b);
      // The next representable double is a step of one ulp: as a function, the identity.
      case NEXT_UP, NEXT_DOWN, NEXT_AFTER -> a;
      case SCALB -> Math.scalb(a, 3);
      case SIGNUM -> Math.signum(a);
      case FLOOR -> Math.floor(a);
      case CEIL -> Math.ceil(a);
      case RINT -> Math.rint(a);
      // ulp is piecewise constant; away from powers of two it does not change.
      case ULP -> Math.ulp(point[0]);
    };
  }

  /** Richardson-extrapolated central difference of {@code f} at 0. */
  static double richardson(DoubleUnaryOperator f) {
    double h = 1e-3;
    double d1 = (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
    double d2 = (f.applyAsDouble(h / 2) - f.applyAsDouble(-h / 2)) / h;
    return (4 * d2 - d1) / 3;
  }
}
