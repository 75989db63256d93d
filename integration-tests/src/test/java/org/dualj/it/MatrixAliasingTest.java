package org.dualj.it;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link MatrixAliasing}: scalar tangents, gradients (bit for bit the scalar tangents) and
 * Hessians against Richardson-extrapolated differences of the primal (nested for second
 * derivatives), at points on both sides of the models' branches.
 */
class MatrixAliasingTest {
  static final double[][] W = {{0.5, 2.0}, {1.5, -1.0}};
  static final double[][] POINTS = {{0.7, 1.3}, {1.3, 0.7}, {-0.4, 0.9}};

  interface Tangent {
    double along(double x, double dx, double y, double dy);
  }

  interface Matrix {
    double[][] at(double x, double y);
  }

  interface Vector {
    double[] at(double x, double y);
  }

  static double partial(DoubleBinaryOperator f, double x, double y, int i) {
    return i == 0
        ? Richardson.derivative(t -> f.applyAsDouble(t, y), x, 0.05)
        : Richardson.derivative(t -> f.applyAsDouble(x, t), y, 0.05);
  }

  static void check(String name, DoubleBinaryOperator f, Tangent tangent, Vector gradient, Matrix hessian) {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      String at = name + " at (" + x + ", " + y + ")";
      double[] g = gradient.at(x, y);
      double[][] h = hessian.at(x, y);
      for (int i = 0; i < 2; i++) {
        double expected = partial(f, x, y, i);
        double scalar = i == 0 ? tangent.along(x, 1, y, 0) : tangent.along(x, 0, y, 1);
        Check.close(at + " tangent " + i, scalar, expected, Check.FINITE_DIFFERENCE);
        assertWithMessage(at + " gradient " + i).that(g[i]).isEqualTo(scalar);
        for (int j = 0; j < 2; j++) {
          final int row = i;
          DoubleBinaryOperator fi = (u, v) -> partial(f, u, v, row);
          Check.close(at + " Hessian " + i + j, h[i][j], partial(fi, x, y, j), 1e-6);
        }
      }
    }
  }

  @Test
  void oneRowInTwoPlacesOfAMatrix() {
    check("a", MatrixAliasing::a, (x, dx, y, dy) -> MatrixAliasingDerivatives.a(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::aGradient, MatrixAliasingDerivatives::aHessian);
  }

  @Test
  void shallowCloneSharesRows() {
    check("b", MatrixAliasing::b, (x, dx, y, dy) -> MatrixAliasingDerivatives.b(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::bGradient, MatrixAliasingDerivatives::bHessian);
  }

  @Test
  void rowAliasesFilledAndCopiedInto() {
    check("c", MatrixAliasing::c, (x, dx, y, dy) -> MatrixAliasingDerivatives.c(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::cGradient, MatrixAliasingDerivatives::cHessian);
  }

  @Test
  void rowAssignedToAnotherRow() {
    check("d", MatrixAliasing::d, (x, dx, y, dy) -> MatrixAliasingDerivatives.d(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::dGradient, MatrixAliasingDerivatives::dHessian);
  }

  @Test
  void ternariesChoosingMatricesAndRows() {
    check("e", MatrixAliasing::e, (x, dx, y, dy) -> MatrixAliasingDerivatives.e(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::eGradient, MatrixAliasingDerivatives::eHessian);
  }

  @Test
  void rowsOfAMatrixParameterReadAndCloned() {
    check("f", (x, y) -> MatrixAliasing.f(x, W, y),
        (x, dx, y, dy) -> MatrixAliasingDerivatives.f(x, dx, W, y, dy).tangent(),
        (x, y) -> MatrixAliasingDerivatives.fGradient(x, W, y),
        (x, y) -> MatrixAliasingDerivatives.fHessian(x, W, y));
  }

  @Test
  void forEachRowVariableReassigned() {
    check("g", MatrixAliasing::g, (x, dx, y, dy) -> MatrixAliasingDerivatives.g(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::gGradient, MatrixAliasingDerivatives::gHessian);
  }

  @Test
  void raggedRowsFromCopiesAndComputedShapes() {
    check("h", MatrixAliasing::h, (x, dx, y, dy) -> MatrixAliasingDerivatives.h(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::hGradient, MatrixAliasingDerivatives::hHessian);
  }

  @Test
  void compoundAssignmentsWithEffectsInIndices() {
    check("i", MatrixAliasing::i, (x, dx, y, dy) -> MatrixAliasingDerivatives.i(x, dx, y, dy).tangent(),
        MatrixAliasingDerivatives::iGradient, MatrixAliasingDerivatives::iHessian);
  }
}
