package org.dualj.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated Jacobian of {@link RobotArm#endEffector} against the closed form. */
class RobotArmTest {

    private static final double TOLERANCE = 1e-12;

    /** Configurations for n links: the demo's, all zero, straight up, and seeded random ones. */
    private static double[][][] configurations(int n) {
        Random random = new Random(1000L + n);
        double[][][] configs = new double[7][][];
        configs[0] = new double[][] {RobotArm.sampleAngles(n), RobotArm.sampleLengths(n)};
        configs[1] = new double[][] {new double[n], filled(n, 1.0)};
        double[] up = new double[n];
        up[0] = Math.PI / 2;
        configs[2] = new double[][] {up, filled(n, 0.75)};
        for (int c = 3; c < configs.length; c++) {
            double[] angles = new double[n];
            double[] lengths = new double[n];
            for (int i = 0; i < n; i++) {
                angles[i] = Math.PI * (2 * random.nextDouble() - 1);
                lengths[i] = 0.5 + 1.5 * random.nextDouble();
            }
            configs[c] = new double[][] {angles, lengths};
        }
        return configs;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** n = 3 and 12 as asked; 25 also goes through the chunked (two-pass) Jacobian code. */
    @ParameterizedTest
    @ValueSource(ints = {3, 12, 25})
    void jacobianMatchesAnalytic(int n) {
        for (double[][] config : configurations(n)) {
            double[] angles = config[0];
            double[] lengths = config[1];
            double[] anglesCopy = angles.clone();
            double[][] analytic = RobotArm.analyticJacobian(angles, lengths);

            double[][] jacobian = RobotArmDerivatives.endEffectorJacobian(angles, lengths);
            assertThat(jacobian.length).isEqualTo(2);
            for (int r = 0; r < 2; r++) {
                assertThat(jacobian[r]).usingTolerance(TOLERANCE).containsExactly(analytic[r]).inOrder();
            }

            double[][] out = new double[2][n];
            double[] value = RobotArmDerivatives.endEffectorJacobian(angles, lengths, out);
            assertThat(value).usingExactEquality().containsExactly(RobotArm.endEffector(angles, lengths)).inOrder();
            for (int r = 0; r < 2; r++) {
                assertThat(out[r]).usingExactEquality().containsExactly(jacobian[r]).inOrder();
            }
            assertThat(angles).usingExactEquality().containsExactly(anglesCopy).inOrder();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12})
    void jvpIsJacobianTimesDirection(int n) {
        double[] angles = RobotArm.sampleAngles(n);
        double[] lengths = RobotArm.sampleLengths(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.cos(1.0 + i);
        }
        double[][] analytic = RobotArm.analyticJacobian(angles, lengths);
        double[] jvp = RobotArmDerivatives.endEffectorJvp(angles, lengths, v);
        for (int r = 0; r < 2; r++) {
            double expected = 0.0;
            for (int j = 0; j < n; j++) {
                expected += analytic[r][j] * v[j];
            }
            assertThat(jvp[r]).isWithin(TOLERANCE).of(expected);
        }
    }

    @Test
    void dampedLeastSquaresReachesTarget() {
        int n = 12;
        double[] angles = RobotArm.sampleAngles(n);
        double[] lengths = RobotArm.sampleLengths(n);
        double[] target = {3.0, 4.5};
        double[][] jacobian = new double[2][n];
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 5; step++) {
            double[] p = RobotArm.dampedLeastSquaresStep(angles, lengths, target, 0.1, jacobian);
            double distance = Math.hypot(target[0] - p[0], target[1] - p[1]);
            assertThat(distance).isLessThan(previous);
            previous = distance;
        }
        double[] p = RobotArm.endEffector(angles, lengths);
        assertThat(Math.hypot(target[0] - p[0], target[1] - p[1])).isLessThan(1e-9);
    }
}
