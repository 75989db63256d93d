package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.Workspace;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * log Γ, P(a, x), Q(a, x) and I_x(a, b): every entry point against Hipparchus's digamma and
 * trigamma, the analytic ∂/∂x of the incomplete functions (their integrands), and Richardson
 * differences of Hipparchus's own implementations for the shape parameters.
 */
class IncompleteGammaTest {
  private static final double[] GAMMA_ARGS = {1e-3, 0.3, 0.5, 1.0, 2.5, 11.999, 12.0, 12.001, 40.0, 1e4};

  @Test
  void logGammaEntryPointsAreDigammaAndTrigamma() {
    Workspace work = new Workspace();
    for (double x : GAMMA_ARGS) {
      String at = "x = " + x;
      double psi = digamma(x);
      double psi1 = trigamma(x);
      Check.close("logGamma " + at, IncompleteGamma.logGamma(x), Gamma.logGamma(x), 1e-13);
      Check.close("Richardson " + at, IncompleteGammaDerivatives.logGammaGradient(x)[0],
          Richardson.derivative(Gamma::logGamma, x, 0.5 * x), 1e-8);
      Check.close("Dual " + at, IncompleteGammaDerivatives.logGamma(Dual.variable(x)).tangent(), psi, 1e-12);
      Check.close("unboxed " + at, IncompleteGammaDerivatives.logGamma(x, 2.0).tangent(), 2 * psi, 1e-12);
      Check.close("DualVector " + at,
          IncompleteGammaDerivatives.logGamma(DualVector.variable(x, 1, 2)).tangent(1), psi, 1e-12);
      Check.close("gradient " + at, IncompleteGammaDerivatives.logGammaGradient(x)[0], psi, 1e-12);
      double[] g = new double[1];
      IncompleteGammaDerivatives.logGammaGradientForward(x, g, work);
      Check.close("gradientForward " + at, g[0], psi, 1e-12);
      Check.close("reverse " + at, IncompleteGammaDerivatives.logGammaGradientReverse(x)[0], psi, 1e-12);
      Check.close("jvp " + at, IncompleteGammaDerivatives.logGammaJvp(x, -1.0).tangent(), -psi, 1e-12);
      Check.close("second derivative " + at, IncompleteGammaDerivatives.logGammaSecondDerivative(x), psi1, 1e-11);
      double[][] h = new double[1][1];
      double value = IncompleteGammaDerivatives.logGammaHessian(x, g, h, work);
      Check.close("hessian value " + at, value, IncompleteGamma.logGamma(x), 0.0);
      Check.close("hessian gradient " + at, g[0], psi, 1e-12);
      Check.close("hessian " + at, h[0][0], psi1, 1e-11);
      Check.close("H·v " + at, IncompleteGammaDerivatives.logGammaHessianVector(x, 3.0)[0], 3 * psi1, 1e-11);
      Check.close("H·v reverse " + at,
          IncompleteGammaDerivatives.logGammaHessianVectorReverse(x, 3.0)[0], 3 * psi1, 1e-11);
    }
  }

  /**
   * ψ(x) = ψ(x + n) − Σ 1/(x + k), with ψ at z = x + n ≥ 30 from its asymptotic series
   * ln z − 1/(2z) − Σ B₂ₖ/(2k z^{2k}) (error below 1e-19 there). Hipparchus's digamma is not used:
   * its series stops early enough to be 3e-9 off at ψ(1).
   */
  private static double digamma(double x) {
    double shift = 0.0;
    double z = x;
    while (z < 30.0) {
      shift += 1.0 / z;
      z += 1.0;
    }
    double w = 1.0 / (z * z);
    double tail = w * (1.0 / 12 - w * (1.0 / 120 - w * (1.0 / 252 - w * (1.0 / 240 - w / 132))));
    return Math.log(z) - 0.5 / z - tail - shift;
  }

  /** ψ′(x) = ψ′(x + n) + Σ 1/(x + k)², ψ′(z) = 1/z + 1/(2z²) + Σ B₂ₖ/z^{2k+1}. */
  private static double trigamma(double x) {
    double shift = 0.0;
    double z = x;
    while (z < 30.0) {
      shift += 1.0 / (z * z);
      z += 1.0;
    }
    double w = 1.0 / (z * z);
    double tail = w / z * (1.0 / 6 - w * (1.0 / 30 - w * (1.0 / 42 - w * (1.0 / 30 - w * 5.0 / 66))));
    return 1.0 / z + 0.5 * w + tail + shift;
  }

