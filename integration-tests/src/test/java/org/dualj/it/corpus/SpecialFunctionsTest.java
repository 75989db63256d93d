package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.hipparchus.special.BesselJ;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * erf, erfc, Φ, the rational erf approximation, J₀ and J₁: every entry point against the
 * analytic derivatives (2/√π e^{−x²}, φ, −J₁, J₀ − J₁/x) at points on both sides of each
 * branch switch, in the tails and at small arguments.
 */
class SpecialFunctionsTest {
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

  private static final Univariate ERF = new Univariate("erf", ErrorFunctions::erf,
      ErrorFunctionsDerivatives::erf, ErrorFunctionsDerivatives::erf,
      ErrorFunctionsDerivatives::erfGradient, ErrorFunctionsDerivatives::erfGradientReverse,
      (x, v) -> ErrorFunctionsDerivatives.erfHessianVector(x, v)[0],
      (x, v) -> ErrorFunctionsDerivatives.erfHessianVectorReverse(x, v)[0]);

  private static final Univariate ERFC = new Univariate("erfc", ErrorFunctions::erfc,
      ErrorFunctionsDerivatives::erfc, ErrorFunctionsDerivatives::erfc,
      ErrorFunctionsDerivatives::erfcGradient, ErrorFunctionsDerivatives::erfcGradientReverse,
      (x, v) -> ErrorFunctionsDerivatives.erfcHessianVector(x, v)[0],
      (x, v) -> ErrorFunctionsDerivatives.erfcHessianVectorReverse(x, v)[0]);

  private static final Univariate PHI = new Univariate("normalCdf", ErrorFunctions::normalCdf,
      ErrorFunctionsDerivatives::normalCdf, ErrorFunctionsDerivatives::normalCdf,
      ErrorFunctionsDerivatives::normalCdfGradient, ErrorFunctionsDerivatives::normalCdfGradientReverse,
      (x, v) -> ErrorFunctionsDerivatives.normalCdfHessianVector(x, v)[0],
      (x, v) -> ErrorFunctionsDerivatives.normalCdfHessianVectorReverse(x, v)[0]);

  private static final Univariate APPROX = Univariate.firstOrder("erfApprox", ErrorFunctions::erfApprox,
      ErrorFunctionsDerivatives::erfApprox, ErrorFunctionsDerivatives::erfApprox,
      ErrorFunctionsDerivatives::erfApproxGradient, ErrorFunctionsDerivatives::erfApproxGradientReverse);

  private static final Univariate J0 = new Univariate("j0", Bessel::j0,
      BesselDerivatives::j0, BesselDerivatives::j0,
      BesselDerivatives::j0Gradient, BesselDerivatives::j0GradientReverse,
      (x, v) -> BesselDerivatives.j0HessianVector(x, v)[0],
      (x, v) -> BesselDerivatives.j0HessianVectorReverse(x, v)[0]);

  private static final Univariate J1 = new Univariate("j1", Bessel::j1,
      BesselDerivatives::j1, BesselDerivatives::j1,
      BesselDerivatives::j1Gradient, BesselDerivatives::j1GradientReverse,
      (x, v) -> BesselDerivatives.j1HessianVector(x, v)[0],
      (x, v) -> BesselDerivatives.j1HessianVectorReverse(x, v)[0]);

  /** Around 0, both sides of the series/continued-fraction switch at ±2.5, and the tails. */
  private static final double[] ERF_ARGS = {
    -6.0, -2.5000001, -2.5, -2.4999999, -0.7, -1e-9, 0.0, 1e-9, 0.3, 1.0, 2.4999999, 2.5,
    2.5000001, 3.7, 5.5, 26.0
  };

