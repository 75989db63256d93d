package org.dualj.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;

/**
 * The functions {@code Dual} and {@code DualVector} have for {@code FastMath}'s {@code asinh},
 * {@code acosh}, {@code atanh} and {@code log(base, x)}, which {@code java.lang.Math} lacks: values
 * against Hipparchus {@code FastMath} and the defining identities, tangents against Hipparchus
 * {@link DerivativeStructure}, at every scale.
 */
class DualInverseHyperbolicTest {
    private static final DSFactory DS = new DSFactory(1, 1);

    private static void close(String what, double got, double expected, double ulps) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertWithMessage(what).that(got).isEqualTo(expected);
            return;
        }
        assertWithMessage(what).that(got).isWithin(ulps * Math.ulp(expected) + Double.MIN_VALUE).of(expected);
    }

    @Test
    void asinhAtEveryScale() {
        double[] xs = {0.0, -0.0, Double.MIN_VALUE, 1e-310, 1e-300, 1e-20, 1e-8, 0.3, -0.7, 1.0, 1.9,
            2.0, 2.1, -15.0, 1e5, 2.6e8, 3e8, 1e20, -1e300, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : xs) {
            Dual d = Dual.variable(x).asinh();
            // Hipparchus's asinh overflows beyond about 1e154: there, ln|x| + ln 2 is exact to rounding
            double expected = Math.abs(x) < 1e150 || Double.isNaN(x) || Double.isInfinite(x)
                ? FastMath.asinh(x) : Math.copySign(Math.log(Math.abs(x)) + Math.log(2.0), x);
            close("asinh(" + x + ")", d.value(), expected, 2);
            assertWithMessage("sign of asinh(%s)", x).that(Math.copySign(1.0, d.value()))
                .isEqualTo(Double.isNaN(x) ? Math.copySign(1.0, d.value()) : Math.copySign(1.0, x));
            if (Math.abs(x) < 700) {
                close("sinh(asinh(" + x + "))", Math.sinh(d.value()), x, 4);
            }
            DerivativeStructure s = DS.variable(0, x).asinh();
            if (Math.abs(x) < 1e150) {
                close("asinh'(" + x + ")", d.tangent(), s.getPartialDerivative(1), 2);
            }
            DualVector v = DualVector.of(x, 1.0, -2.0).asinh();
            assertWithMessage("lanes").that(v.tangent(0)).isEqualTo(d.tangent());
            assertWithMessage("lanes").that(v.tangent(1)).isEqualTo(-2.0 * d.tangent());
        }
        // beyond 1e150, u² overflows in the naive 1 / sqrt(1 + u²)
        assertWithMessage("asinh'(1e300)").that(Dual.variable(1e300).asinh().tangent()).isEqualTo(1e-300);
    }

    @Test
    void acoshAtEveryScale() {
        double[] xs = {1.0, 1.0000000000000002, 1.001, 1.5, 2.0, 2.5, 15.0, 2.6e8, 3e8, 1e20, 1e300,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.999, 0.0, -2.0, -Double.MAX_VALUE, Double.NaN};
        for (double x : xs) {
            Dual d = Dual.variable(x).acosh();
            if (x >= 1.0 && x < 1.01) {
                // near 1, Hipparchus's log(x + sqrt(x² − 1)) cancels; the series in t = x − 1
                double t = x - 1.0;
                close("acosh(" + x + ")", d.value(),
                    Math.sqrt(2.0 * t) * (1.0 - t / 12.0 + 3.0 * t * t / 160.0 - 5.0 * t * t * t / 896.0), 32);
            } else if (x >= 1.0 && x < 1e150 || Double.isNaN(x) || Double.isInfinite(x)) {
                close("acosh(" + x + ")", d.value(), FastMath.acosh(x), 2);
            } else if (x >= 1.0) {
                close("acosh(" + x + ")", d.value(), Math.log(x) + Math.log(2.0), 2);
            } else {
                assertWithMessage("acosh(%s)", x).that(d.value()).isNaN();
                assertWithMessage("acosh'(%s)", x).that(d.tangent()).isNaN();
            }
            if (x > 1.0 && x < 700) {
                close("cosh(acosh(" + x + "))", Math.cosh(d.value()), x, 4);
            }
            if (x > 1.0 && x < 1e150) {
                // 1 / sqrt(x² − 1) as 1 / (sqrt(x − 1)·sqrt(x + 1)): DS's x² − 1 cancels near 1
                close("acosh'(" + x + ")", d.tangent(), 1.0 / (Math.sqrt(x - 1.0) * Math.sqrt(x + 1.0)), 4);
                assertWithMessage("acosh'(%s) vs DS", x).that(d.tangent())
                    .isWithin(1e-10 * d.tangent()).of(DS.variable(0, x).acosh().getPartialDerivative(1));
            }
        }
        assertWithMessage("acosh'(1)").that(Dual.variable(1.0).acosh().tangent()).isPositiveInfinity();
        assertWithMessage("acosh'(1e300)").that(Dual.variable(1e300).acosh().tangent()).isEqualTo(1e-300);
    }

    @Test
    void atanhAtEveryScale() {
        double[] xs = {0.0, -0.0, Double.MIN_VALUE, 1e-300, 1e-20, 1e-8, 0.3, 0.4999, 0.5, -0.7, 0.95,
            0.9999999999999999, -0.9999999999999999, 1.0, -1.0, 1.0000000000000002, 2.0,
            Double.POSITIVE_INFINITY, Double.NaN};
        for (double x : xs) {
            Dual d = Dual.variable(x).atanh();
            close("atanh(" + x + ")", d.value(), FastMath.atanh(x), 2);
            if (Math.abs(x) < 0.999) {
                close("tanh(atanh(" + x + "))", Math.tanh(d.value()), x, 4);
            }
            if (Math.abs(x) < 1.0) {
                close("atanh'(" + x + ")", d.tangent(),
                    DS.variable(0, x).atanh().getPartialDerivative(1), 4);
            } else if (Math.abs(x) == 1.0) {
                assertWithMessage("atanh'(%s)", x).that(d.tangent()).isPositiveInfinity();
            } else {
                assertWithMessage("atanh'(%s)", x).that(d.tangent()).isNaN();
            }
        }
    }

    @Test
    void logToABase() {
        double[][] points = {{2.0, 8.0}, {10.0, 0.3}, {0.5, 7.5}, {1e300, 1e-300}, {3.0, 1e-300}};
        for (double[] p : points) {
            double b = p[0];
            double x = p[1];
            DerivativeStructure sb = DS.variable(0, b);
            DerivativeStructure sx = DS.constant(x);
            double alongB = sx.log().divide(sb.log()).getPartialDerivative(1);
            double alongX = DS.variable(0, x).log().divide(Math.log(b)).getPartialDerivative(1);
            String at = " at " + b + ", " + x;
            close("log value" + at, Dual.log(Dual.variable(b), Dual.constant(x)).value(), FastMath.log(b, x), 2);
            close("along the base" + at, Dual.log(Dual.variable(b), Dual.constant(x)).tangent(), alongB, 4);
            close("along the base, constant x" + at, Dual.log(Dual.variable(b), x).tangent(), alongB, 4);
            close("along x" + at, Dual.log(Dual.constant(b), Dual.variable(x)).tangent(), alongX, 4);
            close("along x, constant base" + at, Dual.log(b, Dual.variable(x)).tangent(), alongX, 4);
            DualVector v = DualVector.log(DualVector.of(b, 1.0, 0.0), DualVector.of(x, 0.0, 1.0));
            assertWithMessage("lane 0").that(v.tangent(0))
                .isEqualTo(Dual.log(Dual.variable(b), Dual.constant(x)).tangent());
            assertWithMessage("lane 1").that(v.tangent(1))
                .isEqualTo(Dual.log(Dual.constant(b), Dual.variable(x)).tangent());
        }
        assertWithMessage("negative x").that(Dual.log(2.0, Dual.variable(-1.0)).tangent()).isNaN();
        assertWithMessage("negative base").that(Dual.log(Dual.variable(-2.0), 3.0).tangent()).isNaN();
    }
}
