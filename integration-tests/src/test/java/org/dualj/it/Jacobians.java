package org.dualj.it;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;

/** Matrix helpers of the vector-mode tests: oracles and element-wise comparisons. */
final class Jacobians {
  private Jacobians() {}

  /** Rows of Hipparchus gradients: entry [i][j] = ∂yᵢ/∂xⱼ. */
  static double[][] of(Gradient[] outputs) {
    double[][] jac = new double[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      jac[i] = outputs[i].getGradient();
    }
    return jac;
  }

  /** Values of Hipparchus gradients. */
  static double[] values(Gradient[] outputs) {
    double[] v = new double[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      v[i] = outputs[i].getValue();
    }
    return v;
  }

  /** Independent Hipparchus variables x₀ … x_{n−1} of n free parameters. */
  static Gradient[] variables(double[] x) {
    Gradient[] g = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = Gradient.variable(x.length, i, x[i]);
    }
    return g;
  }

  /** Richardson-extrapolated central differences, one column per input. */
  static double[][] richardson(Function<double[], double[]> f, double[] x) {
    return richardson(f, x, 0.0);
  }

  /**
   * Richardson-extrapolated central differences starting from step h0 (0: the default
   * {@code 0.1·max(1, |xⱼ|)}); f must be smooth within h0 of x in every coordinate.
   */
  static double[][] richardson(Function<double[], double[]> f, double[] x, double h0) {
    int m = f.apply(x).length;
    double[][] jac = new double[m][x.length];
    for (int j = 0; j < x.length; j++) {
      final int col = j;
      for (int i = 0; i < m; i++) {
        final int row = i;
        double h = h0 > 0.0 ? h0 : 0.1 * Math.max(1.0, Math.abs(x[j]));
        jac[i][j] = Richardson.derivative(t -> f.apply(with(x, col, t))[row], x[j], h);
      }
    }
    return jac;
  }

  /** Richardson-extrapolated central differences of a scalar function. */
  static double[] richardsonGradient(ToDoubleFunction<double[]> f, double[] x) {
    return richardson(y -> new double[] {f.applyAsDouble(y)}, x)[0];
  }

  /** A copy of x with element j replaced by t. */
  static double[] with(double[] x, int j, double t) {
    double[] y = x.clone();
    y[j] = t;
    return y;
  }

  /** Column j of a matrix. */
  static double[] column(double[][] a, int j) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i][j];
    }
    return c;
  }

  /** A·v. */
  static double[] times(double[][] a, double[] v) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0.0;
      for (int j = 0; j < v.length; j++) {
        s += a[i][j] * v[j];
      }
      y[i] = s;
    }
    return y;
  }

  /** Σⱼ |A_ij vⱼ|: the scale against which rounding in (A·v)ᵢ is measured. */
  static double[] absTimes(double[][] a, double[] v) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0.0;
      for (int j = 0; j < v.length; j++) {
        s += Math.abs(a[i][j] * v[j]);
      }
      y[i] = s;
    }
    return y;
  }

  /** Element-wise {@link Check#close}, with the shapes checked first. */
  static void assertClose(String what, double[][] actual, double[][] expected, double rel) {
    assertWithMessage(what + ": rows").that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertClose(what + " row " + i, actual[i], expected[i], rel);
    }
  }

  /** Element-wise {@link Check#close}, with the lengths checked first. */
  static void assertClose(String what, double[] actual, double[] expected, double rel) {
    assertWithMessage(what + ": length").that(actual.length).isEqualTo(expected.length);
    for (int j = 0; j < expected.length; j++) {
      Check.close(what + " [" + j + "]", actual[j], expected[j], rel);
    }
  }
}
