package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Option prices written as a pricing library writes them (argument checks that throw, an {@code
 * assert}, {@code FastMath}, a private constant and a private helper over Hipparchus's {@code
 * Erf}): their gradients are the Greeks, checked against the closed forms and Richardson
 * differences at several points.
 */
class OptionPricingTest {
  private static final double[][] POINTS = {
    {100, 100, 0.05, 0.2, 1.0},
    {80, 100, 0.01, 0.35, 0.25},
    {120, 90, 0.03, 0.15, 3.0},
    {50, 75, -0.005, 0.6, 10.0},
  };

  private static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  private static double cdf(double x) {
    return 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2));
  }

  @Test
  void callGradientIsTheGreeks() {
    for (double[] p : POINTS) {
      double s = p[0];
      double k = p[1];
      double r = p[2];
      double sigma = p[3];
      double t = p[4];
      double d1 = (Math.log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
      double d2 = d1 - sigma * Math.sqrt(t);
      double discount = Math.exp(-r * t);
      double[] greeks = {
        cdf(d1), // delta
        -discount * cdf(d2), // d/dK
        k * t * discount * cdf(d2), // rho
        s * pdf(d1) * Math.sqrt(t), // vega
        s * pdf(d1) * sigma / (2 * Math.sqrt(t)) + r * k * discount * cdf(d2) // d/dT = −theta
      };
      double[] gradient = OptionPricingDerivatives.callGradient(s, k, r, sigma, t);
      double[] reverse = OptionPricingDerivatives.callGradientReverse(s, k, r, sigma, t);
      for (int j = 0; j < 5; j++) {
        String what = "d call/dp" + j + " at S = " + s + ", K = " + k + ", T = " + t;
        Check.close(what, gradient[j], greeks[j], 1e-12);
        Check.close("reverse " + what, reverse[j], gradient[j], 1e-13);
        double[] unit = new double[5];
        unit[j] = 1;
        double h0 = j == 2 ? 0.01 : 0.05 * Math.abs(p[j]); // steps that keep every input valid
        double rich =
            Richardson.directional(x -> OptionPricing.call(x[0], x[1], x[2], x[3], x[4]), p, unit, h0);
        Check.close("Richardson " + what, gradient[j], rich, 1e-7);
      }
    }
  }

  @Test
  void putGradientFollowsPutCallParity() {
    for (double[] p : POINTS) {
      double[] call = OptionPricingDerivatives.callGradient(p[0], p[1], p[2], p[3], p[4]);
      double[] put = OptionPricingDerivatives.putGradient(p[0], p[1], p[2], p[3], p[4]);
      double discount = Math.exp(-p[2] * p[4]);
      // P = C − S + K e^{−rT}
      double[] parity = {
        call[0] - 1, call[1] + discount, call[2] - p[1] * p[4] * discount, call[3],
        call[4] - p[2] * p[1] * discount
      };
      for (int j = 0; j < 5; j++) {
        Check.close("d put/dp" + j, put[j], parity[j], 1e-13);
      }
    }
  }

  @Test
  void bachelierDeltaAndVega() {
    for (double[] p : new double[][] {{100, 100, 8, 1, 0.97}, {1.02, 1.0, 0.005, 2, 1.0}, {50, 60, 12, 0.5, 0.9}}) {
      double f = p[0];
      double k = p[1];
      double sn = p[2];
      double t = p[3];
      double df = p[4];
      double d = (f - k) / (sn * Math.sqrt(t));
      double[] g = OptionPricingDerivatives.bachelierCallGradient(f, k, sn, t, df);
      Check.close("delta", g[0], df * cdf(d), 1e-13);
      Check.close("dK", g[1], -df * cdf(d), 1e-13);
      Check.close("vega", g[2], df * Math.sqrt(t) * pdf(d), 1e-13);
      Check.close("d/dT", g[3], df * sn * pdf(d) / (2 * Math.sqrt(t)), 1e-13);
      Check.close("d/d discount", g[4], OptionPricing.bachelierCall(f, k, sn, t, 1.0), 1e-13);
    }
  }

  @Test
  void invalidArgumentsThrowTheSameMessageFromTheDerivatives() {
    IllegalArgumentException primal =
        assertThrows(IllegalArgumentException.class, () -> OptionPricing.call(100, -1, 0.05, 0.2, 1));
    IllegalArgumentException derived =
        assertThrows(
            IllegalArgumentException.class,
            () -> OptionPricingDerivatives.callGradient(100, -1, 0.05, 0.2, 1));
    IllegalArgumentException reverse =
        assertThrows(
            IllegalArgumentException.class,
            () -> OptionPricingDerivatives.callGradientReverse(100, -1, 0.05, 0.2, 1));
    assertThat(derived).hasMessageThat().isEqualTo(primal.getMessage());
    assertThat(reverse).hasMessageThat().isEqualTo(primal.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> OptionPricingDerivatives.bachelierCallGradient(100, 100, 0, 1, 1));
  }
}
