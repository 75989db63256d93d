package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.Workspace;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The damped Gauss–Newton step over a {@code double[][]} Jacobian and a Cholesky solve: its
 * Jacobian with respect to the parameters against Richardson differences, and at a zero-residual
 * solution against the closed form I − (JᵀJ + λ diag JᵀJ)⁻¹ JᵀJ (computed with Hipparchus's LU);
 * the cost's gradient −Jᵀr and its Hessian, JᵀJ at zero residual.
 */
class GaussNewtonTest {
  private static final double[] T = {0.0, 0.3, 0.7, 1.1, 1.8, 2.5, 3.3, 4.0};
  private static final double[] TRUE = {2.0, 0.8, 0.5};

  private static double[] data(double[] p, double noise) {
    double[] y = new double[T.length];
    for (int i = 0; i < T.length; i++) {
      y[i] = p[0] * Math.exp(-p[1] * T[i]) + p[2] + noise * Math.sin(7.0 * i);
    }
    return y;
  }

  private static double[][] modelJacobian(double[] p) {
    double[][] j = new double[T.length][3];
    for (int i = 0; i < T.length; i++) {
      double e = Math.exp(-p[1] * T[i]);
      j[i] = new double[] {e, -p[0] * T[i] * e, 1.0};
    }
    return j;
  }

  @Test
  void stepJacobianMatchesRichardsonAwayFromTheSolution() {
    double[] y = data(TRUE, 0.05);
    Workspace work = new Workspace();
    for (double lambda : new double[] {0.0, 1e-3, 0.5}) {
      for (double[] p : new double[][] {{1.5, 1.0, 0.2}, {2.2, 0.6, 0.6}, {0.5, 2.0, 1.0}}) {
        String at = "λ = " + lambda + ", p = " + java.util.Arrays.toString(p);
        double[] copy = p.clone();
        double[][] jac = GaussNewtonDerivatives.stepJacobian(p, T, y, lambda);
        Oracles.close("params unchanged " + at, p, copy, 0.0);
        double[][] rich = Oracles.jacobian(q -> GaussNewton.step(q, T, y, lambda), p, 1e-3);
        Oracles.close("step Jacobian " + at, jac, rich, 1e-7);
        double[][] rev = GaussNewtonDerivatives.stepJacobianReverse(p, T, y, lambda);
        Oracles.close("reverse Jacobian " + at, rev, jac, 1e-12);
        double[][] out = new double[3][3];
        double[] next = GaussNewtonDerivatives.stepJacobian(p, T, y, lambda, out, work);
        Oracles.close("value " + at, next, GaussNewton.step(p, T, y, lambda), 0.0);
        Oracles.close("workspace Jacobian " + at, out, jac, 0.0);
        double[] ybar = {1.0, -2.0, 0.5};
        double[] v = {0.3, 0.1, -0.7};
        double[] vjp = GaussNewtonDerivatives.stepVjp(p, T, y, lambda, ybar);
        double[] jvp = GaussNewtonDerivatives.stepJvp(p, T, y, lambda, v);
        double lhs = 0.0;
        double rhs = 0.0;
        for (int i = 0; i < 3; i++) {
          lhs += ybar[i] * jvp[i];
          rhs += vjp[i] * v[i];
          double e = 0.0;
          for (int j = 0; j < 3; j++) {
            e += ybar[j] * jac[j][i];
          }
          Check.close("vjp " + i + " " + at, vjp[i], e, 1e-12);
        }
        Check.close("ȳᵀ(J·v) = (ȳᵀJ)·v " + at, lhs, rhs, 1e-12);
      }
    }
  }

  @Test
  void stepJacobianAtAZeroResidualSolutionIsTheClosedForm() {
    double[] y = data(TRUE, 0.0);
    RealMatrix j = new Array2DRowRealMatrix(modelJacobian(TRUE));
    RealMatrix jtj = j.transpose().multiply(j);
    for (double lambda : new double[] {0.0, 0.1, 2.0}) {
      RealMatrix a = jtj.copy();
      for (int k = 0; k < 3; k++) {
        a.setEntry(k, k, jtj.getEntry(k, k) * (1.0 + lambda));
      }
      RealMatrix expected = new LUDecomposition(a).getSolver().solve(jtj).scalarMultiply(-1.0);
      for (int k = 0; k < 3; k++) {
        expected.addToEntry(k, k, 1.0);
      }
      Oracles.close("∂step/∂p at the solution, λ = " + lambda,
          GaussNewtonDerivatives.stepJacobian(TRUE, T, y, lambda), expected.getData(), 1e-12);
    }
  }

  @Test
  void costGradientAndHessian() {
    Workspace work = new Workspace();
    for (double noise : new double[] {0.0, 0.1}) {
      double[] y = data(TRUE, noise);
      for (double[] p : new double[][] {TRUE, {1.5, 1.0, 0.2}}) {
        String at = "noise " + noise + ", p = " + java.util.Arrays.toString(p);
        double[][] jm = modelJacobian(p);
        double[] expected = new double[3];
        for (int i = 0; i < T.length; i++) {
          double r = y[i] - (p[0] * Math.exp(-p[1] * T[i]) + p[2]);
          for (int k = 0; k < 3; k++) {
            expected[k] -= jm[i][k] * r;
          }
        }
        Oracles.close("gradient −Jᵀr " + at, GaussNewtonDerivatives.costGradient(p, T, y), expected, 1e-12);
        Oracles.close("reverse " + at, GaussNewtonDerivatives.costGradientReverse(p, T, y), expected, 1e-12);
        double[] g = new double[3];
        double[][] h = new double[3][3];
        GaussNewtonDerivatives.costHessian(p, T, y, g, h, work);
        Oracles.close("Hessian's gradient " + at, g, expected, 1e-12);
        double[][] rich = Oracles.jacobian(q -> GaussNewtonDerivatives.costGradient(q, T, y), p, 1e-3);
        Oracles.close("Hessian vs Richardson " + at, h, rich, 1e-7);
        if (noise == 0.0 && p == TRUE) {
          RealMatrix j = new Array2DRowRealMatrix(jm);
          Oracles.close("Hessian = JᵀJ at zero residual", h, j.transpose().multiply(j).getData(), 1e-12);
        }
        double[] v = {1.0, -1.0, 0.5};
        double[] hv = GaussNewtonDerivatives.costHessianVector(p, T, y, v);
        double[] hvRev = GaussNewtonDerivatives.costHessianVectorReverse(p, T, y, v);
        for (int i = 0; i < 3; i++) {
          double e = h[i][0] * v[0] + h[i][1] * v[1] + h[i][2] * v[2];
          Check.close("H·v " + i + " " + at, hv[i], e, 1e-12);
          Check.close("H·v reverse " + i + " " + at, hvRev[i], e, 1e-12);
        }
      }
    }
  }

  @Test
  void failuresThrowFromEveryEntryPoint() {
    double[] y = data(TRUE, 0.0);
    double[] flat = {0.0, 1.0, 0.0};
    Oracles.throwsLikePrimal("singular normal matrix",
        () -> GaussNewton.step(flat, T, y, 0.1),
        () -> GaussNewtonDerivatives.stepJacobian(flat, T, y, 0.1),
        () -> GaussNewtonDerivatives.stepJacobianReverse(flat, T, y, 0.1),
        () -> GaussNewtonDerivatives.stepVjp(flat, T, y, 0.1, new double[3]),
        () -> GaussNewtonDerivatives.stepJvp(flat, T, y, 0.1, new double[3]));
    Oracles.throwsLikePrimal("lengths differ",
        () -> GaussNewton.step(TRUE, T, new double[3], 0.1),
        () -> GaussNewtonDerivatives.stepJacobian(TRUE, T, new double[3], 0.1),
        () -> GaussNewtonDerivatives.stepVjp(TRUE, T, new double[3], 0.1, new double[3]));
  }
}
