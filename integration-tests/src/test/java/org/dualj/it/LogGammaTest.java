package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Library-style code with a private coefficient table, private constants and a private helper
 * (issue #11, item 4): the derivatives of the Lanczos log-gamma against the hand-differentiated
 * formula and Richardson-extrapolated central differences.
 */
class LogGammaTest {
  private static final double[] C = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** ψ of the approximation: d/dx [(z + ½) ln t − t + ln A(z)], t = z + 7.5, z = x − 1. */
  private static double[] analytic(double x) {
    double z = x - 1;
    double t = z + 7.5;
    double a = C[0];
    double a1 = 0;
    double a2 = 0;
    for (int i = 1; i < C.length; i++) {
      double q = z + i;
      a += C[i] / q;
      a1 -= C[i] / (q * q);
      a2 += 2 * C[i] / (q * q * q);
    }
    double d1 = Math.log(t) + (z + 0.5) / t - 1 + a1 / a;
    double d2 = 1 / t + 7.0 / (t * t) + a2 / a - (a1 / a) * (a1 / a);
    return new double[] {d1, d2};
  }

  @Test
  void logGammaDerivativesMatchTheFormulaAndDifferences() {
    for (double x : new double[] {0.5, 0.75, 1.0, 1.5, 3.2, 10.0, 55.5, 150.0}) {
      double[] d = analytic(x);
      Dual y = LogGammaDerivatives.logGamma(Dual.variable(x));
      assertThat(y.value()).isEqualTo(LogGamma.logGamma(x));
      assertThat(y.tangent()).isWithin(1e-13 * Math.max(1, Math.abs(d[0]))).of(d[0]);
      if (x > 0.6) { // the differences need [x - h0, x + h0] inside the domain
        double h0 = 0.05 * Math.min(1.0, x - 0.5);
        double rich = Richardson.derivative(LogGamma::logGamma, x, h0);
        assertThat(y.tangent()).isWithin(1e-9 * Math.max(1, Math.abs(d[0]))).of(rich);
      }
      assertThat(LogGammaDerivatives.logGammaSecondDerivative(x))
          .isWithin(1e-12 * Math.abs(d[1]))
          .of(d[1]);
    }
    // ψ(1) = −γ, ψ(½) = −γ − 2 ln 2
    double gamma = 0.57721566490153286;
    assertThat(LogGammaDerivatives.logGamma(Dual.variable(1.0)).tangent()).isWithin(1e-14).of(-gamma);
    assertThat(LogGammaDerivatives.logGamma(Dual.variable(0.5)).tangent())
        .isWithin(1e-14)
        .of(-gamma - 2 * Math.log(2));
  }

  @Test
  void logBetaGradientIsDifferenceOfDigammas() {
    for (double[] p : new double[][] {{0.8, 2.5}, {3.0, 3.0}, {12.5, 0.6}}) {
      double a = p[0];
      double b = p[1];
      double[] g = LogGammaDerivatives.logBetaGradient(a, b);
      double psiAb = analytic(a + b)[0];
      assertThat(g[0]).isWithin(1e-13 * Math.max(1, Math.abs(g[0]))).of(analytic(a)[0] - psiAb);
      assertThat(g[1]).isWithin(1e-13 * Math.max(1, Math.abs(g[1]))).of(analytic(b)[0] - psiAb);
      double rich = Richardson.derivative(t -> LogGamma.logBeta(t, b), a, 0.05 * Math.min(1, a - 0.5));
      assertThat(g[0]).isWithin(1e-9 * Math.max(1, Math.abs(g[0]))).of(rich);
    }
  }

  @Test
  void argumentCheckThrowsFromEveryEntryPoint() {
    IllegalArgumentException primal =
        assertThrows(IllegalArgumentException.class, () -> LogGamma.logGamma(0.25));
    IllegalArgumentException tangent =
        assertThrows(
            IllegalArgumentException.class, () -> LogGammaDerivatives.logGamma(Dual.variable(0.25)));
    IllegalArgumentException hessian =
        assertThrows(
            IllegalArgumentException.class, () -> LogGammaDerivatives.logGammaHessian(0.25));
    assertThat(tangent).hasMessageThat().isEqualTo(primal.getMessage());
    assertThat(hessian).hasMessageThat().isEqualTo(primal.getMessage());
  }
}
