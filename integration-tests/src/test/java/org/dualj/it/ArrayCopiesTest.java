package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * {@code System.arraycopy}, {@code Arrays.fill}, {@code Arrays.copyOf}/{@code copyOfRange} on
 * active arrays ({@link ArrayCopies}): derivatives against analytic formulas and
 * Richardson-extrapolated central differences, Jacobian columns against scalar tangents bit for
 * bit, Hessians against the analytic Hessian.
 */
class ArrayCopiesTest {
  static final double[] T = {0.0, 0.4, 0.9, 1.3, 2.0};
  static final double[] Y = {2.1, 1.6, 1.05, 0.8, 0.45};

  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] all = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  static double[] part(double[] z, int from, int to) {
    return Arrays.copyOfRange(z, from, to);
  }

  static double[] unit(int n, int j) {
    double[] e = new double[n];
    e[j] = 1.0;
    return e;
  }

  static double[] tangents(Dual[] ys) {
    double[] t = new double[ys.length];
    for (int i = 0; i < ys.length; i++) {
      t[i] = ys[i].tangent();
    }
    return t;
  }

  /** Every Jacobian column is the scalar tangent along that input, exactly. */
  static void assertColumnsAreScalarTangents(
      String what, double[][] jacobian, int inputs, Function<double[], double[]> scalarAlong) {
    for (int j = 0; j < inputs; j++) {
      assertWithMessage(what + " column " + j)
          .that(Jacobians.column(jacobian, j))
          .usingExactEquality()
          .containsExactly(scalarAlong.apply(unit(inputs, j)))
          .inOrder();
    }
  }

  // ---------------------------------------------------------------- Gauss–Newton

  @Test
  void gaussNewtonStepJacobianMatchesRichardsonAndScalarTangents() {
    for (double[] p : List.of(new double[] {2.0, -0.8}, new double[] {1.5, -0.5}, new double[] {2.5, -1.1})) {
      double[] z = concat(p, T, Y);
      Function<double[], double[]> step =
          w -> ArrayCopies.gaussNewtonStep(part(w, 0, 2), part(w, 2, 7), part(w, 7, 12));
      double[][] jacobian = ArrayCopiesDerivatives.gaussNewtonStepJacobian(p, T, Y);
      assertThat(jacobian.length).isEqualTo(2);
      Jacobians.assertClose(
          "Gauss-Newton step at " + Arrays.toString(p),
          jacobian,
          Jacobians.richardson(step, z, 0.01),
          Check.FINITE_DIFFERENCE);
      assertColumnsAreScalarTangents(
          "Gauss-Newton step",
          jacobian,
          z.length,
          v ->
              tangents(
                  ArrayCopiesDerivatives.gaussNewtonStep(
                      p, part(v, 0, 2), T, part(v, 2, 7), Y, part(v, 7, 12))));
      // the primal's values and the caller's arrays are untouched
      assertThat(ArrayCopiesDerivatives.gaussNewtonStepJacobian(p, T, Y, new double[2][12]))
          .usingExactEquality()
          .containsExactly(ArrayCopies.gaussNewtonStep(p, T, Y))
          .inOrder();
    }
  }

  @Test
  void costAfterStepsGradientMatchesRichardson() {
    for (int steps = 0; steps <= 2; steps++) {
      final int n = steps;
      for (double[] start : List.of(new double[] {2.0, -0.8}, new double[] {1.8, -0.6})) {
        double[] before = start.clone();
        double[] gradient = ArrayCopiesDerivatives.costAfterStepsGradient(start, T, Y, n);
        assertThat(start).usingExactEquality().containsExactly(before).inOrder();
        double[] expected =
            Jacobians.richardson(
                    w -> new double[] {ArrayCopies.costAfterSteps(w, T, Y, n)}, start, 0.01)[0];
        Jacobians.assertClose("cost after " + n + " steps", gradient, expected, 1e-6);
        for (int j = 0; j < 2; j++) {
          assertThat(ArrayCopiesDerivatives.costAfterSteps(start, unit(2, j), T, Y, n).tangent())
              .isEqualTo(gradient[j]);
        }
      }
    }
  }

  @Test
  void singularNormalEquationsThrowFromEveryEntryPoint() {
    double[] p = {0.0, 0.3}; // p[0] = 0: the column of p[1] is zero
    assertThrows(ArithmeticException.class, () -> ArrayCopies.gaussNewtonStep(p, T, Y));
    assertThrows(ArithmeticException.class, () -> ArrayCopiesDerivatives.gaussNewtonStepJacobian(p, T, Y));
    assertThrows(
        ArithmeticException.class,
        () -> ArrayCopiesDerivatives.gaussNewtonStep(p, new double[2], T, new double[5], Y, new double[5]));
  }

  // ---------------------------------------------------------------- running buffers

  @Test
  void movingAverageWithOverlappingShiftMatchesRichardson() {
    double[][] points = {
      {0.3, -0.7, 1.2, 0.4, -0.2, 0.9, 1.5},
      {1.1, 0.2, -0.4, -1.3, 0.8, 0.1, -0.6},
    };
    for (double[] x : points) {
      for (int w : new int[] {1, 2, 3, 5}) {
        // forward lanes, bit for bit the scalar tangents (fGradient takes reverse mode here)
        double[] gradient = new double[x.length];
        ArrayCopiesDerivatives.movingAverageEnergyGradientForward(x, w, gradient, null);
        double[] expected =
            Jacobians.richardsonGradient(y -> ArrayCopies.movingAverageEnergy(y, w), x);
        Jacobians.assertClose("moving average w=" + w, gradient, expected, Check.FINITE_DIFFERENCE);
        for (int j = 0; j < x.length; j++) {
          assertThat(ArrayCopiesDerivatives.movingAverageEnergy(x, unit(x.length, j), w).tangent())
              .isEqualTo(gradient[j]);
        }
      }
    }
  }

  /** out_i = Σ_j c_j x²_(i−j): ∂out_i/∂x_m = 2 c_(i−m) x_m for 0 ≤ i − m < c.length. */
  @Test
  void delayLineShiftedRightMatchesAnalyticJacobian() {
    double[] c = {0.5, -1.25, 2.0};
    double[][] points = {{0.7, -0.3, 1.1, 0.25, -2.0}, {1.5, 0.5, -0.5, 0.125, 3.0}};
    for (double[] x : points) {
      double[][] expected = new double[x.length][x.length];
      for (int i = 0; i < x.length; i++) {
        for (int m = 0; m < x.length; m++) {
          int lag = i - m;
          expected[i][m] = lag >= 0 && lag < c.length ? 2 * c[lag] * x[m] : 0.0;
        }
      }
      double[][] jacobian = ArrayCopiesDerivatives.delayLineJacobian(x, c);
      Jacobians.assertClose("delay line", jacobian, expected, Check.EXACT);
      assertColumnsAreScalarTangents(
          "delay line", jacobian, x.length, v -> tangents(ArrayCopiesDerivatives.delayLine(x, v, c)));
    }
  }

  // ---------------------------------------------------------------- copies and fills

  @Test
  void padAndSliceMatchesRichardsonAndScalarTangents() {
    double[][] points = {{0.4, -1.2, 0.9, 2.0}, {1.3, 0.6, -0.8}, {-0.5, 0.75, 1.5, 0.3, -1.1}};
    for (double[] x : points) {
      double[][] jacobian = ArrayCopiesDerivatives.padAndSliceJacobian(x);
      Jacobians.assertClose(
          "pad and slice n=" + x.length,
          jacobian,
          Jacobians.richardson(ArrayCopies::padAndSlice, x),
          Check.FINITE_DIFFERENCE);
      assertColumnsAreScalarTangents(
          "pad and slice", jacobian, x.length, v -> tangents(ArrayCopiesDerivatives.padAndSlice(x, v)));
      assertThat(ArrayCopiesDerivatives.padAndSliceJacobian(x, new double[x.length + 3][x.length]))
          .usingExactEquality()
          .containsExactly(ArrayCopies.padAndSlice(x))
          .inOrder();
    }
  }

  /** f = Σ sin(xᵢ)·x₍ᵢ₊₁₎ (indices mod n). */
  @Test
  void cyclicGradientAndHessianMatchAnalyticForms() {
    double[][] points = {{0.3, -1.1, 0.7, 2.2, -0.4}, {1.0, 0.5, -0.25, 1.75}, {0.9, -0.6, 1.4}};
    for (double[] x : points) {
      int n = x.length;
      double[] gradient = new double[n];
      double[][] hessian = new double[n][n];
      for (int i = 0; i < n; i++) {
        int next = (i + 1) % n;
        int prev = (i + n - 1) % n;
        gradient[i] = Math.cos(x[i]) * x[next] + Math.sin(x[prev]);
        hessian[i][i] += -Math.sin(x[i]) * x[next];
        hessian[i][next] += Math.cos(x[i]);
        hessian[next][i] += Math.cos(x[i]);
      }
      Jacobians.assertClose(
          "cyclic gradient", ArrayCopiesDerivatives.cyclicGradient(x), gradient, Check.EXACT);
      Jacobians.assertClose(
          "cyclic Hessian", ArrayCopiesDerivatives.cyclicHessian(x), hessian, Check.EXACT);
      double[] v = {0.5, -1.0, 0.25, 2.0, -0.75};
      double[] direction = Arrays.copyOf(v, n);
      Jacobians.assertClose(
          "cyclic H·v",
          ArrayCopiesDerivatives.cyclicHessianVector(x, direction),
          Jacobians.times(hessian, direction),
          Check.EXACT);
    }
  }
}
