package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * An array passed whole to a callee in the forward sweep, whose elements are later only summed
 * into ({@code s[j] += r}): the reverse sweep calls the callee's adjoint with the array, so the
 * adjoint must see the elements as the call saw them. The sweep did not count a whole array in an
 * adjoint call as a read of its elements, so the summed-into elements were not saved, and the
 * reverse gradient used the updated values, silently ({@code [3, 1, 0, 0]} instead of {@code [2,
 * 1, 0, 0]}). Oracles: the analytic gradient, and forward mode.
 */
class ReverseCallReadsTest {

  @Test
  void theCalleesAdjointSeesTheElementsAsTheCallDid() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Summed",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Summed {",
                "  @Differentiable static double sumRow(double[] row) { return row[0] * row[0] + row[1]; }",
                "  @Differentiable static double smallest(double[] x) {",
                "    double[] s = x.clone();",
                "    double r = sumRow(s);",
                "    for (int j = 0; j < s.length; j++) {",
                "      s[j] += r;",
                "    }",
                "    return s[0];",
                "  }",
                "  @Differentiable static double iterate(double[] x) {",
                "    double[] s = x.clone();",
                "    double acc = 0;",
                "    for (int k = 0; k < 3; k++) {",
                "      double r = sumRow(s);",
                "      s[0] += 0.1 * r;",
                "      s[1] -= 0.2 * r;",
                "      acc += r;",
                "    }",
                "    return acc;",
                "  }",
                "  @Differentiable static double rows(double[] x) {",
                "    double[][] m = {x.clone(), x.clone()};",
                "    double acc = 0;",
                "    for (int k = 0; k < 3; k++) {",
                "      double r = sumRow(m[k % 2]);",
                "      m[0][0] += 0.1 * r;",
                "      m[1][1] -= 0.2 * r;",
                "      acc += r * m[1][0];",
                "    }",
                "    return acc;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    Class<?> d = new CompiledClasses(c).load("test.SummedDerivatives");
    double[] x = {0.5, 0.25, 1, 2};
    double[] reverse = run(d, "smallestGradientReverse", x);
    // s0 = x0 + r with r = x0² + x1
    assertThat(reverse).usingTolerance(1e-15).containsExactly(1 + 2 * x[0], 1.0, 0.0, 0.0).inOrder();
    for (String name : new String[] {"smallest", "iterate", "rows"}) {
      double[] forward = run(d, name + "GradientForward", x);
      double[] rev = run(d, name + "GradientReverse", x);
      for (int i = 0; i < x.length; i++) {
        assertWithMessage("%s[%s]", name, i).that(rev[i]).isWithin(1e-13 * (1 + Math.abs(forward[i]))).of(forward[i]);
      }
    }
  }

  private static double[] run(Class<?> d, String name, double[] x) throws Exception {
    double[] out = new double[x.length];
    d.getMethod(name, double[].class, double[].class, Workspace.class).invoke(null, x.clone(), out, null);
    return out;
  }
}
