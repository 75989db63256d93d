package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode on the JDK's array calls and on {@code double[][]} ({@link ReverseCoverage}, and
 * the models of {@link ArrayCopies}, {@link Matrices} and {@link MatrixAliasing}, which reverse mode
 * used to leave to forward mode): every gradient, vector–Jacobian product and reverse Jacobian
 * against Richardson-extrapolated central differences of the primal at several points, and against
 * forward mode to 1e-13 relative; the tape empty after each call.
 */
class ReverseCoverageTest {
  /** Reverse and forward mode add the same partial products in another order. */
  private static final double MODES = 1e-13;

  private final Random random = new Random(20261204L);

  private double[] point(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.2 + random.nextDouble() * (random.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  private static double[] richardson(ToDoubleFunction<double[]> f, double[] z) {
    return Richardson.gradient(f, z, 0.01);
  }

  /** The reverse gradient equals the forward one to rounding and Richardson's differences. */
  private static void check(
      String what, double[] reverse, double[] forward, ToDoubleFunction<double[]> f, double[] z) {
    Check.closeAll(what + ": reverse vs forward", reverse, forward, MODES);
    Check.closeAll(what + ": reverse vs Richardson", reverse, richardson(f, z), Check.FINITE_DIFFERENCE);
  }

  /** A ragged matrix whose rows have {@code lengths}, filled from {@code z} from {@code at} on. */
  static double[][] matrix(double[] z, int at, int... lengths) {
    double[][] m = new double[lengths.length][];
    for (int i = 0; i < lengths.length; i++) {
      m[i] = Arrays.copyOfRange(z, at, at + lengths[i]);
      at += lengths[i];
    }
    return m;
  }

  // ---------------------------------------------------------------- array library calls

  @Test
  void overlappingShiftsBothWaysRestoreTheOverwrittenElements() {
    Workspace work = new Workspace();
    for (int n : new int[] {3, 4, 7}) {
      double[] x = point(n);
      double[] g = new double[n];
      double v = ReverseCoverageDerivatives.shiftBothWaysGradientReverse(x, g, work);
      assertThat(v).isEqualTo(ReverseCoverage.shiftBothWays(x));
      assertThat(work.tape().isEmpty()).isTrue();
      double[] forward = new double[n];
      ReverseCoverageDerivatives.shiftBothWaysGradientForward(x, forward, work);
      check("shiftBothWays n=" + n, g, forward, ReverseCoverage::shiftBothWays, x);
    }
  }

  @Test
  void rangedFillsCopiesFromATableAndSlices() {
    for (int n : new int[] {2, 5}) {
      double[] x = point(n);
      double[] g = ReverseCoverageDerivatives.fillsAndSlicesGradientReverse(x);
      double[] forward = new double[n];
      ReverseCoverageDerivatives.fillsAndSlicesGradientForward(x, forward, null);
      check("fillsAndSlices n=" + n, g, forward, ReverseCoverage::fillsAndSlices, x);
    }
  }

  @Test
  void aCopysSourceChosenByACondition() {
    for (double[] x : new double[][] {{0.7, -0.4, 1.1}, {-0.3, 0.8, 0.5}, {0.9, 0.6, -1.2}}) {
      double[] g = ReverseCoverageDerivatives.chosenSourceGradientReverse(x);
      double[] forward = new double[3];
      ReverseCoverageDerivatives.chosenSourceGradientForward(x, forward, null);
      check("chosenSource at " + Arrays.toString(x), g, forward, ReverseCoverage::chosenSource, x);
    }
  }

  @Test
  void indicesComputedByCallsAndJdkCallsThatOnlyRead() {
    for (int n : new int[] {3, 5}) {
      double[] x = point(n);
      double[] g = ReverseCoverageDerivatives.indexedByCallsGradientReverse(x);
      double[] forward = new double[n];
      ReverseCoverageDerivatives.indexedByCallsGradientForward(x, forward, null);
      check("indexedByCalls n=" + n, g, forward, ReverseCoverage::indexedByCalls, x);
    }
  }

  @Test
  void arrayCopiesModelsInReverseMode() {
    Workspace work = new Workspace();
    for (int n : new int[] {3, 6}) {
      double[] x = point(n);
      double[] g = new double[n];
      ArrayCopiesDerivatives.movingAverageEnergyGradientReverse(x, 3, g, work);
      double[] forward = new double[n];
      ArrayCopiesDerivatives.movingAverageEnergyGradientForward(x, 3, forward, work);
      check("movingAverageEnergy", g, forward, z -> ArrayCopies.movingAverageEnergy(z, 3), x);
      double[] c = ArrayCopiesDerivatives.cyclicGradientReverse(x);
      double[] cf = new double[n];
      ArrayCopiesDerivatives.cyclicGradientForward(x, cf, work);
      check("cyclic", c, cf, ArrayCopies::cyclic, x);
      assertThat(work.tape().isEmpty()).isTrue();
    }
    double[] start = {2.0, -0.8};
    double[] g = ArrayCopiesDerivatives.costAfterStepsGradientReverse(start, ArrayCopiesTest.T, ArrayCopiesTest.Y, 2);
    double[] forward = new double[2];
    ArrayCopiesDerivatives.costAfterStepsGradientForward(start, ArrayCopiesTest.T, ArrayCopiesTest.Y, 2, forward, null);
    check("costAfterSteps", g, forward,
        z -> ArrayCopies.costAfterSteps(z, ArrayCopiesTest.T, ArrayCopiesTest.Y, 2), start);
  }

  @Test
  void arrayValuedModelsByVectorJacobianProductsAndReverseJacobians() {
    double[] x = point(4);
    double[] c = {0.5, -0.25, 1.5};
    double[][] jr = ArrayCopiesDerivatives.delayLineJacobianReverse(x, c);
    double[][] jf = ArrayCopiesDerivatives.delayLineJacobian(x, c);
    for (int i = 0; i < jf.length; i++) {
      Check.closeAll("delayLine row " + i, jr[i], jf[i], MODES);
    }
    double[] p = point(5);
    double[][] pr = ArrayCopiesDerivatives.padAndSliceJacobianReverse(p);
    double[][] pf = ArrayCopiesDerivatives.padAndSliceJacobian(p);
    assertThat(pr.length).isEqualTo(pf.length);
    for (int i = 0; i < pf.length; i++) {
      Check.closeAll("padAndSlice row " + i, pr[i], pf[i], MODES);
      final int row = i;
      Check.closeAll("padAndSlice row " + i + " vs Richardson", pr[i],
          richardson(z -> ArrayCopies.padAndSlice(z)[row], p), Check.FINITE_DIFFERENCE);
    }
    // ȳᵀ(J·ẋ) = (ȳᵀJ)·ẋ for the Gauss–Newton step over a double[][] Jacobian
    double[] q = {2.0, -0.8, 0.1};
    double[] t = ArrayCopiesTest.T;
    double[] y = ArrayCopiesTest.Y;
    double[] ybar = {0.3, -1.1, 0.7};
    double[] vjp = MatricesDerivatives.gaussNewtonStepVjp(q, t, y, ybar);
    double[][] jacobian = MatricesDerivatives.gaussNewtonStepJacobian(q, t, y);
    for (int k = 0; k < 3; k++) {
      double expected = 0;
      for (int i = 0; i < 3; i++) {
        expected += ybar[i] * jacobian[i][k];
      }
      Check.close("gaussNewtonStep vjp " + k, vjp[k], expected, MODES);
    }
  }

  // ---------------------------------------------------------------- double[][]

  @Test
  void matricesReassignedInLoopsWithRowSwaps() {
    Workspace work = new Workspace();
    for (int n : new int[] {2, 3, 5}) {
      double[] x = point(n);
      double[] g = new double[n];
      double v = ReverseCoverageDerivatives.matrixInLoopGradientReverse(x, g, work);
      assertThat(v).isEqualTo(ReverseCoverage.matrixInLoop(x));
      assertThat(work.tape().isEmpty()).isTrue();
      double[] forward = new double[n];
      ReverseCoverageDerivatives.matrixInLoopGradientForward(x, forward, work);
      check("matrixInLoop n=" + n, g, forward, ReverseCoverage::matrixInLoop, x);
    }
  }

  @Test
  void aRaggedMatrixParameterInWrtGivesItsColumnsRowByRow() {
    int[] lengths = {3, 1, 2};
    for (int trial = 0; trial < 3; trial++) {
      double[] z = point(9);
      double[][] a = matrix(z, 0, lengths);
      double[] x = Arrays.copyOfRange(z, 6, 9);
      double[] g = new double[9];
      Workspace work = new Workspace();
      double v = ReverseCoverageDerivatives.quadraticGradientReverse(a, x, g, work);
      assertThat(v).isEqualTo(ReverseCoverage.quadratic(a, x));
      double[] forward = new double[9];
      ReverseCoverageDerivatives.quadraticGradientForward(a, x, forward, work);
      ToDoubleFunction<double[]> f = w -> ReverseCoverage.quadratic(matrix(w, 0, lengths), Arrays.copyOfRange(w, 6, 9));
      check("quadratic", g, forward, f, z);
      // the automatic choice is reverse mode here (9 columns), and gives exactly its gradient
      double[] automatic = new double[9];
      ReverseCoverageDerivatives.quadraticGradient(a, x, automatic, work);
      assertThat(automatic).usingExactEquality().containsExactly(g).inOrder();
      // an analytic check of one column: ∂/∂x₀ = Σᵢ 2uᵢ·aᵢ₀ (every row has a column 0)
      double expected = 0;
      for (double[] row : a) {
        double u = 0;
        for (int j = 0; j < row.length; j++) {
          u += row[j] * x[j];
        }
        expected += 2 * u * row[0];
      }
      Check.close("quadratic d/dx0", g[6], expected, Check.EXACT);
    }
  }

  @Test
  void callsPassingConstantAndBuiltMatricesAndReturningArrays() {
    for (int trial = 0; trial < 3; trial++) {
      double[] x = point(3);
      double[] g = ReverseCoverageDerivatives.quadraticOfDataGradientReverse(x);
      double[] forward = new double[3];
      ReverseCoverageDerivatives.quadraticOfDataGradientForward(x, forward, null);
      check("quadraticOfData", g, forward, ReverseCoverage::quadraticOfData, x);
      double[] r = MatricesDerivatives.raggedNormGradientReverse(x);
      double[] rf = new double[3];
      MatricesDerivatives.raggedNormGradientForward(x, rf, null);
      check("raggedNorm", r, rf, Matrices::raggedNorm, x);
      int[] lengths = {2, 3};
      double[] z = point(8);
      double[] s = ReverseCoverageDerivatives.raggedSinesGradientReverse(matrix(z, 0, lengths), Arrays.copyOfRange(z, 5, 8));
      double[] sf = new double[8];
      ReverseCoverageDerivatives.raggedSinesGradientForward(matrix(z, 0, lengths), Arrays.copyOfRange(z, 5, 8), sf, null);
      check("raggedSines", s, sf,
          w -> ReverseCoverage.raggedSines(matrix(w, 0, lengths), Arrays.copyOfRange(w, 5, 8)), z);
    }
  }

  @Test
  void thePerceptronWithRespectToItsWeightMatrices() {
    double[] x = {0.3, -1.2, 0.7};
    double[] b1 = {0.1, -0.2};
    double[] b2 = {0.05, 0.1, -0.1};
    for (int trial = 0; trial < 3; trial++) {
      double[] z = point(12);
      double[][] w1 = matrix(z, 0, 3, 3);
      double[][] w2 = matrix(z, 6, 2, 2, 2);
      double[] g = MatricesDerivatives.mlpWeightsGradientReverse(x, w1, b1, w2, b2);
      double[] forward = new double[12];
      MatricesDerivatives.mlpWeightsGradientForward(x, w1, b1, w2, b2, forward, null);
      check("mlpWeights", g, forward,
          w -> Matrices.mlpWeights(x, matrix(w, 0, 3, 3), b1, matrix(w, 6, 2, 2, 2), b2), z);
      double[] xs = point(3);
      double[] gi = MatricesDerivatives.mlpInputsGradientReverse(xs, w1, b1, w2, b2);
      double[] gf = new double[3];
      MatricesDerivatives.mlpInputsGradientForward(xs, w1, b1, w2, b2, gf, null);
      check("mlpInputs", gi, gf, w -> Matrices.mlpInputs(w, w1, b1, w2, b2), xs);
      // without wrt the matrices are data: columns x, b1, b2
      double[] zs = point(8);
      double[] xm = Arrays.copyOfRange(zs, 0, 3);
      double[] b1m = Arrays.copyOfRange(zs, 3, 5);
      double[] b2m = Arrays.copyOfRange(zs, 5, 8);
      double[] gm = MatricesDerivatives.mlpGradientReverse(xm, w1, b1m, w2, b2m);
      double[] gmf = new double[8];
      MatricesDerivatives.mlpGradientForward(xm, w1, b1m, w2, b2m, gmf, null);
      check("mlp", gm, gmf, w -> Matrices.mlp(Arrays.copyOfRange(w, 0, 3), w1,
          Arrays.copyOfRange(w, 3, 5), w2, Arrays.copyOfRange(w, 5, 8)), zs);
    }
  }

  @Test
  void matrixAliasingModelsInReverseMode() {
    for (double[] p : MatrixAliasingTest.POINTS) {
      double x = p[0];
      double y = p[1];
      check2("a", MatrixAliasingDerivatives.aGradientReverse(x, y), MatrixAliasingDerivatives.aGradient(x, y),
          z -> MatrixAliasing.a(z[0], z[1]), p);
      check2("b", MatrixAliasingDerivatives.bGradientReverse(x, y), MatrixAliasingDerivatives.bGradient(x, y),
          z -> MatrixAliasing.b(z[0], z[1]), p);
      check2("c", MatrixAliasingDerivatives.cGradientReverse(x, y), MatrixAliasingDerivatives.cGradient(x, y),
          z -> MatrixAliasing.c(z[0], z[1]), p);
      check2("d", MatrixAliasingDerivatives.dGradientReverse(x, y), MatrixAliasingDerivatives.dGradient(x, y),
          z -> MatrixAliasing.d(z[0], z[1]), p);
      check2("e", MatrixAliasingDerivatives.eGradientReverse(x, y), MatrixAliasingDerivatives.eGradient(x, y),
          z -> MatrixAliasing.e(z[0], z[1]), p);
      double[][] w = MatrixAliasingTest.W;
      check2("f", MatrixAliasingDerivatives.fGradientReverse(x, w, y), MatrixAliasingDerivatives.fGradient(x, w, y),
          z -> MatrixAliasing.f(z[0], w, z[1]), p);
      check2("g", MatrixAliasingDerivatives.gGradientReverse(x, y), MatrixAliasingDerivatives.gGradient(x, y),
          z -> MatrixAliasing.g(z[0], z[1]), p);
      check2("h", MatrixAliasingDerivatives.hGradientReverse(x, y), MatrixAliasingDerivatives.hGradient(x, y),
          z -> MatrixAliasing.h(z[0], z[1]), p);
      check2("i", MatrixAliasingDerivatives.iGradientReverse(x, y), MatrixAliasingDerivatives.iGradient(x, y),
          z -> MatrixAliasing.i(z[0], z[1]), p);
    }
  }

  @Test
  void hessianVectorProductsByReverseOverForwardThroughMatricesAndCopies() {
    double[] v = {0.6, -1.3};
    for (double[] p : MatrixAliasingTest.POINTS) {
      double[][] h = MatrixAliasingDerivatives.cHessian(p[0], p[1]);
      double[] hv = MatrixAliasingDerivatives.cHessianVectorReverse(p[0], p[1], v[0], v[1]);
      for (int i = 0; i < 2; i++) {
        Check.close("c H·v " + i, hv[i], h[i][0] * v[0] + h[i][1] * v[1], MODES);
      }
    }
    double[] x = point(4);
    double[] dir = point(4);
    double[][] h = ArrayCopiesDerivatives.cyclicHessian(x);
    double[] hv = ArrayCopiesDerivatives.cyclicHessianVectorReverse(x, dir);
    for (int i = 0; i < 4; i++) {
      double expected = 0;
      for (int j = 0; j < 4; j++) {
        expected += h[i][j] * dir[j];
      }
      Check.close("cyclic H·v " + i, hv[i], expected, MODES);
    }
  }

  private static void check2(String what, double[] reverse, double[] forward, ToDoubleFunction<double[]> f, double[] p) {
    check("MatrixAliasing." + what + " at " + Arrays.toString(p), reverse, forward, f, p);
  }
}
