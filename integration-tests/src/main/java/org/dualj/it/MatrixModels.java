package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * Methods whose results are matrices, and void methods that write their output into an array, as
 * numerical code writes them: the Jacobian of a planar two-link arm (a model's Jacobian, whose own
 * derivatives are second derivatives of the arm), a sample covariance, a matrix product, and an
 * ODE right-hand side {@code rhs(t, y, dydt)} with a classical Runge–Kutta step that calls it and
 * a private {@code axpy}.
 */
public final class MatrixModels {
  private MatrixModels() {}

  /** Link lengths of the arm. */
  private static final double L1 = 1.25;
  private static final double L2 = 0.8;

  /**
   * The 2 × 2 Jacobian of the arm's end point (x, y) with respect to its joint angles.
   *
   * @param theta the two joint angles, in radians
   */
  @Differentiable(order = 2)
  public static double[][] armJacobian(double[] theta) {
    if (theta.length != 2) {
      throw new IllegalArgumentException("two joint angles expected, got " + theta.length);
    }
    double s1 = FastMath.sin(theta[0]);
    double c1 = FastMath.cos(theta[0]);
    double s12 = FastMath.sin(theta[0] + theta[1]);
    double c12 = FastMath.cos(theta[0] + theta[1]);
    return new double[][] {
      {-L1 * s1 - L2 * s12, -L2 * s12},
      {L1 * c1 + L2 * c12, L2 * c12}
    };
  }

  /** The arm's manipulability, |det J|, through the Jacobian above. */
  @Differentiable(order = 2)
  public static double manipulability(double[] theta) {
    double[][] j = armJacobian(theta);
    return Math.abs(j[0][0] * j[1][1] - j[0][1] * j[1][0]);
  }

  /**
   * The sample covariance of observations in rows: C[a][b] = Σ_k (x_ka − μ_a)(x_kb − μ_b) / (n − 1).
   */
  @Differentiable(wrt = "samples")
  public static double[][] covariance(double[][] samples) {
    int n = samples.length;
    int d = samples[0].length;
    double[] mean = new double[d];
    for (double[] row : samples) {
      for (int a = 0; a < d; a++) {
        mean[a] += row[a] / n;
      }
    }
    double[][] c = new double[d][d];
    for (double[] row : samples) {
      for (int a = 0; a < d; a++) {
        final double da = row[a] - mean[a];
        for (int b = 0; b <= a; b++) {
          c[a][b] += da * (row[b] - mean[b]) / (n - 1);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a + 1; b < d; b++) {
        c[a][b] = c[b][a];
      }
    }
    return c;
  }

  /** The lower triangle of {@code m} (a ragged result): row i holds m[i][0..i]. */
  @Differentiable
  public static double[][] lowerTriangle(double[] x) {
    double[][] m = {{x[0], x[1]}, {x[1] * x[2], FastMath.exp(x[0])}};
    double[][] lower = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      lower[i] = java.util.Arrays.copyOf(m[i], i + 1);
    }
    return lower;
  }

  /** Lotka–Volterra parameters. */
  private static final double ALPHA = 1.1;
  private static final double BETA = 0.4;
  private static final double DELTA = 0.1;
  private static final double GAMMA = 0.4;

  /**
   * The Lotka–Volterra right-hand side, written into {@code dydt} as ODE libraries want it; the
   * time {@code t} only scales a seasonal forcing of the prey.
   */
  @Differentiable
  public static void rhs(double t, double[] y, double[] dydt) {
    if (y.length != 2 || dydt.length != 2) {
      throw new IllegalArgumentException("two species expected");
    }
    double season = 1 + 0.1 * Math.sin(t);
    dydt[0] = ALPHA * season * y[0] - BETA * y[0] * y[1];
    dydt[1] = DELTA * y[0] * y[1] - GAMMA * y[1];
  }

  /** y ← y + a·x, as BLAS writes it. */
  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  /** One classical Runge–Kutta step of {@link #rhs} from (t, y) with step h. */
  @Differentiable(wrt = {"h", "y"})
  public static double[] rk4Step(double t, double h, double[] y) {
    int n = y.length;
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] tmp = new double[n];
    rhs(t, y, k1);
    System.arraycopy(y, 0, tmp, 0, n);
    axpy(0.5 * h, k1, tmp);
    rhs(t + 0.5 * h, tmp, k2);
    System.arraycopy(y, 0, tmp, 0, n);
    axpy(0.5 * h, k2, tmp);
    rhs(t + 0.5 * h, tmp, k3);
    System.arraycopy(y, 0, tmp, 0, n);
    axpy(h, k3, tmp);
    rhs(t + h, tmp, k4);
    double[] next = y.clone();
    axpy(h / 6, k1, next);
    axpy(h / 3, k2, next);
    axpy(h / 3, k3, next);
    axpy(h / 6, k4, next);
    return next;
  }
}
