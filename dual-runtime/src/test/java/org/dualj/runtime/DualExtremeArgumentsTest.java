package org.dualj.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dual} and {@link DualVector} at extreme arguments (huge, tiny, subnormal, near overflow)
 * where the rules used to overflow, underflow or cancel, against the analytic derivative in
 * 40-digit {@link Dfp} arithmetic (within 1e-13 relative, plus a few subnormal steps), and at zeros,
 * infinities and NaN against the documented conventions.
 */
class DualExtremeArgumentsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;
    private static final double MAX = Double.MAX_VALUE;
    private static final double TINY = Double.MIN_VALUE;
    private static final DfpField F = new DfpField(40);

    /**
     * One case: the derivative along the receiver {@code x} of {@code dual} (and {@code vector}),
     * exact from {@code oracle} (null for a convention, then {@code expected}).
     */
    record Case(
            String name,
            UnaryOperator<Dual> dual,
            UnaryOperator<DualVector> vector,
            double x,
            UnaryOperator<Dfp> oracle,
            double expected) {
        @Override
        public String toString() {
            return name + " at " + x;
        }
    }

    private static Case exact(String name, UnaryOperator<Dual> dual, UnaryOperator<DualVector> vector,
            double x, UnaryOperator<Dfp> oracle) {
        return new Case(name, dual, vector, x, oracle, NAN);
    }

    private static Case convention(String name, UnaryOperator<Dual> dual,
            UnaryOperator<DualVector> vector, double x, double expected) {
        return new Case(name, dual, vector, x, null, expected);
    }

    private static Dfp d(double x) {
        return F.newDfp(x);
    }

    private static Dfp cosh(Dfp x) {
        return DfpMath.exp(x).add(DfpMath.exp(x.negate())).divide(2);
    }

    private static DualVector c(double w) {
        return DualVector.constant(w, 2);
    }

    static Stream<Case> cases() {
        Stream.Builder<Case> b = Stream.builder();
        // atan2(y, x) along y and along x: x / (x² + y²), -y / (x² + y²)
        double[][] atan2Points = {{1e300, 1e300}, {1e-170, 1e-170}, {MAX, MAX}, {3e-160, 4e-160},
            {1e-300, 1e300}, {-2e-200, 5e-201}};
        for (double[] p : atan2Points) {
            double y = p[0];
            double x = p[1];
            UnaryOperator<Dfp> alongY = t -> d(x).divide(d(x).multiply(d(x)).add(t.multiply(t)));
            b.add(exact("atan2 along y", u -> u.atan2(Dual.constant(x)), u -> u.atan2(c(x)), y, alongY));
            b.add(exact("atan2(double) along y", u -> u.atan2(x), u -> u.atan2(x), y, alongY));
            UnaryOperator<Dfp> alongX = t -> d(y).divide(t.multiply(t).add(d(y).multiply(d(y)))).negate();
            b.add(exact("atan2 along x", u -> Dual.constant(y).atan2(u), u -> c(y).atan2(u), x, alongX));
        }
        // hypot(u, w) along u: u / sqrt(u² + w²)
        double[][] hypotPoints = {{1e308, 1.5e308}, {TINY, TINY}, {MAX, MAX}, {-3e-310, 4e-310}};
        for (double[] p : hypotPoints) {
            double w = p[1];
            UnaryOperator<Dfp> oracle = t -> t.divide(t.multiply(t).add(d(w).multiply(d(w))).sqrt());
            b.add(exact("hypot", u -> u.hypot(Dual.constant(w)), u -> u.hypot(c(w)), p[0], oracle));
            b.add(exact("hypot(double)", u -> u.hypot(w), u -> u.hypot(w), p[0], oracle));
        }
        for (double x : new double[] {0.3, 0.5, 12.0, 18.0, -18.0, 20.0, 100.0, 360.0}) {
            b.add(exact("tanh", Dual::tanh, DualVector::tanh, x, t -> {
                Dfp ch = cosh(t);
                return F.getOne().divide(ch.multiply(ch));
            }));
        }
        for (double x : new double[] {1e8, 1e155, -1e160, 1e300}) {
            b.add(exact("atan", Dual::atan, DualVector::atan, x,
                    t -> F.getOne().divide(F.getOne().add(t.multiply(t)))));
        }
        for (double x : new double[] {0.9999999999, -0.9999999999, 0.9999999999999999}) {
            UnaryOperator<Dfp> asin = t -> F.getOne().divide(F.getOne().subtract(t.multiply(t)).sqrt());
            b.add(exact("asin", Dual::asin, DualVector::asin, x, asin));
            b.add(exact("acos", Dual::acos, DualVector::acos, x, t -> asin.apply(t).negate()));
        }
        for (double x : new double[] {-30.0, -700.0, -745.0, 709.0, 1e-300}) {
            b.add(exact("expm1", Dual::expm1, DualVector::expm1, x, DfpMath::exp));
        }
        for (double x : new double[] {MAX, 1e308, 3e-309, 1e-300}) {
            b.add(exact("log10", Dual::log10, DualVector::log10, x,
                    t -> F.getOne().divide(t.multiply(F.getLn10()))));
        }
        for (double x : new double[] {TINY, 1e300, -MAX}) {
            b.add(exact("cbrt", Dual::cbrt, DualVector::cbrt, x, t -> F.getOne().divide(
                    DfpMath.exp(DfpMath.log(t.abs()).multiply(2).divide(3)).multiply(3))));
        }
        b.add(exact("reciprocal", Dual::reciprocal, DualVector::reciprocal, 1e154,
                t -> F.getOne().divide(t.multiply(t)).negate()));
        b.add(exact("divide along the divisor", u -> Dual.constant(1.0).divide(u),
                u -> c(1.0).divide(u), 1e154, t -> F.getOne().divide(t.multiply(t)).negate()));
        b.add(exact("pow(double) at a huge base", u -> u.pow(0.5), u -> u.pow(0.5), MAX,
                t -> d(0.5).divide(t.sqrt())));
        b.add(exact("pow along the exponent, 10^-300", u -> Dual.pow(10.0, u),
                u -> DualVector.pow(10.0, u), -300.0,
                t -> DfpMath.exp(t.multiply(DfpMath.log(d(10)))).multiply(DfpMath.log(d(10)))));
        b.add(exact("scalb(1023)", u -> u.scalb(1023), u -> u.scalb(1023), 1.0,
                t -> DfpMath.pow(d(2), 1023)));

        // conventions
        b.add(convention("pow along the exponent at base 0", u -> Dual.pow(0.0, u),
                u -> DualVector.pow(0.0, u), 2.0, 0.0));
        b.add(convention("pow along the exponent at base 0", u -> Dual.pow(0.0, u),
                u -> DualVector.pow(0.0, u), 0.5, 0.0));
        b.add(convention("pow along the exponent, 0 after underflow", u -> Dual.pow(0.5, u),
                u -> DualVector.pow(0.5, u), 2000.0, 0.0));
        b.add(convention("scalb beyond the range", u -> u.scalb(1024), u -> u.scalb(1024), 1e-300, INF));
        b.add(convention("sqrt", Dual::sqrt, DualVector::sqrt, -0.0, INF));
        b.add(convention("sqrt", Dual::sqrt, DualVector::sqrt, -1.0, NAN));
        b.add(convention("log", Dual::log, DualVector::log, -0.0, INF));
        b.add(convention("log", Dual::log, DualVector::log, -1.0, NAN));
        b.add(convention("log", Dual::log, DualVector::log, Double.NEGATIVE_INFINITY, NAN));
        b.add(convention("log", Dual::log, DualVector::log, INF, 0.0));
        b.add(convention("log1p", Dual::log1p, DualVector::log1p, -2.0, NAN));
        b.add(convention("log1p", Dual::log1p, DualVector::log1p, -1.0, INF));
        b.add(convention("log10", Dual::log10, DualVector::log10, -1.0, NAN));
        b.add(convention("log10", Dual::log10, DualVector::log10, -0.0, INF));
        b.add(convention("asin", Dual::asin, DualVector::asin, 1.0, INF));
        b.add(convention("acos", Dual::acos, DualVector::acos, -1.0, Double.NEGATIVE_INFINITY));
        b.add(convention("asin", Dual::asin, DualVector::asin, 1.5, NAN));
        b.add(convention("abs", Dual::abs, DualVector::abs, NAN, NAN));
        b.add(convention("abs", Dual::abs, DualVector::abs, -0.0, -1.0));
        b.add(convention("copySign", u -> u.copySign(1.0), u -> u.copySign(1.0), NAN, NAN));
        b.add(convention("copySign", u -> u.copySign(-1.0), u -> u.copySign(-1.0), INF, -1.0));
        b.add(convention("tanh", Dual::tanh, DualVector::tanh, INF, 0.0));
        b.add(convention("tanh", Dual::tanh, DualVector::tanh, NAN, NAN));
        b.add(convention("atan", Dual::atan, DualVector::atan, Double.NEGATIVE_INFINITY, 0.0));
        b.add(convention("expm1", Dual::expm1, DualVector::expm1, Double.NEGATIVE_INFINITY, 0.0));
        b.add(convention("hypot along the infinite side", u -> u.hypot(Dual.constant(1.0)),
                u -> u.hypot(c(1.0)), INF, 1.0));
        b.add(convention("hypot(double) along the infinite side", u -> u.hypot(1.0), u -> u.hypot(1.0),
                Double.NEGATIVE_INFINITY, -1.0));
        b.add(convention("hypot along the finite side", u -> u.hypot(Dual.constant(INF)),
                u -> u.hypot(c(INF)), 1.0, 0.0));
        b.add(convention("hypot with a NaN side", u -> u.hypot(Dual.constant(NAN)),
                u -> u.hypot(c(NAN)), INF, NAN));
        b.add(convention("hypot at the origin", u -> u.hypot(0.0), u -> u.hypot(0.0), 0.0, NAN));
        b.add(convention("atan2 along y, x infinite", u -> u.atan2(INF), u -> u.atan2(INF), 1.0, 0.0));
        b.add(convention("atan2 along x, x infinite", u -> Dual.constant(1.0).atan2(u),
                u -> c(1.0).atan2(u), INF, 0.0));
        b.add(convention("atan2 along y, y infinite", u -> u.atan2(Dual.constant(1.0)),
                u -> u.atan2(c(1.0)), INF, 0.0));
        b.add(convention("atan2 at the origin", u -> u.atan2(0.0), u -> u.atan2(0.0), 0.0, NAN));
        b.add(convention("atan2 with a NaN", u -> u.atan2(NAN), u -> u.atan2(NAN), 1.0, NAN));
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dualAndDualVectorGiveTheExactDerivative(Case c) {
        double dual = c.dual().apply(Dual.of(c.x(), 1.0)).tangent();
        DualVector lanes = c.vector().apply(DualVector.of(c.x(), 1.0, -0.5));
        double second = c.dual().apply(Dual.of(c.x(), -0.5)).tangent();
        assertWithMessage("DualVector lane 0 of %s", c).that(lanes.tangent(0)).isEqualTo(dual);
        assertWithMessage("DualVector lane 1 of %s", c).that(lanes.tangent(1)).isEqualTo(second);
        if (c.oracle() == null) {
            if (Double.isNaN(c.expected()) || Double.isInfinite(c.expected()) || c.expected() == 0.0) {
                assertWithMessage("tangent of %s", c).that(dual).isEqualTo(c.expected());
            } else {
                assertWithMessage("tangent of %s", c).that(dual).isWithin(1e-15).of(c.expected());
            }
            return;
        }
        Dfp exact = c.oracle().apply(d(c.x()));
        Dfp limit = d(MAX).add(d(Math.ulp(MAX) / 2));
        if (exact.abs().greaterThan(limit)) {
            assertWithMessage("tangent of %s (exact %s)", c, exact)
                    .that(dual)
                    .isEqualTo(exact.lessThan(d(0)) ? Double.NEGATIVE_INFINITY : INF);
            return;
        }
        assertWithMessage("tangent of %s is finite", c).that(Double.isFinite(dual)).isTrue();
        Dfp error = d(dual).subtract(exact).abs();
        Dfp tolerance = exact.abs().multiply(d(1e-13)).add(d(8 * TINY));
        assertWithMessage("tangent %s of %s, exact %s", dual, c, exact)
                .that(error.greaterThan(tolerance))
                .isFalse();
    }
}
