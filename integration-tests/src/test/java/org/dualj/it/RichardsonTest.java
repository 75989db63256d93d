package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The finite-difference oracle itself is checked against known derivatives. */
class RichardsonTest {

  @Test
  void matchesKnownDerivatives() {
    for (double x : new double[] {-2.0, -0.3, 0.0, 0.7, 3.0}) {
      Check.close("sin' at " + x, Richardson.derivative(Math::sin, x), Math.cos(x), 1e-10);
      Check.close("exp' at " + x, Richardson.derivative(Math::exp, x), Math.exp(x), 1e-10);
      Check.close(
          "(x^5)' at " + x, Richardson.derivative(t -> Math.pow(t, 5), x), 5 * Math.pow(x, 4), 1e-10);
    }
  }

  @Test
  void isMoreAccurateThanOneCentralDifference() {
    double x = 1.3;
    double h = 0.1;
    double plain = (Math.exp(x + h) - Math.exp(x - h)) / (2 * h);
    double extrapolated = Richardson.derivative(Math::exp, x, h);
    assertThat(Math.abs(extrapolated - Math.exp(x))).isLessThan(Math.abs(plain - Math.exp(x)) * 1e-4);
  }

  @Test
  void directionalDerivative() {
    double[] x = {0.4, -1.1};
    double[] v = {0.6, 0.8};
    double d = Richardson.directional(p -> p[0] * p[0] * Math.cos(p[1]), x, v, 0.1);
    double expected = 0.6 * 2 * x[0] * Math.cos(x[1]) - 0.8 * x[0] * x[0] * Math.sin(x[1]);
    Check.close("directional", d, expected, 1e-10);
  }
}
