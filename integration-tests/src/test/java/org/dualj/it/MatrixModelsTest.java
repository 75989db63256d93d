package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * {@code double[][]} results and void methods writing their output (issue #11): Jacobians whose
 * rows follow the result's elements row by row, against analytic formulas and Richardson
 * differences at several points; callers differentiating through them; an ODE right-hand side
 * {@code rhs(t, y, dydt)} and a Runge–Kutta step through it and a private {@code axpy}.
 */
class MatrixModelsTest {
  private static final double L1 = 1.25;
  private static final double L2 = 0.8;
  private static final double[][] ANGLES = {{0.3, 1.1}, {-2.0, 0.4}, {1.7, -2.6}};

  @Test
  void armJacobianRowsAreTheSecondDerivativesOfTheArm() {
    for (double[] th : ANGLES) {
      double[][] d = MatrixModelsDerivatives.armJacobianJacobian(th);
      assertThat(d.length).isEqualTo(4);
      double s1 = Math.sin(th[0]);
      double c1 = Math.cos(th[0]);
      double s12 = Math.sin(th[0] + th[1]);
      double c12 = Math.cos(th[0] + th[1]);
      // rows: J00, J01, J10, J11; columns: theta0, theta1
      double[][] expected = {
        {-L1 * c1 - L2 * c12, -L2 * c12},
        {-L2 * c12, -L2 * c12},
        {-L1 * s1 - L2 * s12, -L2 * s12},
        {-L2 * s12, -L2 * s12}
      };
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 2; c++) {
          Check.close("d J[" + r + "] / d theta" + c, d[r][c], expected[r][c], Check.EXACT);
          final int row = r;
          final int col = c;
          double rich = Richardson.derivative(
              t -> {
                double[] x = th.clone();
                x[col] += t;
                return MatrixModels.armJacobian(x)[row / 2][row % 2];
              },
              0.0);
          Check.close("Richardson d J[" + r + "] / d theta" + c, d[r][c], rich, Check.FINITE_DIFFERENCE);
        }
      }
    }
  }

  @Test
  void manipulabilityGradientAndHessianGoThroughTheMatrixResult() {
    for (double[] th : ANGLES) {
      // |det J| = L1 L2 |sin θ1|
      double sign = Math.signum(Math.sin(th[1]));
      double[] g = MatrixModelsDerivatives.manipulabilityGradient(th);
      Check.close("d/dθ0", g[0], 0.0, Check.EXACT);
      Check.close("d/dθ1", g[1], sign * L1 * L2 * Math.cos(th[1]), Check.EXACT);
      double[][] h = MatrixModelsDerivatives.manipulabilityHessian(th);
      Check.close("d²/dθ1²", h[1][1], -sign * L1 * L2 * Math.sin(th[1]), Check.EXACT);
      Check.close("d²/dθ0dθ1", h[0][1], 0.0, Check.EXACT);
      Check.close("d²/dθ0²", h[0][0], 0.0, Check.EXACT);
    }
    assertThrows(
        IllegalArgumentException.class, () -> MatrixModelsDerivatives.armJacobian(new Dual[] {Dual.variable(1)}));
  }

  @Test
  void covarianceJacobianAgreesWithCentralDifferences() {
    double[][] samples = {{1.0, 2.5, -0.3}, {0.4, 1.9, 0.8}, {-1.2, 3.3, 0.1}, {0.7, 2.2, -0.9}};
    double[][] jac = MatrixModelsDerivatives.covarianceJacobian(samples);
    assertThat(jac.length).isEqualTo(9);
    assertThat(jac[0].length).isEqualTo(12);
    double[][] c = MatrixModels.covariance(samples);
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        for (int k = 0; k < 4; k++) {
          for (int e = 0; e < 3; e++) {
            final int fa = a;
            final int fb = b;
            final int fk = k;
            final int fe = e;
            double rich = Richardson.derivative(
                t -> {
                  double[][] x = new double[4][];
                  for (int i = 0; i < 4; i++) {
                    x[i] = samples[i].clone();
                  }
                  x[fk][fe] += t;
                  return MatrixModels.covariance(x)[fa][fb];
                },
                0.0);
            Check.close("dC[" + a + "][" + b + "]/dx[" + k + "][" + e + "]",
                jac[a * 3 + b][k * 3 + e], rich, Check.FINITE_DIFFERENCE);
          }
        }
        assertThat(c[a][b]).isEqualTo(c[b][a]);
      }
    }
  }

  @Test
  void raggedLowerTriangleJacobianHasOneRowPerElement() {
    double[] x = {0.3, -1.4, 2.0};
    double[][] jac = MatrixModelsDerivatives.lowerTriangleJacobian(x);
    // elements: [0][0] = x0, [1][0] = x1 x2, [1][1] = exp(x0)
    assertThat(jac.length).isEqualTo(3);
    double[][] expected = {{1, 0, 0}, {0, x[2], x[1]}, {Math.exp(x[0]), 0, 0}};
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        Check.close("row " + r + " column " + c, jac[r][c], expected[r][c], Check.EXACT);
      }
    }
    double[][] jv = MatrixModelsDerivatives.lowerTriangleJvp(x, new double[] {1, 2, 3});
    assertThat(jv[0].length).isEqualTo(1);
    Check.close("J·v [1][0]", jv[1][0], 2 * x[2] + 3 * x[1], Check.EXACT);
  }

  @Test
  void rhsUnboxedFormWritesValuesAndTangents() {
    double t = 0.7;
    double[] y = {10, 4};
    double[] dydt = new double[2];
    double[] dydtDot = new double[2];
    // the tangent along y0
    MatrixModelsDerivatives.rhs(t, 0.0, y, new double[] {1, 0}, dydt, dydtDot);
    double season = 1 + 0.1 * Math.sin(t);
    Check.close("dydt[0]", dydt[0], 1.1 * season * 10 - 0.4 * 10 * 4, Check.EXACT);
    Check.close("d dydt[0] / d y0", dydtDot[0], 1.1 * season - 0.4 * 4, Check.EXACT);
    Check.close("d dydt[1] / d y0", dydtDot[1], 0.1 * 4, Check.EXACT);
  }

  @Test
  void rungeKuttaStepThroughAVoidRhsAndAxpyMatchesCentralDifferences() {
    for (double[] y : new double[][] {{10, 4}, {3.5, 7.2}, {0.8, 0.3}}) {
      for (double h : new double[] {0.05, 0.2}) {
        double t = 0.4;
        double[][] jac = MatrixModelsDerivatives.rk4StepJacobian(t, h, y);
        double[] step = MatrixModels.rk4Step(t, h, y);
        for (int r = 0; r < 2; r++) {
          final int row = r;
          double dh = Richardson.derivative(s -> MatrixModels.rk4Step(t, s, y)[row], h, 0.01);
          Check.close("d y" + r + "/dh", jac[r][0], dh, Check.FINITE_DIFFERENCE);
          for (int c = 0; c < 2; c++) {
            final int col = c;
            double dy = Richardson.derivative(
                s -> {
                  double[] x = y.clone();
                  x[col] += s;
                  return MatrixModels.rk4Step(t, h, x)[row];
                },
                0.0);
            Check.close("d y" + r + "/d y0" + c, jac[r][1 + c], dy, Check.FINITE_DIFFERENCE);
          }
        }
        // the value is the primal's, and the caller's y is left as it was
        double[] before = y.clone();
        double[] value = MatrixModelsDerivatives.rk4StepJacobian(t, h, y, new double[2][3]);
        assertThat(value).usingExactEquality().containsExactly(step[0], step[1]).inOrder();
        assertThat(y).usingExactEquality().containsExactly(before[0], before[1]).inOrder();
      }
    }
  }
}
