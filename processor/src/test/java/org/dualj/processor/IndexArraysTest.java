package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Helpers without derivative that fill integer arrays from values that depend on the inputs: an
 * argsort (insertion sort of indices by value), bucket indices, a count per bucket. The integers
 * carry no derivative, so the calls are fine in every mode; in reverse mode the index arrays the
 * reverse sweep reads are pushed whole before such a call and popped after, as the double arrays
 * a call may write are. Oracles: Richardson differences of the primal away from ties, forward
 * mode to 1e-13.
 */
class IndexArraysTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Order",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Order {",
            "  static void argsort(double[] v, int[] idx) {",
            "    for (int i = 0; i < idx.length; i++) idx[i] = i;",
            "    for (int i = 1; i < idx.length; i++) {",
            "      for (int j = i; j > 0 && v[idx[j - 1]] > v[idx[j]]; j--) {",
            "        int t = idx[j];",
            "        idx[j] = idx[j - 1];",
            "        idx[j - 1] = t;",
            "      }",
            "    }",
            "  }",
            "  static void buckets(double[] v, double width, int[] out) {",
            "    for (int i = 0; i < v.length; i++) out[i] = (int) Math.floor(v[i] / width);",
            "  }",
            "  // a weighted sum of the sorted values (an L-estimator)",
            "  @Differentiable static double weightedOrder(double[] x) {",
            "    int[] idx = new int[x.length];",
            "    argsort(x, idx);",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += x[idx[i]] * (i + 1) * Math.exp(-0.1 * x[idx[i]]);",
            "    return s;",
            "  }",
            "  // the index array refilled in a loop, read again after each refill",
            "  @Differentiable static double refilled(double[] x) {",
            "    double[] y = x.clone();",
            "    int[] idx = new int[x.length];",
            "    double s = 0;",
            "    for (int r = 0; r < 3; r++) {",
            "      argsort(y, idx);",
            "      double lo = y[idx[0]];",
            "      y[idx[idx.length - 1]] = y[idx[idx.length - 1]] * 0.5 + lo * lo;",
            "      s += y[idx[1]] * (r + 1);",
            "    }",
            "    return s + y[0] * y[1];",
            "  }",
            "  @Differentiable static double byBucket(double[] x) {",
            "    int[] b = new int[x.length];",
            "    buckets(x, 0.5, b);",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      if (b[i] % 2 == 0) s += x[i] * x[i]; else s += Math.sin(x[i]) * b[i];",
            "    }",
            "    return s;",
            "  }",
            "}"));
  }

  private static final String[] METHODS = {"weightedOrder", "refilled", "byBucket"};

  private static final double[][] POINTS = {
    {0.3, 1.7, -0.4, 0.9}, {2.2, 0.35, 1.15, -1.3, 0.6}, {-0.7, -0.2, 0.45, 1.8},
    {1.1, 0.15, 0.8, 2.6, -0.9, 0.05}
  };

  @Test
  void integerArraysFilledByHelpersAreDifferentiatedThroughInEveryMode() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    assertWithMessage("reverse mode notes")
        .that(c.notes().stream().map(n -> n.getMessage(null)).filter(m -> m.contains("reverse mode")).toList())
        .isEmpty();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Order");
    Differences.reverseAgreesEverywhere(plain, classes.load("test.OrderDerivatives"), METHODS, POINTS);
  }
}
