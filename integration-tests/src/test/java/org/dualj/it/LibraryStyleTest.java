package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Numerical methods written the way library code is written, annotated without shaping their
 * bodies (issue #11): an orbit propagator over {@code FastMath} with {@code sinCos} and argument
 * checks, and an n-body right-hand side and potential over {@code double[][]} state with row
 * aliases and {@code System.arraycopy}. Derivatives against analytic formulas and
 * Richardson-extrapolated central differences at several points.
 */
class LibraryStyleTest {

  // ---- Kepler's equation, iterations differentiated ----

  @Test
  void eccentricAnomalyDerivativesAreTheImplicitFunctionDerivatives() {
    for (double e : new double[] {0.0, 0.1, 0.5, 0.85, 0.97}) {
      for (double m : new double[] {-2.5, -0.3, 0.4, 1.7, 3.0, 7.9}) {
        double big = KeplerOrbit.eccentricAnomaly(m, e);
        double slope = 1 - e * Math.cos(big);
        double[] g = KeplerOrbitDerivatives.eccentricAnomalyGradient(m, e);
        String at = "M = " + m + ", e = " + e;
        Check.close("dE/dM at " + at, g[0], 1 / slope, 1e-12);
        Check.close("dE/de at " + at, g[1], Math.sin(big) / slope, 1e-12);
        double[] reverse = KeplerOrbitDerivatives.eccentricAnomalyGradientReverse(m, e);
        Check.close("reverse dE/dM at " + at, reverse[0], g[0], 1e-13);
        Check.close("reverse dE/de at " + at, reverse[1], g[1], 1e-13);
        double rich = Richardson.derivative(x -> KeplerOrbit.eccentricAnomaly(x, e), m, 1e-2);
        Check.close("Richardson dE/dM at " + at, g[0], rich, 1e-8);
      }
    }
  }

  @Test
  void argumentChecksThrowFromEveryEntryPoint() {
    IllegalArgumentException primal =
        assertThrows(IllegalArgumentException.class, () -> KeplerOrbit.eccentricAnomaly(0.3, 1.0));
    IllegalArgumentException derived =
        assertThrows(
            IllegalArgumentException.class,
            () -> KeplerOrbitDerivatives.eccentricAnomalyGradient(0.3, 1.0));
    assertThat(derived).hasMessageThat().isEqualTo(primal.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KeplerOrbitDerivatives.eccentricAnomaly(Dual.variable(Double.NaN), Dual.constant(0.2)));
    assertThrows(
        IllegalArgumentException.class, () -> KeplerOrbitDerivatives.positionJacobian(-1.0, 0.2, 0.3));
  }

  @Test
  void positionJacobianFollowsTheChainRule() {
    for (double[] p : new double[][] {{1.0, 0.1, 0.5}, {7000.0, 0.6, 2.0}, {2.5, 0.9, -1.2}}) {
      double a = p[0];
      double e = p[1];
      double m = p[2];
      double big = KeplerOrbit.eccentricAnomaly(m, e);
      double slope = 1 - e * Math.cos(big);
      double dEdM = 1 / slope;
      double dEde = Math.sin(big) / slope;
      double root = Math.sqrt(1 - e * e);
      double[][] expected = {
        {Math.cos(big) - e, a * (-Math.sin(big) * dEde - 1), -a * Math.sin(big) * dEdM},
        {root * Math.sin(big), a * (-e / root * Math.sin(big) + root * Math.cos(big) * dEde),
          a * root * Math.cos(big) * dEdM}
      };
      double[][] jacobian = KeplerOrbitDerivatives.positionJacobian(a, e, m);
      double[][] reverse = KeplerOrbitDerivatives.positionJacobianReverse(a, e, m);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          String what = "dposition[" + i + "]/dp[" + j + "] at a = " + a + ", e = " + e;
          Check.close(what, jacobian[i][j], expected[i][j], 1e-12);
          Check.close("reverse " + what, reverse[i][j], jacobian[i][j], 1e-13);
        }
      }
    }
  }

  @Test
  void radiusGradientMatchesRichardsonAlongEveryInput() {
    double[] x = {1.3, 0.4, 0.2, 0.7, 2.5};
    double[] gradient = KeplerOrbitDerivatives.radiusGradient(x[0], x[1], x[2], x[3], x[4]);
    for (int j = 0; j < x.length; j++) {
      double[] unit = new double[x.length];
      unit[j] = 1;
      double rich =
          Richardson.directional(
              y -> KeplerOrbit.radius(y[0], y[1], y[2], y[3], y[4]), x, unit, 1e-2);
      Check.close("dr/dx" + j, gradient[j], rich, 1e-8);
    }
    // r = a(1 − e cos E): ∂r/∂a = 1 − e cos E exactly
    double big = KeplerOrbit.eccentricAnomaly(x[2] + x[3] * x[4], x[1]);
    Check.close("dr/da", gradient[0], 1 - x[1] * Math.cos(big), 1e-14);
  }

  // ---- n-body over double[][] ----

  private static final double[][] Q = {{0.0, 0.0, 0.1}, {1.0, 0.2, -0.3}, {-0.4, 0.9, 0.5}, {0.3, -0.8, 0.0}};
  private static final double[][] V = {{0.1, 0.0, 0.0}, {0.0, 0.5, 0.1}, {-0.3, 0.0, 0.2}, {0.0, 0.1, -0.4}};
  private static final double[] MASSES = {1.0, 0.5, 0.8, 0.3};

  @Test
  void potentialGradientIsMinusTheForces() {
    double[] acc = NBody.accelerations(Q, MASSES);
    double[] gradient = NBodyDerivatives.potentialGradient(Q, MASSES);
    int dim = Q[0].length;
    assertThat(gradient).hasLength(Q.length * dim + MASSES.length);
    for (int i = 0; i < Q.length; i++) {
      for (int k = 0; k < dim; k++) {
        // ∂U/∂q_ik = −m_i·a_ik (columns of a double[][] follow its elements row by row)
        Check.close("dU/dq[" + i + "][" + k + "]", gradient[i * dim + k], -MASSES[i] * acc[i * dim + k], 1e-13);
      }
    }
    for (int j = 0; j < MASSES.length; j++) {
      double[] m = MASSES.clone();
      int at = j;
      double rich =
          Richardson.derivative(
              t -> {
                m[at] = t;
                return NBody.potential(Q, m);
              },
              MASSES[j],
              0.05);
      Check.close("dU/dm" + j, gradient[Q.length * dim + j], rich, 1e-9);
    }
  }

  @Test
  void accelerationsJacobianMatchesRichardsonColumnByColumn() {
    double[][] jacobian = NBodyDerivatives.accelerationsJacobian(Q, MASSES);
    int dim = Q[0].length;
    int n = Q.length;
    assertThat(jacobian).hasLength(n * dim);
    for (int c = 0; c < n * dim + n; c++) {
      int column = c;
      for (int row = 0; row < n * dim; row++) {
        int out = row;
        double x0 = column < n * dim ? Q[column / dim][column % dim] : MASSES[column - n * dim];
        double rich =
            Richardson.derivative(
                t -> {
                  double[][] q = deepCopy(Q);
                  double[] m = MASSES.clone();
                  if (column < n * dim) {
                    q[column / dim][column % dim] = t;
                  } else {
                    m[column - n * dim] = t;
                  }
                  return NBody.accelerations(q, m)[out];
                },
                x0,
                0.02);
        Check.close("da[" + out + "]/dx[" + column + "]", jacobian[out][column], rich, 1e-8);
      }
    }
    // Newton's third law summed: Σ_i m_i a_i = 0 for all q, so Σ_i m_i ∂a_i/∂q = 0
    for (int column = 0; column < n * dim; column++) {
      for (int k = 0; k < dim; k++) {
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
          sum += MASSES[i] * jacobian[i * dim + k][column];
          scale = Math.max(scale, Math.abs(MASSES[i] * jacobian[i * dim + k][column]));
        }
        assertThat(Math.abs(sum)).isAtMost(1e-13 * Math.max(1, scale));
      }
    }
  }

  @Test
  void eulerStepJacobianHasTheBlockStructureOfTheStep() {
    double h = 0.01;
    int n = Q.length;
    int dim = Q[0].length;
    int size = n * dim;
    double[][] jacobian = NBodyDerivatives.eulerStepJacobian(Q, V, MASSES, h);
    double[][] da = NBodyDerivatives.accelerationsJacobian(Q, MASSES);
    assertThat(jacobian).hasLength(2 * size);
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double id = r == c ? 1.0 : 0.0;
        // q' = q + h v: [I, hI]; v' = v + h a(q): [h ∂a/∂q, I]
        assertThat(jacobian[r][c]).isEqualTo(id);
        assertThat(jacobian[r][size + c]).isEqualTo(h * id);
        Check.close("dv'/dq", jacobian[size + r][c], h * da[r][c], 1e-15);
        assertThat(jacobian[size + r][size + c]).isEqualTo(id);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> NBodyDerivatives.eulerStepJacobian(Q, V, new double[] {1.0}, h));
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
