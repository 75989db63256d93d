package org.dualj.examples;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Checks the generated derivatives of {@link SeedExample#f} against hand-derived partials. */
class SeedExampleDerivativesTest {

    /**
     * Closed-form partials of {@code y = w sin u + w^2} with {@code u = x1/x2},
     * {@code w = u - exp(x2)}: {@code dy = (sin u + 2w) dw + w cos u du}.
     */
    private static double[] analyticGradient(double x1, double x2) {
        double u = x1 / x2;
        double w = u - Math.exp(x2);
        double du1 = 1 / x2;
        double du2 = -x1 / (x2 * x2);
        double dw1 = du1;
        double dw2 = du2 - Math.exp(x2);
        double a = Math.sin(u) + 2 * w;
        double b = w * Math.cos(u);
        return new double[] {a * dw1 + b * du1, a * dw2 + b * du2};
    }

    @Test
    void lectureNotesPoint() {
        Dual y = SeedExampleDerivatives.f(Dual.variable(1.5), Dual.constant(0.5));
        assertThat(y.value()).isWithin(5e-7).of(2.016647);
        assertThat(y.tangent()).isWithin(5e-7).of(3.011843);
    }

    @Test
    void matchesAnalyticGradient() {
        double[][] points = {{1.5, 0.5}, {-2.0, 0.75}, {0.3, -1.2}, {10.0, 3.0}};
        for (double[] p : points) {
            double[] g = analyticGradient(p[0], p[1]);
            Dual d1 = SeedExampleDerivatives.f(Dual.variable(p[0]), Dual.constant(p[1]));
            Dual d2 = SeedExampleDerivatives.f(Dual.constant(p[0]), Dual.variable(p[1]));
            assertThat(d1.value()).isEqualTo(SeedExample.f(p[0], p[1]));
            assertThat(d1.tangent()).isWithin(1e-12 * Math.max(1, Math.abs(g[0]))).of(g[0]);
            assertThat(d2.tangent()).isWithin(1e-12 * Math.max(1, Math.abs(g[1]))).of(g[1]);
            // The unboxed overload is the same computation.
            assertThat(SeedExampleDerivatives.f(p[0], 1, p[1], 0)).isEqualTo(d1);
        }
    }
}
