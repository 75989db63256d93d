package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.Workspace;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian-process log marginal likelihood over a sealed kernel interface: its gradient in the
 * log-hyperparameters against the textbook formula ½ tr((ααᵀ − K⁻¹) ∂K/∂θ), α = K⁻¹y, computed
 * with Hipparchus's Cholesky decomposition from each kernel's analytic ∂k/∂ℓ, for each
 * implementation the call dispatches to.
 */
class KernelsTest {
  private static final double[] T = {0.0, 0.4, 1.1, 1.5, 2.3, 3.0, 3.2, 4.7};
  private static final double[] Y = {0.2, 0.9, 1.1, 0.7, -0.3, -0.8, -0.9, 0.4};

  /** ℓ·∂k/∂ℓ at distance r for each kernel (σ²·∂k/∂σ² is k itself). */
  private static double lengthDerivative(Kernels.Kernel kernel, double r, double length, double variance) {
    if (kernel instanceof Kernels.SquaredExponential) {
      double u = r / length;
      return variance * Math.exp(-0.5 * u * u) * u * u;
    }
    if (kernel instanceof Kernels.Matern52) {
      double s = Math.sqrt(5.0) * Math.abs(r) / length;
      return variance * Math.exp(-s) * s * s * (1.0 + s) / 3.0;
    }
    double alpha = ((Kernels.RationalQuadratic) kernel).alpha();
    double b = 1.0 + r * r / (2.0 * alpha * length * length);
    return variance * Math.pow(b, -alpha - 1.0) * r * r / (length * length);
  }

  private static double[] textbookGradient(Kernels.Kernel kernel, double logLength, double logVariance, double logNoise) {
    int n = T.length;
    double length = Math.exp(logLength);
    double variance = Math.exp(logVariance);
    double noise = Math.exp(2 * logNoise);
    RealMatrix k = new Array2DRowRealMatrix(n, n);
    RealMatrix dLength = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double r = T[i] - T[j];
        k.setEntry(i, j, kernel.covariance(r, length, variance));
        dLength.setEntry(i, j, lengthDerivative(kernel, r, length, variance));
      }
    }
    RealMatrix dVariance = k.copy();
    for (int i = 0; i < n; i++) {
      k.addToEntry(i, i, noise);
    }
    RealMatrix dNoise = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      dNoise.setEntry(i, i, 2.0 * noise);
    }
    CholeskyDecomposition chol = new CholeskyDecomposition(k);
    RealMatrix kInv = chol.getSolver().getInverse();
    RealVector a = chol.getSolver().solve(new ArrayRealVector(Y));
    RealMatrix inner = a.outerProduct(a).subtract(kInv);
    return new double[] {
      0.5 * inner.multiply(dLength).getTrace(),
      0.5 * inner.multiply(dVariance).getTrace(),
      0.5 * inner.multiply(dNoise).getTrace()
    };
  }

  @Test
  void gradientIsTheTextbookFormulaForEveryKernel() {
    Kernels.Kernel[] kernels = {
      new Kernels.SquaredExponential(), new Kernels.Matern52(), new Kernels.RationalQuadratic(1.5)
    };
    double[][] hyper = {{0.0, 0.0, -1.0}, {-0.7, 0.5, -2.5}, {1.2, -0.3, -0.5}};
    Workspace work = new Workspace();
    for (Kernels.Kernel kernel : kernels) {
      for (double[] h : hyper) {
        String at = kernel + " at " + java.util.Arrays.toString(h);
        double[] expected = textbookGradient(kernel, h[0], h[1], h[2]);
        double[] g = KernelsDerivatives.logMarginalLikelihoodGradient(kernel, T, Y, h[0], h[1], h[2]);
        Oracles.close("gradient " + at, g, expected, 1e-10);
        double[] fwd = new double[3];
        double value = KernelsDerivatives.logMarginalLikelihoodGradientForward(kernel, T, Y, h[0], h[1], h[2], fwd, work);
        Check.close("value " + at, value, Kernels.logMarginalLikelihood(kernel, T, Y, h[0], h[1], h[2]), 0.0);
        Oracles.close("forward " + at, fwd, expected, 1e-10);
        Oracles.close("reverse " + at,
            KernelsDerivatives.logMarginalLikelihoodGradientReverse(kernel, T, Y, h[0], h[1], h[2]), expected, 1e-10);
        Dual d = KernelsDerivatives.logMarginalLikelihood(kernel, T, Y, Dual.constant(h[0]), Dual.variable(h[1]), Dual.constant(h[2]));
        Check.close("Dual ∂/∂log σ² " + at, d.tangent(), expected[1], 1e-10);
        DualVector v = KernelsDerivatives.logMarginalLikelihood(kernel, T, Y,
            DualVector.variable(h[0], 0, 3), DualVector.variable(h[1], 1, 3), DualVector.variable(h[2], 2, 3));
        for (int j = 0; j < 3; j++) {
          Check.close("DualVector " + j + " " + at, v.tangent(j), expected[j], 1e-10);
        }
        Oracles.close("Richardson " + at, expected, Oracles.gradient(
            x -> Kernels.logMarginalLikelihood(kernel, T, Y, x[0], x[1], x[2]), h, 1e-3), 1e-7);
      }
    }
  }

  @Test
  void mismatchedDataThrowsFromEveryEntryPoint() {
    Kernels.Kernel kernel = new Kernels.Matern52();
    Oracles.throwsLikePrimal("short y",
        () -> Kernels.logMarginalLikelihood(kernel, T, new double[3], 0, 0, 0),
        () -> KernelsDerivatives.logMarginalLikelihoodGradient(kernel, T, new double[3], 0, 0, 0),
        () -> KernelsDerivatives.logMarginalLikelihoodGradientReverse(kernel, T, new double[3], 0, 0, 0));
  }
}
