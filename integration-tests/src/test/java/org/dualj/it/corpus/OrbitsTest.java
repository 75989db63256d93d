package org.dualj.it.corpus;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Kepler's equation, the true anomaly and the Cartesian state: the Newton iterations'
 * derivatives against the implicit-function theorem, the state's Jacobian against Richardson
 * differences and against the analytic gradients of the energy and angular momentum it
 * conserves, at anomalies on both sides of the reduction's jump at M = ±π and of the starter's
 * switch at e = 0.8.
 */
class OrbitsTest {
  private static final double[] ECCENTRICITIES = {0.0, 0.3, 0.7999999, 0.8, 0.95};
  private static final double[] MEAN_ANOMALIES = {-20.0, -3.14159, -1.0, 0.0, 0.5, 3.1415926, 3.1415927, 10.0};

  @Test
  void eccentricAnomalyDerivativesAreTheImplicitFunctionDerivatives() {
    Workspace work = new Workspace();
    for (double e : ECCENTRICITIES) {
      for (double m : MEAN_ANOMALIES) {
        String at = "M = " + m + ", e = " + e;
        double big = Orbits.eccentricAnomaly(m, e);
        assertThat(Math.abs(big - e * Math.sin(big) - Math.IEEEremainder(m, 2 * Math.PI)) % (2 * Math.PI))
            .isLessThan(1e-12);
        double slope = 1.0 - e * Math.cos(big);
        double[] expected = {1.0 / slope, Math.sin(big) / slope};
        Oracles.close("gradient " + at, OrbitsDerivatives.eccentricAnomalyGradient(m, e), expected, 1e-12);
        double[] fwd = new double[2];
        OrbitsDerivatives.eccentricAnomalyGradientForward(m, e, fwd, work);
        Oracles.close("forward " + at, fwd, expected, 1e-12);
        Oracles.close("reverse " + at, OrbitsDerivatives.eccentricAnomalyGradientReverse(m, e), expected, 1e-12);
        Dual d = OrbitsDerivatives.eccentricAnomaly(Dual.constant(m), Dual.variable(e));
        Check.close("Dual ∂e " + at, d.tangent(), expected[1], 1e-12);
        DualVector v = OrbitsDerivatives.eccentricAnomaly(DualVector.variable(m, 0, 2), DualVector.variable(e, 1, 2));
        Check.close("DualVector ∂M " + at, v.tangent(0), expected[0], 1e-12);
        Check.close("DualVector ∂e " + at, v.tangent(1), expected[1], 1e-12);
        Check.close("jvp " + at, OrbitsDerivatives.eccentricAnomalyJvp(m, e, 2.0, -1.0).tangent(),
            2.0 * expected[0] - expected[1], 1e-12);
      }
    }
  }

  @Test
  void trueAnomalyDerivatives() {
    for (double e : new double[] {0.01, 0.1, 0.6, 0.9}) {
      for (double m : new double[] {-2.0, 0.3, 1.5, 3.0}) {
        String at = "M = " + m + ", e = " + e;
        double nu = Orbits.trueAnomaly(m, e);
        double oneMinusE2 = 1.0 - e * e;
        // dν/dM = (1 + e cos ν)² / (1 − e²)^{3/2}; dν/de = sin ν (2 + e cos ν) / (1 − e²)
        double[] expected = {
          Math.pow(1.0 + e * Math.cos(nu), 2) / Math.pow(oneMinusE2, 1.5),
          Math.sin(nu) * (2.0 + e * Math.cos(nu)) / oneMinusE2
        };
        Oracles.close("gradient " + at, OrbitsDerivatives.trueAnomalyGradient(m, e), expected, 1e-12);
        Oracles.close("reverse " + at, OrbitsDerivatives.trueAnomalyGradientReverse(m, e), expected, 1e-12);
        Oracles.close("Richardson " + at, expected,
            Oracles.gradient(x -> Orbits.trueAnomaly(x[0], x[1]), new double[] {m, e}, 1e-3), 1e-8);
      }
    }
  }

  private static final double MU = 3.986004418e14;
  private static final double[][] ELEMENTS = {
    {7.0e6, 0.01, 0.9, 0.3, 1.2, 0.4},
    {2.6e7, 0.74, 1.1, -2.0, 4.9, 3.1415},
    {4.2e7, 0.02, 0.0, 0.0, 0.0, 2.0},
    {1.0e7, 0.85, 0.2, 1.0, -0.5, -3.0}
  };

