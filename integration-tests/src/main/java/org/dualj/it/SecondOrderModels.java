package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Functions with {@code order = 2}: Hessians, Hessian-vector products, second derivatives. */
public final class SecondOrderModels {
  private SecondOrderModels() {}

  /** ForwardDiff's {@code rosenbrock}: Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)². */
  @Differentiable(order = 2)
  public static double rosenbrock(double[] x) {
    double sum = 0.0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = 1.0 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += a * a + 100.0 * b * b;
    }
    return sum;
  }

  /** The seed example, [sin(x1/x2) + x1/x2 − exp(x2)] × [x1/x2 − exp(x2)]. */
  @Differentiable(order = 2)
  public static double seed(double x1, double x2) {
    double r = x1 / x2;
    double e = Math.exp(x2);
    return (Math.sin(r) + r - e) * (r - e);
  }

  /** One variable: f(x) = x³ sin x + exp(x / 2). */
  @Differentiable(order = 2)
  public static double oneVariable(double x) {
    return x * x * x * Math.sin(x) + Math.exp(x / 2.0);
  }

  /** Calls another order-2 method: g(x, y) = seed(x·y, y) + log(1 + x²). */
  @Differentiable(order = 2)
  public static double nested(double x, double y) {
    return seed(x * y, y + 2.0) + Math.log(1.0 + x * x);
  }

  /** The Rosenbrock function again, two outer directions per pass. */
  @Differentiable(order = 2, chunk = 2)
  public static double rosenbrockChunked(double[] x) {
    double sum = 0.0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = 1.0 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += a * a + 100.0 * b * b;
    }
    return sum;
  }

  /** Branches, pow, atan2 and hypot. */
  @Differentiable(order = 2)
  public static double branchy(double x, double y) {
    if (x > y) {
      return x * x * y + Math.hypot(x, y);
    }
    double t = x > 0.5 * y ? Math.pow(x, 3.0) : Math.sqrt(y);
    return t + Math.atan2(y, x) * Math.cosh(0.1 * y);
  }

  /** Differentiated with respect to x only; y and n pass through. */
  @Differentiable(order = 2, wrt = "x")
  public static double partial(double x, double y, int n) {
    double acc = 0.0;
    for (int i = 1; i <= n; i++) {
      acc += Math.sin(i * x) / i + y * x;
    }
    return acc * acc;
  }

  /** Assigns its parameters. */
  @Differentiable(order = 2)
  public static double assignsParameters(double x, double y) {
    x = x * y;
    y = Math.sin(x) + y / x;
    x = x - y * y;
    return x * y;
  }

  /** Works in place on its argument and on a local copy. */
  @Differentiable(order = 2)
  public static double inPlace(double[] x) {
    double[] y = x.clone();
    int n = x.length;
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(y[i]) * x[(i + 1) % n];
    }
    for (int i = 0; i < n; i++) {
      x[i] = x[i] * y[(i + 2) % n] + 1.0;
    }
    double s = 0.0;
    for (double v : x) {
      s += v * v;
    }
    return s + norm(y);
  }

  /** Called by {@link #inPlace}: reads its array. */
  @Differentiable(order = 2)
  public static double norm(double[] v) {
    double s = 0.0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /**
   * r/a = 1 − e·cos E on a Kepler orbit, E from Newton iterations differentiated through tangent
   * rules (the implicit-function theorem), whose rule methods are {@code @Differentiable}.
   */
  @Differentiable(order = 2)
  public static double keplerRadius(double meanAnomaly, double eccentricity) {
    double big = Kepler.eccentricAnomaly(meanAnomaly, eccentricity);
    return 1.0 - eccentricity * Math.cos(big);
  }

  /** Private: the generated class computes its value through the first-order code. */
  @Differentiable(order = 2)
  private static double privateCubic(double x, double y) {
    return x * x * x * y;
  }

  /** Writes into its array argument and returns a product of two of its elements. */
  @Differentiable(order = 2)
  public static double scaleInPlace(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * s;
    }
    return v[0] * v[v.length - 1];
  }

  /** Calls a method that writes into the array it passes, then reads the written array. */
  @Differentiable(order = 2)
  public static double callsWriter(double[] x) {
    double[] w = x.clone();
    double a = scaleInPlace(w, x[0]);
    return a + w[1] * w[1];
  }

  /** Recursion between order-2 methods: x^n by squaring, times exp(x). */
  @Differentiable(order = 2)
  public static double power(double x, int n) {
    if (n == 0) {
      return 1.0;
    }
    double half = power(x, n / 2);
    return n % 2 == 0 ? half * half : half * half * x;
  }

  /** An instance method reading a field, calling an order-2 instance method. */
  public static final class Spring {
    final double stiffness;

    public Spring(double stiffness) {
      this.stiffness = stiffness;
    }

    @Differentiable(order = 2)
    public double energy(double x, double v) {
      return 0.5 * stiffness * x * x * (1.0 + 0.1 * x * x) + damping(v) * x;
    }

    @Differentiable(order = 2)
    double damping(double v) {
      return Math.tanh(v) * stiffness;
    }
  }
}
