package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Early returns, if/else on active values, ternaries and switch; every branch is taken. */
class BranchesTest {

  @Test
  void earlyReturnsPickTheRightPiece() {
    for (double x : new double[] {-2.0, -0.5}) {
      Dual d = BranchesDerivatives.piecewise(Dual.variable(x));
      Check.close("value at " + x, d.value(), x * x, Check.EXACT);
      Check.close("x² piece at " + x, d.tangent(), 2 * x, Check.EXACT);
    }
    for (double x : new double[] {0.0, 0.3, 0.9}) {
      Dual d = BranchesDerivatives.piecewise(Dual.variable(x));
      Check.close("value at " + x, d.value(), Math.sin(x), Check.EXACT);
      Check.close("sin piece at " + x, d.tangent(), Math.cos(x), Check.EXACT);
    }
    for (double x : new double[] {1.0, 1.5, 3.0}) {
      Dual d = BranchesDerivatives.piecewise(Dual.variable(x));
      Check.close("value at " + x, d.value(), Math.exp(x) * x, Check.EXACT);
      Check.close("x·exp piece at " + x, d.tangent(), Math.exp(x) * (1 + x), Check.EXACT);
    }
  }

  @Test
  void ifElseOnTwoActiveValues() {
    // x > y: r = x·y.
    double x = 3.0;
    double y = 2.0;
    assertThat(BranchesDerivatives.ifElse(x, 1.0, y, 0.0)).isEqualTo(Dual.of(6.0, y));
    assertThat(BranchesDerivatives.ifElse(x, 0.0, y, 1.0)).isEqualTo(Dual.of(6.0, x));
    // x ≤ y: r = x/y + y.
    double[][] points = {{1.0, 2.0}, {-0.7, 1.3}, {2.0, 2.0}};
    for (double[] p : points) {
      Dual dx = BranchesDerivatives.ifElse(Dual.variable(p[0]), Dual.constant(p[1]));
      Dual dy = BranchesDerivatives.ifElse(Dual.constant(p[0]), Dual.variable(p[1]));
      Check.close("value", dx.value(), p[0] / p[1] + p[1], Check.EXACT);
      Check.close("∂x", dx.tangent(), 1.0 / p[1], Check.EXACT);
      Check.close("∂y", dy.tangent(), -p[0] / (p[1] * p[1]) + 1.0, Check.EXACT);
    }
  }

  @Test
  void elseIfChainCoversThreeRegions() {
    for (double x : new double[] {-3.0, -1.5}) {
      Check.close("x<-1 at " + x, BranchesDerivatives.elseIfChain(x, 1.0).tangent(),
          -2 * x + 1, Check.EXACT);
    }
    for (double x : new double[] {-1.0, -0.2, 0.6}) {
      Check.close("|x|<1 at " + x, BranchesDerivatives.elseIfChain(x, 1.0).tangent(),
          3 * x * x + 1, Check.EXACT);
    }
    for (double x : new double[] {1.0, 4.0}) {
      Check.close("x≥1 at " + x, BranchesDerivatives.elseIfChain(x, 1.0).tangent(),
          1.0 / Math.sqrt(x) + 1, Check.EXACT);
      Check.close("value at " + x, BranchesDerivatives.elseIfChain(x, 1.0).value(),
          2 * Math.sqrt(x) + x, Check.EXACT);
    }
  }

  @Test
  void ternaryBothSides() {
    for (double x : new double[] {0.1, 0.5, 7.0}) {
      Dual d = BranchesDerivatives.ternary(Dual.variable(x));
      Check.close("value at " + x, d.value(), Math.log1p(x), Check.EXACT);
      Check.close("log side at " + x, d.tangent(), 1.0 / (1.0 + x), Check.EXACT);
    }
    for (double x : new double[] {0.0, -0.5, -2.0}) {
      Dual d = BranchesDerivatives.ternary(Dual.variable(x));
      Check.close("value at " + x, d.value(), -x * x * x, Check.EXACT);
      Check.close("cubic side at " + x, d.tangent(), -3 * x * x, Check.EXACT);
    }
  }

