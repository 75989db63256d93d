package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.ElementaryRows.ENTRIES;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.dualj.processor.ElementaryRows.Entry;
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
 * shares no code with either). The functions, their Java forms and their ordinary points are the
 * rows of {@link ElementaryRows}.
 */
class TangentTableRulesTest {

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
      for (String pattern : patterns(e.fn)) {
        lines.add("  @Differentiable static double " + methodName(e, pattern) + "("
            + params(e.fn, pattern) + ") {");
        lines.add("    return " + e.java + ";");
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

  /**
   * Which arguments are active: 'a' active, 'c' constant (a boxed Double, so inactive, or the int
   * of {@code scalb}, never active).
   */
  private static List<String> patterns(Elementary fn) {
    List<String> all = switch (fn.arity()) {
      case 1 -> List.of("a");
      case 2 -> List.of("aa", "ac", "ca");
      case 3 -> List.of("aaa", "caa", "aca", "aac");
      default -> throw new IllegalArgumentException();
    };
    List<String> out = new ArrayList<>();
    for (String pattern : all) {
      boolean possible = true;
      for (int i = 0; i < pattern.length(); i++) {
        possible &= pattern.charAt(i) == 'c' || !intArgument(fn, i);
      }
      if (possible) {
        out.add(pattern);
      }
    }
    return out;
  }

  private static boolean intArgument(Elementary fn, int i) {
    return fn == Elementary.SCALB && i == 1;
  }

  /** The type of argument {@code i} in the user's method and in the generated one. */
  private static Class<?> type(Elementary fn, String pattern, int i, Class<?> active) {
    return pattern.charAt(i) == 'a' ? active : intArgument(fn, i) ? int.class : Double.class;
  }

  /** The value of a constant argument {@code i}, boxed as its type. */
  private static Object constant(Elementary fn, int i, double x) {
    return intArgument(fn, i) ? (Object) (int) x : (Object) x;
  }

  private static String methodName(Entry e, String pattern) {
    return e.fn.name().toLowerCase() + "_" + pattern;
  }

  private static String params(Elementary fn, String pattern) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(type(fn, pattern, i, double.class).getSimpleName()).append(' ')
          .append((char) ('a' + i));
    }
    return b.toString();
  }

  @Test
  void everyTableEntryIsCovered() {
    for (Elementary fn : Elementary.values()) {
      if (fn.internal()) {
        continue; // no user code spells it; GuardedTermsTest differentiates it
      }
      assertWithMessage("table entry %s has no test row", fn).that(ENTRIES).containsKey(fn);
      assertWithMessage("ordinary points of %s", fn).that(ENTRIES.get(fn).ordinary).isNotEmpty();
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
      for (String pattern : patterns(e.fn)) {
        for (double[] point : e.ordinary) {
          out.add(Arguments.of(e.fn, pattern, point));
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
      types[i] = type(fn, pattern, i, Dual.class);
      duals[i] = active ? Dual.of(point[i], TANGENTS[i]) : Dual.constant(point[i]);
      args[i] = active ? duals[i] : constant(fn, i, point[i]);
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
      vectorTypes[i] = type(fn, pattern, i, DualVector.class);
      vectorArgs[i] =
          active ? DualVector.of(point[i], TANGENTS[i], second) : constant(fn, i, point[i]);
      secondArgs[i] = active ? Dual.of(point[i], second) : constant(fn, i, point[i]);
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
    Object[] args = new Object[duals.length];
    for (int i = 0; i < duals.length; i++) {
      args[i] = pattern.charAt(i) == 'a' ? duals[i] : constant(e.fn, i, duals[i].value());
    }
    return RuntimeFollowers.dual(e.fn, args);
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
      types[i] = type(e.fn, pattern, i, double.class);
      args[i] = pattern.charAt(i) == 'a'
          ? (Object) (point[i] + t * direction[i])
          : constant(e.fn, i, point[i]);
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
