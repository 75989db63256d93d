package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Library-style interpolation (issue #11): private helpers whose results need no derivative (an
 * argument check that throws, a bisection giving an index, a predicate passed as a method
 * reference) and a comparator lambda, against the Hermite basis differentiated by hand and
 * Richardson-extrapolated central differences.
 */
class InterpolationTest {
  private static final double[] KNOTS = {0.0, 0.5, 1.25, 2.0, 3.0, 4.5};
  private static final double[] VALUES = {1.0, 0.6, -0.2, 0.3, 1.1, 0.4};
  private static final double[] SLOPES = {-0.8, -1.1, 0.2, 0.9, 0.1, -0.6};

  /** First and second derivative of the Hermite interpolant, from the basis polynomials. */
  private static double[] hermiteDerivatives(double x) {
    int k = 0;
    while (k + 2 < KNOTS.length && KNOTS[k + 1] <= x) {
      k++;
    }
    double h = KNOTS[k + 1] - KNOTS[k];
    double t = (x - KNOTS[k]) / h;
    // d/dt of h00, h10, h01, h11 and their second derivatives
    double d1 =
        (6 * t * t - 6 * t) * VALUES[k]
            + (3 * t * t - 4 * t + 1) * h * SLOPES[k]
            + (-6 * t * t + 6 * t) * VALUES[k + 1]
            + (3 * t * t - 2 * t) * h * SLOPES[k + 1];
    double d2 =
        (12 * t - 6) * VALUES[k]
            + (6 * t - 4) * h * SLOPES[k]
            + (-12 * t + 6) * VALUES[k + 1]
            + (6 * t - 2) * h * SLOPES[k + 1];
    return new double[] {d1 / h, d2 / (h * h)};
  }

  @Test
  void hermiteDerivativesMatchTheBasisAndDifferencesInsideEveryInterval() {
    for (double x : new double[] {0.1, 0.3, 0.7, 1.0, 1.6, 1.9, 2.4, 2.95, 3.5, 4.4}) {
      double[] d = hermiteDerivatives(x);
      Dual y = InterpolationDerivatives.hermite(Dual.variable(x));
      assertThat(y.value()).isEqualTo(Interpolation.hermite(x));
      assertThat(y.tangent()).isWithin(1e-13).of(d[0]);
      // at the table's slopes at the knots, and against differences inside the interval
      double gap = 1e9;
      for (double k : KNOTS) {
        gap = Math.min(gap, Math.abs(x - k));
      }
      double rich = Richardson.derivative(Interpolation::hermite, x, 0.5 * gap);
      assertThat(y.tangent()).isWithin(1e-8).of(rich);
      assertThat(InterpolationDerivatives.hermiteSecondDerivative(x)).isWithin(1e-12).of(d[1]);
      assertThat(InterpolationDerivatives.hermiteGradient(x)[0]).isWithin(1e-13).of(d[0]);
    }
    for (int i = 0; i < KNOTS.length; i++) {
      // the interpolant's slope at a knot is the table's (from the right, or the left at the end)
      assertThat(InterpolationDerivatives.hermite(Dual.variable(KNOTS[i])).tangent())
          .isWithin(1e-12).of(SLOPES[i]);
    }
  }

  @Test
  void argumentCheckThrowsFromEveryEntryPointAsThePrimalDoes() {
    for (double x : new double[] {-0.01, 4.5000001, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException primal =
          assertThrows(IllegalArgumentException.class, () -> Interpolation.hermite(x));
      List<org.junit.jupiter.api.function.Executable> calls = List.of(
          () -> InterpolationDerivatives.hermite(Dual.variable(x)),
          () -> InterpolationDerivatives.hermiteGradient(x),
          () -> InterpolationDerivatives.hermiteSecondDerivative(x),
          () -> InterpolationDerivatives.hermiteHessian(x),
          () -> InterpolationDerivatives.smoothedMean(Dual.variable(x), samples()),
          () -> InterpolationDerivatives.smoothedMeanGradient(x, samples()));
      for (var call : calls) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertThat(e).hasMessageThat().isEqualTo(primal.getMessage());
      }
    }
  }

  private static List<double[]> samples() {
    return new ArrayList<>(List.of(
        new double[] {2.5, 1.0}, new double[] {0.25, -0.5}, new double[] {1.0, 1e6},
        new double[] {1.5, 2.0}, new double[] {3.75, -1.0}));
  }

  @Test
  void smoothedMeanDerivativeMatchesDifferencesAndLeavesTheSamplesAlone() {
    for (double x : new double[] {0.3, 0.8, 1.7, 2.6, 4.2}) {
      List<double[]> samples = samples();
      Dual y = InterpolationDerivatives.smoothedMean(Dual.variable(x), samples);
      assertThat(y.value()).isEqualTo(Interpolation.smoothedMean(x, samples()));
      double rich = Richardson.derivative(t -> Interpolation.smoothedMean(t, samples()), x, 0.1);
      assertThat(y.tangent()).isWithin(1e-7 * Math.max(1, Math.abs(rich))).of(rich);
      assertThat(InterpolationDerivatives.smoothedMeanGradient(x, samples())[0]).isEqualTo(y.tangent());
      assertThat(samples).hasSize(5); // sorted and filtered in a copy
      assertThat(samples.get(0)[0]).isEqualTo(2.5);
    }
  }
}
