package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.dualj.runtime.Duals;
import org.junit.jupiter.api.Test;

/** f(x) = Σ xᵢ² at xᵢ = i, n = 1000: along eᵢ the tangent is exactly 2xᵢ (oracle: calculus). */
class SumOfSquaresTest {

  private static final int N = 1000;
  private static final int[] INDICES = {0, 1, 2, 7, 499, 500, 998, 999};

  private static double[] ramp() {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = i;
    }
    return x;
  }

  /** Σ i² for i < n, exact in integers: (n−1)n(2n−1)/6. */
  private static final double SUM = (double) ((long) (N - 1) * N * (2L * N - 1) / 6);

  @Test
  void tangentAlongUnitVectorIsExactlyTwoXi() {
    double[] x = ramp();
    for (int i : INDICES) {
      Dual a = SumOfSquaresDerivatives.sumOfSquares(Duals.variables(x, i));
      Dual b = SumOfSquaresDerivatives.sumOfSquaresEnhancedFor(Duals.variables(x, i));
      assertThat(a.value()).isEqualTo(SUM);
      assertThat(b.value()).isEqualTo(SUM);
      assertThat(a.tangent()).isWithin(0.0).of(2.0 * x[i]);
      assertThat(b.tangent()).isWithin(0.0).of(2.0 * x[i]);
    }
  }

  @Test
  void unboxedOverloadGivesTheWholeGradientExactly() {
    double[] x = ramp();
    for (int i = 0; i < N; i++) {
      double[] e = new double[N];
      e[i] = 1.0;
      Dual d = SumOfSquaresDerivatives.sumOfSquares(x, e);
      assertThat(d.tangent()).isWithin(0.0).of(2.0 * i);
    }
  }

  @Test
  void inputsAreNotModified() {
    double[] x = ramp();
    double[] e = new double[N];
    e[3] = 1.0;
    SumOfSquaresDerivatives.sumOfSquares(x, e);
    SumOfSquaresDerivatives.sumOfSquaresEnhancedFor(x, e);
    assertThat(x).isEqualTo(ramp());
    assertThat(e[3]).isEqualTo(1.0);
  }

  @Test
  void generalDirectionMatchesTwoXDotV() {
    double[] x = new double[N];
    double[] v = new double[N];
    double expected = 0.0;
    for (int i = 0; i < N; i++) {
      x[i] = Math.sin(0.37 * i) * 3.0;
      v[i] = Math.cos(1.3 * i);
      expected += 2.0 * x[i] * v[i];
    }
    double scale = 0.0;
    for (int i = 0; i < N; i++) {
      scale += Math.abs(2.0 * x[i] * v[i]);
    }
    // Summation order differs from the expected sum: tolerance relative to Σ|terms|.
    double tol = Check.EXACT * scale;
    assertThat(SumOfSquaresDerivatives.sumOfSquares(Duals.pack(x, v)).tangent())
        .isWithin(tol).of(expected);
    assertThat(SumOfSquaresDerivatives.sumOfSquaresEnhancedFor(x, v).tangent())
        .isWithin(tol).of(expected);
  }

  @Test
  void constantsHaveZeroTangent() {
    double[] x = ramp();
    assertThat(SumOfSquaresDerivatives.sumOfSquares(Duals.constants(x)).tangent()).isZero();
    assertThat(SumOfSquaresDerivatives.sumOfSquares(x, Duals.zeros(x)).tangent()).isZero();
  }
}
