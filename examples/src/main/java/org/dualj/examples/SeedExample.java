package org.dualj.examples;

import org.dualj.annotations.Differentiable;

/**
 * The worked example from the AD lecture notes,
 * {@code y = f(x1, x2) = [sin(x1/x2) + x1/x2 - exp(x2)] * [x1/x2 - exp(x2)]}, written as its
 * evaluation trace with one elementary operation per line.
 *
 * <p>The annotation processor generates {@code SeedExampleDerivatives.f(Dual x1, Dual x2)} and the
 * unboxed {@code SeedExampleDerivatives.f(double x1, double x1_dot, double x2, double x2_dot)}.
 * At {@code (x1, x2) = (1.5, 0.5)} the notes give {@code y = 2.0167}, and with the seed
 * {@code (ẋ1, ẋ2) = (1, 0)} they give {@code ẏ = 3.0118}.
 */
final class SeedExample {

    private SeedExample() {}

    @Differentiable
    static double f(double x1, double x2) {
        double v1 = x1 / x2;
        double v2 = Math.sin(v1);
        double v3 = Math.exp(x2);
        double v4 = v1 - v3;
        double v5 = v2 + v4;
        double v6 = v5 * v4;
        return v6;
    }
}
