package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.DualVectors;
import org.dualj.runtime.Workspace;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Welford's variance, Horner's rule, Clenshaw's Chebyshev sum, a {@code hypot} norm, softplus and
 * (e^x − 1)/x: gradients and Hessians against their closed forms or DerivativeStructure, at
 * large offsets, at the branch switches and in the tails.
 */
class StatisticsTest {
  @Test
  void welfordVarianceGradientAndHessian() {
    Workspace work = new Workspace();
    for (double[] x : new double[][] {{1, 2, 3, 4}, {1e8 + 1, 1e8 + 2, 1e8 + 4}, {-0.5, 0.5}, {3, 3, 3, 3, 3, 7}}) {
      String at = java.util.Arrays.toString(x);
      int n = x.length;
      double mean = x[0] + java.util.Arrays.stream(x).map(v -> v - x[0]).average().orElseThrow();
      // at an offset of 1e8 the running mean carries an error of ulp(1e8) ≈ 1.5e-8 into
      // x − mean, in the primal's variance as in its derivatives
      double rel = Math.abs(x[0]) > 1e6 ? 1e-8 : 1e-12;
      double[] expected = new double[n];
      double[][] hessian = new double[n][n];
      for (int i = 0; i < n; i++) {
        expected[i] = 2.0 * (x[i] - mean) / (n - 1);
        for (int j = 0; j < n; j++) {
          hessian[i][j] = 2.0 / (n - 1) * ((i == j ? 1.0 : 0.0) - 1.0 / n);
        }
      }
      Oracles.close("gradient " + at, StatisticsDerivatives.varianceGradient(x), expected, rel);
      Oracles.close("reverse " + at, StatisticsDerivatives.varianceGradientReverse(x), expected, rel);
      double[] fwd = new double[n];
      StatisticsDerivatives.varianceGradientForward(x, fwd, work);
      Oracles.close("forward " + at, fwd, expected, rel);
      Oracles.close("Hessian " + at, StatisticsDerivatives.varianceHessian(x), hessian, 1e-12);
      double[] v = new double[n];
      v[0] = 1.0;
      Oracles.close("H·e0 " + at, StatisticsDerivatives.varianceHessianVector(x, v), hessian[0], 1e-12);
      Oracles.close("H·e0 reverse " + at, StatisticsDerivatives.varianceHessianVectorReverse(x, v), hessian[0], 1e-12);
      DualVector lanes = StatisticsDerivatives.variance(DualVectors.variables(x));
      for (int i = 0; i < n; i++) {
        Check.close("DualVector " + i + " " + at, lanes.tangent(i), expected[i], rel);
      }
    }
    Oracles.throwsLikePrimal("one value",
        () -> Statistics.variance(new double[] {1.0}),
        () -> StatisticsDerivatives.varianceGradient(new double[] {1.0}),
        () -> StatisticsDerivatives.varianceGradientReverse(new double[] {1.0}),
        () -> StatisticsDerivatives.varianceHessian(new double[] {1.0}));
  }

  @Test
  void hornerDerivativesArePowersAndThePolynomialsDerivative() {
    double[] c = {0.5, -1.0, 2.0, 0.0, 3.0};
    for (double x : new double[] {-2.0, 0.0, 0.7, 10.0}) {
      String at = "x = " + x;
      double[] expected = new double[c.length + 1];
      double dx = 0.0;
      double dxx = 0.0;
      for (int i = 0; i < c.length; i++) {
        expected[i] = Math.pow(x, i);
        dx += i == 0 ? 0.0 : i * c[i] * Math.pow(x, i - 1);
        dxx += i < 2 ? 0.0 : i * (i - 1) * c[i] * Math.pow(x, i - 2);
      }
      expected[c.length] = dx;
      Oracles.close("gradient " + at, StatisticsDerivatives.hornerGradient(c, x), expected, 1e-13);
      Oracles.close("reverse " + at, StatisticsDerivatives.hornerGradientReverse(c, x), expected, 1e-13);
      double[][] h = StatisticsDerivatives.hornerHessian(c, x);
      Check.close("∂²/∂x² " + at, h[c.length][c.length], dxx, 1e-13);
      for (int i = 0; i < c.length; i++) {
        double mixed = i == 0 ? 0.0 : i * Math.pow(x, i - 1);
        Check.close("∂²/∂c" + i + "∂x " + at, h[i][c.length], mixed, 1e-13);
        Check.close("∂²/∂x∂c" + i + " " + at, h[c.length][i], mixed, 1e-13);
        for (int j = 0; j < c.length; j++) {
          Check.close("∂²/∂c∂c " + at, h[i][j], 0.0, 0.0);
        }
      }
    }
  }

