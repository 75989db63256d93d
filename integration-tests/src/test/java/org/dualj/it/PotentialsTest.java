package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.it.Potentials.Gravity;
import org.dualj.it.Potentials.Potential;
import org.dualj.it.Potentials.Screened;
import org.dualj.it.Potentials.Spring;
import org.junit.jupiter.api.Test;

/**
 * Calls through a sealed interface dispatch to the implementation's derivative (issue #11, item
 * 8), and switch expressions choose the taken arm's derivative (item 7): gradients and Hessians
 * against hand-derived formulas and Richardson differences.
 */
class PotentialsTest {

  /** dV/dr and d²V/dr² of each potential. */
  private static double[] potential(Potential p, double r) {
    if (p instanceof Gravity g) {
      return new double[] {g.mu() / (r * r), -2 * g.mu() / (r * r * r)};
    }
    if (p instanceof Spring s) {
      return new double[] {s.k() * (r - s.r0()), s.k()};
    }
    double q = 0.8;
    double l = 1.7;
    double e = Math.exp(-r / l);
    // V = −q e/r: V' = q e (1/(λ r) + 1/r²), V'' = −q e (1/(λ² r) + 2/(λ r²) + 2/r³)
    return new double[] {
      q * e * (1 / (l * r) + 1 / (r * r)), -q * e * (1 / (l * l * r) + 2 / (l * r * r) + 2 / (r * r * r))
    };
  }

  @Test
  void gradientAndHessianFollowTheImplementationAndTheRegime() {
    Potential[] potentials = {new Gravity(3.0), new Spring(2.0, 1.5), new Screened(0.8, 1.7)};
    for (Potential p : potentials) {
      for (int regime = 0; regime < 3; regime++) {
        for (double[] point : new double[][] {{0.7, 1.2}, {2.5, -0.4}}) {
          double r = point[0];
          double v = point[1];
          double[] dv = potential(p, r);
          double[] dragV = {0, 0.2 * v, 0.15 * v * Math.abs(v)};
          double[] dragVV = {0, 0.2, 0.3 * Math.abs(v)};
          double[] g = PotentialsDerivatives.lagrangianGradient(p, r, v, regime);
          assertThat(g[0]).isWithin(1e-12 * Math.max(1, Math.abs(dv[0]))).of(-dv[0]);
          assertThat(g[1]).isWithin(1e-12).of(v - dragV[regime]);
          final int k = regime;
          double rich = Richardson.derivative(t -> Potentials.lagrangian(p, t, v, k), r, 0.1 * r);
          assertThat(g[0]).isWithin(1e-8 * Math.max(1, Math.abs(g[0]))).of(rich);
          double[][] h = PotentialsDerivatives.lagrangianHessian(p, r, v, regime);
          assertThat(h[0][0]).isWithin(1e-11 * Math.max(1, Math.abs(dv[1]))).of(-dv[1]);
          assertThat(h[0][1]).isEqualTo(0.0);
          assertThat(h[1][1]).isWithin(1e-12).of(1 - dragVV[regime]);
        }
      }
    }
  }
}
