package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.junit.jupiter.api.Test;

/**
 * Huber, pseudo-Huber and Tukey losses: gradients and Hessians against their piecewise closed
 * forms on both sides of, and exactly at, the switch |r| = δ (where the source's {@code <=}
 * picks the quadratic piece), and a straight-line fit's total Huber loss.
 */
class RobustLossTest {
  @Test
  void huberPiecesAndTheSwitch() {
    double delta = 1.5;
    for (double r : new double[] {-4.0, -1.5000001, -1.5, -1.4999999, -0.2, 0.0, 0.7, 1.5, 1.5000001, 9.0}) {
      String at = "r = " + r;
      boolean inside = Math.abs(r) <= delta;
      double[] gradient = inside ? new double[] {r, 0.0} : new double[] {delta * Math.signum(r), Math.abs(r) - delta};
      double[][] hessian = inside
          ? new double[][] {{1.0, 0.0}, {0.0, 0.0}}
          : new double[][] {{0.0, Math.signum(r)}, {Math.signum(r), -1.0}};
      Oracles.close("gradient " + at, RobustLossDerivatives.huberGradient(r, delta), gradient, 1e-15);
      Oracles.close("reverse " + at, RobustLossDerivatives.huberGradientReverse(r, delta), gradient, 1e-15);
      Oracles.close("Hessian " + at, RobustLossDerivatives.huberHessian(r, delta), hessian, 1e-15);
      Oracles.close("H·v " + at, RobustLossDerivatives.huberHessianVector(r, delta, 1.0, 2.0),
          new double[] {hessian[0][0] + 2 * hessian[0][1], hessian[1][0] + 2 * hessian[1][1]}, 1e-15);
      Oracles.close("H·v reverse " + at, RobustLossDerivatives.huberHessianVectorReverse(r, delta, 1.0, 2.0),
          new double[] {hessian[0][0] + 2 * hessian[0][1], hessian[1][0] + 2 * hessian[1][1]}, 1e-15);
      DualVector v = RobustLossDerivatives.huber(DualVector.variable(r, 0, 2), DualVector.variable(delta, 1, 2));
      Check.close("DualVector ∂r " + at, v.tangent(0), gradient[0], 1e-15);
      Check.close("DualVector ∂δ " + at, v.tangent(1), gradient[1], 1e-15);
    }
    Oracles.throwsLikePrimal("δ = 0",
        () -> RobustLoss.huber(1.0, 0.0),
        () -> RobustLossDerivatives.huberGradient(1.0, 0.0),
        () -> RobustLossDerivatives.huberGradientReverse(1.0, 0.0),
        () -> RobustLossDerivatives.huberHessian(1.0, 0.0),
        () -> RobustLossDerivatives.huber(Dual.variable(1.0), Dual.constant(0.0)));
  }

  @Test
  void pseudoHuberAndTukey() {
    for (double r : new double[] {-1e6, -2.0, -1e-9, 0.0, 0.3, 2.0, 2.0000001, 50.0}) {
      double d = 2.0;
      double h = Math.hypot(d, r);
      double[] gradient = {d * r / h, h - 2 * d + d * d / h};
      Oracles.close("pseudo-Huber gradient r = " + r, RobustLossDerivatives.pseudoHuberGradient(r, d), gradient, 1e-14);
      Oracles.close("pseudo-Huber reverse r = " + r, RobustLossDerivatives.pseudoHuberGradientReverse(r, d), gradient, 1e-14);
      double[][] hess = RobustLossDerivatives.pseudoHuberHessian(r, d);
      Check.close("pseudo-Huber ∂²/∂r² r = " + r, hess[0][0], d * d * d / (h * h * h), 1e-14);
      double c = 2.0;
      double u = r / c;
      double v = 1 - u * u;
      boolean inside = Math.abs(u) < 1.0;
      double tukeyR = inside ? r * v * v : 0.0;
      double tukeyC = inside
          ? Richardson.derivative(s -> RobustLoss.tukey(r, s), c, 1e-3)
          : c / 3.0;
      Oracles.close("Tukey gradient r = " + r, RobustLossDerivatives.tukeyGradient(r, c),
          new double[] {tukeyR, tukeyC}, inside ? 1e-9 : 1e-15);
      Check.close("Tukey ∂²/∂r² r = " + r, RobustLossDerivatives.tukeyHessian(r, c)[0][0],
          inside ? v * v - 4 * u * u * v : 0.0, 1e-13);
    }
  }

  @Test
  void lineFitTotalLoss() {
    double[] t = {0, 1, 2, 3, 4, 5};
    double[] y = {0.1, 1.1, 1.9, 3.2, 12.0, 5.1};
    double delta = 0.5;
    for (double[] p : new double[][] {{0.0, 1.0}, {0.5, 0.8}, {-1.0, 2.0}}) {
      double[] expected = new double[2];
      for (int i = 0; i < t.length; i++) {
        double r = y[i] - (p[0] + p[1] * t[i]);
        double psi = Math.abs(r) <= delta ? r : delta * Math.signum(r);
        expected[0] -= psi;
        expected[1] -= psi * t[i];
      }
      String at = java.util.Arrays.toString(p);
      Oracles.close("gradient " + at, RobustLossDerivatives.huberTotalGradient(p, t, y, delta), expected, 1e-14);
      Oracles.close("reverse " + at, RobustLossDerivatives.huberTotalGradientReverse(p, t, y, delta), expected, 1e-14);
    }
  }

  @Test
  void totalOverEveryKindMatchesRichardsonAndHuberTotal() {
    double[] t = {0, 1, 2, 3, 4, 5};
    double[] y = {0.1, 1.1, 1.9, 3.2, 12.0, 5.1};
    double[] p = {0.5, 0.8};
    for (int kind : new int[] {RobustLoss.HUBER, RobustLoss.PSEUDO_HUBER, RobustLoss.TUKEY}) {
      double[] rich = Oracles.gradient(q -> RobustLoss.total(kind, q, t, y, 2.5), p, 1e-4);
      double[] g = RobustLossDerivatives.totalGradient(kind, p, t, y, 2.5);
      Oracles.close("total gradient, kind " + kind, g, rich, 1e-8);
      Oracles.close("total reverse, kind " + kind, RobustLossDerivatives.totalGradientReverse(kind, p, t, y, 2.5), g, 1e-13);
    }
    Oracles.close("total Huber = huberTotal", RobustLossDerivatives.totalGradient(RobustLoss.HUBER, p, t, y, 0.5),
        RobustLossDerivatives.huberTotalGradient(p, t, y, 0.5), 1e-15);
    Oracles.throwsLikePrimal("unknown kind",
        () -> RobustLoss.total(7, p, t, y, 1.0),
        () -> RobustLossDerivatives.totalGradient(7, p, t, y, 1.0),
        () -> RobustLossDerivatives.totalGradientReverse(7, p, t, y, 1.0));
  }
}
