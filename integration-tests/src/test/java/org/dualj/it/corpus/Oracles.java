package org.dualj.it.corpus;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** Independent derivative estimates and comparisons for the corpus tests. */
final class Oracles {
  private Oracles() {}

  /** The gradient of f at x by Richardson-extrapolated central differences, step h0·max(1, |xⱼ|). */
  static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h0) {
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      double[] unit = new double[x.length];
      unit[j] = 1.0;
      g[j] = Richardson.directional(f, x, unit, h0 * Math.max(1.0, Math.abs(x[j])));
    }
    return g;
  }

  /** The Jacobian of f at x, rows outputs, columns inputs, by Richardson per column. */
  static double[][] jacobian(Function<double[], double[]> f, double[] x, double h0) {
    int m = f.apply(x.clone()).length;
    double[][] jac = new double[m][x.length];
    for (int i = 0; i < m; i++) {
      int row = i;
      double[] g = gradient(y -> f.apply(y)[row], x, h0);
      for (int j = 0; j < x.length; j++) {
        jac[i][j] = g[j];
      }
    }
    return jac;
  }

  /** Asserts every entry of actual is within rel·max(1, |expected|) of expected. */
  static void close(String what, double[] actual, double[] expected, double rel) {
    assertWithMessage(what + ": length").that(actual.length).isEqualTo(expected.length);
    for (int j = 0; j < expected.length; j++) {
      Check.close(what + "[" + j + "]", actual[j], expected[j], rel);
    }
  }

  static void close(String what, double[][] actual, double[][] expected, double rel) {
    assertWithMessage(what + ": rows").that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      close(what + "[" + i + "]", actual[i], expected[i], rel);
    }
  }

  /** The row-major flattening of a matrix (the order of a {@code double[][]}'s columns). */
  static double[] flatten(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    double[] flat = new double[n];
    int k = 0;
    for (double[] row : a) {
      for (double v : row) {
        flat[k++] = v;
      }
    }
    return flat;
  }

  /** The matrix of the shape of like, filled from flat in row-major order. */
  static double[][] unflatten(double[] flat, double[][] like) {
    double[][] a = new double[like.length][];
    int k = 0;
    for (int i = 0; i < like.length; i++) {
      a[i] = new double[like[i].length];
      for (int j = 0; j < a[i].length; j++) {
        a[i][j] = flat[k++];
      }
    }
    return a;
  }

  /**
   * Asserts that each entry point throws an exception of the primal's class with the primal's
   * message.
   */
  static void throwsLikePrimal(String what, Executable primal, Executable... derived) {
    Throwable expected = thrown(primal);
    assertWithMessage(what + ": the primal throws").that(expected).isNotNull();
    for (int k = 0; k < derived.length; k++) {
      Throwable actual = thrown(derived[k]);
      assertWithMessage(what + ": entry point " + k + " throws").that(actual).isNotNull();
      assertWithMessage(what + ": entry point " + k)
          .that(actual.getClass())
          .isEqualTo(expected.getClass());
      assertWithMessage(what + ": entry point " + k + " message")
          .that(actual.getMessage())
          .isEqualTo(expected.getMessage());
    }
  }

  private static Throwable thrown(Executable e) {
    try {
      e.execute();
      return null;
    } catch (AssertionFailedError failure) {
      throw failure;
    } catch (Throwable t) {
      return t;
    }
  }
}
