package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Bugs found by the differential fuzzer ({@link FuzzTest}), minimised by hand from the programs it
 * printed. The first four were fixed in 12cb5f6 and are regression tests (each states what dualj
 * returned before the fix); the last two were found after those fixes and are fixed as well.
 */
class FuzzFoundBugsTest {

  private static final class Compiled {
    final Class<?> plain;
    final Class<?> derivatives;

    Compiled(String name, String... lines) {
      String[] all = new String[lines.length + 3];
      all[0] = "package test;";
      all[1] = "import org.dualj.annotations.Differentiable;";
      all[2] = "class " + name + " {";
      System.arraycopy(lines, 0, all, 3, lines.length);
      String[] closed = java.util.Arrays.copyOf(all, all.length + 1);
      closed[all.length] = "}";
      Compilation c = Compilations.compile(Compilations.source(name, closed));
      assertThat(c).succeededWithoutWarnings();
      CompiledClasses classes = new CompiledClasses(c);
      plain = classes.load("test." + name);
      derivatives = classes.load("test." + name + "Derivatives");
    }

    Object plain(String method, Class<?>[] types, Object... args) throws Exception {
      Method m = plain.getDeclaredMethod(method, types);
      m.setAccessible(true);
      return m.invoke(null, args);
    }

    Object derivative(String method, Class<?>[] types, Object... args) throws Exception {
      return derivatives.getMethod(method, types).invoke(null, args);
    }
  }

  private static final Class<?>[] ARRAY = {double[].class};
  private static final Class<?>[] DUALS = {Dual[].class};

  /**
   * A call whose result only feeds a condition (likewise an {@code (int)} cast, {@code
   * Math.floor}, {@code Math.signum}, {@code Math.round}, {@code Double.isNaN}) runs the plain
   * callee: its write into an active array argument updates the values but not the tangents.
   */
  @Test
  void callInAConditionKeepsTheTangentsOfTheCalleesArrayWrites() throws Exception {
    Compiled c =
        new Compiled(
            "CallInCondition",
            "  @Differentiable",
            "  static double set(double[] g) {",
            "    g[0] = 2.0;",
            "    return g[1];",
            "  }",
            "  @Differentiable",
            "  static double[] f(double[] xs) {",
            "    if (set(xs) > 5.0) {",
            "      xs[1] = 0;",
            "    }",
            "    return xs.clone();",
            "  }");
    // f(xs) = {2, xs[1]}: the Jacobian is [[0, 0], [0, 1]] (dualj: [[1, 0], [0, 1]])
    double[][] j =
        (double[][]) c.derivative("fJacobian", ARRAY, (Object) new double[] {0.5, 0.7});
    assertThat(j[0]).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    assertThat(j[1]).usingExactEquality().containsExactly(0.0, 1.0).inOrder();
    Dual[] r =
        (Dual[]) c.derivative("f", DUALS, (Object) new Dual[] {Dual.variable(0.5), Dual.constant(0.7)});
    assertThat(r[0]).isEqualTo(Dual.of(2.0, 0.0));
  }

  /**
   * {@code a[i] op= e} is rejected as "an index with side effects" whenever the index calls a
   * method, even a pure one like {@code Math.abs} ({@code a[Math.abs(k)] = a[Math.abs(k)] * x} and
   * {@code a[Math.abs(k)]++} are accepted).
   */
  @Test
  void compoundAssignmentWithAPureCallInTheIndexCompiles() throws Exception {
    Compiled c =
        new Compiled(
            "PureIndex",
            "  @Differentiable",
            "  static double[] f(double[] xs, double x) {",
            "    xs[Math.abs(1)] *= x;",
            "    return xs;",
            "  }");
    double[][] j =
        (double[][])
            c.derivative(
                "fJacobian", new Class<?>[] {double[].class, double.class}, new double[] {0.5, 0.7}, 3.0);
    // out = {xs[0], xs[1] * x}
    assertThat(j[1]).usingExactEquality().containsExactly(0.0, 3.0, 0.7).inOrder();
  }

  /**
   * A callee that returns its array parameter gives the caller an alias of its own array; the
   * scalar (Dual) code unpacks the result into new arrays, so a later write through the parameter
   * is not seen through the alias. The lane code (gradients, Jacobians) keeps the alias.
   */
  @Test
  void aReturnedParameterStaysAnAliasInTheScalarCode() throws Exception {
    Compiled c =
        new Compiled(
            "ReturnedAlias",
            "  @Differentiable",
            "  static double[] id(double[] xs) {",
            "    return xs;",
            "  }",
            "  @Differentiable",
            "  static double f(double[] xs) {",
            "    double[] a = id(xs);",
            "    xs[0] = 3 * xs[1];",
            "    return a[0];",
            "  }");
    double plain = (double) c.plain("f", ARRAY, (Object) new double[] {0.5, 0.7}); // 3 * 0.7
    double[] g = (double[]) c.derivative("fGradient", ARRAY, (Object) new double[] {0.5, 0.7});
    assertThat(g).usingExactEquality().containsExactly(0.0, 3.0).inOrder(); // passes today
    Dual r =
        (Dual) c.derivative("f", DUALS, (Object) new Dual[] {Dual.constant(0.5), Dual.variable(0.7)});
    // dualj: Dual[value=0.5, tangent=0.0]
    assertThat(r).isEqualTo(Dual.of(plain, 3.0));
  }

