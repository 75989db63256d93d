package org.dualj.examples;

import java.util.Locale;
import org.dualj.annotations.Differentiable;

/**
 * Forward kinematics of a planar arm of n links, its Jacobian from the code dualj generates, and a
 * few damped-least-squares inverse-kinematics steps that use it.
 *
 * <p>Link i has length {@code l_i} and joint angle {@code θ_i} relative to the previous link, so
 * its absolute direction is {@code φ_i = θ_1 + … + θ_i} and the end effector is at
 * {@code x = Σ l_i cos φ_i}, {@code y = Σ l_i sin φ_i}. Only the angles are differentiated
 * ({@code wrt = "angles"}); the lengths pass through as data, so
 * {@code RobotArmDerivatives.endEffectorJacobian(angles, lengths)} is the 2×n matrix
 * {@code ∂(x, y)/∂θ}.
 */
final class RobotArm {

    private RobotArm() {}

    /** The end effector (x, y) of the arm with joint angles {@code angles} and link lengths {@code lengths}. */
    @Differentiable(wrt = "angles")
    static double[] endEffector(double[] angles, double[] lengths) {
        double phi = 0.0;
        double x = 0.0;
        double y = 0.0;
        for (int i = 0; i < angles.length; i++) {
            phi += angles[i];
            x += lengths[i] * Math.cos(phi);
            y += lengths[i] * Math.sin(phi);
        }
        return new double[] {x, y};
    }

    /**
     * The Jacobian written by hand: {@code ∂x/∂θ_j = −Σ_{i≥j} l_i sin φ_i} and
     * {@code ∂y/∂θ_j = Σ_{i≥j} l_i cos φ_i} (joint j turns every link from j on).
     */
    static double[][] analyticJacobian(double[] angles, double[] lengths) {
        int n = angles.length;
        double[] phi = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += angles[i];
            phi[i] = sum;
        }
        double[][] jacobian = new double[2][n];
        double sx = 0.0;
        double sy = 0.0;
        for (int j = n - 1; j >= 0; j--) {
            sx -= lengths[j] * Math.sin(phi[j]);
            sy += lengths[j] * Math.cos(phi[j]);
            jacobian[0][j] = sx;
            jacobian[1][j] = sy;
        }
        return jacobian;
    }

    /**
     * One damped-least-squares step toward {@code target}:
     * {@code Δθ = Jᵀ (J Jᵀ + λ² I)⁻¹ e} with {@code e = target − endEffector(θ)}, J from the
     * generated code. Updates {@code angles} in place and returns the end effector before the step.
     *
     * @param jacobian a 2×n matrix, overwritten with the Jacobian at the current angles
     */
    static double[] dampedLeastSquaresStep(
            double[] angles, double[] lengths, double[] target, double lambda, double[][] jacobian) {
        double[] p = RobotArmDerivatives.endEffectorJacobian(angles, lengths, jacobian);
        double ex = target[0] - p[0];
        double ey = target[1] - p[1];
        // A = J Jᵀ + λ² I (symmetric 2×2), solve A w = e, then Δθ = Jᵀ w.
        double[] jx = jacobian[0];
        double[] jy = jacobian[1];
        double a00 = lambda * lambda;
        double a01 = 0.0;
        double a11 = lambda * lambda;
        for (int j = 0; j < angles.length; j++) {
            a00 += jx[j] * jx[j];
            a01 += jx[j] * jy[j];
            a11 += jy[j] * jy[j];
        }
        double det = a00 * a11 - a01 * a01;
        double wx = (a11 * ex - a01 * ey) / det;
        double wy = (a00 * ey - a01 * ex) / det;
        for (int j = 0; j < angles.length; j++) {
            angles[j] += jx[j] * wx + jy[j] * wy;
        }
        return p;
    }

    /** Evenly spread test configuration: θ_i = 0.3 + 0.17·i·(−1)^i, l_i = 1 / (1 + 0.1·i). */
    static double[] sampleAngles(int n) {
        double[] angles = new double[n];
        for (int i = 0; i < n; i++) {
            angles[i] = 0.3 + 0.17 * i * (i % 2 == 0 ? 1 : -1);
        }
        return angles;
    }

    static double[] sampleLengths(int n) {
        double[] lengths = new double[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 1.0 / (1.0 + 0.1 * i);
        }
        return lengths;
    }

    /** Prints the Jacobians for n = 3 and n = 12 against the analytic ones, then an IK run. */
    static void demo() {
        for (int n : new int[] {3, 12}) {
            double[] angles = sampleAngles(n);
            double[] lengths = sampleLengths(n);
            double[][] jacobian = RobotArmDerivatives.endEffectorJacobian(angles, lengths);
            double[][] analytic = analyticJacobian(angles, lengths);
            double[] p = endEffector(angles, lengths);
            println("n = %d links, theta_i = 0.3 + 0.17*i*(-1)^i, l_i = 1/(1 + 0.1*i); end effector (%.6f, %.6f)",
                    n, p[0], p[1]);
            println("  Jacobian d(x, y)/d(theta_1 .. theta_%d) from RobotArmDerivatives.endEffectorJacobian:", n);
            printRow("dx", jacobian[0]);
            printRow("dy", jacobian[1]);
            println("  max |generated - analytic| = %.2e", maxAbsDifference(jacobian, analytic));
            println("");
        }

        int n = 12;
        double[] angles = sampleAngles(n);
        double[] lengths = sampleLengths(n);
        double[] target = {3.0, 4.5};
        double lambda = 0.1;
        double[][] jacobian = new double[2][n];
        println("Damped least squares IK, n = %d, target (%.1f, %.1f), lambda = %.1f:", n, target[0], target[1], lambda);
        println("  dtheta = J^T (J J^T + lambda^2 I)^-1 (target - p), J from endEffectorJacobian(.., jacobianOut)");
        println("  %-5s %-24s %s", "step", "end effector", "distance to target");
        int steps = 6;
        for (int step = 0; step <= steps; step++) {
            double[] p = step < steps
                    ? dampedLeastSquaresStep(angles, lengths, target, lambda, jacobian)
                    : endEffector(angles, lengths);
            println("  %-5d (%9.6f, %9.6f)   %.3e", step, p[0], p[1], Math.hypot(target[0] - p[0], target[1] - p[1]));
        }
    }

    static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    private static void printRow(String name, double[] row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    %-3s", name));
        for (int j = 0; j < row.length; j++) {
            if (j > 0 && j % 6 == 0) {
                line.append(System.lineSeparator()).append("       ");
            }
            line.append(String.format(Locale.ROOT, " %9.5f", row[j]));
        }
        System.out.println(line);
    }

    private static void println(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
