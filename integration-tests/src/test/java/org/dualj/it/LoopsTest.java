package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.dualj.runtime.Duals;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/** Loops that overwrite active variables. */
class LoopsTest {

  private static final DSFactory DS1 = new DSFactory(1, 1);

  @Test
  void powerByLoopIsNXToTheNMinusOne() {
    for (double x : new double[] {0.5, 1.3, -2.1, 3.7}) {
      for (int n : new int[] {0, 1, 2, 5, 10, 17}) {
        Dual d = LoopsDerivatives.powerByLoop(Dual.variable(x), n);
        String at = "x=" + x + " n=" + n;
        Check.close("value " + at, d.value(), Math.pow(x, n), Check.EXACT);
        Check.close("tangent " + at, d.tangent(), n == 0 ? 0.0 : n * Math.pow(x, n - 1),
            Check.EXACT);
      }
    }
  }

  @Test
  void repeatedSquaringIsTwoToTheKTimesXToTheTwoToTheKMinusOne() {
    for (double x : new double[] {0.9, 1.01, 1.1, -1.05, 2.0}) {
      for (int k = 0; k <= 6; k++) {
        double m = Math.pow(2.0, k);
        Dual d = LoopsDerivatives.repeatedSquaring(x, 1.0, k);
        String at = "x=" + x + " k=" + k;
        Check.close("value " + at, d.value(), Math.pow(x, m), Check.EXACT);
        Check.close("tangent " + at, d.tangent(), m * Math.pow(x, m - 1), Check.EXACT);
      }
    }
  }

  @Test
  void sineProductMatchesHipparchusAndHandChainRule() {
    for (double x0 : new double[] {0.4, 1.2, 2.0, -0.8}) {
      for (int n : new int[] {1, 3, 6}) {
        DerivativeStructure ds = DS1.variable(0, x0);
        double x = x0;
        double dx = 1.0;
        for (int i = 0; i < n; i++) {
          ds = ds.multiply(ds.sin());
          dx = dx * (Math.sin(x) + x * Math.cos(x)); // d(x sin x) = (sin x + x cos x) dx
          x = x * Math.sin(x);
        }
        Dual d = LoopsDerivatives.sineProduct(Dual.variable(x0), n);
        String at = "x=" + x0 + " n=" + n;
        Check.close("value " + at, d.value(), ds.getValue(), Check.EXACT);
        Check.close("tangent vs Hipparchus " + at, d.tangent(), ds.getPartialDerivative(1),
            Check.EXACT);
        Check.close("tangent vs chain rule " + at, d.tangent(), dx, Check.EXACT);
        Check.close("tangent vs Richardson " + at, d.tangent(),
            Richardson.derivative(t -> Loops.sineProduct(t, n), x0, 0.01),
            Check.FINITE_DIFFERENCE);
      }
    }
  }

  @Test
  void hornerDerivativesInXAndInEachCoefficient() {
    double[] c = {1.5, -2.0, 0.25, 3.0, -0.75, 0.1};
    for (double x : new double[] {-1.7, -0.3, 0.0, 0.8, 2.4}) {
      double p = 0.0;
      double dp = 0.0;
      for (int i = 0; i < c.length; i++) {
        p += c[i] * Math.pow(x, i);
        dp += i == 0 ? 0.0 : i * c[i] * Math.pow(x, i - 1);
      }
      Dual inX = LoopsDerivatives.horner(Duals.constants(c), Dual.variable(x));
      Check.close("value at " + x, inX.value(), p, Check.EXACT);
      Check.close("∂x at " + x, inX.tangent(), dp, Check.EXACT);
      assertThat(LoopsDerivatives.horner(c, Duals.zeros(c), x, 0.0).tangent()).isZero();
      for (int j = 0; j < c.length; j++) {
        Dual d = LoopsDerivatives.horner(Duals.variables(c, j), Dual.constant(x));
        Check.close("∂c" + j + " at " + x, d.tangent(), Math.pow(x, j), Check.EXACT);
      }
    }
  }

