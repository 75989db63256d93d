package org.dualj.it;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The adjoint code of {@link ReversePruning}, whose methods mix values whose adjoints are zero
 * with values that reach the result only through a later trip, a branch, a call, an array or an
 * alias: reverse gradients against forward mode (1e-13) and Richardson differences of the
 * primal; H·v by reverse over forward against the forward-over-forward Hessian times v (1e-12)
 * and against Richardson differences of the forward gradient along v; at several points.
 */
class ReversePruningTest {
  private static final double MODES = 1e-13;

  private interface Grad {
    double[] of(double[] x);
  }

  private interface Hv {
    double of(double[] x, double[] v, double[] out, Workspace work);
  }

  private final Random random = new Random(20261204L);

  private double[] point(int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.3 + scale * random.nextGaussian();
    }
    return x;
  }

  private void check(String name, int n, ToDoubleFunction<double[]> f, Grad reverse, Grad forward,
      java.util.function.Function<double[], double[][]> hessian, Hv hv) {
    Workspace work = new Workspace();
    for (int trial = 0; trial < 6; trial++) {
      double[] x = point(n, 0.7);
      if (Math.abs(x[0] - Math.log(1.5)) < 0.2) {
        continue; // branch's condition exp(x[0]) > 1.5 too close to switching for differences
      }
      double[] v = point(n, 1.0);
      String at = name + " at " + java.util.Arrays.toString(x);
      double[] g = reverse.of(x);
      double[] gf = forward.of(x);
      for (int i = 0; i < n; i++) {
        double[] e = new double[n];
        e[i] = 1;
        Check.close(at + " gradient " + i + " vs forward", g[i], gf[i], MODES);
        Check.close(at + " gradient " + i + " vs differences", g[i],
            Richardson.directional(f, x, e, 0.1), Check.FINITE_DIFFERENCE);
      }
      double[] h = new double[n];
      hv.of(x, v, h, work);
      double[][] hess = hessian.apply(x);
      for (int i = 0; i < n; i++) {
        double expected = 0;
        double scale = 0;
        for (int j = 0; j < n; j++) {
          expected += hess[i][j] * v[j];
          scale += Math.abs(hess[i][j] * v[j]);
        }
        final int k = i;
        double fd = Richardson.directional(z -> forward.of(z)[k], x, v, 0.1);
        Check.close(at + " H·v " + i + " vs Hessian", h[i] + scale, expected + scale, Check.EXACT);
        Check.close(at + " H·v " + i + " vs differences", h[i], fd, Check.FINITE_DIFFERENCE);
      }
    }
  }

  @Test
  void deadValues() {
    check("dead", 2, ReversePruning::dead, ReversePruningDerivatives::deadGradientReverse,
        ReversePruningDerivatives::deadGradient, ReversePruningDerivatives::deadHessian,
        ReversePruningDerivatives::deadHessianVectorReverse);
  }

  @Test
  void valuesThatReachTheResultTripsLater() {
    check("shift", 5, ReversePruning::shift, ReversePruningDerivatives::shiftGradientReverse,
        ReversePruningDerivatives::shiftGradient, ReversePruningDerivatives::shiftHessian,
        ReversePruningDerivatives::shiftHessianVectorReverse);
  }

  @Test
  void valuesThatReachTheResultInOneBranch() {
    check("branch", 3, ReversePruning::branch, ReversePruningDerivatives::branchGradientReverse,
        ReversePruningDerivatives::branchGradient, ReversePruningDerivatives::branchHessian,
        ReversePruningDerivatives::branchHessianVectorReverse);
  }

  @Test
  void valuesThatReachTheResultThroughAnArrayCallOrAnAlias() {
    check("filled", 3, ReversePruning::filled, ReversePruningDerivatives::filledGradientReverse,
        ReversePruningDerivatives::filledGradient, ReversePruningDerivatives::filledHessian,
        ReversePruningDerivatives::filledHessianVectorReverse);
    check("aliased", 3, ReversePruning::aliased, ReversePruningDerivatives::aliasedGradientReverse,
        ReversePruningDerivatives::aliasedGradient, ReversePruningDerivatives::aliasedHessian,
        ReversePruningDerivatives::aliasedHessianVectorReverse);
  }

  @Test
  void valuesThatReachTheResultThroughACallOrACompoundAssignment() {
    check("called", 3, ReversePruning::called, ReversePruningDerivatives::calledGradientReverse,
        ReversePruningDerivatives::calledGradient, ReversePruningDerivatives::calledHessian,
        ReversePruningDerivatives::calledHessianVectorReverse);
    check("compound", 4, ReversePruning::compound, ReversePruningDerivatives::compoundGradientReverse,
        ReversePruningDerivatives::compoundGradient, ReversePruningDerivatives::compoundHessian,
        ReversePruningDerivatives::compoundHessianVectorReverse);
  }

  @Test
  void parametersOverwrittenInALoopAndAfterIt() {
    check("overwritten", 2, ReversePruning::overwritten,
        ReversePruningDerivatives::overwrittenGradientReverse,
        ReversePruningDerivatives::overwrittenGradient, ReversePruningDerivatives::overwrittenHessian,
        ReversePruningDerivatives::overwrittenHessianVectorReverse);
  }
}