  @Test
  void chebyshevSumMatchesDerivativeStructure() {
    double[] c = {1.0, -0.5, 0.25, 0.3, -0.1, 0.05};
    double a = -1.5;
    double b = 3.0;
    DSFactory factory = new DSFactory(1, 2);
    for (double x : new double[] {a, -1.0, 0.0, 0.75, 2.9, b}) {
      String at = "x = " + x;
      DerivativeStructure u = factory.variable(0, x).multiply(2.0).subtract(a + b).divide(b - a);
      DerivativeStructure tPrev = factory.constant(1.0);
      DerivativeStructure t = u;
      DerivativeStructure sum = tPrev.multiply(0.5 * c[0]).add(t.multiply(c[1]));
      double[] tk = new double[c.length];
      tk[0] = 0.5;
      tk[1] = u.getValue();
      for (int k = 2; k < c.length; k++) {
        DerivativeStructure next = u.multiply(2.0).multiply(t).subtract(tPrev);
        tPrev = t;
        t = next;
        sum = sum.add(t.multiply(c[k]));
        tk[k] = t.getValue();
      }
      double[] expected = new double[c.length + 1];
      System.arraycopy(tk, 0, expected, 0, c.length);
      expected[c.length] = sum.getPartialDerivative(1);
      Check.close("value " + at, Statistics.chebyshev(c, a, b, x), sum.getValue(), 1e-14);
      Oracles.close("gradient " + at, StatisticsDerivatives.chebyshevGradient(c, a, b, x), expected, 1e-13);
      Oracles.close("reverse " + at, StatisticsDerivatives.chebyshevGradientReverse(c, a, b, x), expected, 1e-13);
      double[][] h = StatisticsDerivatives.chebyshevHessian(c, a, b, x);
      Check.close("∂²/∂x² " + at, h[c.length][c.length], sum.getPartialDerivative(2), 1e-12);
      double[] v = new double[c.length + 1];
      v[c.length] = 1.0;
      double[] hv = StatisticsDerivatives.chebyshevHessianVectorReverse(c, a, b, x, new double[c.length], 1.0);
      Check.close("H·e_x reverse " + at, hv[c.length], sum.getPartialDerivative(2), 1e-12);
    }
    Oracles.throwsLikePrimal("x beyond b",
        () -> Statistics.chebyshev(c, a, b, 3.5),
        () -> StatisticsDerivatives.chebyshevGradient(c, a, b, 3.5),
        () -> StatisticsDerivatives.chebyshevGradientReverse(c, a, b, 3.5),
        () -> StatisticsDerivatives.chebyshevHessian(c, a, b, 3.5));
  }

  @Test
  void hypotNormGradientIsTheUnitVector() {
    // a leading zero makes the first step hypot(0, 0) with zero tangents along the other inputs
    for (double[] v : new double[][] {{3, 4}, {1e200, 1e200, 1e199}, {-1e-200, 2e-200}, {1, -2, 3, -4, 5, -6},
        {0, 3, 4}, {0, 0, 0, 1, -2, 2}}) {
      String at = java.util.Arrays.toString(v);
      double norm = Statistics.norm(v);
      double[] expected = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        expected[i] = v[i] / norm;
      }
      Oracles.close("gradient " + at, StatisticsDerivatives.normGradient(v), expected, 1e-15);
      Oracles.close("reverse " + at, StatisticsDerivatives.normGradientReverse(v), expected, 1e-15);
    }
  }

  private static final Univariate SOFTPLUS = new Univariate("softplus", Statistics::softplus,
      StatisticsDerivatives::softplus, StatisticsDerivatives::softplus,
      StatisticsDerivatives::softplusGradient, StatisticsDerivatives::softplusGradientReverse,
      (x, v) -> StatisticsDerivatives.softplusHessianVector(x, v)[0],
      (x, v) -> StatisticsDerivatives.softplusHessianVectorReverse(x, v)[0]);

  private static final Univariate EXPREL = new Univariate("exprel", Statistics::exprel,
      StatisticsDerivatives::exprel, StatisticsDerivatives::exprel,
      StatisticsDerivatives::exprelGradient, StatisticsDerivatives::exprelGradientReverse,
      (x, v) -> StatisticsDerivatives.exprelHessianVector(x, v)[0],
      (x, v) -> StatisticsDerivatives.exprelHessianVectorReverse(x, v)[0]);

  @Test
  void softplusDerivativesAreTheLogisticFunction() {
    for (double x : new double[] {-745.0, -40.0, -1e-3, 0.0, 1e-3, 2.0, 40.0, 700.0}) {
      double sigma = 1.0 / (1.0 + Math.exp(-x));
      SOFTPLUS.check(x, sigma, sigma * (1.0 - sigma), 1e-15);
      Check.close("softplus″ " + x, StatisticsDerivatives.softplusSecondDerivative(x), sigma * (1.0 - sigma), 1e-15);
    }
  }

  @Test
  void exprelDerivativesOnBothSidesOfItsSeriesSwitch() {
    for (double x : new double[] {-3.0, -1.0001e-5, -0.9999e-5, 0.0, 0.9999e-5, 1.0001e-5, 0.5, 20.0}) {
      // (e^x − 1)/x = Σ xⁿ/(n + 1)!: f′ = Σ n xⁿ⁻¹/(n + 1)!, f″ = Σ n(n − 1) xⁿ⁻²/(n + 1)!
      double d1;
      double d2;
      if (Math.abs(x) < 0.1) {
        d1 = 0.5 + x / 3.0 + x * x / 8.0;
        d2 = 1.0 / 3.0 + x / 4.0;
      } else {
        double e = Math.exp(x);
        d1 = (x * e - (e - 1.0)) / (x * x);
        d2 = (x * x * e - 2.0 * x * e + 2.0 * (e - 1.0)) / (x * x * x);
      }
      // the primal's series keeps three terms below 1e-5: its derivatives are off by x²/8 and x/4;
      // just above, f″ of expm1(x)/x cancels to about ε/x² ≈ 1e-6
      EXPREL.check(x, d1, d2, Math.abs(x) < 1e-4 ? 1e-5 : 1e-10);
    }
  }
}
