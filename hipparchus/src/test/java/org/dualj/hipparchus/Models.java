package org.dualj.hipparchus;

import org.dualj.annotations.Differentiable;

/** The functions the adapter tests differentiate with dualj. */
final class Models {
  private Models() {}

  /** Exponential decay with offset, {@code p[0]·exp(−p[1]·t_i) + p[2]}, at every sample time. */
  @Differentiable(wrt = "p")
  static double[] decay(double[] p, double[] t) {
    double[] y = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      y[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2];
    }
    return y;
  }

  /** The Van der Pol oscillator with μ = 1.5: y0' = y1, y1' = μ(1 − y0²)y1 − y0. */
  @Differentiable(wrt = "y")
  static double[] vanDerPol(double t, double[] y) {
    double mu = 1.5;
    return new double[] {y[1], mu * (1 - y[0] * y[0]) * y[1] - y[0]};
  }

  /** Extended Rosenbrock function. */
  @Differentiable(order = 2)
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** A function with transcendental terms: sin(x0·x1) + exp(x1)·log(1 + x2²). */
  @Differentiable(order = 2)
  static double mixed(double[] x) {
    return Math.sin(x[0] * x[1]) + Math.exp(x[1]) * Math.log(1 + x[2] * x[2]);
  }
}
