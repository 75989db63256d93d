package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * try/catch/finally in reverse mode. An exception can interrupt the try's body anywhere, even in
 * the middle of a statement whose old values are already pushed, so the forward sweep cuts the
 * body into runs of one statement, commits the tape after each, and a handler starts by dropping
 * what the interrupted statement pushed; the reverse sweep then undoes exactly the statements
 * that ran. The programs throw from an argument check, from the middle of a loop (its trips
 * partly done), from an index out of bounds in the middle of an assignment, from a callee, in
 * nested tries, with a finally and a return inside the try; every point is checked on both
 * paths. Oracles: Richardson-extrapolated central differences of the primal, and forward mode.
 */
class ReverseTryTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Tries",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Tries {",
            "  @Differentiable static double check(double[] x) {",
            "    double y;",
            "    try {",
            "      if (x[0] < 0) throw new IllegalArgumentException(\"negative\");",
            "      double t = Math.log(x[0] + 1) * x[1];",
            "      y = t * t + x[2];",
            "    } catch (IllegalArgumentException e) {",
            "      y = x[0] * x[0] - x[1];",
            "    }",
            "    return y * x[3];",
            "  }",
            "  @Differentiable(order = 2) static double midLoop(double[] x) {",
            "    double s = 0;",
            "    double p = 1;",
            "    try {",
            "      for (int i = 0; i < x.length; i++) {",
            "        p = p * Math.cos(x[i]);",
            "        s += x[i] * x[i] * p;",
            "        if (s > 1.0) throw new ArithmeticException(\"too big\");",
            "        s = s * 0.9;",
            "      }",
            "    } catch (ArithmeticException e) {",
            "      s = s * 2 + p;",
            "    }",
            "    return s + p;",
            "  }",
            "  @Differentiable static double outOfBounds(double[] x) {",
            "    double t = 0.5;",
            "    double s = 0;",
            "    int i = 0;",
            "    try {",
            "      while (true) {",
            "        t = x[i] * t + Math.sin(t);",
            "        s += t * x[(i + 1) % 2];",
            "        i += (x[i] > 0) ? 1 : 2;",
            "      }",
            "    } catch (ArrayIndexOutOfBoundsException e) {",
            "      s += i;",
            "    }",
            "    return s * t;",
            "  }",
            "  @Differentiable static double g(double a, double b) {",
            "    if (a * b > 0.5) throw new IllegalStateException(\"g\");",
            "    return Math.exp(a * b);",
            "  }",
            "  @Differentiable static double nested(double[] x) {",
            "    double r = x[0];",
            "    try {",
            "      r = r * x[1];",
            "      try {",
            "        r = r + g(x[2], r);",
            "      } catch (IllegalStateException e) {",
            "        r = r - x[2] * x[2];",
            "        if (r < -1) throw new IllegalArgumentException(\"inner\");",
            "      } finally {",
            "        r = r * 1.5 + x[3];",
            "      }",
            "      r = Math.sqrt(r * r + 1);",
            "    } catch (IllegalArgumentException e) {",
            "      r = x[3] * x[0];",
            "    }",
            "    return r;",
            "  }",
            "  @Differentiable static double scale(double[] a, double c) {",
            "    for (int i = 0; i < a.length; i++) a[i] *= c;",
            "    return a[0];",
            "  }",
            "  // a call writing an array inside a try: forward mode only",
            "  @Differentiable static double writesInTry(double[] x) {",
            "    double[] w = x.clone();",
            "    double s = 0;",
            "    try {",
            "      double z = scale(w, x[0]);",
            "      s = w[1] * w[2] + z;",
            "    } catch (RuntimeException e) {",
            "      s = -1;",
            "    }",
            "    return s * w[3];",
            "  }",
            "  static void positive(double v) {",
            "    if (!(v > 0)) throw new ArithmeticException(\"not positive: \" + v);",
            "  }",
            "  @Differentiable static double loopContinue(double[] x) {",
            "    double s = 0.25;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double v = 0.5;",
            "      try {",
            "        positive(x[i] - 0.15);",
            "        v = Math.sqrt(x[i] - 0.15) * s;",
            "        if (v > 0.6) throw new IllegalStateException(\"large\");",
            "        s += v * x[i];",
            "      } catch (ArithmeticException e) {",
            "        s -= x[i] * s;",
            "        continue;",
            "      } catch (IllegalStateException e) {",
            "        s = s * v;",
            "      }",
            "      s *= 1.01 + 0.1 * x[i];",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double breakFinally(double[] x) {",
            "    double s = 1;",
            "    int k = 0;",
            "    outer:",
            "    while (k < 10) {",
            "      try {",
            "        s = s * Math.cos(x[k % 4] * s);",
            "        if (s < 0.3) break outer;",
            "        k++;",
            "      } finally {",
            "        s = s + 0.05 * x[(k + 1) % 4];",
            "      }",
            "    }",
            "    return s * k;",
            "  }",
            "  @Differentiable static double callsTryCallee(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      s += loopContinue(new double[] {x[i], x[(i + 1) % 4], s, 0.5}) * x[i];",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double returns(double[] x) {",
            "    double s = x[0];",
            "    try {",
            "      for (int i = 1; i < x.length; i++) {",
            "        s = s * x[i] + 1;",
            "        if (s > 3) return s * s;",
            "      }",
            "    } finally {",
            "      s = s + x[1];",
            "    }",
            "    return s;",
            "  }",
            "}"));
  }

  private static final String[] METHODS = {
    "check", "midLoop", "outOfBounds", "nested", "returns", "loopContinue", "breakFinally",
    "callsTryCallee"
  };

  private static final double[][] POINTS = {
    {0.3, 0.7, 1.1, -0.4}, {-0.3, 0.7, 1.1, 0.4}, {1.3, -0.4, 0.9, 0.2}, {0.5, 0.55, 2.0, 1.5},
    {-0.8, 0.1, 0.6, -1.2}, {0.9, 1.2, 0.3, 0.7}, {0.2, 0.1, 0.4, 0.3}, {2.0, -1.5, 0.7, 0.9}
  };

  @Test
  void reverseModeMatchesForwardModeAndDifferencesOnEveryPath() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Tries");
    Differences.reverseAgreesEverywhere(plain, classes.load("test.TriesDerivatives"), METHODS, POINTS);
  }

  /**
   * A call that may write into an array inside a try: one that throws part way would leave
   * elements the records miss, so the method keeps forward mode, with the note.
   */
  @Test
  void aCallWritingAnArrayInsideATryKeepsForwardMode() throws Exception {
    Compilation c = compile();
    assertThat(c).hadNoteContaining(
        "reverse mode does not handle a call that may write into an array, inside a try (line 76)");
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.TriesDerivatives");
    assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals("writesInTryGradientReverse")))
        .isFalse();
    double[] x = {0.7, 1.1, -0.4, 0.3};
    double[] g = (double[]) d.getMethod("writesInTryGradient", double[].class).invoke(null, (Object) x.clone());
    // s = x0² x1 x2 + x0², result = s · x0 x3 = x0³ x1 x2 x3 + x0³ x3
    double[] expected = {3 * x[0] * x[0] * (x[1] * x[2] + 1) * x[3], x[0] * x[0] * x[0] * x[2] * x[3],
        x[0] * x[0] * x[0] * x[1] * x[3], x[0] * x[0] * x[0] * (x[1] * x[2] + 1)};
    assertThat(g).usingTolerance(1e-14).containsExactly(expected).inOrder();
  }

  /** H·v by reverse over forward through the try: the adjoint of the tangent code. */
  @Test
  void hessianVectorProductsThroughATry() throws Exception {
    Class<?> d = new CompiledClasses(compile()).load("test.TriesDerivatives");
    Method gradient = d.getMethod("midLoopGradientForward", double[].class, double[].class, Workspace.class);
    Method hv = d.getMethod("midLoopHessianVectorReverse", double[].class, double[].class,
        double[].class, Workspace.class);
    double[] v = {0.3, -1.1, 0.7, 0.25};
    Workspace work = new Workspace();
    for (double[] x : POINTS) {
      double[] out = new double[x.length];
      hv.invoke(null, x.clone(), v, out, work);
      // the gradient's derivative along v, by Richardson-extrapolated central differences
      double h = 1e-3;
      double[] d1 = along(gradient, x, v, h);
      double[] d2 = along(gradient, x, v, h / 2);
      for (int i = 0; i < x.length; i++) {
        double expected = (4 * d2[i] - d1[i]) / 3;
        assertWithMessage("Hv[%s] at %s", i, Arrays.toString(x))
            .that(out[i]).isWithin(1e-6 * (1 + Math.abs(expected))).of(expected);
      }
    }
  }

  private static double[] along(Method gradient, double[] x, double[] v, double h) throws Exception {
    double[] p = x.clone();
    double[] m = x.clone();
    for (int j = 0; j < x.length; j++) {
      p[j] += h * v[j];
      m[j] -= h * v[j];
    }
    double[] gp = new double[x.length];
    double[] gm = new double[x.length];
    gradient.invoke(null, p, gp, null);
    gradient.invoke(null, m, gm, null);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (gp[i] - gm[i]) / (2 * h);
    }
    return out;
  }

  /** An exception no handler catches leaves the reverse gradient as it leaves the method. */
  @Test
  void anUncaughtExceptionLeavesTheGradient() throws Exception {
    Class<?> d = new CompiledClasses(compile()).load("test.TriesDerivatives");
    Method reverse = d.getMethod("nestedGradientReverse", double[].class, double[].class, Workspace.class);
    Workspace work = new Workspace();
    // g throws (x2 · r > 0.5), and r − x2² < −1 throws from the handler: caught outside
    double[] x = {1.0, 0.6, 1.5, 0.1};
    double[] g = new double[4];
    reverse.invoke(null, x, g, work);
    // r = x3 · x0
    assertThat(g).usingTolerance(1e-15).containsExactly(0.1, 0.0, 0.0, 1.0).inOrder();
    Method check = d.getMethod("checkGradientReverse", double[].class, double[].class, Workspace.class);
    try {
      check.invoke(null, new double[] {0.5}, new double[1], work);
      throw new AssertionError("no exception");
    } catch (InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
    // the workspace is usable again
    double[] again = new double[4];
    reverse.invoke(null, x, again, work);
    assertThat(again).isEqualTo(g);
  }
}
