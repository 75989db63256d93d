package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.List;
import javax.tools.Diagnostic;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode for methods that write into arrays: their own array parameters (an ODE right-hand
 * side filling {@code dy}, a vector normalised in place), arrays written by callees with and
 * without derivatives, a callee that returns its argument, and methods calling methods with
 * effects that must happen once. For each: the reverse gradient equals the forward gradient to
 * 1e-13 relative, both agree with Richardson-extrapolated central differences of the primal (and
 * with analytic gradients where written out), and every entry point leaves the arrays as one plain
 * call does (also when the method throws).
 */
class ReverseWritesTest {

  private static final String[] SOURCE = {
    "package test;",
    "import org.dualj.annotations.Differentiable;",
    "class Writes {",
    "  static int effects;",
    "  // normalises x in place",
    "  @Differentiable static double normalise(double[] x) {",
    "    double s = 0;",
    "    for (int i = 0; i < x.length; i++) s += x[i] * x[i];",
    "    double n = Math.sqrt(s);",
    "    for (int i = 0; i < x.length; i++) x[i] = x[i] / n;",
    "    return n * x[0] + Math.sin(x[1]);",
    "  }",
    "  // a pendulum's right-hand side filling dy; returns a function of y and dy",
    "  @Differentiable static double rhs(double t, double[] y, double[] dy) {",
    "    dy[0] = y[1];",
    "    dy[1] = -Math.sin(y[0]) - 0.1 * y[1] * t;",
    "    return 0.5 * y[1] * y[1] - Math.cos(y[0]) + dy[1] * dy[0];",
    "  }",
    "  // callees writing a local array and a copy of the parameter",
    "  @Differentiable static double callsWriters(double[] y) {",
    "    double[] dy = new double[2];",
    "    double e = rhs(0.3, y, dy);",
    "    double[] z = y.clone();",
    "    double m = normalise(z);",
    "    return e * dy[1] + m * z[1] + z[0] * z[0];",
    "  }",
    "  // writes through an alias, in a loop",
    "  @Differentiable static double scale(double[] x, double c) {",
    "    double[] a = x;",
    "    for (int i = 0; i < a.length; i++) a[i] = Math.sin(a[i]) * c + a[i] * a[i];",
    "    return x[0] * x[x.length - 1];",
    "  }",
    "  // a callee writing the parameter in a loop whose body reads and writes it again",
    "  @Differentiable static double outer(double[] x) {",
    "    double s = 0;",
    "    for (int k = 0; k < 3; k++) {",
    "      s += scale(x, 0.5 + k) * x[1];",
    "      x[0] = x[0] * x[2];",
    "    }",
    "    return s + x[0] * x[1];",
    "  }",
    "  // the parameter written, then reassigned",
    "  @Differentiable static double reassign(double[] x) {",
    "    x[0] = x[0] * x[1];",
    "    double r = x[0];",
    "    x = new double[] {r, x[1] * 2};",
    "    x[1] = x[1] * x[0];",
    "    return x[1] + r;",
    "  }",
    "  // a callee's adjoint reads the array as it was at the call, before a later write",
    "  @Differentiable static double square0(double[] a) { return a[0] * a[0] + a[1]; }",
    "  @Differentiable static double readThenWritten(double[] x) {",
    "    double[] a = {x[0], x[1]};",
    "    double s = square0(a);",
    "    a[0] = 5 * x[1];",
    "    return s + a[0];",
    "  }",
    "  // a callee returning its argument: a later write through the argument is one through the result",
    "  @Differentiable static double[] same(double[] xs) { return xs; }",
    "  @Differentiable static double returnedArgument(double[] xs) {",
    "    double[] b = xs.clone();",
    "    double[] a = same(b);",
    "    b[0] = 3 * b[1];",
    "    return a[0] * a[1];",
    "  }",
    "  // a method without derivative refilling weights that the reverse sweep reads",
    "  static void fillWeights(double[] w, int k) {",
    "    for (int i = 0; i < w.length; i++) w[i] = 1.0 / (i + k);",
    "  }",
    "  @Differentiable static double weighted(double[] x) {",
    "    double[] w = new double[x.length];",
    "    double s = 0;",
    "    for (int k = 1; k <= 3; k++) {",
    "      fillWeights(w, k);",
    "      for (int i = 0; i < x.length; i++) s += w[i] * Math.sin(x[i] * w[i]);",
    "    }",
    "    return s;",
    "  }",
    "  // effects: printing and a counter, which must happen once per call",
    "  static void count() { effects++; }",
    "  @Differentiable static double noisy(double[] x) {",
    "    System.out.print(\"\");",
    "    count();",
    "    double s = 0;",
    "    for (double v : x) s += v * v * v;",
    "    return s;",
    "  }",
    "  @Differentiable static double callsNoisy(double[] x) { return noisy(x) * x[0]; }",
    "  // an Euler step advancing y in place, returning the rates",
    "  @Differentiable static double[] euler(double[] y, double h) {",
    "    double[] r = {y[1], -Math.sin(y[0]) * y[1]};",
    "    y[0] += h * r[0];",
    "    y[1] += h * r[1];",
    "    return r;",
    "  }",
    "  @Differentiable static double stepsOf(double[] y) {",
    "    double[] z = y.clone();",
    "    double e = 0;",
    "    for (int k = 0; k < 3; k++) {",
    "      double[] r = euler(z, 0.1);",
    "      e += r[0] * r[1] + z[0] * z[0];",
    "    }",
    "    return e;",
    "  }",
    "  // recursion through the written parameter",
    "  @Differentiable static double rec(double[] x, int n) {",
    "    x[0] = x[0] * x[1] + Math.sin(x[n % x.length]);",
    "    if (n > 0) {",
    "      double r = rec(x, n - 1);",
    "      x[1] = x[1] * r;",
    "      return r + x[0] * x[1];",
    "    }",
    "    return x[0];",
    "  }",
    "  // one array for both parameters of a callee that writes through both",
    "  @Differentiable static double both(double[] a, double[] b) {",
    "    a[0] = a[0] * b[1];",
    "    b[1] = b[1] + a[0];",
    "    return a[0] * b[1] + a[1];",
    "  }",
    "  @Differentiable static double sameArray(double[] x) {",
    "    double[] c = x.clone();",
    "    double v = both(c, c);",
    "    return v * c[0] + c[1];",
    "  }",
    "  // throws after writing its parameter",
    "  @Differentiable static double thrower(double[] x) {",
    "    x[0] = x[0] * 2;",
    "    if (x[0] > 10) throw new IllegalStateException(\"big \" + x[0]);",
    "    x[1] = x[1] * x[0];",
    "    return x[0] + x[1];",
    "  }",
    "}"
  };