  @Test
  void erfErfcAndNormalDistributionHaveTheGaussianAsDerivative() {
    for (double x : ERF_ARGS) {
      double d1 = TWO_OVER_SQRT_PI * Math.exp(-x * x);
      double d2 = -2.0 * x * d1;
      Check.close("erf value " + x, ErrorFunctions.erf(x), Erf.erf(x), 1e-14);
      Check.close("erfc value " + x, ErrorFunctions.erfc(x), Erf.erfc(x), 1e-13);
      ERF.check(x, d1, d2, 1e-13);
      ERFC.check(x, -d1, -d2, 1e-13);
      double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      PHI.check(x, pdf, -x * pdf, 1e-13);
      if (x > 2.5) {
        // the tail's derivative is relative-accurate where it is tiny (e^{−676} at 26)
        Check.close("erfc relative in the tail " + x,
            ErrorFunctionsDerivatives.erfcGradient(x)[0] / -d1, 1.0, 1e-13);
      }
    }
  }

  @Test
  void normalCdfHessianAndSecondDerivative() {
    for (double x : new double[] {-4.0, -1.0, 0.0, 0.5, 3.0}) {
      double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      double[] g = new double[1];
      double[][] h = new double[1][1];
      double value = ErrorFunctionsDerivatives.normalCdfHessian(x, g, h);
      Check.close("Φ " + x, value, ErrorFunctions.normalCdf(x), 0.0);
      Check.close("Φ′ " + x, g[0], pdf, 1e-13);
      Check.close("Φ″ " + x, h[0][0], -x * pdf, 1e-13);
      Check.close("erf″ " + x, ErrorFunctionsDerivatives.erfSecondDerivative(x),
          -2.0 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x), 1e-13);
    }
  }

  @Test
  void rationalApproximationDifferentiatesAsItsFormula() {
    double p = 0.3275911;
    double[] a = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};
    for (double x : new double[] {-3.0, -0.4, 1e-3, 0.25, 1.0, 2.0, 4.5}) {
      double ax = Math.abs(x);
      double t = 1.0 / (1.0 + p * ax);
      double poly = 0.0;
      double polyPrime = 0.0;
      for (int i = a.length - 1; i >= 0; i--) {
        polyPrime = polyPrime * t + poly;
        poly = poly * t + a[i];
      }
      // y = 1 − t·poly(t)·e^{−x²} on x > 0, odd: y′ is even in x
      double e = Math.exp(-ax * ax);
      double dtdx = -p * t * t;
      double d1 = -((poly + t * polyPrime) * dtdx * e - 2.0 * ax * t * poly * e);
      APPROX.check(x, d1, Double.NaN, 1e-13);
      Check.close("erfApprox′ ≈ erf′ " + x, d1, TWO_OVER_SQRT_PI * Math.exp(-x * x), 1e-5);
    }
  }

  @Test
  void besselDerivativesAreTheRecurrences() {
    double[] args = {-15.0, -3.0, -1e-3, 1e-3, 0.5, 1.0, 2.404825557695773, 5.0, 11.9999, 12.0, 12.0001, 20.0, 60.0};
    for (double x : args) {
      double j0 = BesselJ.value(0, Math.abs(x));
      double j1 = Math.signum(x) * BesselJ.value(1, Math.abs(x));
      double j1Prime = j0 - j1 / x;
      double j0Second = -j1Prime;
      // J₁″ = −J₁′/x − (1 − 1/x²) J₁, from Bessel's equation
      double j1Second = -j1Prime / x - (1.0 - 1.0 / (x * x)) * j1;
      // the series loses digits to cancellation as x grows; the asymptotic series is cut at its
      // smallest term, about 1e-11 at x = 12
      double rel = Math.abs(x) >= 12.0 ? 1e-10 : Math.abs(x) > 5.0 ? 1e-12 : 1e-13;
      Check.close("J0 value " + x, Bessel.j0(x), j0, rel);
      Check.close("J1 value " + x, Bessel.j1(x), j1, rel);
      J0.check(x, -j1, j0Second, rel);
      J1.check(x, j1Prime, j1Second, Math.abs(x) < 0.1 ? 1e-9 : rel);
      Check.close("J0′ by Richardson of Hipparchus " + x, BesselDerivatives.j0Gradient(x)[0],
          Richardson.derivative(y -> BesselJ.value(0, Math.abs(y)), x, 1e-3), 1e-8);
    }
  }
}