  @Test
  void logGammaRejectsWhatThePrimalRejects() {
    for (double x : new double[] {0.0, -1.5, Double.NaN}) {
      Oracles.throwsLikePrimal("logGamma(" + x + ")",
          () -> IncompleteGamma.logGamma(x),
          () -> IncompleteGammaDerivatives.logGamma(Dual.variable(x)),
          () -> IncompleteGammaDerivatives.logGammaGradient(x),
          () -> IncompleteGammaDerivatives.logGammaGradientReverse(x),
          () -> IncompleteGammaDerivatives.logGammaHessian(x),
          () -> IncompleteGammaDerivatives.logGammaHessianVectorReverse(x, 1.0));
    }
  }

  /**
   * (a, x) pairs on both sides of the switch at x = a + 1, in both tails, and on it. The shapes
   * are not integers: for an integer a the continued fraction has a zero partial numerator, so the
   * primal stops it early with its exact value, and the derivative of the code that ran is not ∂/∂a
   * of Q (see CORPUS-FINDINGS.md).
   */
  private static final double[][] PQ_ARGS = {
    {0.5, 0.01}, {0.5, 1.5}, {1.0, 0.3}, {2.25, 3.249}, {2.25, 3.25}, {2.25, 3.251}, {3.7, 1.2},
    {3.7, 9.0}, {10.0, 4.0}, {10.5, 25.0}, {50.0, 48.0}, {0.2, 1e-6}
  };

  @Test
  void regularizedPAndQGradientsMatchTheIntegrandAndHipparchus() {
    Workspace work = new Workspace();
    for (double[] ax : PQ_ARGS) {
      double a = ax[0];
      double x = ax[1];
      String at = "a = " + a + ", x = " + x;
      // ∂P/∂x is the gamma density x^{a−1} e^{−x} / Γ(a)
      double dx = Math.exp((a - 1) * Math.log(x) - x - Gamma.logGamma(a));
      double da = Richardson.derivative(s -> Gamma.regularizedGammaP(s, x, 1e-16, 100000), a, 1e-2 * a);
      double[] expected = {da, dx};
      Check.close("P " + at, IncompleteGamma.regularizedP(a, x), Gamma.regularizedGammaP(a, x), 1e-13);
      Oracles.close("P gradient " + at, IncompleteGammaDerivatives.regularizedPGradient(a, x), expected, 1e-8);
      double[] fwd = new double[2];
      IncompleteGammaDerivatives.regularizedPGradientForward(a, x, fwd, work);
      Oracles.close("P forward " + at, fwd, expected, 1e-8);
      Check.close("P ∂x exact " + at, fwd[1], dx, 1e-11);
      double[] rev = new double[2];
      IncompleteGammaDerivatives.regularizedPGradientReverse(a, x, rev, work);
      Oracles.close("P reverse " + at, rev, fwd, 1e-13);
      Dual d = IncompleteGammaDerivatives.regularizedP(Dual.variable(a), Dual.constant(x));
      Check.close("P Dual ∂a " + at, d.tangent(), fwd[0], 1e-14);
      Dual jvp = IncompleteGammaDerivatives.regularizedPJvp(a, x, 0.5, -2.0);
      Check.close("P jvp " + at, jvp.tangent(), 0.5 * fwd[0] - 2.0 * fwd[1], 1e-13);
      double[] q = IncompleteGammaDerivatives.regularizedQGradient(a, x);
      double[] qRev = IncompleteGammaDerivatives.regularizedQGradientReverse(a, x);
      for (int j = 0; j < 2; j++) {
        Check.close("Q = 1 − P, gradient " + j + " " + at, q[j], -fwd[j], 1e-10);
        Check.close("Q reverse " + j + " " + at, qRev[j], q[j], 1e-13);
      }
    }
  }