  /**
   * Java evaluates operands left to right: in {@code a[0] + bump(a)} the element is read before
   * {@code bump} writes it. The generated code hoists the call and reads the element after it.
   */
  @Test
  void anArrayElementIsReadBeforeALaterCallWritesIt() throws Exception {
    Compiled c =
        new Compiled(
            "EvaluationOrder",
            "  @Differentiable",
            "  static double bump(double[] a) {",
            "    a[0] = a[0] * 10;",
            "    return a[1] - a[1];",
            "  }",
            "  @Differentiable",
            "  static double plus(double u, double v) {",
            "    return u + v;",
            "  }",
            "  @Differentiable",
            "  static double f(double[] a) {",
            "    return a[0] + bump(a);",
            "  }",
            "  @Differentiable",
            "  static double g(double[] a) {",
            "    return plus(a[0], bump(a));",
            "  }");
    for (String m : new String[] {"f", "g"}) {
      // 0.5 + 0 (dualj: 5.0; gradient [10, 0] for f, [1, 0] with the value 5.0 for g)
      assertThat((double) c.plain(m, ARRAY, (Object) new double[] {0.5, 0.7})).isEqualTo(0.5);
      double[] grad = new double[2];
      double v =
          (double)
              c.derivative(
                  m + "Gradient",
                  new Class<?>[] {double[].class, double[].class},
                  new double[] {0.5, 0.7},
                  grad);
      assertThat(v).isEqualTo(0.5);
      assertThat(grad).usingExactEquality().containsExactly(1.0, 0.0).inOrder();
      Dual r =
          (Dual) c.derivative(m, DUALS, (Object) new Dual[] {Dual.variable(0.5), Dual.constant(0.7)});
      assertThat(r).isEqualTo(Dual.of(0.5, 1.0));
    }
  }

  /**
   * Found after 12cb5f6 (the fix of the first test) hoisted a call that writes an active array out
   * of a condition, so it also ran when {@code &&} or {@code ||} skips it. Now the right operand's
   * statements run under an if, as Java evaluates it.
   */
  @Test
  void aCallSkippedByShortCircuitDoesNotRun() throws Exception {
    Compiled c =
        new Compiled(
            "ShortCircuit",
            "  @Differentiable",
            "  static double dbl(double[] a) {",
            "    a[1] += a[1];",
            "    return a[0];",
            "  }",
            "  @Differentiable",
            "  static double f(double[] g, double x) {",
            "    if (g[0] < x || dbl(g) > x) {",
            "      x = x * 2;",
            "    }",
            "    return g[1] * 0.5;",
            "  }");
    Class<?>[] types = {double[].class, double.class};
    // g[0] = 0.2 < x = 1: dbl is not called, f = g[1] / 2 (dualj: 0.7, gradient [0, 1, 0])
    assertThat((double) c.plain("f", types, new double[] {0.2, 0.7}, 1.0)).isEqualTo(0.35);
    double[] g = (double[]) c.derivative("fGradient", types, new double[] {0.2, 0.7}, 1.0);
    assertThat(g).usingExactEquality().containsExactly(0.0, 0.5, 0.0).inOrder();
    Dual r =
        (Dual)
            c.derivative(
                "f",
                new Class<?>[] {Dual[].class, Dual.class},
                new Dual[] {Dual.constant(0.2), Dual.variable(0.7)},
                Dual.constant(1.0));
    assertThat(r).isEqualTo(Dual.of(0.35, 0.5));
  }

