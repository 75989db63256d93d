package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Derivatives through user tangent rules ({@code @TangentRule}): Hipparchus's erf, a function
 * of a library the processor never reads ({@link ErfRules}), and Kepler's equation, an iterative
 * solver whose derivative the rules give by the implicit-function theorem ({@link Kepler}).
 *
 * <p>Oracles share no code with the generator or the rules: closed-form derivatives of the
 * normal distribution, Newton's iteration run in Hipparchus {@link Gradient} arithmetic (which
 * differentiates the iterations themselves), and Richardson-extrapolated central differences of
 * the original methods. Scalar, gradient/Jacobian (lane) and Jvp forms agree bit for bit.
 */
class TangentRulesTest {

  private static final double[][] NORMAL_POINTS = {
    {0.3, 0.0, 1.0}, {-1.7, 0.4, 0.8}, {2.2, 1.0, 2.5}, {-4.0, 0.5, 1.2}, {0.9, 0.9, 0.3},
  };

  /** φ(z), the standard normal density, written out. */
  private static double pdf(double z) {
    return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }

  // ---------------------------------------------------------------- erf from a library

  @Test
  void normalCdfScalarTangentsMatchTheDensity() {
    for (double[] p : NORMAL_POINTS) {
      double x = p[0];
      double mu = p[1];
      double sigma = p[2];
      double z = (x - mu) / sigma;
      Dual alongX = GaussiansDerivatives.normalCdf(Dual.variable(x), Dual.constant(mu), Dual.constant(sigma));
      assertThat(alongX.value()).isEqualTo(Gaussians.normalCdf(x, mu, sigma));
      Check.close("dΦ/dx at " + x, alongX.tangent(), pdf(z) / sigma, Check.EXACT);
      Check.close(
          "dΦ/dx vs Richardson at " + x,
          alongX.tangent(),
          Richardson.derivative(t -> Gaussians.normalCdf(t, mu, sigma), x),
          Check.FINITE_DIFFERENCE);
      Dual alongSigma =
          GaussiansDerivatives.normalCdf(Dual.constant(x), Dual.constant(mu), Dual.variable(sigma));
      Check.close("dΦ/dσ at " + x, alongSigma.tangent(), -pdf(z) * z / sigma, Check.EXACT);
    }
  }

  @Test
  void normalCdfGradientLanesAndJvpAgreeWithScalar() {
    for (double[] p : NORMAL_POINTS) {
      double z = (p[0] - p[1]) / p[2];
      double[] gradient = GaussiansDerivatives.normalCdfGradient(p[0], p[1], p[2]);
      double[] expected = {pdf(z) / p[2], -pdf(z) / p[2], -pdf(z) * z / p[2]};
      for (int j = 0; j < 3; j++) {
        Check.close("∂Φ/∂x" + j, gradient[j], expected[j], Check.EXACT);
        Dual scalar = GaussiansDerivatives.normalCdf(seed(p, 0, j), seed(p, 1, j), seed(p, 2, j));
        assertWithMessage("lane vs scalar, column %s", j).that(gradient[j]).isEqualTo(scalar.tangent());
      }
      double[] v = {0.3, -1.1, 0.7};
      Dual jvp = GaussiansDerivatives.normalCdfJvp(p[0], p[1], p[2], v[0], v[1], v[2]);
      Dual scalar =
          GaussiansDerivatives.normalCdf(Dual.of(p[0], v[0]), Dual.of(p[1], v[1]), Dual.of(p[2], v[2]));
      assertThat(jvp.value()).isEqualTo(scalar.value());
      assertThat(jvp.tangent()).isEqualTo(scalar.tangent());
      Check.close("Jvp", jvp.tangent(), expected[0] * v[0] + expected[1] * v[1] + expected[2] * v[2], Check.EXACT);
    }
  }

