package org.dualj.hipparchus;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableVectorFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

/** {@link HipparchusAdapters#leastSquaresModel} and {@link HipparchusAdapters#differentiableVectorFunction}. */
class LeastSquaresAdapterTest {
  private static final double[] T = times(40);
  private static final double[][] POINTS = {
    {2.5, 1.3, 0.4}, {1.0, 0.5, 0.0}, {-3.0, 0.1, 7.0}, {0.2, -0.7, -1.0}
  };

  private static double[] times(int m) {
    double[] t = new double[m];
    for (int i = 0; i < m; i++) {
      t[i] = 0.1 * i;
    }
    return t;
  }

  private static MultivariateJacobianFunction adapted() {
    return HipparchusAdapters.leastSquaresModel(T.length, (p, j) -> ModelsDerivatives.decayJacobian(p, T, j));
  }

  /** The reference model: the same function in DerivativeStructure arithmetic. */
  private static MultivariateJacobianFunction byDerivativeStructure() {
    return point -> {
      DerivativeStructure[] y = References.decay(References.variables(point.toArray(), 1), T);
      double[] values = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        values[i] = y[i].getValue();
      }
      return new Pair<>(new ArrayRealVector(values), new Array2DRowRealMatrix(References.jacobian(y, 3)));
    };
  }

  @Test
  void valuesAndJacobianMatchDerivativeStructure() {
    for (double[] p : POINTS) {
      Pair<RealVector, RealMatrix> got = adapted().value(new ArrayRealVector(p));
      Pair<RealVector, RealMatrix> want = byDerivativeStructure().value(new ArrayRealVector(p));
      assertThat(got.getFirst().toArray()).usingTolerance(1e-13).containsExactly(want.getFirst().toArray()).inOrder();
      assertThat(got.getSecond().getRowDimension()).isEqualTo(T.length);
      assertThat(got.getSecond().getColumnDimension()).isEqualTo(3);
      for (int i = 0; i < T.length; i++) {
        double[] row = want.getSecond().getRow(i);
        double scale = Math.max(1, Math.abs(row[0]) + Math.abs(row[1]) + Math.abs(row[2]));
        assertThat(got.getSecond().getRow(i)).usingTolerance(1e-14 * scale).containsExactly(row).inOrder();
      }
    }
  }

  @Test
  void everyEvaluationHasItsOwnMatrix() {
    MultivariateJacobianFunction model = adapted();
    RealMatrix first = model.value(new ArrayRealVector(POINTS[0])).getSecond();
    double[][] before = first.getData();
    model.value(new ArrayRealVector(POINTS[2]));
    assertThat(first.getData()).isEqualTo(before);
  }

  /** Levenberg–Marquardt with the adapter finds the fit Levenberg–Marquardt finds with DS Jacobians. */
  @Test
  void levenbergMarquardtMatchesFitWithDerivativeStructureJacobian() {
    for (long seed : new long[] {1, 2, 3}) {
      Random random = new Random(seed);
      double[] y = Models.decay(new double[] {2.5, 1.3, 0.4}, T);
      for (int i = 0; i < y.length; i++) {
        y[i] += 0.02 * random.nextGaussian();
      }
      Optimum got = fit(adapted(), y);
      Optimum want = fit(byDerivativeStructure(), y);
      assertThat(got.getPoint().toArray()).usingTolerance(1e-9).containsExactly(want.getPoint().toArray()).inOrder();
      assertThat(got.getRMS()).isWithin(1e-12).of(want.getRMS());
      assertThat(got.getPoint().getEntry(1)).isWithin(0.2).of(1.3);
    }
  }

  private static Optimum fit(MultivariateJacobianFunction model, double[] y) {
    return new LevenbergMarquardtOptimizer()
        .optimize(new LeastSquaresBuilder().model(model).target(y).start(new double[] {1, 0.5, 0})
            .maxEvaluations(1000).maxIterations(1000).build());
  }

  @Test
  void wrongNumberOfRowsIsReported() {
    MultivariateJacobianFunction model =
        HipparchusAdapters.leastSquaresModel(T.length, (p, j) -> Models.decay(p, new double[] {0.5}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.value(new ArrayRealVector(POINTS[0])));
    assertThat(e).hasMessageThat().contains("40 were declared");
  }

  /** The chain rule through the generated Jacobian, along two free parameters the arguments depend on. */
  @Test
  void differentiableVectorFunctionMatchesDerivativeStructure() {
    MultivariateDifferentiableVectorFunction g =
        HipparchusAdapters.differentiableVectorFunction(T.length, (p, j) -> ModelsDerivatives.decayJacobian(p, T, j));
    for (double[] q : new double[][] {{0.3, -0.2}, {1.1, 0.7}}) {
      DerivativeStructure[] free = References.variables(q, 1);
      DerivativeStructure[] p = {
        free[0].sin().add(2), free[0].multiply(free[1]).add(1), free[1].exp()
      };
      DerivativeStructure[] got = g.value(p);
      DerivativeStructure[] want = References.decay(p, T);
      double[] plain = g.value(new double[] {p[0].getValue(), p[1].getValue(), p[2].getValue()});
      for (int i = 0; i < T.length; i++) {
        assertThat(got[i].getValue()).isWithin(1e-13).of(want[i].getValue());
        assertThat(plain[i]).isEqualTo(got[i].getValue());
        assertThat(got[i].getPartialDerivative(1, 0)).isWithin(1e-12).of(want[i].getPartialDerivative(1, 0));
        assertThat(got[i].getPartialDerivative(0, 1)).isWithin(1e-12).of(want[i].getPartialDerivative(0, 1));
      }
      DerivativeStructure[] second = References.variables(new double[] {2, 1, 0.5}, 2);
      assertThrows(IllegalArgumentException.class, () -> g.value(second));
    }
  }
}