  private static final Compilation COMPILATION =
      Compilations.compile(Compilations.source("Writes", SOURCE));
  private static final CompiledClasses CLASSES = new CompiledClasses(COMPILATION);
  private static final ReverseChecks CHECKS = new ReverseChecks(CLASSES, "test.Writes");

  private static final double[][] POINTS = {
    {0.3, 0.7, -0.2, 0.5}, {1.1, -0.4, 0.5, 0.9}, {-0.6, 0.25, 0.8, -1.3}
  };

  @Test
  void reverseGradientsOfMethodsWritingArraysEqualForwardAndRichardsonAndLeaveThePrimalsState()
      throws Exception {
    assertThat(COMPILATION).succeeded();
    for (double[] p : POINTS) {
      double[] y = {p[0], p[1]};
      CHECKS.check("normalise", (Object) p.clone());
      CHECKS.check("normalise", (Object) y.clone());
      CHECKS.check("rhs", 0.4 + p[2], y.clone(), new double[] {p[3], -p[3]});
      CHECKS.check("callsWriters", (Object) y.clone());
      CHECKS.check("scale", p.clone(), 0.7);
      CHECKS.check("outer", (Object) p.clone());
      CHECKS.check("reassign", (Object) p.clone());
      CHECKS.check("readThenWritten", (Object) y.clone());
      CHECKS.check("returnedArgument", (Object) y.clone());
      CHECKS.check("weighted", (Object) p.clone());
      CHECKS.check("noisy", (Object) p.clone());
      CHECKS.check("stepsOf", (Object) y.clone());
      CHECKS.check("sameArray", (Object) p.clone());
      for (int n = 0; n < 4; n++) {
        CHECKS.check("rec", p.clone(), n);
      }
    }
  }

  @Test
  void aDoubleArrayValuedMethodWritingItsParameterHasReverseJacobiansAndVjps() throws Exception {
    Class<?> d = CHECKS.derivatives();
    Method plain = CLASSES.load("test.Writes").getDeclaredMethod("euler", double[].class, double.class);
    plain.setAccessible(true);
    for (double[] p : POINTS) {
      double[] y = {p[0], p[1]};
      double h = 0.2 + p[2];
      double[] primal = y.clone();
      plain.invoke(null, primal, h);
      double[] forwardArgs = y.clone();
      double[][] forward = (double[][]) d.getMethod("eulerJacobian", double[].class, double.class)
          .invoke(null, forwardArgs, h);
      double[] reverseArgs = y.clone();
      double[][] reverse = (double[][]) d.getMethod("eulerJacobianReverse", double[].class, double.class)
          .invoke(null, reverseArgs, h);
      double[] vjpArgs = y.clone();
      double[] bar = {1.5, -0.5};
      double[] vjp = (double[]) d.getMethod("eulerVjp", double[].class, double.class, double[].class)
          .invoke(null, vjpArgs, h, bar);
      // r = (y1, -sin y0 · y1): rows (0, 1, 0) and (-cos y0 · y1, -sin y0, 0)
      double[][] analytic = {{0, 1, 0}, {-Math.cos(y[0]) * y[1], -Math.sin(y[0]), 0}};
      for (int i = 0; i < 2; i++) {
        assertThat(forward[i]).usingTolerance(1e-15).containsExactly(analytic[i]).inOrder();
        assertThat(reverse[i]).usingTolerance(1e-15).containsExactly(analytic[i]).inOrder();
      }
      for (int j = 0; j < 3; j++) {
        assertThat(vjp[j]).isWithin(1e-15).of(bar[0] * analytic[0][j] + bar[1] * analytic[1][j]);
      }
      for (double[] after : new double[][] {forwardArgs, reverseArgs, vjpArgs}) {
        assertThat(after).usingExactEquality().containsExactly(primal).inOrder();
      }
    }
  }

