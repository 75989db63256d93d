package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * A real client of the generated Jacobian: Hipparchus' Levenberg-Marquardt fit of
 * y(t) = a·exp(−b·t) + c·sin(ω·t) to data made from known parameters plus small deterministic
 * noise. The model's residuals and their Jacobian come from
 * {@code DecayFitDerivatives.residualsJacobian(a, b, c, ω, t, y, jacobianOut)} (t and y are data,
 * left out by {@code wrt}); the same fit with a hand-written analytic Jacobian must reach the same
 * parameters, and both must land near the true ones.
 */
class LevenbergMarquardtFitTest {

  static final double[] TRUE = {2.5, 0.8, 0.6, 3.1};
  static final int M = 60;
  static final double[] T = new double[M];
  static final double[] Y = new double[M];

  static {
    for (int i = 0; i < M; i++) {
      T[i] = 0.1 * i;
      double noise = 0.01 * Math.sin(1.7 * i * i + 0.3);
      Y[i] = TRUE[0] * Math.exp(-TRUE[1] * T[i]) + TRUE[2] * Math.sin(TRUE[3] * T[i]) + noise;
    }
  }

  /** Residuals and Jacobian from the generated code. */
  static final MultivariateJacobianFunction GENERATED = point -> {
    double[] p = point.toArray();
    double[][] jac = new double[M][4];
    double[] r = DecayFitDerivatives.residualsJacobian(p[0], p[1], p[2], p[3], T, Y, jac);
    return new Pair<RealVector, RealMatrix>(
        new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
  };

  /** Residuals and Jacobian written by hand. */
  static final MultivariateJacobianFunction ANALYTIC = point -> {
    double a = point.getEntry(0);
    double b = point.getEntry(1);
    double c = point.getEntry(2);
    double omega = point.getEntry(3);
    double[] r = new double[M];
    double[][] jac = new double[M][4];
    for (int i = 0; i < M; i++) {
      double t = T[i];
      double e = Math.exp(-b * t);
      double s = Math.sin(omega * t);
      r[i] = a * e + c * s - Y[i];
      jac[i][0] = e;
      jac[i][1] = -a * t * e;
      jac[i][2] = s;
      jac[i][3] = c * t * Math.cos(omega * t);
    }
    return new Pair<RealVector, RealMatrix>(
        new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
  };

  static Optimum fit(MultivariateJacobianFunction model, double[] start) {
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(start)
        .model(model)
        .target(new double[M]) // residuals r = model − data, driven to zero
        .maxEvaluations(1000)
        .maxIterations(1000)
        .build();
    LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer()
        .withCostRelativeTolerance(1e-14)
        .withParameterRelativeTolerance(1e-14)
        .withOrthoTolerance(1e-14);
    return optimizer.optimize(problem);
  }

  @Test
  void generatedJacobianMatchesTheAnalyticOneAlongTheWay() {
    double[][] points = {{2.0, 1.0, 0.5, 3.0}, TRUE, {1.0, 0.2, -0.3, 2.8}};
    for (double[] p : points) {
      Pair<RealVector, RealMatrix> g = GENERATED.value(new ArrayRealVector(p));
      Pair<RealVector, RealMatrix> h = ANALYTIC.value(new ArrayRealVector(p));
      Jacobians.assertClose("residuals", g.getFirst().toArray(), h.getFirst().toArray(),
          Check.EXACT);
      Jacobians.assertClose("Jacobian", g.getSecond().getData(), h.getSecond().getData(),
          Check.EXACT);
    }
  }

  @Test
  void fitWithTheGeneratedJacobianConvergesLikeTheAnalyticFit() {
    double[][] starts = {{2.0, 1.0, 0.5, 3.0}, {3.0, 0.5, 1.0, 3.2}, {1.5, 1.2, 0.3, 3.05}};
    for (double[] start : starts) {
      Optimum generated = fit(GENERATED, start);
      Optimum analytic = fit(ANALYTIC, start);
      double[] pg = generated.getPoint().toArray();
      double[] pa = analytic.getPoint().toArray();
      for (int k = 0; k < 4; k++) {
        assertWithMessage("parameter %s, generated vs analytic Jacobian", k)
            .that(pg[k])
            .isWithin(1e-8 * Math.max(1.0, Math.abs(pa[k])))
            .of(pa[k]);
        // The noise is 0.01 in amplitude: the estimates stay within a few hundredths.
        assertWithMessage("parameter %s vs the true value", k)
            .that(pg[k])
            .isWithin(0.02)
            .of(TRUE[k]);
      }
      // A residual of the size of the noise, and first-order optimality Jᵀr = 0.
      assertThat(generated.getRMS()).isLessThan(0.011);
      Check.close("cost", generated.getCost(), analytic.getCost(), 1e-10);
      double[][] jac = new double[M][4];
      double[] r = DecayFitDerivatives.residualsJacobian(pg[0], pg[1], pg[2], pg[3], T, Y, jac);
      for (int k = 0; k < 4; k++) {
        double g = 0.0;
        double scale = 0.0;
        for (int i = 0; i < M; i++) {
          g += jac[i][k] * r[i];
          scale += Math.abs(jac[i][k] * r[i]);
        }
        assertWithMessage("(Jᵀr)[%s]", k).that(Math.abs(g)).isLessThan(1e-8 * scale);
      }
    }
  }
}