  /** The two-argument erf has one rule per argument; both are used in one call. */
  @Test
  void binProbabilitiesJacobianMatchesClosedFormAndDifferences() {
    double[] edges = {-3.0, -1.0, -0.2, 0.5, 1.4, 4.0};
    for (double[] ms : new double[][] {{0.0, 1.0}, {0.4, 0.7}, {-1.2, 2.3}}) {
      double mu = ms[0];
      double sigma = ms[1];
      double[][] jac = GaussiansDerivatives.binProbabilitiesJacobian(mu, sigma, edges);
      assertThat(jac.length).isEqualTo(edges.length - 1);
      double[][] expected = new double[edges.length - 1][2];
      for (int i = 0; i < edges.length - 1; i++) {
        double za = (edges[i] - mu) / sigma;
        double zb = (edges[i + 1] - mu) / sigma;
        expected[i][0] = (pdf(za) - pdf(zb)) / sigma;
        expected[i][1] = (za * pdf(za) - zb * pdf(zb)) / sigma;
      }
      Jacobians.assertClose("bins vs closed form", jac, expected, Check.EXACT);
      Jacobians.assertClose(
          "bins vs Richardson",
          jac,
          Jacobians.richardson(x -> Gaussians.binProbabilities(x[0], x[1], edges), ms, 0.05),
          Check.FINITE_DIFFERENCE);
      for (int j = 0; j < 2; j++) {
        Dual[] scalar =
            GaussiansDerivatives.binProbabilities(
                Dual.of(mu, j == 0 ? 1 : 0), Dual.of(sigma, j == 1 ? 1 : 0), edges);
        for (int i = 0; i < scalar.length; i++) {
          assertWithMessage("lane vs scalar [%s][%s]", i, j).that(jac[i][j]).isEqualTo(scalar[i].tangent());
        }
      }
    }
  }

