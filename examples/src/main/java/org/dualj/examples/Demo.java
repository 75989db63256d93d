package org.dualj.examples;

import java.util.Locale;
import org.dualj.runtime.Dual;

/**
 * Runs the lecture-notes example through the derivative code that dualj generated for
 * {@link SeedExample#f(double, double)} and compares it with the notes' table and with finite
 * differences; then the {@link RobotArm} Jacobian and inverse kinematics and the {@link CurveFit}
 * Levenberg–Marquardt fit, both on generated Jacobians, and the {@link BlackScholes} Greeks through
 * a custom tangent rule.
 *
 * <p>Run from the project root with {@code mvn -B -q install -DskipTests -Pdemo} (builds every
 * module, then runs the demo), or after an install with {@code mvn -B -q -pl examples exec:java}.
 */
public final class Demo {

    private static final double X1 = 1.5;
    private static final double X2 = 0.5;

    private Demo() {}

    public static void main(String[] args) {
        println("dualj demo: forward-mode AD of the lecture-notes example");
        println("  f(x1, x2) = [sin(x1/x2) + x1/x2 - exp(x2)] * [x1/x2 - exp(x2)]");
        println("  at (x1, x2) = (%.1f, %.1f), seed (x1dot, x2dot) = (1, 0)", X1, X2);
        println("");

        printTrace();

        // --- The numbers below all come from the generated SeedExampleDerivatives. ---------------
        Dual y = SeedExampleDerivatives.f(Dual.variable(X1), Dual.constant(X2));
        println("From the generated code: SeedExampleDerivatives.f(Dual.variable(1.5), Dual.constant(0.5))");
        println("  y    = %.6f   rounded to 4 places: %.4f   notes: 2.0167 (*)", y.value(), y.value());
        println("  ydot = %.6f   rounded to 4 places: %.4f   notes: 3.0118   (ydot = dy/dx1)",
                y.tangent(), y.tangent());
        println("  (*) the notes multiply the already rounded v5 * v4 = 1.4924 * 1.3513 = %.5f -> 2.0167;",
                1.4924 * 1.3513);
        println("      unrounded, v6 = %.6f, so the last digit differs by rounding only.", y.value());
        println("  plain f(1.5, 0.5) = %.6f   (value agrees with generated code: %s)",
                SeedExample.f(X1, X2), SeedExample.f(X1, X2) == y.value() ? "exactly" : "NO");
        println("");

        double dydx1 = y.tangent();
        println("Central finite differences for dy/dx1, compared with the generated tangent %.15f", dydx1);
        println("  %-8s %-22s %s", "h", "(f(x1+h)-f(x1-h))/2h", "abs. error");
        for (double h : new double[] {1e-2, 1e-4, 1e-6, 1e-8}) {
            double fd = (SeedExample.f(X1 + h, X2) - SeedExample.f(X1 - h, X2)) / (2 * h);
            println("  %-8.0e %-22.15f %.2e", h, fd, Math.abs(fd - dydx1));
        }
        println("  (truncation error ~h^2 shrinks, rounding error ~eps/h grows: no step size is exact)");
        println("");

        Dual y2 = SeedExampleDerivatives.f(Dual.constant(X1), Dual.variable(X2));
        double h = 1e-5;
        double fd2 = (SeedExample.f(X1, X2 + h) - SeedExample.f(X1, X2 - h)) / (2 * h);
        println("From the generated code with seed (x1dot, x2dot) = (0, 1):");
        println("  dy/dx2 = %.6f   (central difference, h = 1e-5: %.6f, abs. error %.2e)",
                y2.tangent(), fd2, Math.abs(fd2 - y2.tangent()));
        println("  gradient at (1.5, 0.5) = (%.6f, %.6f), from two forward sweeps", dydx1, y2.tangent());

        heading("Robot arm: Jacobian of planar forward kinematics (RobotArm.endEffector, wrt = angles)");
        RobotArm.demo();

        heading("Curve fit: Levenberg-Marquardt with the generated Jacobian (CurveFit.model, wrt = a, b, c)");
        CurveFit.demo();

        heading("Black-Scholes: Greeks from the generated gradient and Hessian (order = 2), erfc by a @TangentRule");
        BlackScholes.demo();
    }

    private static void heading(String title) {
        println("");
        println("=".repeat(title.length()));
        println("%s", title);
        println("=".repeat(title.length()));
    }

    /**
     * Prints the evaluation trace with its tangent column. These intermediate values are
     * recomputed here by hand (the generated method only returns v6 and its tangent) so they can be
     * set beside the notes' table, which rounds to four places.
     */
    private static void printTrace() {
        double vm1 = X1, vm1d = 1.0; // v-1 = x1, seeded with tangent 1
        double v0 = X2, v0d = 0.0; // v0 = x2, seeded with tangent 0
        double v1 = vm1 / v0, v1d = (vm1d - v1 * v0d) / v0;
        double v2 = Math.sin(v1), v2d = Math.cos(v1) * v1d;
        double v3 = Math.exp(v0), v3d = v3 * v0d;
        double v4 = v1 - v3, v4d = v1d - v3d;
        double v5 = v2 + v4, v5d = v2d + v4d;
        double v6 = v5 * v4, v6d = v5d * v4 + v5 * v4d;

        println("Evaluation trace (recomputed by hand in Demo.java, NOT output of the generated code)");
        println("  %-4s %-11s %10s %10s   | %-8s %s", "var", "operation", "value", "tangent", "notes v", "notes vdot");
        row("v-1", "x1", vm1, vm1d, "1.5000", "1");
        row("v0", "x2", v0, v0d, "0.5000", "0");
        row("v1", "v-1 / v0", v1, v1d, "3.0000", "2.0000");
        row("v2", "sin v1", v2, v2d, "0.1411", "-1.9800");
        row("v3", "exp v0", v3, v3d, "1.6487", "0");
        row("v4", "v1 - v3", v4, v4d, "1.3513", "2.0000");
        row("v5", "v2 + v4", v5, v5d, "1.4924", "0.0200");
        row("v6", "v5 * v4", v6, v6d, "2.0167", "3.0118");
        println("  y = v6, ydot = v6dot");
        println("");
    }

    private static void row(String name, String op, double value, double tangent, String notes, String notesDot) {
        println("  %-4s %-11s %10.6f %10.6f   | %-8s %s", name, op, value, tangent, notes, notesDot);
    }

    private static void println(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
