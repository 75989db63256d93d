package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A data array passed on to a {@code @Differentiable} callee that does not differentiate it, as
 * least-squares code is layered ({@code cost(params, t, y)} calling {@code model(params, t)}, both
 * {@code wrt = "params"}): the call used to make every array argument carry tangents, so the data
 * was reported as depending on the inputs ({@code [DiffCallNotWrt]}). A callee of this compilation
 * that only reads the array leaves it data, at orders 1 and 2 and in reverse mode; one that writes
 * it is still an error. Oracles: analytic gradients and Hessians.
 */
class DataArraysTest {

  @Test
  void dataPassedToACalleeThatOnlyReadsItStaysData() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Fit",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Fit {",
                "  @Differentiable(wrt = \"x\", order = 2)",
                "  static double g(double[] x, double[] w) { return x[0] * x[0] * w[0] + x[1] * w[1]; }",
                "  @Differentiable(wrt = \"x\", order = 2)",
                "  static double parameterData(double[] x, double[] w) { return g(x, w) + x[2]; }",
                "  @Differentiable(order = 2)",
                "  static double localData(double[] x) {",
                "    double[] w = {1.0, 2.0};",
                "    return g(x, w) * x[2];",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.FitDerivatives");
    double[] x = {0.5, 0.25, 2};
    double[] w = {3, 4};
    for (String mode : new String[] {"Gradient", "GradientReverse"}) {
      double[] g = (double[]) d.getMethod("parameterData" + mode, double[].class, double[].class).invoke(null, x.clone(), w);
      assertThat(g).usingTolerance(1e-15).containsExactly(2 * x[0] * w[0], w[1], 1.0).inOrder();
      double[] l = (double[]) d.getMethod("localData" + mode, double[].class).invoke(null, (Object) x.clone());
      // (x0² + 2 x1) x2
      assertThat(l).usingTolerance(1e-15).containsExactly(2 * x[0] * x[2], 2 * x[2], x[0] * x[0] + 2 * x[1]).inOrder();
    }
    double[][] h = (double[][]) d.getMethod("localDataHessian", double[].class).invoke(null, (Object) x.clone());
    double[][] expected = {{2 * x[2], 0, 2 * x[0]}, {0, 0, 2}, {2 * x[0], 2, 0}};
    for (int i = 0; i < 3; i++) {
      assertThat(h[i]).usingTolerance(1e-15).containsExactly(expected[i][0], expected[i][1], expected[i][2]).inOrder();
    }
    double[][] hp = (double[][]) d.getMethod("parameterDataHessian", double[].class, double[].class).invoke(null, x.clone(), w);
    assertThat(hp[0]).usingTolerance(1e-15).containsExactly(2 * w[0], 0.0, 0.0).inOrder();
  }

  @Test
  void dataACalleeWritesIsStillAnError() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Fit",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Fit {",
                "  @Differentiable(wrt = \"x\")",
                "  static double g(double[] x, double[] w) { w[0] = x[0]; return x[0] * w[1]; }",
                "  @Differentiable",
                "  static double caller(double[] x) {",
                "    double[] w = {1.0, 2.0};",
                "    return g(x, w) + w[0];",
                "  }",
                "}"));
    assertThat(c).hadErrorContaining("[DiffCallNotWrt]");
  }
}
