package org.dualj.it;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Derivative estimates from central differences improved by Richardson extrapolation (Ridders'
 * scheme): an oracle that knows nothing of dual numbers or of the generated code.
 */
public final class Richardson {
  private Richardson() {}

  private static final int TABLE = 10;
  private static final double SHRINK = 1.4;

  /** f'(x), starting from step {@code 0.1·max(1, |x|)}. */
  public static double derivative(DoubleUnaryOperator f, double x) {
    return derivative(f, x, 0.1 * Math.max(1.0, Math.abs(x)));
  }

  /**
   * f'(x) starting from step h0; f must be smooth on [x − h0, x + h0]. Each column of the tableau
   * eliminates one more even power of h from the error of the central difference; the entry whose
   * neighbours agree best is returned.
   */
  public static double derivative(DoubleUnaryOperator f, double x, double h0) {
    double[][] a = new double[TABLE][TABLE];
    double h = h0;
    a[0][0] = central(f, x, h);
    double best = a[0][0];
    double bestError = Double.POSITIVE_INFINITY;
    for (int i = 1; i < TABLE; i++) {
      h /= SHRINK;
      a[0][i] = central(f, x, h);
      double factor = SHRINK * SHRINK;
      for (int j = 1; j <= i; j++) {
        a[j][i] = (a[j - 1][i] * factor - a[j - 1][i - 1]) / (factor - 1.0);
        factor *= SHRINK * SHRINK;
        double error =
            Math.max(Math.abs(a[j][i] - a[j - 1][i]), Math.abs(a[j][i] - a[j - 1][i - 1]));
        if (error <= bestError) {
          bestError = error;
          best = a[j][i];
        }
      }
      if (Math.abs(a[i][i] - a[i - 1][i - 1]) >= 2.0 * bestError) {
        break;
      }
    }
    return best;
  }

  /** Directional derivative of f at x along v. */
  public static double directional(ToDoubleFunction<double[]> f, double[] x, double[] v, double h0) {
    return derivative(t -> f.applyAsDouble(shift(x, v, t)), 0.0, h0);
  }

  /** The gradient of f at x, one directional derivative per coordinate. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h0) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] e = new double[x.length];
      e[i] = 1;
      g[i] = directional(f, x, e, h0);
    }
    return g;
  }

  /** x + t·v. */
  public static double[] shift(double[] x, double[] v, double t) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + t * v[i];
    }
    return y;
  }

  private static double central(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2.0 * h);
  }
}