  /**
   * 12cb5f6 kept an array element read before a later call in a temporary, but not an element
   * read inside an array initializer, nor {@code a.clone()}: both were evaluated after a later
   * argument's call that writes {@code a}. Now such snapshots are taken in order.
   */
  @Test
  void anArraySnapshotIsTakenBeforeALaterCallWritesTheArray() throws Exception {
    Compiled c =
        new Compiled(
            "SnapshotOrder",
            "  @Differentiable",
            "  static double set(double[] a) {",
            "    a[0] = 7.0;",
            "    return a[1];",
            "  }",
            "  @Differentiable",
            "  static double first(double[] c, double y) {",
            "    return c[0] + y;",
            "  }",
            "  @Differentiable",
            "  static double viaClone(double x) {",
            "    double[] a = {x, 0.0};",
            "    return first(a.clone(), set(a));",
            "  }",
            "  @Differentiable",
            "  static double viaInitializer(double x) {",
            "    double[] a = {x, 0.0};",
            "    return first(new double[] {a[0], 0.0}, set(a));",
            "  }");
    Class<?>[] types = {double.class};
    for (String m : new String[] {"viaClone", "viaInitializer"}) {
      // first sees a[0] = x before set writes 7 into it: x + 0, derivative 1
      // (dualj: value 7.0; gradient [0] through the clone, [1] through the initializer)
      assertThat((double) c.plain(m, types, 0.5)).isEqualTo(0.5);
      double[] grad = new double[1];
      double v =
          (double)
              c.derivative(m + "Gradient", new Class<?>[] {double.class, double[].class}, 0.5, grad);
      assertThat(v).isEqualTo(0.5);
      assertThat(grad[0]).isEqualTo(1.0);
      Dual r = (Dual) c.derivative(m, new Class<?>[] {Dual.class}, Dual.variable(0.5));
      assertThat(r).isEqualTo(Dual.of(0.5, 1.0));
    }
  }

  /**
   * Not a bug but a tolerance, found when reverse mode began to take methods with double[][]
   * locals (seed 6 of a 60-program campaign): {@code x / (nextDown(x) / c)} has the derivative
   * c·(nextDown(x) − x)/nextDown(x)², one ulp's worth (−2.5e-13 at x = 0.0044), from two partial
   * products of about 1,300 that cancel. Forward mode forms the small difference first and gets
   * −2.8e-13; reverse mode adds the two products and gets 0. Both are right to the rounding of the products,
   * which is what the fuzzer's REVERSE_CANCELLATION allows.
   */
  @Test
  void partialProductsThatCancelAgreeToTheirRoundingInBothModes() throws Exception {
    Compiled c =
        new Compiled(
            "Cancel",
            "  @Differentiable",
            "  static double f(double x, double y) {",
            "    double[][] m = new double[1][1];",
            "    m[0][0] = y;",
            "    return x / (Math.nextDown(x) / 5.5) + m[0][0] * y;",
            "  }");
    Class<?>[] types = {double.class, double.class, double[].class, org.dualj.runtime.Workspace.class};
    double x = 0.004365470194612531;
    double nd = Math.nextDown(x);
    double exact = 5.5 * (nd - x) / (nd * nd); // nd - x is exact (Sterbenz)
    double[] forward = new double[2];
    c.derivative("fGradientForward", types, x, 0.3, forward, null);
    double[] reverse = new double[2];
    c.derivative("fGradientReverse", types, x, 0.3, reverse, null);
    assertThat(forward[0]).isWithin(1e-13).of(exact);
    assertThat(reverse[0]).isWithin(FuzzHarness.REVERSE_CANCELLATION).of(exact);
    assertThat(reverse[1]).isEqualTo(0.6);
  }

  /**
   * Found by the 300 programs of {@code mvn verify} once reverse mode took indices with calls: an
   * element assignment whose index reads the element it writes ({@code a[(int) a[2] % 3] = e}
   * with a[2] = 2.4 writes a[2]). The reverse sweep undid the assignment by computing the index
   * again after the write, found a[0], restored the wrong element and gave ∂/∂x the adjoint of
   * a[0]. The index now goes into a local of its own first.
   */
  @Test
  void anIndexThatReadsTheElementItWritesIsComputedOnce() throws Exception {
    Compiled c =
        new Compiled(
            "SelfIndex",
            "  @Differentiable",
            "  static double f(double x, double y) {",
            "    double[] a = {x * y, 0.5, 2.4};",
            "    a[(int) Math.abs(a[2]) % 3] = Math.sin(x);",
            "    return a[0] * a[1] + a[2] * y;",
            "  }");
    Class<?>[] types = {double.class, double.class};
    for (double[] p : new double[][] {{0.7, 1.3}, {-0.4, 2.0}, {1.9, -0.6}}) {
      double x = p[0];
      double y = p[1];
      // a = {x·y, 0.5, sin x}: f = x·y/2 + y·sin x
      double[] expected = {0.5 * y + y * Math.cos(x), 0.5 * x + Math.sin(x)};
      double[] reverse = (double[]) c.derivative("fGradientReverse", types, x, y);
      double[] forward = (double[]) c.derivative("fGradient", types, x, y);
      for (int i = 0; i < 2; i++) {
        assertThat(reverse[i]).isWithin(1e-14).of(expected[i]);
        assertThat(forward[i]).isWithin(1e-14).of(expected[i]);
      }
    }
  }
}
