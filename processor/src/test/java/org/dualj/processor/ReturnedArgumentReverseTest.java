package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A private helper that writes into its array argument and returns it ({@code z =
 * scaleInPlace(y, f)}, z is y): reverse mode calls a private helper through its generated core,
 * whose values come back in a new array, so later writes through z missed y and the reverse
 * gradient was wrong, silently ({@code 0.376} for {@code 0.976}). Such a call now leaves the
 * method to forward mode with a note; a helper returning a new array keeps reverse mode. Oracle:
 * the analytic gradient.
 */
class ReturnedArgumentReverseTest {

  @Test
  void aPrivateHelperReturningItsArgumentLeavesTheCallerToForwardMode() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Scaled",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Scaled {",
                "  private static double[] scaleInPlace(double[] a, double f) {",
                "    for (int i = 0; i < a.length; i++) {",
                "      a[i] *= f;",
                "    }",
                "    return a;",
                "  }",
                "  private static double[] scaled(double[] a, double f) {",
                "    double[] out = new double[a.length];",
                "    for (int i = 0; i < a.length; i++) {",
                "      out[i] = a[i] * f;",
                "    }",
                "    return out;",
                "  }",
                "  @Differentiable static double viaReturnedArgument(double[] x) {",
                "    double[] y = x.clone();",
                "    double[] z = scaleInPlace(y, x[0]);",
                "    z[1] += 1.0;",
                "    return y[0] * y[1] + z[2];",
                "  }",
                "  @Differentiable static double viaNewArray(double[] x) {",
                "    double[] z = scaled(x, x[0]);",
                "    z[1] += 1.0;",
                "    return x[0] * z[1] + z[2];",
                "  }",
                "}"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("private method scaleInPlace, which may return an array it is given");
    Class<?> d = new CompiledClasses(c).load("test.ScaledDerivatives");
    assertThat(Arrays.stream(d.getMethods()).map(m -> m.getName()).toList())
        .doesNotContain("viaReturnedArgumentGradientReverse");
    double[] x = {0.3, -1.2, 0.7, 1.1};
    double[] g = (double[]) d.getMethod("viaReturnedArgumentGradient", double[].class).invoke(null, (Object) x.clone());
    // f = x0²(x0 x1 + 1) + x0 x2
    double[] expected = {2 * x[0] * (x[0] * x[1] + 1) + x[0] * x[0] * x[1] + x[2], x[0] * x[0] * x[0], x[0], 0};
    assertThat(g).usingTolerance(1e-15).containsExactly(expected[0], expected[1], expected[2], expected[3]).inOrder();
    // z = x·x0, z1 + 1: f = x0 (x1 x0 + 1) + x2 x0
    double[] r = (double[]) d.getMethod("viaNewArrayGradientReverse", double[].class).invoke(null, (Object) x.clone());
    assertThat(r).usingTolerance(1e-15).containsExactly(2 * x[0] * x[1] + 1 + x[2], x[0] * x[0], x[0], 0.0).inOrder();
  }
}
