package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode through calls of {@code void} methods that write their output into arrays (an ODE
 * right-hand side, {@code axpy}, smoothing in place): the reverse sweep gives the written arrays
 * back the elements they had before the call, runs the callee's adjoint, which turns the adjoints
 * of the arrays as the call left them into those of the arrays as it found them, then restores
 * the elements again. The programs: a Runge–Kutta integration of a Lotka–Volterra system through
 * a right-hand side with an argument check and a private {@code axpy}, differentiated with
 * respect to the model's parameters; a smoothing in place whose {@code double} argument is read
 * from the array it writes; one array passed as both input and output; a callee writing two
 * arrays on data-dependent branches and calling another {@code void} method, in a loop with a
 * data-dependent trip count; a constant table filled by a call with nothing active. Oracles:
 * Richardson-extrapolated central differences of the primal and forward mode (1e-13).
 */
class ReverseVoidCallsTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Voids",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Voids {",
            "  @Differentiable static void rhs(double t, double[] y, double[] p, double[] dydt) {",
            "    if (y.length != 2) throw new IllegalArgumentException(\"two states\");",
            "    dydt[0] = p[0] * y[0] - p[1] * y[0] * y[1];",
            "    dydt[1] = p[2] * y[0] * y[1] - p[3] * y[1] + 0.01 * Math.sin(t * p[0]);",
            "  }",
            "  private static void axpy(double a, double[] x, double[] y, double[] out) {",
            "    for (int i = 0; i < out.length; i++) out[i] = y[i] + a * x[i];",
            "  }",
            "  @Differentiable static double odeLoss(double[] p) {",
            "    double[] y = {1.0, 0.5};",
            "    double[] k1 = new double[2];",
            "    double[] k2 = new double[2];",
            "    double[] k3 = new double[2];",
            "    double[] k4 = new double[2];",
            "    double[] tmp = new double[2];",
            "    double h = 0.1;",
            "    double t = 0;",
            "    double loss = 0;",
            "    for (int s = 0; s < 12; s++) {",
            "      rhs(t, y, p, k1);",
            "      axpy(h / 2, k1, y, tmp);",
            "      rhs(t + h / 2, tmp, p, k2);",
            "      axpy(h / 2, k2, y, tmp);",
            "      rhs(t + h / 2, tmp, p, k3);",
            "      axpy(h, k3, y, tmp);",
            "      rhs(t + h, tmp, p, k4);",
            "      for (int i = 0; i < 2; i++) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);",
            "      t += h;",
            "      loss += (y[0] - 1) * (y[0] - 1) + y[1] * y[1];",
            "    }",
            "    return loss;",
            "  }",
            "  @Differentiable static void smooth(double[] a, double c) {",
            "    for (int i = 1; i < a.length; i++) a[i] = a[i] + c * a[i - 1];",
            "    if (a[0] > 2) return;",
            "    a[0] = Math.exp(-a[0]) * c;",
            "  }",
            "  @Differentiable static double inPlace(double[] x) {",
            "    double[] w = x.clone();",
            "    smooth(w, x[0]);",
            "    smooth(w, w[1] * 0.5);",
            "    double s = 0;",
            "    for (double v : w) s += v * v;",
            "    return s;",
            "  }",
            "  @Differentiable static void mix(double[] y, double[] out) {",
            "    out[0] = y[1] * y[0];",
            "    out[1] = Math.sin(y[0]) + y[1];",
            "  }",
            "  @Differentiable static double aliased(double[] x) {",
            "    double[] w = x.clone();",
            "    mix(w, w);",
            "    double[] v = new double[2];",
            "    mix(w, v);",
            "    mix(x, w);",
            "    return w[0] * v[1] + w[1] * x[2] + v[0] * x[3] + w[2];",
            "  }",
            "  @Differentiable static void scaleBy(double[] a, double[] b) {",
            "    for (int i = 0; i < a.length; i++) b[i] += 0.5 * a[i] * b[i];",
            "  }",
            "  @Differentiable static void split(double[] x, double[] lo, double[] hi) {",
            "    for (int i = 0; i < x.length; i++) {",
            "      if (x[i] < 0.55) {",
            "        lo[i] = x[i] * x[i];",
            "        hi[i] = 0;",
            "      } else {",
            "        hi[i] = Math.sqrt(x[i] + 1);",
            "        lo[i] = 0;",
            "      }",
            "    }",
            "    scaleBy(lo, hi);",
            "  }",
            "  @Differentiable static double branchy(double[] x) {",
            "    double[] lo = new double[x.length];",
            "    double[] hi = new double[x.length];",
            "    double[] z = x.clone();",
            "    double s = 0;",
            "    int k = 0;",
            "    while (s < 3 && k < 6) {",
            "      split(z, lo, hi);",
            "      s += lo[k % z.length] + hi[(k + 1) % z.length] * z[k % z.length];",
            "      z[k % z.length] = s * 0.3;",
            "      k++;",
            "    }",
            "    return s + k;",
            "  }",
            "  @Differentiable static void fill(double[] a, double v) {",
            "    for (int i = 0; i < a.length; i++) a[i] = v * (i + 1);",
            "  }",
            "  @Differentiable static double constants(double[] x) {",
            "    double[] c = new double[x.length];",
            "    fill(c, 0.25);",
            "    double[] d = new double[x.length];",
            "    fill(d, x[1]);",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += c[i] * x[i] * d[i];",
            "    return s;",
            "  }",
            "}"));
  }

  private static final String[] METHODS = {"odeLoss", "inPlace", "aliased", "branchy", "constants"};

  private static final double[][] POINTS = {
    {1.1, 0.4, 0.6, 0.9}, {0.8, 0.7, 0.3, 1.2}, {1.5, 0.2, 0.9, 0.5}, {0.6, 0.9, 0.45, 0.8},
    {0.2, 0.3, 0.1, 0.4}, {2.5, 0.35, 0.7, 1.1}
  };

  @Test
  void reverseModeThroughVoidCallsMatchesForwardModeAndDifferences() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Voids");
    Differences.reverseAgreesEverywhere(plain, classes.load("test.VoidsDerivatives"), METHODS, POINTS);
  }

  /** No method here is left to forward mode: every one has its reverse gradient, no note. */
  @Test
  void noMethodIsLeftToForwardMode() throws Exception {
    Compilation c = compile();
    assertThat(c.notes().stream().map(n -> n.getMessage(null)).filter(m -> m.contains("reverse mode")).toList())
        .isEmpty();
    Class<?> d = new CompiledClasses(c).load("test.VoidsDerivatives");
    for (String name : METHODS) {
      assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals(name + "GradientReverse")))
          .isTrue();
    }
  }

  /**
   * The adjoint core of the {@code void} method itself: the adjoints of its outputs given, those
   * of its inputs back (the vector–Jacobian product of the right-hand side, against the analytic
   * Jacobian), and the arrays left as the method leaves them.
   */
  @Test
  void theAdjointCoreOfAVoidMethodIsItsVectorJacobianProduct() throws Exception {
    Class<?> d = new CompiledClasses(compile()).load("test.VoidsDerivatives");
    Method adjoint = d.getMethod("rhsAdjoint", double.class, double[].class, double[].class,
        double[].class, double[].class, double[].class, double[].class, org.dualj.runtime.Tape.class);
    double t = 0.7;
    double[] y = {1.3, 0.6};
    double[] p = {1.1, 0.4, 0.3, 0.8};
    double[] out = {9, 9};
    double[] ybar = new double[2];
    double[] pbar = new double[4];
    double[] outbar = {0.25, -1.5};
    org.dualj.runtime.Tape tape = new org.dualj.runtime.Tape();
    adjoint.invoke(null, t, y, ybar, p, pbar, out, outbar, tape);
    double tbar = tape.bar(0);
    // dydt0 = p0 y0 − p1 y0 y1; dydt1 = p2 y0 y1 − p3 y1 + 0.01 sin(t p0)
    double u0 = 0.25;
    double u1 = -1.5;
    assertThat(out).usingTolerance(1e-15).containsExactly(
        p[0] * y[0] - p[1] * y[0] * y[1], p[2] * y[0] * y[1] - p[3] * y[1] + 0.01 * Math.sin(t * p[0])).inOrder();
    assertThat(ybar).usingTolerance(1e-15).containsExactly(
        u0 * (p[0] - p[1] * y[1]) + u1 * p[2] * y[1],
        u0 * (-p[1] * y[0]) + u1 * (p[2] * y[0] - p[3])).inOrder();
    assertThat(pbar).usingTolerance(1e-15).containsExactly(
        u0 * y[0] + u1 * 0.01 * Math.cos(t * p[0]) * t, -u0 * y[0] * y[1], u1 * y[0] * y[1], -u1 * y[1])
        .inOrder();
    assertThat(tbar).isWithin(1e-15).of(u1 * 0.01 * Math.cos(t * p[0]) * p[0]);
    // the outputs' adjoints are consumed: the output's old elements reach nothing
    assertThat(outbar).usingTolerance(0).containsExactly(0.0, 0.0).inOrder();
    assertThat(tape.isEmpty()).isTrue();
  }

  /**
   * An order-2 caller of a {@code void} method: its reverse gradient is generated, H·v by reverse
   * over forward is not (the note says so), and {@code fHessianVector} by forward lanes is right.
   */
  @Test
  void anOrderTwoCallerKeepsItsReverseGradientAndHasTheNoteForHessianVectors() throws Exception {
    Compilation c = Compilations.compile(
        Compilations.source(
            "Second",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Second {",
            "  @Differentiable(order = 2) static void mix(double[] y, double[] out) {",
            "    out[0] = y[1] * y[0];",
            "    out[1] = Math.sin(y[0]) + y[1] * y[2];",
            "  }",
            "  @Differentiable(order = 2) static double g(double[] x) {",
            "    double[] v = new double[2];",
            "    mix(x, v);",
            "    return v[0] * v[1] + x[2] * v[0];",
            "  }",
            "}"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("so gHessianVectorReverse is not generated (gHessianVector gives H·v"
        + " by forward lanes)");
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> d = classes.load("test.SecondDerivatives");
    assertThat(Arrays.stream(d.getMethods()).noneMatch(m -> m.getName().equals("gHessianVectorReverse")))
        .isTrue();
    Workspace work = new Workspace();
    double[] x = {0.3, 0.7, 1.2};
    Differences.reverseAgrees(classes.load("test.Second"), d, "g", x, work);
    double[] dir = {0.5, -1, 0.25};
    double[] hv = (double[]) d.getMethod("gHessianVector", double[].class, double[].class)
        .invoke(null, x.clone(), dir);
    Method gradient = d.getMethod("gGradientReverse", double[].class);
    for (int i = 0; i < 3; i++) {
      double expected = 0;
      for (int j = 0; j < 3; j++) {
        expected += Differences.gradientDifference(gradient, x, i, j) * dir[j];
      }
      assertWithMessage("Hv[%s]", i).that(hv[i]).isWithin(1e-6).of(expected);
    }
  }

  /**
   * An argument that reads the array the call writes ({@code fill(w, w[0] * w[0])}): its partials
   * need the array as the call found it, not as the callee's adjoint leaves it (found by the
   * fuzzer: reverse mode gave 2·w[0] with the value written, 0.5 for 1.0, before the argument's
   * adjoint moved after the restores).
   */
  @Test
  void anArgumentReadingTheArrayTheCallWritesGetsItsPartialsBeforeTheCall() throws Exception {
    Compilation c = Compilations.compile(
        Compilations.source(
            "Fills",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Fills {",
            "  @Differentiable static void fill(double[] out, double a) { out[0] = a; }",
            "  @Differentiable static double put(double[] out, double a) { out[0] = a * out[1]; return out[0]; }",
            "  @Differentiable static double viaVoid(double[] x) {",
            "    double[] w = x.clone();",
            "    fill(w, w[0] * w[0]);",
            "    return w[0] * x[1];",
            "  }",
            "  @Differentiable static double asStatement(double[] x) {",
            "    put(x, x[0] * x[1]);",
            "    return x[0];",
            "  }",
            "  @Differentiable static double assigned(double[] x) {",
            "    double[] w = x.clone();",
            "    double r = put(w, Math.sin(w[0]) * w[1]);",
            "    return r * w[0] + w[1];",
            "  }",
            "  @Differentiable static double inLoop(double[] x) {",
            "    double[] w = x.clone();",
            "    double s = 0;",
            "    for (int i = 0; i < 3; i++) {",
            "      fill(w, w[0] * w[1] + Math.abs(w[0]));",
            "      s += w[0] * x[i % x.length];",
            "    }",
            "    return s;",
            "  }",
            "}"));
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Differences.reverseAgreesEverywhere(classes.load("test.Fills"), classes.load("test.FillsDerivatives"),
        new String[] {"viaVoid", "asStatement", "assigned", "inLoop"},
        new double[][] {{0.5, 3.0}, {-0.7, 0.4, 1.2}, {1.1, -0.3}});
  }
}