  @Test
  void analyticGradients() throws Exception {
    for (double[] p : POINTS) {
      double x0 = p[0];
      double x1 = p[1];
      // readThenWritten: s = x0² + x1, then a0 = 5 x1: f = x0² + x1 + 5 x1
      assertThat(CHECKS.reverse("readThenWritten", (Object) new double[] {x0, x1}))
          .usingTolerance(1e-14).containsExactly(2 * x0, 6.0).inOrder();
      // returnedArgument: a is b, b0 = 3 b1: f = 3 x1 · x1
      assertThat(CHECKS.reverse("returnedArgument", (Object) new double[] {x0, x1}))
          .usingTolerance(1e-14).containsExactly(0.0, 6 * x1).inOrder();
      // rhs: dy = (y1, -sin y0 - 0.1 y1 t); f = y1²/2 - cos y0 + dy1·dy0; the dy given is overwritten
      double t = 0.4;
      double dy1 = -Math.sin(x0) - 0.1 * x1 * t;
      double[] g = CHECKS.reverse("rhs", t, new double[] {x0, x1}, new double[] {9, 9});
      assertThat(g).usingTolerance(1e-14).containsExactly(
          -0.1 * x1 * x1,
          Math.sin(x0) - Math.cos(x0) * x1,
          x1 + dy1 - 0.1 * t * x1,
          0.0, 0.0).inOrder();
    }
  }

  @Test
  void effectsHappenOnceAndACallerOfAMethodWithEffectsStaysInForwardMode() throws Exception {
    Class<?> plain = CLASSES.load("test.Writes");
    var counter = plain.getDeclaredField("effects");
    counter.setAccessible(true);
    counter.setInt(null, 0);
    CHECKS.reverse("noisy", (Object) new double[] {0.5, 0.7, 1.1});
    assertThat(counter.getInt(null)).isEqualTo(1);
    List<String> notes = COMPILATION.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
        .map(d -> d.getMessage(null))
        .filter(m -> m.contains("[DiffReverseUnsupported]"))
        .toList();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0)).contains("a call of noisy, which has effects that must happen once");
    assertThat(notes.get(0)).contains("callsNoisyGradient stays in forward mode");
    counter.setInt(null, 0);
    double[] g = new double[3];
    CHECKS.derivatives().getMethod("callsNoisyGradient", double[].class, double[].class)
        .invoke(null, new double[] {0.5, 0.7, 1.1}, g);
    assertThat(counter.getInt(null)).isEqualTo(1);
    assertThat(g[1]).isWithin(1e-14).of(3 * 0.7 * 0.7 * 0.5);
  }

  @Test
  void aThrowLeavesTheArrayAsGivenInReverseModeAsInForwardMode() throws Exception {
    for (String mode : new String[] {"Reverse", "Forward"}) {
      double[] x = {6, 1};
      Method m = CHECKS.derivatives().getMethod("throwerGradient" + mode, double[].class, double[].class,
          Workspace.class);
      Workspace work = new Workspace();
      try {
        m.invoke(null, x, new double[2], work);
        throw new AssertionError("no exception");
      } catch (java.lang.reflect.InvocationTargetException e) {
        assertThat(e.getCause()).hasMessageThat().isEqualTo("big 12.0");
      }
      assertThat(x).usingExactEquality().containsExactly(6.0, 1.0).inOrder();
    }
    double[] x = {2, 3};
    double[] g = new double[2];
    CHECKS.derivatives().getMethod("throwerGradientReverse", double[].class, double[].class, Workspace.class)
        .invoke(null, x, g, new Workspace());
    // x0 ← 2 x0, x1 ← x1 · 2 x0: f = 2 x0 + 2 x0 x1
    assertThat(g).usingTolerance(1e-14).containsExactly(2 + 2 * 3.0, 2 * 2.0).inOrder();
    assertThat(x).usingExactEquality().containsExactly(4.0, 12.0).inOrder();
  }
}
