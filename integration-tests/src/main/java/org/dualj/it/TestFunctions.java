package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Scalar test functions of optimization over a double[] input. */
public final class TestFunctions {
  private TestFunctions() {}

  /**
   * ForwardDiff.jl's rosenbrock (the chained form): Σ_{i=1}^{n−1} (1 − xᵢ)² + 100 (x_{i+1} − xᵢ²)².
   */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1.0 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      s += a * a + 100.0 * b * b;
    }
    return s;
  }

  /**
   * The extended Rosenbrock function (Moré, Garbow, Hillstrom), n even:
   * Σ_{i=1}^{n/2} 100 (x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})².
   */
  @Differentiable
  public static double extendedRosenbrock(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  /** log Σ exp(s·xᵢ) / s: a smooth maximum, a sum over a double[] with a scalar weight. */
  @Differentiable
  public static double softMax(double[] x, double s) {
    double sum = 0.0;
    for (double xi : x) {
      sum += Math.exp(s * xi);
    }
    return Math.log(sum) / s;
  }

  // Copies of extendedRosenbrock with explicit chunk sizes; each has its own body.

  @Differentiable(chunk = 1)
  public static double extendedRosenbrockChunk1(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 2)
  public static double extendedRosenbrockChunk2(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 3)
  public static double extendedRosenbrockChunk3(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 4)
  public static double extendedRosenbrockChunk4(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 5)
  public static double extendedRosenbrockChunk5(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 9)
  public static double extendedRosenbrockChunk9(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 10)
  public static double extendedRosenbrockChunk10(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 11)
  public static double extendedRosenbrockChunk11(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 12)
  public static double extendedRosenbrockChunk12(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 13)
  public static double extendedRosenbrockChunk13(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }

  @Differentiable(chunk = 30)
  public static double extendedRosenbrockChunk30(double[] x) {
    double s = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
      double t2 = 1.0 - x[i];
      s += t1 * t1 + t2 * t2;
    }
    return s;
  }
}