  @Test
  void incompleteFunctionsRejectWhatThePrimalRejects() {
    double[][] bad = {{0.0, 1.0}, {-1.0, 1.0}, {1.0, -0.5}, {Double.NaN, 1.0}};
    for (double[] ax : bad) {
      double a = ax[0];
      double x = ax[1];
      Oracles.throwsLikePrimal("P(" + a + ", " + x + ")",
          () -> IncompleteGamma.regularizedP(a, x),
          () -> IncompleteGammaDerivatives.regularizedPGradient(a, x),
          () -> IncompleteGammaDerivatives.regularizedPGradientReverse(a, x),
          () -> IncompleteGammaDerivatives.regularizedQ(Dual.constant(a), Dual.variable(x)));
    }
    Oracles.throwsLikePrimal("I_2(1, 1)",
        () -> IncompleteBeta.regularizedBeta(2.0, 1.0, 1.0),
        () -> IncompleteBetaDerivatives.regularizedBetaGradient(2.0, 1.0, 1.0),
        () -> IncompleteBetaDerivatives.regularizedBetaGradientReverse(2.0, 1.0, 1.0));
    Oracles.throwsLikePrimal("I_0.5(0, 1)",
        () -> IncompleteBeta.regularizedBeta(0.5, 0.0, 1.0),
        () -> IncompleteBetaDerivatives.regularizedBeta(Dual.variable(0.5), Dual.constant(0.0), Dual.constant(1.0)));
  }

  /**
   * (x, a, b) on both sides of the symmetry switch x = (a + 1)/(a + b + 2) and near the ends;
   * shapes not integers, as for P and Q.
   */
  private static final double[][] BETA_ARGS = {
    {0.1, 2.2, 3.3}, {0.4266, 2.2, 3.3}, {3.2 / 7.5, 2.2, 3.3}, {0.4267, 2.2, 3.3}, {0.9, 2.2, 3.3},
    {0.5, 0.5, 0.5}, {1e-4, 0.7, 5.1}, {0.999, 8.2, 1.5}, {0.3, 30.5, 60.5}
  };

  @Test
  void regularizedBetaGradientMatchesTheDensityAndHipparchus() {
    Workspace work = new Workspace();
    for (double[] p : BETA_ARGS) {
      double x = p[0];
      double a = p[1];
      double b = p[2];
      String at = "x = " + x + ", a = " + a + ", b = " + b;
      // ∂I/∂x is the beta density
      double dx = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - Beta.logBeta(a, b));
      double da = Richardson.derivative(s -> Beta.regularizedBeta(x, s, b, 1e-16, 100000), a, 1e-2 * a);
      double db = Richardson.derivative(s -> Beta.regularizedBeta(x, a, s, 1e-16, 100000), b, 1e-2 * b);
      double[] expected = {dx, da, db};
      Check.close("I " + at, IncompleteBeta.regularizedBeta(x, a, b), Beta.regularizedBeta(x, a, b), 1e-12);
      double[] g = IncompleteBetaDerivatives.regularizedBetaGradient(x, a, b);
      Oracles.close("gradient " + at, g, expected, 1e-7);
      Check.close("∂x exact " + at, g[0], dx, 1e-10);
      double[] fwd = new double[3];
      IncompleteBetaDerivatives.regularizedBetaGradientForward(x, a, b, fwd, work);
      Oracles.close("forward " + at, fwd, g, 0.0);
      Oracles.close("reverse " + at, IncompleteBetaDerivatives.regularizedBetaGradientReverse(x, a, b), g, 1e-13);
      DualVector v = IncompleteBetaDerivatives.regularizedBeta(
          DualVector.variable(x, 0, 3), DualVector.variable(a, 1, 3), DualVector.variable(b, 2, 3));
      for (int j = 0; j < 3; j++) {
        Check.close("DualVector " + j + " " + at, v.tangent(j), g[j], 1e-14);
      }
    }
  }

  @Test
  void logBetaGradientIsADifferenceOfDigammas() {
    for (double[] ab : new double[][] {{0.5, 0.5}, {2.0, 3.0}, {13.0, 0.1}, {100.0, 250.0}}) {
      double a = ab[0];
      double b = ab[1];
      double psiAB = digamma(a + b);
      double[] expected = {digamma(a) - psiAB, digamma(b) - psiAB};
      Oracles.close("logBeta gradient a = " + a + ", b = " + b,
          IncompleteBetaDerivatives.logBetaGradient(a, b), expected, 1e-12);
      Oracles.close("logBeta reverse a = " + a + ", b = " + b,
          IncompleteBetaDerivatives.logBetaGradientReverse(a, b), expected, 1e-12);
    }
  }
}
