package org.dualj.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.dualj.processor.Compilations;
import org.dualj.processor.CompiledClasses;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * One array passed for two array parameters of a method that writes into one of them: the primal
 * sees the write through both, the generated entry points (which copy or unpack each parameter) would
 * not, so they refuse it; generated callers, which pass the same array with the same tangents, and
 * methods that write no array parameter, are unaffected.
 */
class AliasGuardsTest {

  private static Class<?> derivatives() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Shared",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "public class Shared {",
                "  // writes a[0], reads b: w(x, x) = 2 x0 x1 + 2 x0",
                "  @Differentiable(order = 2)",
                "  public static double w(double[] a, double[] b) {",
                "    a[0] = b[0] * 2;",
                "    return b[0] * b[1] + a[0];",
                "  }",
                "  // calls w with one array twice, as the primal would",
                "  @Differentiable(order = 2)",
                "  public static double g(double[] x) {",
                "    double[] y = x.clone();",
                "    return w(y, y);",
                "  }",
                "  // writes its data array too: its Dual[] form compares only arrays of one type",
                "  @Differentiable(wrt = \"x\")",
                "  public static double d(double[] x, double[] data) {",
                "    data[0] = x[0] * 3;",
                "    return data[0] * x[1];",
                "  }",
                "  // writes no parameter: one array for both is fine",
                "  @Differentiable",
                "  public static double r(double[] a, double[] b) {",
                "    double[] t = new double[1];",
                "    t[0] = a[0] * b[1];",
                "    return t[0] + a[1] * b[0];",
                "  }",
                "}"));
    assertThat(c).succeeded();
    return new CompiledClasses(c).load("test.SharedDerivatives");
  }

  private static void assertRefused(Method m, Object... args) {
    assertRefusedWith("w writes into a", m, args);
  }

  private static void assertRefusedWith(String message, Method m, Object... args) {
    InvocationTargetException e =
        assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getCause()).hasMessageThat().contains(message);
  }

  @Test
  void everyPublicFormRefusesOneArrayForAWrittenAndAnotherParameter() throws Exception {
    Class<?> d = derivatives();
    double[] x = {1.5, -0.5};
    assertRefused(d.getMethod("wGradient", double[].class, double[].class), x, x);
    assertRefused(d.getMethod("wHessian", double[].class, double[].class), x, x);
    Dual[] duals = {Dual.variable(1.5), Dual.constant(-0.5)};
    assertRefused(d.getMethod("w", Dual[].class, Dual[].class), duals, duals);
    // the unboxed core, which generated callers call with tangent arrays of their own making, is
    // not checked: one array with two tangent arrays is its caller's business
    Object v = d.getMethod("w", double[].class, double[].class, double[].class, double[].class)
        .invoke(null, x.clone(), new double[2], x.clone(), new double[2]);
    assertThat(v).isNotNull();
  }

  @Test
  void aWrittenDataArrayIsComparedWithArraysOfItsOwnType() throws Exception {
    Class<?> d = derivatives();
    double[] x = {1.5, -0.5};
    assertRefusedWith("d writes into data", d.getMethod("dGradient", double[].class, double[].class), x, x);
    // d = 3 x0 x1 with x in wrt: the Dual[] form takes the data as a double[]
    Dual[] duals = {Dual.variable(1.5), Dual.constant(-0.5)};
    Dual r = (Dual) d.getMethod("d", Dual[].class, double[].class).invoke(null, duals, new double[1]);
    assertThat(r.tangent()).isWithin(1e-15).of(3 * x[1]);
  }

  @Test
  void distinctArraysAndGeneratedCallersDifferentiateAsThePrimal() throws Exception {
    Class<?> d = derivatives();
    for (double[] x : new double[][] {{1.5, -0.5}, {0.25, 2.0}}) {
      // w(a, b) = b0 b1 + 2 b0 with a, b distinct: ∂/∂a = 0, ∂/∂b = (b1 + 2, b0)
      double[] gw = (double[]) d.getMethod("wGradient", double[].class, double[].class)
          .invoke(null, x.clone(), x.clone());
      assertThat(gw).usingTolerance(1e-15).containsExactly(0, 0, x[1] + 2, x[0]).inOrder();
      // g(x) = w(y, y) with y = x: y0 becomes 2 x0, so g = 2 x0 x1 + 2 x0
      double[] gg = (double[]) d.getMethod("gGradient", double[].class).invoke(null, (Object) x);
      assertThat(gg).usingTolerance(1e-15).containsExactly(2 * x[1] + 2, 2 * x[0]).inOrder();
      double[][] h = (double[][]) d.getMethod("gHessian", double[].class).invoke(null, (Object) x);
      assertThat(h[0]).usingTolerance(1e-15).containsExactly(0, 2).inOrder();
      assertThat(h[1]).usingTolerance(1e-15).containsExactly(2, 0).inOrder();
      // r writes no parameter: r(x, x) = x0 x1 + x1 x0, each slot's partials
      double[] gr = (double[]) d.getMethod("rGradient", double[].class, double[].class)
          .invoke(null, x, x);
      assertThat(gr).usingTolerance(1e-15).containsExactly(x[1], x[0], x[1], x[0]).inOrder();
    }
  }
}
