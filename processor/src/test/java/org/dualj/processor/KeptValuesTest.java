package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode keeps the values of costly library functions ({@code exp}, {@code sqrt}, {@code
 * sin}, …) for the reverse sweep instead of evaluating them again: a local of its own per call,
 * assigned by one statement, whose reverse code reads the value before restoring the local (from
 * the tape, in a loop). The programs put such values where that could go wrong: overwritten in
 * every trip, read by the next trip, nested in each other, in branches and loops left by break,
 * in a local assigned once in a loop, next to variables assigned many times, and in the tangent
 * code that H·v differentiates. Oracles: Richardson-extrapolated central differences of the
 * primal (every mode), and for second order, differences of the gradient.
 */
class KeptValuesTest {

  private static final String[] METHODS = {
    "loop", "overwritten", "nested", "branches", "declaredOutside", "carried", "inactiveFactor",
    "viaCallee", "secondOrder"
  };

  private static final double[][] POINTS = {
    {0.3, 0.7, 1.1, -0.4}, {1.3, -0.4, 0.9, 0.2}, {0.5, 0.5, 2.0, 1.5}, {-0.8, 0.1, 0.6, -1.2}
  };

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Kept",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Kept {",
            "  @Differentiable static double loop(double[] x) {",
            "    double s = 0.5;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double e = Math.exp(0.3 * x[i] * s);",
            "      s = s * 0.5 + 0.2 * e * Math.sin(e);",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double overwritten(double[] x) {",
            "    double v = Math.exp(x[0]);",
            "    v = Math.sqrt(v + x[1] * x[1]);",
            "    v = Math.log1p(v * x[2] * x[2]);",
            "    double w = v * Math.tanh(v + x[3]);",
            "    w = w * Math.cbrt(2 + w);",
            "    return w + v;",
            "  }",
            "  @Differentiable static double nested(double[] x) {",
            "    double s = 0;",
            "    for (int k = 0; k < x.length; k++) {",
            "      double z = x[k] * x[(k + 1) % x.length];",
            "      s += Math.log1p(Math.exp(-x[k] * z)) + Math.pow(Math.cosh(x[k]), 1.5);",
            "      s += Math.atan2(Math.hypot(z, x[k]), 1 + Math.sqrt(z * z + 1));",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double branches(double[] x) {",
            "    double s = 1;",
            "    int i = 0;",
            "    while (true) {",
            "      if (i >= x.length) break;",
            "      double a = Math.sin(x[i] + s);",
            "      if (a > 0) {",
            "        s = s * Math.exp(a) - a;",
            "      } else {",
            "        double b = Math.sqrt(1 + a * a);",
            "        s = s / b + Math.cos(b);",
            "        if (s > 50) break;",
            "      }",
            "      i++;",
            "    }",
            "    return s * (x[0] > 0 ? Math.exp(x[0]) : Math.log(2 + x[0] * x[0]));",
            "  }",
            "  // a local declared before the loop, assigned once in it",
            "  @Differentiable static double declaredOutside(double[] x) {",
            "    double v;",
            "    double acc = 1;",
            "    for (int i = 0; i < x.length; i++) {",
            "      v = Math.exp(0.3 * x[i] * acc);",
            "      acc = acc * v + Math.cos(v);",
            "    }",
            "    return acc;",
            "  }",
            "  // a trip reads the value the trip before kept",
            "  @Differentiable static double carried(double[] x) {",
            "    double prev = 0.2;",
            "    double s = 0;",
            "    for (int i = 0; i < 3 * x.length; i++) {",
            "      double e = Math.exp(x[i % x.length] * prev);",
            "      s += e * prev;",
            "      prev = Math.tanh(e - 1.5);",
            "    }",
            "    return s + prev;",
            "  }",
            "  @Differentiable(wrt = \"x\") static double inactiveFactor(double[] x, double c) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      s += x[i] * Math.exp(c * i) + Math.sin(c) * x[i] * x[i];",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double g(double[] x) { return Math.exp(x[0] * x[1]); }",
            "  @Differentiable static double viaCallee(double[] x) {",
            "    double s = 0;",
            "    for (int k = 0; k < 3; k++) {",
            "      double r = g(x);",
            "      double e = Math.sqrt(r + x[k] * x[k]);",
            "      x[k] = e * x[k + 1];",
            "      s += e * Math.exp(-r);",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable(order = 2) static double secondOrder(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i + 1 < x.length; i++) {",
            "      double e = Math.exp(x[i] * x[i + 1]);",
            "      s += Math.log1p(e) * Math.sin(x[i]) + Math.sqrt(1 + e * x[i + 1] * x[i + 1]);",
            "    }",
            "    return s;",
            "  }",
            "}"));
  }

