package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.special.Erf;

/**
 * Models for reverse mode: scalar functions of many inputs (the case reverse mode is for), written
 * as numerical code is written, with loops, overwrites, local arrays, helpers and early exits.
 */
public final class ReverseModels {
  private ReverseModels() {}

  /** Extended Rosenbrock: Σ 100 (x[2i+1] − x[2i]²)² + (1 − x[2i])². */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  /** Ackley's function in n dimensions. */
  @Differentiable
  public static double ackley(double[] x) {
    int n = x.length;
    double squares = 0;
    double cosines = 0;
    for (double xi : x) {
      squares += xi * xi;
      cosines += Math.cos(2 * Math.PI * xi);
    }
    return -20.0 * Math.exp(-0.2 * Math.sqrt(squares / n)) - Math.exp(cosines / n) + 20.0 + Math.E;
  }

  @Differentiable
  public static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /**
   * Mean cross-entropy of a logistic model with weights w over samples stored row by row in
   * {@code xs} (labels 0 or 1 in {@code ys}), plus λ‖w‖².
   */
  @Differentiable(wrt = "w")
  public static double logisticLoss(double[] w, double[] xs, double[] ys, double lambda) {
    int d = w.length;
    int m = ys.length;
    double loss = 0;
    for (int i = 0; i < m; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += w[j] * xs[i * d + j];
      }
      double p = sigmoid(z);
      loss -= ys[i] > 0.5 ? Math.log(p) : Math.log(1 - p);
    }
    double penalty = 0;
    for (int j = 0; j < d; j++) {
      penalty += w[j] * w[j];
    }
    return loss / m + lambda * penalty;
  }

  /**
   * Squared error of a one-hidden-layer tanh network on one sample, with respect to its weights:
   * {@code hidden × (inputs + 1)} first-layer weights (bias last in each row), then
   * {@code hidden + 1} output weights.
   */
  @Differentiable(wrt = "weights")
  public static double mlpLoss(double[] weights, double[] input, int hidden, double target) {
    int n = input.length;
    double[] h = new double[hidden];
    int k = 0;
    for (int j = 0; j < hidden; j++) {
      double a = 0;
      for (int i = 0; i < n; i++) {
        a += weights[k++] * input[i];
      }
      a += weights[k++];
      h[j] = Math.tanh(a);
    }
    double out = weights[k + hidden];
    for (int j = 0; j < hidden; j++) {
      out += weights[k + j] * h[j];
    }
    double e = out - target;
    return e * e;
  }

  /**
   * Newton's iteration for the root of x³ + a·x − b (a > 0), stopped by a data-dependent test,
   * then a sum with {@code continue}, a labelled break and an early return.
   */
  @SuppressWarnings("fallthrough") // the fall-through is part of what is tested
  @Differentiable
  public static double controlFlow(double[] c, double a, double b) {
    double x = 1.0;
    int iterations = 0;
    while (true) {
      double f = x * x * x + a * x - b;
      double step = f / (3 * x * x + a);
      x -= step;
      iterations++;
      if (Math.abs(step) < 1e-15 * Math.max(1.0, Math.abs(x)) || iterations > 60) {
        break;
      }
    }
    double s = 0;
    outer:
    for (int i = 0; i < c.length; i++) {
      if (c[i] < 0) {
        continue;
      }
      for (int j = 0; j < i; j++) {
        s += c[i] * c[j] * x;
        if (s > 1e6) {
          break outer;
        }
      }
      if (s > 1e5) {
        return s;
      }
    }
    switch (c.length % 3) {
      case 0:
        s = s * x;
        break;
      case 1:
        s = s + Math.sin(x);
        // falls through
      default:
        s = s * s;
    }
    return s > 0 ? Math.sqrt(s) + x : x * x - s;
  }

  /** Overwrites: a parameter reassigned in a loop, a local copy overwritten element by element. */
  @Differentiable
  public static double overwrites(double[] x, double y) {
    double[] a = x.clone();
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i + 1 < a.length; i++) {
        a[i] = a[i] * a[i + 1] + Math.sin(a[i]);
      }
      y = y * Math.cos(y) + a[0];
    }
    double[] b = {y, a[a.length - 1], y * a[0]};
    double[] alias = b;
    alias[1] = alias[1] * alias[2];
    return b[0] + b[1] + b[2] + a[1];
  }

  /** x^n by recursion on n. */
  @Differentiable
  public static double power(double x, int n) {
    if (n == 0) {
      return 1.0;
    }
    return x * power(x, n - 1);
  }

  /** A call of a library function with a tangent rule ({@code ErfRules}) inside a loop. */
  @Differentiable
  public static double erfSum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Erf.erf(x[i]) * x[(i + 1) % x.length];
    }
    return s;
  }

  /** Writes into its array parameter: reverse mode leaves it as the method does. */
  @Differentiable
  public static double writesItsArgument(double[] x) {
    x[0] = x[0] * x[1];
    return x[0] + x[1];
  }

  /** Extended Rosenbrock again, with second derivatives (H·v by reverse over forward). */
  @Differentiable(order = 2)
  public static double rosenbrock2(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  /** Residuals of a damped oscillation a·e^(−b·t)·cos(ω·t) + c at the times t (a double[] result). */
  @Differentiable(wrt = "p")
  public static double[] residuals(double[] p, double[] t, double[] y) {
    double[] r = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double model = p[0] * Math.exp(-p[1] * t[i]) * Math.cos(p[3] * t[i]) + p[2];
      r[i] = model - y[i];
    }
    return r;
  }
}
