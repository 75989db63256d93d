package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.ElementaryRows.*;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentTable;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.hipparchus.dfp.Dfp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the tangent table at extreme arguments: tiny and huge magnitudes (1e±300, near
 * overflow), subnormals, signed zeros, infinities and NaN. For each entry and each argument with a
 * partial, the generated scalar code, the generated lane code, {@link Dual} and {@link DualVector}
 * must give the derivative along that argument (the others constant):
 *
 * <ul>
 *   <li>at finite points, within 1e-13 relative (plus a few subnormal steps) of the partial
 *       derivative evaluated in 40-digit {@link Dfp} arithmetic from its analytic formula; ±∞ where
 *       the exact partial exceeds the {@code double} range, NaN where it does not exist (outside
 *       the domain);
 *   <li>at special points (zeros at kinks, ±∞, NaN), the value the README's conventions give.
 * </ul>
 */
class ExtremeArgumentsRulesTest {

  // ------------------------------------------------------------------------------ the checks

  private static Class<?> generated;

  /** Argument indices with a partial (or both, for min and max; argument 0 for piecewise constants). */
  private static List<Integer> activeArguments(Elementary fn) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fn.arity(); i++) {
      boolean has = switch (TangentTable.of(fn).kind()) {
        case LINEAR -> TangentTable.of(fn).partial(i) != null;
        case SELECT -> true;
        case ZERO -> i == 0;
      };
      if (has) {
        out.add(i);
      }
    }
    return out;
  }

  private static String methodName(Elementary fn, int active) {
    return fn.name().toLowerCase() + "_" + active;
  }

  private static Class<?> inactiveType(Elementary fn, int j) {
    return fn == Elementary.SCALB && j == 1 ? int.class : Double.class;
  }

  @BeforeAll
  static void compileTable() {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Extremes {");
    for (Entry e : ENTRIES.values()) {
      for (int i : activeArguments(e.fn)) {
        StringBuilder params = new StringBuilder();
        for (int j = 0; j < e.fn.arity(); j++) {
          if (j > 0) {
            params.append(", ");
          }
          String type = j == i ? "double" : inactiveType(e.fn, j).getSimpleName();
          params.append(type).append(' ').append((char) ('a' + j));
        }
        lines.add("  @Differentiable static double " + methodName(e.fn, i) + "(" + params + ") {");
        lines.add("    return " + e.java + ";");
        lines.add("  }");
      }
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Extremes", lines.toArray(String[]::new)));
    assertThat(c).succeeded();
    for (var w : c.warnings()) {
      assertWithMessage("warning").that(w.getMessage(null)).startsWith("[DiffAlwaysZero]");
    }
    generated = new CompiledClasses(c).load("test.ExtremesDerivatives");
    if (System.getenv("DUMP_EXTREMES") != null) {
      try {
        System.out.println(c.generatedSourceFile("test.ExtremesDerivatives").get().getCharContent(true));
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
  }

  @Test
  void everyTableEntryHasExtremePoints() {
    for (Elementary fn : Elementary.values()) {
      if (fn.internal()) {
        continue; // no user code spells it; GuardedTermsTest differentiates it
      }
      Entry e = ENTRIES.get(fn);
      assertWithMessage("table entry %s has no extreme test points", fn).that(e).isNotNull();
      assertWithMessage("table entry %s has no finite extreme points", fn).that(e.finite).isNotEmpty();
      assertWithMessage("table entry %s has no oracle", fn).that(e.oracle).isNotNull();
    }
  }

  @Test
  void everyFollowerGivesTheExactPartialAtExtremeArguments() throws Exception {
    List<String> failures = new ArrayList<>();
    Map<Elementary, Double> worst = new EnumMap<>(Elementary.class);
    for (Entry e : ENTRIES.values()) {
      for (double[] point : e.finite) {
        Dfp[] x = new Dfp[point.length];
        for (int j = 0; j < point.length; j++) {
          x[j] = d(point[j]);
        }
        Dfp[] exact = e.oracle.partials(x, point);
        for (int i : activeArguments(e.fn)) {
          check(e, point, i, false, exact[i], Double.NaN, failures, worst);
        }
      }
      for (Special s : e.special) {
        for (int i : activeArguments(e.fn)) {
          check(e, s.point(), i, true, null, s.partials()[i], failures, worst);
        }
      }
    }
    StringBuilder report = new StringBuilder();
    worst.forEach((fn, err) -> report.append(String.format("%n  %-15s max relative error %.2e", fn, err)));
    System.out.println("ExtremeArgumentsRulesTest:" + report);
    assertWithMessage("failures:\n%s", String.join("\n", failures)).that(failures.size()).isEqualTo(0);
  }

  /**
   * Checks the four followers along argument {@code i} at {@code point}, against {@code exact}
   * (null: the partial does not exist, NaN expected) or, for a special point, against
   * {@code conventional}.
   */
  private static void check(
      Entry e, double[] point, int i, boolean special, Dfp exact, double conventional,
      List<String> failures, Map<Elementary, Double> worst) throws Exception {
    Map<String, Double> got = new java.util.LinkedHashMap<>();
    got.put("generated", generatedScalar(e, point, i, 1.0));
    DualVector lanes = generatedLanes(e, point, i);
    got.put("lane 0", lanes.tangent(0));
    got.put("Dual", runtime(e, point, i));
    got.put("DualVector lane 0", runtimeVector(e, point, i).tangent(0));
    double secondLane = generatedScalar(e, point, i, -0.5);
    if (Double.compare(lanes.tangent(1), secondLane) != 0 && !(lanes.tangent(1) == secondLane)) {
      failures.add(String.format("%s along %d at %s: lane 1 %s, scalar with tangent -0.5 %s",
          e.fn, i, java.util.Arrays.toString(point), lanes.tangent(1), secondLane));
    }
    for (Map.Entry<String, Double> g : got.entrySet()) {
      String problem;
      if (special) {
        problem = compareConventional(g.getValue(), conventional);
      } else {
        problem = compareExact(g.getValue(), exact, e.fn, worst);
      }
      if (problem != null) {
        failures.add(String.format("%s along argument %d at %s: %s %s", e.fn, i,
            java.util.Arrays.toString(point), g.getKey(), problem));
      }
    }
  }

  private static String compareConventional(double got, double expected) {
    if (Double.isNaN(expected)) {
      return Double.isNaN(got) ? null : "gives " + got + ", expected NaN";
    }
    if (Double.isInfinite(expected) || expected == 0.0) {
      return got == expected ? null : "gives " + got + ", expected " + expected;
    }
    double error = Math.abs(got - expected) / Math.abs(expected);
    return error <= 1e-15 ? null : "gives " + got + ", expected " + expected;
  }

  private static String compareExact(double got, Dfp exact, Elementary fn, Map<Elementary, Double> worst) {
    if (exact == null) {
      return Double.isNaN(got) ? null : "gives " + got + " where the derivative does not exist (NaN expected)";
    }
    Dfp limit = d(MAX).add(d(Math.ulp(MAX) / 2));
    if (exact.abs().greaterThan(limit)) {
      double inf = exact.lessThan(d(0)) ? Double.NEGATIVE_INFINITY : INF;
      return got == inf ? null : "gives " + got + ", expected " + inf + " (exact " + exact + ")";
    }
    if (Double.isNaN(got) || Double.isInfinite(got)) {
      return "gives " + got + ", expected " + exact;
    }
    Dfp error = d(got).subtract(exact).abs();
    Dfp tolerance = exact.abs().multiply(d(1e-13)).add(d(8 * TINY));
    if (!exact.isZero()) {
      double relative = error.divide(exact.abs()).toDouble();
      if (exact.abs().greaterThan(d(MIN_NORMAL))) {
        worst.merge(fn, relative, Math::max);
      }
    }
    return error.greaterThan(tolerance)
        ? "gives " + got + ", expected " + exact + " (relative error "
            + error.divide(exact.isZero() ? one() : exact.abs()).toDouble() + ")"
        : null;
  }

  // --------------------------------------------------------------------- running the followers

  private static double generatedScalar(Entry e, double[] point, int i, double seed) throws Exception {
    int n = e.fn.arity();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    for (int j = 0; j < n; j++) {
      if (j == i) {
        types[j] = Dual.class;
        args[j] = Dual.of(point[j], seed);
      } else {
        types[j] = inactiveType(e.fn, j);
        args[j] = types[j] == int.class ? (Object) (int) point[j] : (Object) point[j];
      }
    }
    Method m = generated.getMethod(methodName(e.fn, i), types);
    return ((Dual) m.invoke(null, args)).tangent();
  }

  private static DualVector generatedLanes(Entry e, double[] point, int i) throws Exception {
    int n = e.fn.arity();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    for (int j = 0; j < n; j++) {
      if (j == i) {
        types[j] = DualVector.class;
        args[j] = DualVector.of(point[j], 1.0, -0.5);
      } else {
        types[j] = inactiveType(e.fn, j);
        args[j] = types[j] == int.class ? (Object) (int) point[j] : (Object) point[j];
      }
    }
    return (DualVector) generated.getMethod(methodName(e.fn, i), types).invoke(null, args);
  }

  /**
   * {@link Dual} with the same activity: argument {@code i} active, the others constants, through
   * the overloads with a {@code double} where there are (see {@link RuntimeFollowers}).
   */
  private static double runtime(Entry e, double[] point, int i) {
    return RuntimeFollowers.dual(e.fn, runtimeArgs(e, point, i, Dual.of(point[i], 1.0))).tangent();
  }

  /** {@link DualVector} with one lane, as {@link #runtime}. */
  private static DualVector runtimeVector(Entry e, double[] point, int i) {
    return RuntimeFollowers.vector(e.fn, 1, runtimeArgs(e, point, i, DualVector.of(point[i], 1.0)));
  }

  private static Object[] runtimeArgs(Entry e, double[] point, int i, Object active) {
    Object[] args = new Object[point.length];
    for (int j = 0; j < point.length; j++) {
      args[j] = j == i ? active : inactiveType(e.fn, j) == int.class ? (Object) (int) point[j] : (Object) point[j];
    }
    return args;
  }
}