  @Test
  void everyModeAgreesWithRichardson() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Kept");
    Class<?> d = classes.load("test.KeptDerivatives");
    for (String name : METHODS) {
      boolean withC = name.equals("inactiveFactor");
      for (double[] x : POINTS) {
        double[] oracle = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          oracle[i] = Differences.richardson(v -> value(plain, name, withC, v), x, i);
        }
        double[] lanes = gradient(d, name + "GradientForward", withC, x);
        double[] reverse = gradient(d, name + "GradientReverse", withC, x);
        for (int i = 0; i < x.length; i++) {
          double tol = 1e-6 * (1 + Math.abs(oracle[i]));
          assertWithMessage("%s lanes [%s] at %s", name, i, x).that(lanes[i]).isWithin(tol).of(oracle[i]);
          assertWithMessage("%s reverse [%s] at %s", name, i, x)
              .that(reverse[i]).isWithin(1e-13 * (1 + Math.abs(lanes[i]))).of(lanes[i]);
          if (!withC) {
            assertWithMessage("%s tangent [%s] at %s", name, i, x)
                .that(scalarTangent(d, name, x, i)).isWithin(tol).of(oracle[i]);
          }
        }
      }
    }
  }

  @Test
  void secondOrderThroughKeptValues() throws Exception {
    Compilation c = compile();
    Class<?> d = new CompiledClasses(c).load("test.KeptDerivatives");
    Method gradient = d.getMethod("secondOrderGradient", double[].class);
    Method hessian = d.getMethod("secondOrderHessian", double[].class);
    double[] v = {0.3, -1.1, 0.7, 0.25};
    for (double[] x : POINTS) {
      double[][] h = (double[][]) hessian.invoke(null, (Object) x.clone());
      double[] hvReverse = new double[x.length];
      d.getMethod("secondOrderHessianVectorReverse", double[].class, double[].class, double[].class, Workspace.class)
          .invoke(null, x.clone(), v, hvReverse, new Workspace());
      for (int i = 0; i < x.length; i++) {
        double hv = 0;
        for (int j = 0; j < x.length; j++) {
          double oracle = Differences.gradientDifference(gradient, x, i, j);
          assertWithMessage("H[%s][%s] at %s", i, j, x).that(h[i][j]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
          hv += h[i][j] * v[j];
        }
        assertWithMessage("Hv[%s] at %s", i, x).that(hvReverse[i]).isWithin(1e-12 * (1 + Math.abs(hv))).of(hv);
      }
    }
  }

  /** The point of keeping: the reverse sweep of a loop calls no costly function again. */
  @Test
  void theReverseSweepDoesNotEvaluateKeptFunctionsAgain() throws Exception {
    Compilation c = compile();
    String source = c.generatedSourceFile("test.KeptDerivatives").get().getCharContent(true).toString();
    String adjoint = source.substring(source.indexOf("static double declaredOutsideAdjoint("));
    adjoint = adjoint.substring(0, adjoint.indexOf("\n    }\n"));
    String reverseSweep = code(adjoint.substring(adjoint.indexOf("// reverse sweep")));
    assertThat(reverseSweep).doesNotContain("Math.exp(");
    assertThat(reverseSweep).contains("Math.sin("); // cos's partial: not its value
    String loop = source.substring(source.indexOf("static double loopAdjoint("));
    loop = loop.substring(0, loop.indexOf("\n    }\n"));
    String loopReverse = code(loop.substring(loop.indexOf("// reverse sweep")));
    assertThat(loopReverse).doesNotContain("Math.exp(");
    assertThat(loopReverse).doesNotContain("Math.sin(");
  }

  /** {@code source} without its comment lines (which quote the source line). */
  private static String code(String source) {
    return source.replaceAll("(?m)^\\s*//.*$", "");
  }

  private static double[] gradient(Class<?> d, String name, boolean withC, double[] x) throws Exception {
    double[] out = new double[x.length];
    if (withC) {
      d.getMethod(name, double[].class, double.class, double[].class, Workspace.class)
          .invoke(null, x.clone(), 0.7, out, new Workspace());
    } else {
      d.getMethod(name, double[].class, double[].class, Workspace.class).invoke(null, x.clone(), out, new Workspace());
    }
    return out;
  }

  private static double scalarTangent(Class<?> d, String name, double[] x, int i) throws Exception {
    Dual[] in = new Dual[x.length];
    for (int j = 0; j < x.length; j++) {
      in[j] = Dual.of(x[j], j == i ? 1 : 0);
    }
    return ((Dual) d.getMethod(name, Dual[].class).invoke(null, (Object) in)).tangent();
  }

  private static double value(Class<?> plain, String name, boolean withC, double[] x) throws Exception {
    Method m = withC
        ? plain.getDeclaredMethod(name, double[].class, double.class)
        : plain.getDeclaredMethod(name, double[].class);
    m.setAccessible(true);
    return (double) (withC ? m.invoke(null, x.clone(), 0.7) : m.invoke(null, (Object) x.clone()));
  }
}