  /** A rule used inside a loop, through a @Differentiable callee that uses it. */
  @Test
  void logCdfSumGradientMatchesClosedForm() {
    double[] xs = {-2.0, -0.3, 0.1, 0.8, 1.9, 3.5};
    for (double[] ms : new double[][] {{0.0, 1.0}, {0.6, 1.7}}) {
      double[] g = GaussiansDerivatives.logCdfSumGradient(ms[0], ms[1], xs);
      double dMu = 0.0;
      double dSigma = 0.0;
      for (double x : xs) {
        double z = (x - ms[0]) / ms[1];
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2.0));
        dMu += -pdf(z) / (ms[1] * cdf);
        dSigma += -pdf(z) * z / (ms[1] * cdf);
      }
      Check.close("d/dμ", g[0], dMu, Check.EXACT);
      Check.close("d/dσ", g[1], dSigma, Check.EXACT);
    }
  }

  // ---------------------------------------------------------------- Kepler's equation

  /** (a, e, M): circular-ish to highly eccentric orbits, all quadrants. */
  private static final double[][] ORBITS = {
    {1.0, 0.1, 0.5}, {2.5, 0.6, 2.0}, {0.7, 0.9, -1.2}, {1.3, 0.3, 4.0}, {4.0, 0.75, 0.05},
  };

  /** Newton's iteration for E in Hipparchus arithmetic, differentiating the iterations. */
  private static Gradient anomalyHipparchus(Gradient m, Gradient e) {
    Gradient big = e.getValue() < 0.8 ? m : m.newInstance(Math.PI);
    for (int i = 0; i < 60; i++) {
      Gradient f = big.subtract(e.multiply(big.sin())).subtract(m);
      big = big.subtract(f.divide(e.multiply(big.cos()).negate().add(1.0)));
    }
    return big;
  }

  private static Gradient[] positionHipparchus(double[] v) {
    Gradient[] g = Jacobians.variables(v);
    Gradient a = g[0];
    Gradient e = g[1];
    Gradient big = anomalyHipparchus(g[2], e);
    Gradient x = a.multiply(big.cos().subtract(e));
    Gradient y = a.multiply(e.multiply(e).negate().add(1.0).sqrt()).multiply(big.sin());
    return new Gradient[] {x, y};
  }

  /**
   * The solver's own derivative comes from its rules, not from its body: the tangent along M is
   * exactly 1/(1 − e·cos E) at the returned E, and agrees with differentiating converged Newton
   * iterations and with differences of the solver.
   */
  @Test
  void eccentricAnomalyTangentIsTheImplicitDerivative() {
    for (double[] o : ORBITS) {
      double e = o[1];
      double m = o[2];
      Dual alongM = KeplerDerivatives.eccentricAnomaly(Dual.variable(m), Dual.constant(e));
      double big = Kepler.eccentricAnomaly(m, e);
      assertThat(alongM.value()).isEqualTo(big);
      assertThat(Math.abs(big - e * Math.sin(big) - m)).isLessThan(1e-14);
      assertThat(alongM.tangent()).isEqualTo(1.0 / (1.0 - e * Math.cos(big)));
      Dual alongE = KeplerDerivatives.eccentricAnomaly(Dual.constant(m), Dual.variable(e));
      assertThat(alongE.tangent()).isEqualTo(Math.sin(big) / (1.0 - e * Math.cos(big)));

      Gradient oracle =
          anomalyHipparchus(Gradient.variable(2, 0, m), Gradient.variable(2, 1, e));
      double[] gradient = KeplerDerivatives.eccentricAnomalyGradient(m, e);
      Check.close("dE/dM vs Hipparchus", gradient[0], oracle.getGradient()[0], Check.EXACT);
      Check.close("dE/de vs Hipparchus", gradient[1], oracle.getGradient()[1], Check.EXACT);
      Check.close(
          "dE/dM vs Richardson",
          gradient[0],
          Richardson.derivative(t -> Kepler.eccentricAnomaly(t, e), m, 0.01),
          Check.FINITE_DIFFERENCE);
      Check.close(
          "dE/de vs Richardson",
          gradient[1],
          Richardson.derivative(t -> Kepler.eccentricAnomaly(m, t), e, 0.01),
          Check.FINITE_DIFFERENCE);
      assertThat(gradient[0]).isEqualTo(alongM.tangent());
      assertThat(gradient[1]).isEqualTo(alongE.tangent());
    }
  }

  /** A caller of the solver: Jacobian (lanes), scalar and Jvp against the oracles and each other. */
  @Test
  void positionJacobianMatchesHipparchusAndDifferences() {
    for (double[] o : ORBITS) {
      double[][] jac = KeplerDerivatives.positionJacobian(o[0], o[1], o[2]);
      Jacobians.assertClose("position vs Hipparchus", jac, Jacobians.of(positionHipparchus(o)), Check.EXACT);
      Jacobians.assertClose(
          "position vs Richardson",
          jac,
          Jacobians.richardson(x -> Kepler.position(x[0], x[1], x[2]), o, 0.01),
          Check.FINITE_DIFFERENCE);
      for (int j = 0; j < 3; j++) {
        Dual[] scalar = KeplerDerivatives.position(seed(o, 0, j), seed(o, 1, j), seed(o, 2, j));
        assertThat(scalar[0].value()).isEqualTo(Kepler.position(o[0], o[1], o[2])[0]);
        for (int i = 0; i < 2; i++) {
          assertWithMessage("lane vs scalar [%s][%s]", i, j).that(jac[i][j]).isEqualTo(scalar[i].tangent());
        }
      }
      double[] v = {0.2, -0.05, 1.5};
      double[] jvp = KeplerDerivatives.positionJvp(o[0], o[1], o[2], v[0], v[1], v[2]);
      Dual[] scalar =
          KeplerDerivatives.position(Dual.of(o[0], v[0]), Dual.of(o[1], v[1]), Dual.of(o[2], v[2]));
      for (int i = 0; i < 2; i++) {
        assertThat(jvp[i]).isEqualTo(scalar[i].tangent());
        Check.close("J·v", jvp[i], jac[i][0] * v[0] + jac[i][1] * v[1] + jac[i][2] * v[2], 1e-13);
      }
    }
  }

  /** Input i of point p, seeded with tangent 1 when i is the column j. */
  private static Dual seed(double[] p, int i, int j) {
    return Dual.of(p[i], i == j ? 1.0 : 0.0);
  }
}