  @Test
  void nestedTernaryClamp() {
    double lo = -1.0;
    double hi = 2.0;
    // Below: t = lo, depends on lo only.
    assertThat(BranchesDerivatives.clampSquared(-3.0, 1.0, lo, 0.0, hi, 0.0).tangent()).isZero();
    assertThat(BranchesDerivatives.clampSquared(-3.0, 0.0, lo, 1.0, hi, 0.0).tangent())
        .isEqualTo(2 * lo);
    // Inside: t = x.
    assertThat(BranchesDerivatives.clampSquared(0.75, 1.0, lo, 0.0, hi, 0.0))
        .isEqualTo(Dual.of(0.5625, 1.5));
    assertThat(BranchesDerivatives.clampSquared(0.75, 0.0, lo, 1.0, hi, 1.0).tangent()).isZero();
    // Above: t = hi.
    assertThat(BranchesDerivatives.clampSquared(5.0, 1.0, lo, 0.0, hi, 0.0).tangent()).isZero();
    assertThat(BranchesDerivatives.clampSquared(5.0, 0.0, lo, 0.0, hi, 1.0))
        .isEqualTo(Dual.of(4.0, 2 * hi));
  }

  @Test
  void switchOnAnIntParameter() {
    for (double x : new double[] {-1.2, 0.4, 2.0}) {
      Check.close("case 0", BranchesDerivatives.switchOnMode(0, Dual.variable(x)).tangent(),
          2 * x, Check.EXACT);
      Check.close("case 1", BranchesDerivatives.switchOnMode(1, Dual.variable(x)).tangent(),
          Math.cos(x), Check.EXACT);
      Check.close("case 2", BranchesDerivatives.switchOnMode(2, Dual.variable(x)).tangent(),
          2 * Math.exp(2 * x), Check.EXACT);
      Check.close("case 3 (fall-through)",
          BranchesDerivatives.switchOnMode(3, Dual.variable(x)).tangent(),
          3 * Math.exp(3 * x), Check.EXACT);
      Check.close("case 3 value", BranchesDerivatives.switchOnMode(3, Dual.variable(x)).value(),
          Math.exp(3 * x), Check.EXACT);
      assertThat(BranchesDerivatives.switchOnMode(7, Dual.of(x, 2.5))).isEqualTo(Dual.of(x, 2.5));
      assertThat(BranchesDerivatives.switchOnMode(-1, Dual.variable(x)).tangent()).isEqualTo(1.0);
    }
  }

  @Test
  void switchCasesThatReturn() {
    for (double x : new double[] {-0.9, 0.5, 3.0}) {
      Check.close("case 0", BranchesDerivatives.switchWithReturns(0, x, 1.0).tangent(),
          -Math.sin(x), Check.EXACT);
      Check.close("case 1", BranchesDerivatives.switchWithReturns(1, x, 1.0).tangent(),
          Math.cos(x) - x * Math.sin(x), Check.EXACT);
      Check.close("default", BranchesDerivatives.switchWithReturns(5, x, 1.0).tangent(),
          -1.0 / (x * x), Check.EXACT);
      Check.close("default value", BranchesDerivatives.switchWithReturns(5, x, 1.0).value(),
          1.0 / x, Check.EXACT);
    }
  }

  @Test
  void switchOnACastOfAnActiveValue() {
    int n = 3; // scale = 1.5
    for (double x : new double[] {0.0, 0.25, 0.9}) {
      Dual d = BranchesDerivatives.stepwise(Dual.variable(x), n);
      Check.close("value at " + x, d.value(), 1.5 * x * x, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), 3.0 * x, Check.EXACT);
    }
    for (double x : new double[] {1.0, 1.5}) {
      Dual d = BranchesDerivatives.stepwise(Dual.variable(x), n);
      Check.close("value at " + x, d.value(), 1.5 * Math.sin(x) + 1.0, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), 1.5 * Math.cos(x), Check.EXACT);
    }
    for (double x : new double[] {-0.5, 2.0, 7.25}) {
      Dual d = BranchesDerivatives.stepwise(x, -2.0, n);
      Check.close("value at " + x, d.value(), 1.5 * x + 0.5, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), -3.0, Check.EXACT);
    }
  }
}
