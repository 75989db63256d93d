package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shapes of code that are special in lane code: an active for-loop update (a lane loop cannot sit
 * in a for-update), and a callee that assigns its parameter (its lane must not be the caller's).
 * Gradients are compared with analytic derivatives and with the scalar tangent code.
 */
class VectorModeTest {
  private static Class<?> generated;

  @BeforeAll
  static void compile() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Shapes",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Shapes {",
                "  /** Sum of t = x, 2x, 4x, ... below 10, skipping t < 1. */",
                "  @Differentiable",
                "  static double doubling(double x) {",
                "    double s = 0;",
                "    loop:",
                "    for (double t = x; t < 10; t = t * 2) {",
                "      if (t < 1) {",
                "        continue loop;",
                "      }",
                "      s += t;",
                "    }",
                "    return s;",
                "  }",
                "",
                "  /** Assigns its parameter: x^4 by squaring x twice. */",
                "  @Differentiable",
                "  static double fourth(double x) {",
                "    x = x * x;",
                "    x = x * x;",
                "    return x;",
                "  }",
                "",
                "  /** fourth(x) + x * y: x's lane must survive the call. */",
                "  @Differentiable",
                "  static double caller(double x, double y) {",
                "    double f = fourth(x);",
                "    return f + x * y;",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    generated = new CompiledClasses(c).load("test.ShapesDerivatives");
  }

  private static double[] gradient(String name, double... x) throws Exception {
    Class<?>[] types = new Class<?>[x.length];
    Object[] args = new Object[x.length];
    for (int i = 0; i < x.length; i++) {
      types[i] = double.class;
      args[i] = x[i];
    }
    return (double[]) generated.getMethod(name + "Gradient", types).invoke(null, args);
  }

  private static double tangent(String name, double[] x, int seed) throws Exception {
    Class<?>[] types = new Class<?>[x.length];
    Object[] args = new Object[x.length];
    for (int i = 0; i < x.length; i++) {
      types[i] = Dual.class;
      args[i] = Dual.of(x[i], i == seed ? 1 : 0);
    }
    Method m = generated.getMethod(name, types);
    return ((Dual) m.invoke(null, args)).tangent();
  }

  @Test
  void activeForUpdate() throws Exception {
    // x = 0.3: t = 1.2, 2.4, 4.8, 9.6 are summed, so the derivative is 4 + 8 + 16 + 32
    assertThat(gradient("doubling", 0.3)[0]).isEqualTo(60.0);
    assertThat(gradient("doubling", 1.5)[0]).isEqualTo(1 + 2 + 4.0);
    assertThat(gradient("doubling", 4.0)[0]).isEqualTo(1 + 2.0);
    for (double x : new double[] {0.3, 1.5, 4.0}) {
      assertThat(gradient("doubling", x)[0]).isEqualTo(tangent("doubling", new double[] {x}, 0));
    }
  }

  @Test
  void calleeAssigningItsParameterLeavesTheCallersLane() throws Exception {
    for (double[] p : new double[][] {{1.3, -0.7}, {-2.0, 0.5}, {0.4, 3.0}}) {
      double x = p[0];
      double y = p[1];
      double[] g = gradient("caller", x, y);
      // d/dx (x^4 + x y) = 4x^3 + y, d/dy = x
      assertThat(g[0]).isWithin(1e-12).of(4 * x * x * x + y);
      assertThat(g[1]).isWithin(1e-12).of(x);
      assertThat(g[0]).isEqualTo(tangent("caller", p, 0));
      assertThat(g[1]).isEqualTo(tangent("caller", p, 1));
    }
  }
}