  @Test
  void hornerOverStaticFinalCoefficients() {
    for (double x : new double[] {-2.0, -0.5, 0.0, 1.0, 3.3}) {
      double p = 3.0 - 2.0 * x + 0.5 * x * x + 4.0 * x * x * x - x * x * x * x;
      double dp = -2.0 + x + 12.0 * x * x - 4.0 * x * x * x;
      Dual d = LoopsDerivatives.hornerFixed(Dual.variable(x));
      Check.close("value at " + x, d.value(), p, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), dp, Check.EXACT);
    }
  }

  @Test
  void babylonianSqrtConvergesToSqrtAndItsDerivative() {
    for (double a : new double[] {0.25, 2.0, 10.0, 1e4}) {
      Dual d = LoopsDerivatives.babylonianSqrt(Dual.variable(a));
      Check.close("value at " + a, d.value(), Math.sqrt(a), Check.EXACT);
      Check.close("tangent at " + a, d.tangent(), 0.5 / Math.sqrt(a), Check.EXACT);
    }
  }

  @Test
  void whileWithActiveConditionScalesByTheNumberOfHalvings() {
    // 5 → 2.5 → 1.25 → 0.625: three halvings, so d/dx = 1/8 (exact powers of two).
    assertThat(LoopsDerivatives.halveUntilSmall(5.0, 1.0)).isEqualTo(Dual.of(0.625, 0.125));
    assertThat(LoopsDerivatives.halveUntilSmall(1000.0, 1.0))
        .isEqualTo(Dual.of(1000.0 / 1024.0, 1.0 / 1024.0));
    assertThat(LoopsDerivatives.halveUntilSmall(Dual.variable(0.7))).isEqualTo(Dual.of(0.7, 1.0));
    assertThat(LoopsDerivatives.halveUntilSmall(Dual.variable(1.0))).isEqualTo(Dual.of(1.0, 1.0));
    assertThat(LoopsDerivatives.halveUntilSmall(Dual.of(3.0, -2.0))).isEqualTo(Dual.of(0.75, -0.5));
  }

  @Test
  void doWhileSeriesMatchesExp() {
    for (double x : new double[] {-1.5, 0.0, 0.3, 1.0, 2.5}) {
      Dual d = LoopsDerivatives.expSeries(Dual.variable(x));
      Check.close("value at " + x, d.value(), Math.exp(x), Check.EXACT);
      // The truncated series' derivative misses only the last (negligible) term.
      Check.close("tangent at " + x, d.tangent(), Math.exp(x), Check.EXACT);
    }
  }

  @Test
  void continueAndBreakSelectWhichSquaresCount() {
    double[] x = {1.5, -2.0, 0.5, 3.0, -1.0, 2.5, 4.0};
    // maxTerms → indices of the terms that are summed (non-negative ones, first maxTerms).
    int[][] included = {{}, {0}, {0, 2, 3}, {0, 2, 3, 5, 6}};
    int[] maxTerms = {0, 1, 3, 10};
    for (int m = 0; m < maxTerms.length; m++) {
      double expectedValue = 0.0;
      double[] gradient = new double[x.length];
      for (int i : included[m]) {
        expectedValue += x[i] * x[i];
        gradient[i] = 2.0 * x[i];
      }
      for (int j = 0; j < x.length; j++) {
        Dual d = LoopsDerivatives.cappedPositiveSquares(Duals.variables(x, j), maxTerms[m]);
        assertThat(d.value()).isEqualTo(expectedValue);
        assertThat(d.tangent()).isWithin(0.0).of(gradient[j]);
      }
    }
  }

  @Test
  void labeledBreakLeavesBothLoops() {
    double x = 0.5;
    // Factors x+i+j in visiting order until the product exceeds 10: i=0: 0.5, 1.5, 2.5 (1.875),
    // i=1: 1.5 (2.8125), 2.5 (7.03125), 3.5 (24.609375) → break outer.
    double[] factors = {0.5, 1.5, 2.5, 1.5, 2.5, 3.5};
    double p = 1.0;
    double logDerivative = 0.0;
    for (double f : factors) {
      p *= f;
      logDerivative += 1.0 / f;
    }
    Dual d = LoopsDerivatives.gridProductUntil(x, 1.0, 3, 3, 10.0, 0.0);
    Check.close("value", d.value(), p, Check.EXACT);
    assertThat(d.value()).isEqualTo(24.609375);
    Check.close("tangent", d.tangent(), p * logDerivative, Check.EXACT);
    // The limit only steers control flow: its tangent does not reach the result.
    assertThat(LoopsDerivatives.gridProductUntil(x, 0.0, 3, 3, 10.0, 1.0).tangent()).isZero();
  }

  @Test
  void labeledLoopsWithoutBreakMatchFiniteDifferences() {
    for (double x : new double[] {0.3, 1.1, 2.0}) {
      // Huge limit: the full 3×4 grid is multiplied.
      double p = 1.0;
      double logDerivative = 0.0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          p *= x + i + j;
          logDerivative += 1.0 / (x + i + j);
        }
      }
      Dual d = LoopsDerivatives.gridProductUntil(Dual.variable(x), 3, 4, Dual.constant(1e300));
      Check.close("value at " + x, d.value(), p, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), p * logDerivative, Check.EXACT);
      Check.close("tangent vs Richardson at " + x, d.tangent(),
          Richardson.derivative(t -> Loops.gridProductUntil(t, 3, 4, 1e300), x, 0.1),
          Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void labeledContinueAbandonsARow() {
    // 3 rows of 3; row 1 has a negative entry in column 1, so only its first entry counts.
    double[] x = {0.5, 2.0, 1.5, 3.0, -1.0, 4.0, 1.2, 0.7, 2.5};
    double expectedValue = 0.5 * 2.0 * 1.5 + 3.0 + 1.2 * 0.7 * 2.5;
    double[] gradient = {
      2.0 * 1.5, 0.5 * 1.5, 0.5 * 2.0, // row 0: product rule
      1.0, 0.0, 0.0, // row 1: only x[3] reaches the sum; x[4] steers control flow
      0.7 * 2.5, 1.2 * 2.5, 1.2 * 0.7 // row 2
    };
    for (int j = 0; j < x.length; j++) {
      Dual d = LoopsDerivatives.rowProductsSkippingNegatives(Duals.variables(x, j), 3);
      Check.close("value", d.value(), expectedValue, Check.EXACT);
      Check.close("∂/∂x" + j, d.tangent(), gradient[j], Check.EXACT);
    }
  }

  @Test
  void labeledContinueOnAWhileLoop() {
    for (double x : new double[] {-0.5, 0.25, 2.0}) {
      for (int n : new int[] {0, 2, 3, 7}) {
        // Factors x+i for i = 1..n except multiples of 3.
        double p = 1.0;
        double logDerivative = 0.0;
        for (int i = 1; i <= n; i++) {
          if (i % 3 != 0) {
            p *= x + i;
            logDerivative += 1.0 / (x + i);
          }
        }
        Dual d = LoopsDerivatives.skipEveryThirdFactor(Dual.variable(x), n);
        String at = "x=" + x + " n=" + n;
        Check.close("value " + at, d.value(), p, Check.EXACT);
        Check.close("tangent " + at, d.tangent(), p * logDerivative, Check.EXACT);
      }
    }
  }
}
