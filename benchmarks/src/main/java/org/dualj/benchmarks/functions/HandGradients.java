package org.dualj.benchmarks.functions;

/**
 * Exact gradients written by hand, the baseline reverse mode is measured against, and the primal
 * operation counts tape bytes are divided by (+, −, ×, ÷, negation and elementary functions the
 * primal evaluates; index arithmetic and comparisons not counted). The gradients of {@link
 * MlpLoss} and {@link Logistic} are beside their functions.
 */
public final class HandGradients {
  private HandGradients() {}

  /**
   * The gradient of {@link Rosenbrock#f}: returns its value and writes the gradient into {@code
   * g}. With t1 = 10 (b − a²), t2 = 1 − a for a pair (a, b): ∂/∂a = −40 a t1 − 2 t2, ∂/∂b = 20 t1.
   */
  public static double rosenbrock(double[] x, double[] g) {
    int n = x.length;
    double s = 0.0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      double a = x[i];
      double t1 = 10.0 * (x[i + 1] - a * a);
      double t2 = 1.0 - a;
      s += t1 * t1 + t2 * t2;
      g[i] = -40.0 * a * t1 - 2.0 * t2;
      g[i + 1] = 20.0 * t1;
    }
    if (i < n) {
      // odd n: the last entry is in no pair
      g[i] = 0.0;
    }
    return s;
  }

  /**
   * The Hessian of {@link Rosenbrock#f} times {@code v}, written into {@code hv}. For a pair (a, b)
   * with t1 = 10 (b − a²): ∂²/∂a² = −40 t1 + 800 a² + 2, ∂²/∂a∂b = −400 a, ∂²/∂b² = 200; the
   * pairs do not couple.
   */
  public static void rosenbrockHessianVector(double[] x, double[] v, double[] hv) {
    int n = x.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      double a = x[i];
      double t1 = 10.0 * (x[i + 1] - a * a);
      double haa = -40.0 * t1 + 800.0 * a * a + 2.0;
      double hab = -400.0 * a;
      hv[i] = haa * v[i] + hab * v[i + 1];
      hv[i + 1] = hab * v[i] + 200.0 * v[i + 1];
    }
    if (i < n) {
      hv[i] = 0.0;
    }
  }

  /** {@link Rosenbrock#f}'s operations: 8 per pair. */
  public static long rosenbrockOperations(int n) {
    return 8L * (n / 2);
  }

  /**
   * The gradient of {@link Ackley#f}: with r = √(Σ xᵢ²/n) and c = Σ cos(2π xᵢ)/n,
   * ∂/∂xᵢ = 4 e^(−0.2 r) xᵢ / (n r) + 2π e^c sin(2π xᵢ) / n.
   */
  public static double ackley(double[] x, double[] g) {
    int n = x.length;
    double sumSq = 0.0;
    double sumCos = 0.0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(2.0 * Math.PI * x[i]);
    }
    double r = Math.sqrt(sumSq / n);
    double a = Math.exp(-0.2 * r);
    double b = Math.exp(sumCos / n);
    double cSq = 4.0 * a / (n * r);
    double cCos = 2.0 * Math.PI * b / n;
    for (int i = 0; i < n; i++) {
      g[i] = cSq * x[i] + cCos * Math.sin(2.0 * Math.PI * x[i]);
    }
    return -20.0 * a - b + 20.0 + Math.E;
  }

  /** {@link Ackley#f}'s operations: 5 per entry and 10 after the loop. */
  public static long ackleyOperations(int n) {
    return 5L * n + 10;
  }
}
