package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * {@code double[][]} in {@link Matrices}: a perceptron with matrix weights against its
 * hand-derived gradient (backpropagation written out) and Richardson differences of that gradient
 * for the Hessian; a Gauss–Newton step over a {@code double[][]} Jacobian with Gaussian elimination
 * against Richardson differences. Jacobian columns equal scalar tangents bit for bit.
 */
class MatricesTest {
  static final double[][] W1 = {{0.5, -1.2, 0.3}, {0.8, 0.1, -0.6}, {-0.4, 0.9, 0.7}, {1.1, -0.3, 0.2}};
  static final double[] B1 = {0.1, -0.2, 0.05, 0.3};
  static final double[][] W2 = {{0.7, -0.5, 1.3, -0.9}, {-1.1, 0.4, 0.6, 0.8}};
  static final double[] B2 = {-0.3, 0.2};

  static double[] unit(int n, int j) {
    double[] e = new double[n];
    e[j] = 1.0;
    return e;
  }

  /** ∂f/∂x, ∂f/∂b1, ∂f/∂b2 of f = Σₖ σ(b2ₖ + Σᵢ W2ₖᵢ tanh(b1ᵢ + Σⱼ W1ᵢⱼ xⱼ)), by the chain rule. */
  static double[][] backprop(double[] x, double[] b1, double[] b2) {
    int h = W1.length;
    double[] hidden = new double[h];
    for (int i = 0; i < h; i++) {
      double z = b1[i];
      for (int j = 0; j < x.length; j++) {
        z += W1[i][j] * x[j];
      }
      hidden[i] = Math.tanh(z);
    }
    double[] dU = new double[W2.length];
    for (int k = 0; k < W2.length; k++) {
      double u = b2[k];
      for (int i = 0; i < h; i++) {
        u += W2[k][i] * hidden[i];
      }
      double o = 1.0 / (1.0 + Math.exp(-u));
      dU[k] = o * (1 - o);
    }
    double[] dZ = new double[h];
    for (int i = 0; i < h; i++) {
      double dH = 0;
      for (int k = 0; k < W2.length; k++) {
        dH += W2[k][i] * dU[k];
      }
      dZ[i] = (1 - hidden[i] * hidden[i]) * dH;
    }
    double[] dX = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      for (int i = 0; i < h; i++) {
        dX[j] += W1[i][j] * dZ[i];
      }
    }
    return new double[][] {dX, dZ, dU};
  }

  static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  static double[][] points(long seed, int n) {
    Random random = new Random(seed);
    double[][] xs = new double[4][n];
    for (double[] x : xs) {
      for (int j = 0; j < n; j++) {
        x[j] = -1.5 + 3.0 * random.nextDouble();
      }
    }
    return xs;
  }

  @Test
  void perceptronGradientMatchesBackpropagation() {
    for (double[] x : points(7, 3)) {
      double[][] expected = backprop(x, B1, B2);
      // forward lanes, bit for bit the scalar tangents (fGradient takes reverse mode here)
      double[] gradient = new double[9];
      MatricesDerivatives.mlpGradientForward(x, W1, B1, W2, B2, gradient, null);
      // columns: x, then b1, then b2 (the double[] parameters in order; the matrices are data)
      Jacobians.assertClose("perceptron gradient", gradient, concat(expected), Check.EXACT);
      Jacobians.assertClose("perceptron gradient (automatic)",
          MatricesDerivatives.mlpGradient(x, W1, B1, W2, B2), gradient, 1e-13);
      for (int j = 0; j < gradient.length; j++) {
        double[] v = unit(gradient.length, j);
        Dual d =
            MatricesDerivatives.mlp(
                x, Arrays.copyOfRange(v, 0, 3), W1, B1, Arrays.copyOfRange(v, 3, 7), W2, B2,
                Arrays.copyOfRange(v, 7, 9));
        assertWithMessage("scalar tangent " + j).that(d.tangent()).isEqualTo(gradient[j]);
        assertThat(d.value()).isEqualTo(Matrices.mlp(x, W1, B1, W2, B2));
      }
    }
  }

  @Test
  void perceptronGradientWithRespectToWeightMatricesMatchesBackpropagation() {
    for (double[] x : points(5, 3)) {
      double[][] b = backprop(x, B1, B2);
      double[] dZ = b[1];
      double[] dU = b[2];
      double[] hidden = new double[W1.length];
      for (int i = 0; i < W1.length; i++) {
        double z = B1[i];
        for (int j = 0; j < 3; j++) {
          z += W1[i][j] * x[j];
        }
        hidden[i] = Math.tanh(z);
      }
      // ∂f/∂W1ᵢⱼ = dZᵢ·xⱼ, ∂f/∂W2ₖᵢ = dUₖ·hᵢ, row-major, w1 before w2
      double[] expected = new double[12 + 8];
      int c = 0;
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 3; j++) {
          expected[c++] = dZ[i] * x[j];
        }
      }
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 4; i++) {
          expected[c++] = dU[k] * hidden[i];
        }
      }
      // forward lanes, bit for bit the scalar tangents (fGradient takes reverse mode here)
      double[] gradient = new double[expected.length];
      MatricesDerivatives.mlpWeightsGradientForward(x, W1, B1, W2, B2, gradient, null);
      Jacobians.assertClose("weight gradient", gradient, expected, Check.EXACT);
      Jacobians.assertClose("weight gradient (automatic)",
          MatricesDerivatives.mlpWeightsGradient(x, W1, B1, W2, B2), gradient, 1e-13);
      // the Dual[][] and unboxed forms along each weight give the same column bit for bit
      c = 0;
      for (int m = 0; m < 2; m++) {
        double[][] w = m == 0 ? W1 : W2;
        for (int i = 0; i < w.length; i++) {
          for (int j = 0; j < w[i].length; j++) {
            double[][] d1 = new double[4][3];
            double[][] d2 = new double[2][4];
            (m == 0 ? d1 : d2)[i][j] = 1.0;
            double unboxed = MatricesDerivatives.mlpWeights(x, W1, d1, B1, W2, d2, B2).tangent();
            assertWithMessage("column " + c).that(unboxed).isEqualTo(gradient[c]);
            double boxed =
                MatricesDerivatives.mlpWeights(x, duals(W1, d1), B1, duals(W2, d2), B2).tangent();
            assertWithMessage("Dual[][] column " + c).that(boxed).isEqualTo(gradient[c]);
            c++;
          }
        }
      }
    }
  }

  /** ∂rᵢ/∂a_kj = δᵢₖ·cos(sᵢ)·xⱼ², ∂rᵢ/∂xⱼ = cos(sᵢ)·2·aᵢⱼ·xⱼ; columns a row by row, then x. */
  @Test
  void raggedMatrixJacobianAndJvp() {
    double[][] a = {{0.5, -0.25, 1.0}, {2.0}, {-1.5, 0.75}};
    double[] x = {0.8, -0.6, 1.1};
    double[][] expected = new double[3][6 + 3];
    int first = 0;
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < a[i].length; j++) {
        s += a[i][j] * x[j] * x[j];
      }
      for (int j = 0; j < a[i].length; j++) {
        expected[i][first + j] = Math.cos(s) * x[j] * x[j];
        expected[i][6 + j] = Math.cos(s) * 2 * a[i][j] * x[j];
      }
      first += a[i].length;
    }
    double[][] jacobian = MatricesDerivatives.raggedJacobian(a, x);
    Jacobians.assertClose("ragged Jacobian", jacobian, expected, Check.EXACT);
    double[][] da = {{1.0, 0.5, -1.0}, {2.0}, {0.25, -0.5}};
    double[] dx = {0.3, -0.2, 0.1};
    double[] v = {1.0, 0.5, -1.0, 2.0, 0.25, -0.5, 0.3, -0.2, 0.1};
    double[] jv = MatricesDerivatives.raggedJvp(a, x, da, dx);
    double[] expectedJv = Jacobians.times(expected, v);
    Jacobians.assertClose("ragged J·v", jv, expectedJv, 1e-13);
  }

  @Test
  void activeMatrixPassedToACalleeMatchesRichardson() {
    for (double[] x : points(3, 3)) {
      double[] gradient = MatricesDerivatives.raggedNormGradient(x);
      Jacobians.assertClose(
          "ragged norm",
          gradient,
          Jacobians.richardson(y -> new double[] {Matrices.raggedNorm(y)}, x, 0.01)[0],
          Check.FINITE_DIFFERENCE);
      for (int j = 0; j < 3; j++) {
        assertThat(MatricesDerivatives.raggedNorm(x, unit(3, j)).tangent()).isEqualTo(gradient[j]);
      }
    }
  }

  static Dual[][] duals(double[][] values, double[][] tangents) {
    Dual[][] d = new Dual[values.length][];
    for (int i = 0; i < values.length; i++) {
      d[i] = new Dual[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        d[i][j] = Dual.of(values[i][j], tangents[i][j]);
      }
    }
    return d;
  }

  @Test
  void perceptronHessianMatchesDifferencesOfTheHandGradient() {
    for (double[] x : points(11, 3)) {
      double[] gradient = new double[3];
      double[][] hessian = new double[3][3];
      double value = MatricesDerivatives.mlpInputsHessian(x, W1, B1, W2, B2, gradient, hessian);
      assertThat(value).isEqualTo(Matrices.mlpInputs(x, W1, B1, W2, B2));
      Jacobians.assertClose("gradient", gradient, backprop(x, B1, B2)[0], Check.EXACT);
      double[][] expected = Jacobians.richardson(y -> backprop(y, B1, B2)[0], x);
      Jacobians.assertClose("Hessian", hessian, expected, Check.FINITE_DIFFERENCE);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          assertWithMessage("symmetry").that(hessian[i][j]).isWithin(1e-15).of(hessian[j][i]);
        }
      }
    }
  }

  static final double[] T = {0.0, 0.5, 1.0, 1.5, 2.0, 2.5};
  static final double[] Y = {3.1, 2.3, 1.9, 1.55, 1.4, 1.3};

  @Test
  void gaussNewtonStepOverAMatrixJacobianMatchesRichardson() {
    double[][] starts = {{2.0, -1.0, 1.0}, {1.6, -0.7, 1.2}, {2.2, -1.3, 0.9}};
    for (double[] p : starts) {
      double[] before = p.clone();
      Function<double[], double[]> step = q -> Matrices.gaussNewtonStep(q, T, Y);
      double[][] jacobian = MatricesDerivatives.gaussNewtonStepJacobian(p, T, Y);
      assertThat(p).usingExactEquality().containsExactly(before).inOrder();
      Jacobians.assertClose(
          "step at " + Arrays.toString(p), jacobian, Jacobians.richardson(step, p, 0.01), 1e-6);
      for (int j = 0; j < p.length; j++) {
        Dual[] scalar = MatricesDerivatives.gaussNewtonStep(p, unit(p.length, j), T, Y);
        for (int i = 0; i < scalar.length; i++) {
          assertWithMessage("column " + j + " row " + i)
              .that(scalar[i].tangent())
              .isEqualTo(jacobian[i][j]);
        }
      }
      assertThat(MatricesDerivatives.gaussNewtonStepJacobian(p, T, Y, new double[3][3]))
          .usingExactEquality()
          .containsExactly(Matrices.gaussNewtonStep(p, T, Y))
          .inOrder();
    }
  }
}
