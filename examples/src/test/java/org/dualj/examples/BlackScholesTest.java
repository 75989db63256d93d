package org.dualj.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * The Greeks from the generated gradient and Hessian of {@link BlackScholes#callPrice} against the
 * closed forms.
 */
class BlackScholesTest {

    /** (S, K, r, σ, T): at, in and out of the money, short and long maturities, high and low volatility. */
    private static final double[][] MARKETS = {
        {100, 105, 0.03, 0.25, 0.75},
        {100, 100, 0.0, 0.2, 1.0},
        {50, 30, 0.05, 0.6, 2.0},
        {120, 180, 0.01, 0.15, 0.1},
        {80, 79, -0.005, 0.9, 5.0},
    };

    private static void close(String what, double actual, double expected) {
        assertWithMessage(what).that(actual).isWithin(1e-12 * Math.max(1.0, Math.abs(expected))).of(expected);
    }

    @Test
    void greeksFromTheGradientMatchTheClosedForms() {
        for (double[] m : MARKETS) {
            BlackScholes.Greeks g = BlackScholes.generated(m[0], m[1], m[2], m[3], m[4]);
            BlackScholes.Greeks c = BlackScholes.closedForm(m[0], m[1], m[2], m[3], m[4]);
            String at = java.util.Arrays.toString(m);
            assertThat(g.price()).isEqualTo(BlackScholes.callPrice(m[0], m[1], m[2], m[3], m[4]));
            close("price " + at, g.price(), c.price());
            close("delta " + at, g.delta(), c.delta());
            close("dC/dK " + at, g.dStrike(), c.dStrike());
            close("rho " + at, g.rho(), c.rho());
            close("vega " + at, g.vega(), c.vega());
            close("theta " + at, g.theta(), c.theta());
            close("gamma " + at, g.gamma(), c.gamma());
            close("vanna " + at, g.vanna(), c.vanna());
            close("volga " + at, g.volga(), c.volga());
        }
    }

    /** The gradient of the Hessian method equals the first-order gradient; the Hessian is symmetric. */
    @Test
    void hessianFormAgreesWithTheGradientAndIsSymmetric() {
        for (double[] m : MARKETS) {
            double[] gradient = BlackScholesDerivatives.callPriceGradient(m[0], m[1], m[2], m[3], m[4]);
            double[] g = new double[5];
            double[][] h = new double[5][5];
            BlackScholesDerivatives.callPriceHessian(m[0], m[1], m[2], m[3], m[4], g, h);
            for (int i = 0; i < 5; i++) {
                close("gradient " + i, g[i], gradient[i]);
                for (int j = 0; j < i; j++) {
                    close("H[" + i + "][" + j + "] symmetric", h[i][j], h[j][i]);
                }
            }
        }
    }

    /** Scalar tangents seeded along one input give the gradient's entries bit for bit. */
    @Test
    void scalarTangentsAgreeWithTheGradient() {
        for (double[] m : MARKETS) {
            double[] gradient = BlackScholesDerivatives.callPriceGradient(m[0], m[1], m[2], m[3], m[4]);
            for (int j = 0; j < 5; j++) {
                Dual[] x = new Dual[5];
                for (int i = 0; i < 5; i++) {
                    x[i] = Dual.of(m[i], i == j ? 1.0 : 0.0);
                }
                Dual y = BlackScholesDerivatives.callPrice(x[0], x[1], x[2], x[3], x[4]);
                assertThat(y.tangent()).isEqualTo(gradient[j]);
            }
        }
    }

    /**
     * The rule method is differentiable itself (the base for gamma, a second-order Greek):
     * d/dx φ(x) = −x·φ(x).
     */
    @Test
    void densityRuleHasItsOwnDerivative() {
        for (double x : new double[] {-2.5, -0.4, 0.0, 1.1, 3.0}) {
            Dual d = BlackScholesDerivatives.normalPdf(Dual.variable(x), Dual.constant(BlackScholes.normalCdf(x)));
            double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            close("phi(" + x + ")", d.value(), pdf);
            close("phi'(" + x + ")", d.tangent(), -x * pdf);
        }
    }
}