  @Test
  void cartesianJacobianMatchesRichardsonAndEveryForm() {
    Workspace work = new Workspace();
    for (double[] el : ELEMENTS) {
      String at = "elements " + java.util.Arrays.toString(el);
      double[][] jac = OrbitsDerivatives.cartesianJacobian(el, MU);
      double[][] rich = Oracles.jacobian(x -> Orbits.cartesian(x, MU), el, 1e-3);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          // columns differ in scale by 1e7 (a in metres): compare relative to the row's size
          double scale = Math.abs(rich[i][0]) * el[0] + Math.abs(rich[i][5]) + 1e-300;
          Check.close("∂state[" + i + "]/∂el[" + j + "] " + at, jac[i][j] / scale, rich[i][j] / scale, 1e-7);
        }
      }
      double[][] reverse = OrbitsDerivatives.cartesianJacobianReverse(el, MU);
      for (int i = 0; i < 6; i++) {
        double scale = Math.abs(rich[i][0]) * el[0] + Math.abs(rich[i][5]) + 1e-300;
        for (int j = 0; j < 6; j++) {
          Check.close("reverse ∂state[" + i + "]/∂el[" + j + "] " + at, reverse[i][j] / scale, jac[i][j] / scale, 1e-13);
        }
      }
      double[][] out = new double[6][6];
      double[] state = OrbitsDerivatives.cartesianJacobian(el, MU, out, work);
      Oracles.close("value " + at, state, Orbits.cartesian(el, MU), 0.0);
      Oracles.close("workspace form " + at, out, jac, 0.0);
      double[] dir = {1e5, 0.01, -0.2, 0.3, 0.1, -1.0};
      double[] jvp = OrbitsDerivatives.cartesianJvp(el, MU, dir);
      Dual[] duals = OrbitsDerivatives.cartesian(org.dualj.runtime.Duals.pack(el, dir), MU);
      for (int i = 0; i < 6; i++) {
        double expected = 0.0;
        for (int j = 0; j < 6; j++) {
          expected += jac[i][j] * dir[j];
        }
        Check.close("jvp " + i + " " + at, jvp[i] / (1 + Math.abs(state[i])), expected / (1 + Math.abs(state[i])), 1e-13);
        Check.close("Dual[] " + i + " " + at, duals[i].tangent(), jvp[i], 1e-13);
      }
    }
  }

  @Test
  void stateJacobianConservesEnergyAndAngularMomentumAnalytically() {
    double[][] circularToo = java.util.Arrays.copyOf(ELEMENTS, ELEMENTS.length + 1);
    circularToo[ELEMENTS.length] = new double[] {4.2e7, 0.0, 0.0, 0.0, 0.0, 2.0};
    for (double[] el : circularToo) {
      String at = "elements " + java.util.Arrays.toString(el);
      double[] s = Orbits.cartesian(el, MU);
      double[][] jac = OrbitsDerivatives.cartesianJacobian(el, MU);
      double r = Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
      double[] h = {s[1] * s[5] - s[2] * s[4], s[2] * s[3] - s[0] * s[5], s[0] * s[4] - s[1] * s[3]};
      double hNorm = Math.sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
      for (int j = 0; j < 6; j++) {
        // energy v²/2 − μ/r = −μ/(2a): ∂/∂a = μ/(2a²), 0 for every other element
        double dEnergy = 0.0;
        for (int k = 0; k < 3; k++) {
          dEnergy += s[k + 3] * jac[k + 3][j] + MU / (r * r * r) * s[k] * jac[k][j];
        }
        double expectedEnergy = j == 0 ? MU / (2 * el[0] * el[0]) : 0.0;
        Check.close("∂energy/∂el[" + j + "] " + at, dEnergy / (MU / el[0]), expectedEnergy / (MU / el[0]), 1e-10);
        // |h| = √(μ a (1 − e²)): ∂/∂a = |h|/(2a), ∂/∂e = −μ a e/|h|, 0 for the angles
        double dh = 0.0;
        double[] dr = {jac[0][j], jac[1][j], jac[2][j]};
        double[] dv = {jac[3][j], jac[4][j], jac[5][j]};
        double[] dhVec = {
          dr[1] * s[5] + s[1] * dv[2] - dr[2] * s[4] - s[2] * dv[1],
          dr[2] * s[3] + s[2] * dv[0] - dr[0] * s[5] - s[0] * dv[2],
          dr[0] * s[4] + s[0] * dv[1] - dr[1] * s[3] - s[1] * dv[0]
        };
        for (int k = 0; k < 3; k++) {
          dh += h[k] * dhVec[k] / hNorm;
        }
        double expectedH = j == 0 ? hNorm / (2 * el[0]) : j == 1 ? -MU * el[0] * el[1] / hNorm : 0.0;
        Check.close("∂|h|/∂el[" + j + "] " + at, dh / hNorm, expectedH / hNorm, 1e-10);
      }
    }
  }

  @Test
  void argumentChecksThrowFromEveryEntryPoint() {
    for (double e : new double[] {1.0, -0.1, Double.NaN}) {
      if (Double.isNaN(e)) {
        continue; // NaN passes the check (comparisons are false) in the primal too
      }
      Oracles.throwsLikePrimal("e = " + e,
          () -> Orbits.eccentricAnomaly(0.3, e),
          () -> OrbitsDerivatives.eccentricAnomalyGradient(0.3, e),
          () -> OrbitsDerivatives.eccentricAnomalyGradientReverse(0.3, e),
          () -> OrbitsDerivatives.trueAnomaly(Dual.variable(0.3), Dual.constant(e)),
          () -> OrbitsDerivatives.cartesianJacobian(new double[] {1e7, e, 0, 0, 0, 0}, MU));
    }
    Oracles.throwsLikePrimal("five elements",
        () -> Orbits.cartesian(new double[5], MU),
        () -> OrbitsDerivatives.cartesianJacobian(new double[5], MU),
        () -> OrbitsDerivatives.cartesianJvp(new double[5], MU, new double[5]));
    Oracles.throwsLikePrimal("a < 0",
        () -> Orbits.cartesian(new double[] {-1, 0.1, 0, 0, 0, 0}, MU),
        () -> OrbitsDerivatives.cartesianJacobian(new double[] {-1, 0.1, 0, 0, 0, 0}, MU));
  }
}
