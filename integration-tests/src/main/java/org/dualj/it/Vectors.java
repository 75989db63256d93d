package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** double[] parameters and results. */
public final class Vectors {
  private Vectors() {}

  /** (r cos θ, r sin θ). */
  @Differentiable
  public static double[] polarToCartesian(double r, double theta) {
    return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
  }

  /** The same through an array initializer in a local declaration. */
  @Differentiable
  public static double[] polarToCartesianLocal(double r, double theta) {
    double[] p = {r * Math.cos(theta), r * Math.sin(theta)};
    return p;
  }

  /** Softmax with the usual max shift. */
  @Differentiable
  public static double[] softmax(double[] x) {
    double max = x[0];
    for (double v : x) {
      max = Math.max(max, v);
    }
    double[] e = new double[x.length];
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      e[i] = Math.exp(x[i] - max);
      sum += e[i];
    }
    for (int i = 0; i < e.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  /** Running sums of a clone of the input, with element compound assignment. */
  @Differentiable
  public static double[] cumulativeSum(double[] x) {
    double[] out = x.clone();
    for (int i = 1; i < out.length; i++) {
      out[i] += out[i - 1];
    }
    return out;
  }

  /** s·v for an array v and a scalar s. */
  @Differentiable
  public static double[] scale(double[] v, double s) {
    double[] out = new double[v.length];
    int i = 0;
    for (double vi : v) {
      out[i] = vi * s;
      i++;
    }
    return out;
  }

  /** Consumes an array returned by another @Differentiable method. */
  @Differentiable
  public static double polarCombination(double r, double theta) {
    double[] p = polarToCartesian(r, theta);
    return p[0] + 2.0 * p[1] * p[1];
  }

  /** Euclidean norm with an enhanced for. */
  @Differentiable
  public static double norm(double[] v) {
    double s = 0.0;
    for (double vi : v) {
      s += vi * vi;
    }
    return Math.sqrt(s);
  }

  /** v / |v|: array result computed from a scalar callee. */
  @Differentiable
  public static double[] normalize(double[] v) {
    double n = norm(v);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / n;
    }
    return out;
  }
}
