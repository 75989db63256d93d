package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * Covariance kernels of Gaussian-process regression, as a sealed interface whose records
 * implement {@code covariance(r, ℓ, σ²)}, and the log marginal likelihood of data under a kernel
 * by a Cholesky factorisation of the covariance matrix: what hyperparameter fitting maximises.
 */
public final class Kernels {
  private static final double LOG_TWO_PI = 1.8378770664093453;

  private Kernels() {}

  /** A stationary kernel k(r) with length scale ℓ and signal variance σ². */
  public sealed interface Kernel permits SquaredExponential, Matern52, RationalQuadratic {
    double covariance(double r, double length, double variance);
  }

  /** σ² exp(−r²/(2ℓ²)). */
  public record SquaredExponential() implements Kernel {
    @Override
    @Differentiable
    public double covariance(double r, double length, double variance) {
      double u = r / length;
      return variance * FastMath.exp(-0.5 * u * u);
    }
  }

  /** σ² (1 + √5 r/ℓ + 5r²/(3ℓ²)) exp(−√5 r/ℓ). */
  public record Matern52() implements Kernel {
    @Override
    @Differentiable
    public double covariance(double r, double length, double variance) {
      double s = FastMath.sqrt(5.0) * FastMath.abs(r) / length;
      return variance * (1.0 + s + s * s / 3.0) * FastMath.exp(-s);
    }
  }

  /** σ² (1 + r²/(2αℓ²))^{−α}, with a fixed shape α. */
  public record RationalQuadratic(double alpha) implements Kernel {
    @Override
    @Differentiable
    public double covariance(double r, double length, double variance) {
      return variance * FastMath.pow(1.0 + r * r / (2.0 * alpha * length * length), -alpha);
    }
  }

  /**
   * log p(y | t) = −½ yᵀK⁻¹y − ½ log|K| − (n/2) log 2π with K = k(|tᵢ − tⱼ|) + σₙ² I, the
   * hyperparameters given by their logarithms.
   *
   * @throws ArithmeticException if K is not positive definite
   */
  @Differentiable(wrt = {"logLength", "logVariance", "logNoise"})
  public static double logMarginalLikelihood(
      Kernel kernel, double[] t, double[] y, double logLength, double logVariance, double logNoise) {
    int n = t.length;
    if (y.length != n) {
      throw new IllegalArgumentException(n + " inputs but " + y.length + " outputs");
    }
    double length = FastMath.exp(logLength);
    double variance = FastMath.exp(logVariance);
    double noise = FastMath.exp(2.0 * logNoise);
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        l[i][j] = kernel.covariance(t[i] - t[j], length, variance);
      }
      l[i][i] += noise;
    }
    // Cholesky in place: K = L Lᵀ
    for (int j = 0; j < n; j++) {
      double d = l[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (d <= 0.0) {
        throw new ArithmeticException("covariance matrix not positive definite");
      }
      l[j][j] = FastMath.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = l[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    // z = L⁻¹ y: yᵀK⁻¹y = |z|², log|K| = 2 Σ log Lᵢᵢ
    double[] z = y.clone();
    double quadratic = 0.0;
    double logDet = 0.0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < i; k++) {
        z[i] -= l[i][k] * z[k];
      }
      z[i] /= l[i][i];
      quadratic += z[i] * z[i];
      logDet += 2.0 * FastMath.log(l[i][i]);
    }
    return -0.5 * quadratic - 0.5 * logDet - 0.5 * n * LOG_TWO_PI;
  }
}
