package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The reaction–diffusion right-hand side over {@code double[][]} state: its Jacobian is the
 * five-point Laplacian plus diag(r(1 − 2u)), exactly, in forward and reverse mode and as VJPs
 * and JVPs; the energy after explicit Euler steps (the state summed into after the right-hand
 * side read it) against Richardson differences, forward against reverse.
 */
class ReactionDiffusionTest {
  private static final double[][] U = {
    {0.1, 0.4, 0.9, 0.3}, {0.0, 0.7, 1.0, 0.2}, {0.5, 0.25, 0.6, 0.8}
  };
  private static final double D = 0.3;
  private static final double R = 1.7;
  private static final double H = 0.5;

  private static double[][] expectedJacobian() {
    int m = U.length;
    int n = U[0].length;
    double scale = D / (H * H);
    double[][] j = new double[m * n][m * n];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < n; k++) {
        int row = i * n + k;
        j[row][row] = -4.0 * scale + R * (1.0 - 2.0 * U[i][k]);
        if (k > 0) {
          j[row][row - 1] = scale;
        }
        if (k + 1 < n) {
          j[row][row + 1] = scale;
        }
        if (i > 0) {
          j[row][row - n] = scale;
        }
        if (i + 1 < m) {
          j[row][row + n] = scale;
        }
      }
    }
    return j;
  }

  @Test
  void rightHandSideJacobianIsLaplacianPlusReaction() {
    double[][] expected = expectedJacobian();
    Oracles.close("Jacobian", ReactionDiffusionDerivatives.rightHandSideJacobian(U, D, R, H), expected, 1e-14);
    Oracles.close("reverse Jacobian", ReactionDiffusionDerivatives.rightHandSideJacobianReverse(U, D, R, H), expected, 1e-14);
    double[][] out = new double[12][12];
    double[] value = ReactionDiffusionDerivatives.rightHandSideJacobian(U, D, R, H, out, new Workspace());
    Oracles.close("value", value, ReactionDiffusion.rightHandSide(U, D, R, H), 0.0);
    Oracles.close("workspace Jacobian", out, expected, 1e-14);
    double[] ybar = new double[12];
    double[][] v = new double[3][4];
    for (int k = 0; k < 12; k++) {
      ybar[k] = Math.cos(k);
      v[k / 4][k % 4] = Math.sin(0.7 * k);
    }
    double[] vjp = ReactionDiffusionDerivatives.rightHandSideVjp(U, D, R, H, ybar);
    double[] jvp = ReactionDiffusionDerivatives.rightHandSideJvp(U, D, R, H, v);
    double[] flatV = Oracles.flatten(v);
    double lhs = 0.0;
    double rhs = 0.0;
    for (int k = 0; k < 12; k++) {
      double e = 0.0;
      double f = 0.0;
      for (int l = 0; l < 12; l++) {
        e += ybar[l] * expected[l][k];
        f += expected[k][l] * flatV[l];
      }
      Check.close("vjp " + k, vjp[k], e, 1e-14);
      Check.close("jvp " + k, jvp[k], f, 1e-14);
      lhs += ybar[k] * jvp[k];
      rhs += vjp[k] * flatV[k];
    }
    Check.close("ȳᵀ(J·v) = (ȳᵀJ)·v", lhs, rhs, 1e-14);
  }

  @Test
  void energyGradientAfterEulerSteps() {
    Workspace work = new Workspace();
    double[] flat = Oracles.flatten(U);
    for (int steps : new int[] {0, 1, 5}) {
      double[] rich = Oracles.gradient(
          x -> ReactionDiffusion.energyAfter(Oracles.unflatten(x, U), D, R, H, 0.05, steps), flat, 1e-3);
      double[] fwd = new double[12];
      ReactionDiffusionDerivatives.energyAfterGradientForward(U, D, R, H, 0.05, steps, fwd, work);
      Oracles.close("forward, " + steps + " steps", fwd, rich, 1e-8);
      double[] rev = new double[12];
      double value = ReactionDiffusionDerivatives.energyAfterGradientReverse(U, D, R, H, 0.05, steps, rev, work);
      Check.close("value, " + steps + " steps", value, ReactionDiffusion.energyAfter(U, D, R, H, 0.05, steps), 0.0);
      Oracles.close("reverse, " + steps + " steps", rev, fwd, 1e-13);
      Oracles.close("automatic, " + steps + " steps",
          ReactionDiffusionDerivatives.energyAfterGradient(U, D, R, H, 0.05, steps), fwd, 1e-13);
    }
    Oracles.close("state unchanged", Oracles.flatten(U), flat, 0.0);
  }

  @Test
  void raggedGridThrowsFromEveryEntryPoint() {
    double[][] ragged = {{0.1, 0.2}, {0.3}};
    Oracles.throwsLikePrimal("ragged",
        () -> ReactionDiffusion.rightHandSide(ragged, D, R, H),
        () -> ReactionDiffusionDerivatives.rightHandSideJacobian(ragged, D, R, H),
        () -> ReactionDiffusionDerivatives.rightHandSideJacobianReverse(ragged, D, R, H),
        () -> ReactionDiffusionDerivatives.rightHandSideVjp(ragged, D, R, H, new double[3]));
  }
}
