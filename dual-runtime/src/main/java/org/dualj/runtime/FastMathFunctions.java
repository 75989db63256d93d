package org.dualj.runtime;

/**
 * The values of the elementary functions that {@code FastMath} has and {@code java.lang.Math} has
 * not, for {@link Dual} and {@link DualVector} (which depend on nothing but {@code java.base}):
 * each within a few ulps of Hipparchus's {@code FastMath}, in forms that neither cancel nor
 * overflow. Their tangents come from the tangent table, like every other function's.
 */
final class FastMathFunctions {

    /** {@code ln 2} correctly rounded. */
    private static final double LN_2 = 0.6931471805599453;

    private FastMathFunctions() {}

    /**
     * asinh(x) = sign(x)·ln(|x| + sqrt(x² + 1)), in forms that neither cancel nor overflow:
     * {@code log1p(a + a²/(1 + sqrt(1 + a²)))} up to a = 2 (accurate near 0),
     * {@code ln(2a + 1/(sqrt(a² + 1) + a))} up to 2^28, and {@code ln a + ln 2} beyond, where the
     * rest is below half an ulp.
     */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r;
        if (!(a < 0x1p28)) {
            r = Math.log(a) + LN_2; // also infinite and NaN arguments
        } else if (a > 2.0) {
            r = Math.log(2.0 * a + 1.0 / (Math.sqrt(a * a + 1.0) + a));
        } else {
            double a2 = a * a;
            r = Math.log1p(a + a2 / (1.0 + Math.sqrt(1.0 + a2)));
        }
        return Math.copySign(r, x);
    }

    /**
     * acosh(x) = ln(x + sqrt(x² − 1)) for x ≥ 1: {@code log1p(t + sqrt(2t + t²))} with t = x − 1
     * (exact) up to 2, {@code ln(2x − 1/(x + sqrt(x² − 1)))} up to 2^28, {@code ln x + ln 2}
     * beyond; NaN below 1.
     */
    static double acosh(double x) {
        if (!(x >= 1.0)) {
            return Double.NaN;
        }
        if (x >= 0x1p28) {
            return Math.log(x) + LN_2;
        }
        if (x > 2.0) {
            return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
        }
        double t = x - 1.0;
        return Math.log1p(t + Math.sqrt(2.0 * t + t * t));
    }

    /**
     * atanh(x) = ½·ln((1 + x)/(1 − x)) = sign(x)·½·log1p(2a/(1 − a)), a = |x|; below a = 0.5 as
     * {@code ½·log1p(2a + 2a²/(1 − a))}, accurate near 0. ±∞ at ±1, NaN beyond.
     */
    static double atanh(double x) {
        double a = Math.abs(x);
        double r =
                a < 0.5
                        ? 0.5 * Math.log1p(2.0 * a + 2.0 * a * a / (1.0 - a))
                        : 0.5 * Math.log1p(2.0 * a / (1.0 - a));
        return Math.copySign(r, x);
    }

    /** The logarithm of {@code x} to {@code base}: {@code log(x) / log(base)}. */
    static double log(double base, double x) {
        return Math.log(x) / Math.log(base);
    }
}
