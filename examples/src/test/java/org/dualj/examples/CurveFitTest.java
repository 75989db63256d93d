package org.dualj.examples;

import static com.google.common.truth.Truth.assertThat;

import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated Jacobian of {@link CurveFit#model} and the Levenberg–Marquardt fit that uses it. */
class CurveFitTest {

    private static final double[] TRUE = {CurveFit.TRUE_A, CurveFit.TRUE_B, CurveFit.TRUE_C};

    @Test
    void jacobianMatchesAnalytic() {
        double[] t = CurveFit.times(50);
        double[][] points = {{2.5, 1.3, 0.4}, {1.0, 0.5, 0.0}, {-3.0, 0.1, 7.0}, {0.2, -0.7, -1.0}};
        for (double[] p : points) {
            double[][] analytic = CurveFit.analyticJacobian(p[0], p[1], p[2], t);
            double[][] jacobian = CurveFitDerivatives.modelJacobian(p[0], p[1], p[2], t);
            double[][] out = new double[t.length][3];
            double[] value = CurveFitDerivatives.modelJacobian(p[0], p[1], p[2], t, out);
            assertThat(jacobian.length).isEqualTo(t.length);
            assertThat(value).usingExactEquality().containsExactly(CurveFit.model(p[0], p[1], p[2], t)).inOrder();
            for (int i = 0; i < t.length; i++) {
                assertThat(jacobian[i]).usingTolerance(1e-12).containsExactly(analytic[i]).inOrder();
                assertThat(out[i]).usingExactEquality().containsExactly(jacobian[i]).inOrder();
            }
        }
    }

    /** The demo's data and four other noise seeds: each fit lies within 4 standard errors of the truth. */
    @ParameterizedTest
    @ValueSource(longs = {CurveFit.SEED, 1L, 2L, 3L, 4L})
    void fitRecoversTrueParametersWithinNoise(long seed) {
        double[] t = CurveFit.times(50);
        double[] y = CurveFit.observations(t, seed);
        Optimum optimum = CurveFit.fit(CurveFit.generatedModel(t), y);
        double[] p = optimum.getPoint().toArray();
        double[] se = CurveFit.standardErrors(optimum);
        for (int k = 0; k < 3; k++) {
            assertThat(se[k]).isGreaterThan(0.0);
            assertThat(se[k]).isLessThan(0.05);
            assertThat(Math.abs(p[k] - TRUE[k])).isLessThan(4 * se[k]);
        }
        // The residuals are the noise: their RMS is close to its standard deviation.
        assertThat(optimum.getRMS()).isWithin(0.25 * CurveFit.NOISE).of(CurveFit.NOISE);
        assertThat(optimum.getIterations()).isLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(longs = {CurveFit.SEED, 1L, 2L})
    void fitMatchesFitWithHandWrittenJacobian(long seed) {
        double[] t = CurveFit.times(50);
        double[] y = CurveFit.observations(t, seed);
        double[] generated = CurveFit.fit(CurveFit.generatedModel(t), y).getPoint().toArray();
        double[] byHand = CurveFit.fit(CurveFit.handWrittenModel(t), y).getPoint().toArray();
        assertThat(generated).usingTolerance(1e-8).containsExactly(byHand).inOrder();
    }

    @Test
    void noiselessDataGiveTheTrueParameters() {
        double[] t = CurveFit.times(50);
        double[] y = CurveFit.model(CurveFit.TRUE_A, CurveFit.TRUE_B, CurveFit.TRUE_C, t);
        double[] p = CurveFit.fit(CurveFit.generatedModel(t), y).getPoint().toArray();
        assertThat(p).usingTolerance(1e-8).containsExactly(TRUE).inOrder();
    }
}
