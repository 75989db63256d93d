package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The documented conventions of {@link Dual} at kinks and singular points. Expected values are
 * exact (they follow from the tangent table by IEEE arithmetic), so they are compared exactly.
 */
class DualEdgeCasesTest {

    private static final double DU = 0.7;
    private static final double DW = -1.3;
    private static final double NEGATIVE_ZERO = -0.0;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static void assertDual(Dual actual, double value, double tangent) {
        assertWithMessage("value of %s", actual).that(actual.value()).isEqualTo(value);
        assertWithMessage("tangent of %s", actual).that(actual.tangent()).isEqualTo(tangent);
    }

    @Nested
    class Abs {
        @Test
        void positiveZeroKeepsTangent() {
            assertDual(Dual.of(0.0, DU).abs(), 0.0, DU);
        }

        @Test
        void negativeZeroFlipsTangent() {
            assertDual(Dual.of(NEGATIVE_ZERO, DU).abs(), 0.0, -DU);
        }

        @Test
        void awayFromZeroFollowsSign() {
            assertDual(Dual.of(-3.0, DU).abs(), 3.0, -DU);
            assertDual(Dual.of(3.0, DU).abs(), 3.0, DU);
        }
    }

    @Nested
    class MinMax {
        @Test
        void minTiePicksFirstArgument() {
            assertDual(Dual.of(2.0, DU).min(Dual.of(2.0, DW)), 2.0, DU);
            assertDual(Dual.of(2.0, DW).min(Dual.of(2.0, DU)), 2.0, DW);
        }

        @Test
        void maxTiePicksFirstArgument() {
            assertDual(Dual.of(2.0, DU).max(Dual.of(2.0, DW)), 2.0, DU);
            assertDual(Dual.of(2.0, DW).max(Dual.of(2.0, DU)), 2.0, DW);
        }

        @Test
        void tieWithConstantKeepsReceiverTangent() {
            assertDual(Dual.of(2.0, DU).min(2.0), 2.0, DU);
            assertDual(Dual.of(2.0, DU).max(2.0), 2.0, DU);
        }

        @Test
        void signedZerosTieButValueFollowsMath() {
            // Math.min(0.0, -0.0) is -0.0, yet 0.0 <= -0.0 holds, so the first tangent is taken.
            assertDual(Dual.of(0.0, DU).min(Dual.of(NEGATIVE_ZERO, DW)), NEGATIVE_ZERO, DU);
            assertDual(Dual.of(NEGATIVE_ZERO, DU).max(Dual.of(0.0, DW)), 0.0, DU);
        }

        @Test
        void nanTakesSecondTangent() {
            assertDual(Dual.of(NAN, DU).min(Dual.of(1.0, DW)), NAN, DW);
            assertDual(Dual.of(1.0, DU).min(Dual.of(NAN, DW)), NAN, DW);
            assertDual(Dual.of(NAN, DU).max(Dual.of(1.0, DW)), NAN, DW);
            assertDual(Dual.of(1.0, DU).max(Dual.of(NAN, DW)), NAN, DW);
        }
    }

    @Nested
    class Pow {
        @Test
        void negativeBaseWithConstantIntegerExponentHasFiniteTangent() {
            // d/dx x^3 at -2 is 3 * 4 = 12
            assertDual(Dual.of(-2.0, DU).pow(3.0), -8.0, 12.0 * DU);
            assertDual(Dual.of(-2.0, DU).pow(3), -8.0, 12.0 * DU);
            assertDual(Dual.of(-2.0, DU).pow(Dual.constant(3.0)), -8.0, 12.0 * DU);
        }

        @Test
        void zeroToTheZeroWithConstantExponentHasTangentZero() {
            assertDual(Dual.of(0.0, DU).pow(0.0), 1.0, 0.0);
            assertDual(Dual.of(0.0, DU).pow(0), 1.0, 0.0);
            assertDual(Dual.of(0.0, DU).pow(Dual.constant(0.0)), 1.0, 0.0);
        }

        @Test
        void zeroToTheZeroWithActiveExponentFollowsIeee() {
            // A = 0 (w == 0); B = 1 * log(0) * DW = -Infinity * -1.3 = +Infinity
            assertDual(Dual.of(0.0, DU).pow(Dual.of(0.0, DW)), 1.0, INF);
        }

        @Test
        void squareAtZeroHasTangentZero() {
            assertDual(Dual.of(0.0, DU).pow(2.0), 0.0, 0.0);
            assertDual(Dual.of(0.0, DU).pow(2), 0.0, 0.0);
        }

        @Test
        void constantBaseIgnoresBaseDomain() {
            // u̇ = 0 skips the w·pow(u, w - 1) term; ẇ = 0 skips the log term.
            assertDual(Dual.constant(-2.0).pow(Dual.constant(3.0)), -8.0, 0.0);
            assertDual(Dual.pow(-2.0, Dual.constant(3.0)), -8.0, 0.0);
        }

        @Test
        void constantZeroBaseWithSingularPowerDerivativeHasTangentZero() {
            // Without the u̇ == 0 guard these would be 0.5·pow(0, -0.5)·0 = Inf·0 = NaN.
            assertDual(Dual.constant(0.0).pow(0.5), 0.0, 0.0);
            assertDual(Dual.constant(0.0).pow(Dual.constant(-1.0)), INF, 0.0);
        }

        @Test
        void activeExponentAtZeroBaseHasTangentZero() {
            // 0^w = 0 for every w > 0, so d/dw is exactly 0 (not 0 * log(0) = NaN)
            assertDual(Dual.pow(0.0, Dual.of(2.0, DW)), 0.0, 0.0);
            assertDual(Dual.of(0.0, 0.0).pow(Dual.of(0.5, DW)), 0.0, 0.0);
        }

        @Test
        void activeExponentAtZeroBaseWithNegativeExponentIsInfinite() {
            // 0^w = +Infinity for w < 0: B = Infinity * log(0) * ẇ
            assertDual(Dual.pow(0.0, Dual.of(-2.0, DW)), INF, INF);
        }

        @Test
        void activeExponentWithNegativeBaseIsNaN() {
            assertDual(Dual.pow(-2.0, Dual.of(3.0, DW)), -8.0, NAN);
        }
    }

    @Nested
    class Singularities {
        @Test
        void sqrtAtZeroHasInfiniteTangent() {
            assertDual(Dual.variable(0.0).sqrt(), 0.0, INF);
        }

        @Test
        void aConstantHasNoTangentAtASingularPoint() {
            // the infinite or undefined partial multiplies an exact zero tangent: no 0 * inf = NaN
            assertDual(Dual.constant(0.0).sqrt(), 0.0, 0.0);
            assertDual(Dual.constant(0.0).cbrt(), 0.0, 0.0);
            assertDual(Dual.constant(0.0).log(), Double.NEGATIVE_INFINITY, 0.0);
            assertDual(Dual.constant(0.0).hypot(Dual.constant(0.0)), 0.0, 0.0);
            assertDual(Dual.constant(0.0).atan2(Dual.constant(0.0)), 0.0, 0.0);
            assertDual(Dual.constant(1.0).asin(), Math.PI / 2, 0.0);
            assertDual(Dual.constant(1.0).acos(), 0.0, 0.0);
            assertDual(Dual.constant(-1.0).log1p(), Double.NEGATIVE_INFINITY, 0.0);
            // along a direction in which the argument moves, the partial as IEEE gives it
            assertDual(Dual.of(0.0, 2.0).sqrt(), 0.0, INF);
            assertDual(Dual.of(0.0, 1.0).hypot(Dual.constant(0.0)), 0.0, NAN);
        }

        @Test
        void cbrtAtZeroHasInfiniteTangent() {
            assertDual(Dual.variable(0.0).cbrt(), 0.0, INF);
        }

        @Test
        void logAtZero() {
            assertDual(Dual.of(0.0, DU).log(), Double.NEGATIVE_INFINITY, INF);
        }

        @Test
        void logOfNegativeIsNaN() {
            assertThat(Dual.of(-1.0, DU).log().value()).isNaN();
        }

        @Test
        void divisionByZero() {
            // v = +Inf; (0.7 - Inf * -1.3) / 0 = +Inf
            assertDual(Dual.of(1.0, DU).divide(Dual.of(0.0, DW)), INF, INF);
            // v = -Inf; (0.7 - (-Inf) * -1.3) / 0 = -Inf
            assertDual(Dual.of(-1.0, DU).divide(Dual.of(0.0, DW)), Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY);
            assertDual(Dual.of(0.0, DU).divide(Dual.of(0.0, DW)), NAN, NAN);
        }

        @Test
        void divisionByConstantZeroDropsTheConstantsTerm() {
            // A constant divisor has no tangent term: u̇ / 0 = +Inf, as generated code computes it.
            assertDual(Dual.of(1.0, DU).divide(0.0), INF, INF);
            // Through Dual.constant the full formula runs: (u̇ - v·0) / 0 with v = +Inf is NaN.
            assertDual(Dual.of(1.0, DU).divide(Dual.constant(0.0)), INF, NAN);
        }

        @Test
        void reciprocalOfZero() {
            assertDual(Dual.of(0.0, DU).reciprocal(), INF, Double.NEGATIVE_INFINITY);
            assertDual(Dual.of(NEGATIVE_ZERO, DU).reciprocal(), Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY);
        }

        @Test
        void asinAndAcosAtDomainEnds() {
            assertDual(Dual.of(1.0, DU).asin(), Math.PI / 2, INF);
            assertDual(Dual.of(1.0, DU).acos(), 0.0, Double.NEGATIVE_INFINITY);
            assertDual(Dual.of(1.5, DU).asin(), NAN, NAN);
        }

        @Test
        void atan2AndHypotAtOrigin() {
            assertDual(Dual.of(0.0, DU).atan2(Dual.of(0.0, DW)), 0.0, NAN);
            assertDual(Dual.of(0.0, DU).hypot(Dual.of(0.0, DW)), 0.0, NAN);
        }

        @Test
        void overflowGivesInfinities() {
            assertDual(Dual.of(1000.0, DU).exp(), INF, INF);
        }
    }

    @Nested
    class PiecewiseConstant {
        @Test
        void roundingAtJumpsHasTangentZero() {
            assertDual(Dual.of(2.0, DU).floor(), 2.0, 0.0);
            assertDual(Dual.of(2.0, DU).ceil(), 2.0, 0.0);
            assertDual(Dual.of(2.5, DU).rint(), 2.0, 0.0);
            assertDual(Dual.of(0.0, DU).signum(), 0.0, 0.0);
        }

        @Test
        void signumKeepsNegativeZero() {
            assertDual(Dual.of(NEGATIVE_ZERO, DU).signum(), NEGATIVE_ZERO, 0.0);
        }
    }

    @Nested
    class SignAndRemainder {
        @Test
        void copySignFlipsTangentWhenSignFlips() {
            assertDual(Dual.of(2.0, DU).copySign(Dual.of(-1.0, DW)), -2.0, -DU);
            assertDual(Dual.of(-2.0, DU).copySign(Dual.of(-1.0, DW)), -2.0, DU);
            assertDual(Dual.of(-2.0, DU).copySign(5.0), 2.0, -DU);
        }

        @Test
        void copySignCountsSignedZeros() {
            assertDual(Dual.of(0.0, DU).copySign(Dual.of(NEGATIVE_ZERO, DW)), NEGATIVE_ZERO, -DU);
            assertDual(Dual.of(NEGATIVE_ZERO, DU).copySign(Dual.of(1.0, DW)), 0.0, -DU);
        }

        @Test
        void ieeeRemainderAtHalfwayUsesEvenQuotient() {
            // 3 / 2 = 1.5 rounds to the even quotient 2: v = 3 - 2·2 = -1, tangent u̇ - 2ẇ
            assertDual(Dual.of(3.0, DU).IEEEremainder(Dual.of(2.0, DW)), -1.0, DU - 2.0 * DW);
            // 5 / 2 = 2.5 rounds to 2: v = 1, tangent u̇ - 2ẇ
            assertDual(Dual.of(5.0, DU).IEEEremainder(Dual.of(2.0, DW)), 1.0, DU - 2.0 * DW);
        }

        @Test
        void nextAfterKeepsTangent() {
            assertDual(Dual.of(1.0, DU).nextAfter(0.0), Math.nextDown(1.0), DU);
            assertDual(Dual.of(1.0, DU).nextAfter(1.0), 1.0, DU);
        }
    }

    @Nested
    class NaNPropagation {
        private final Map<String, UnaryOperator<Dual>> everyUnary = Map.ofEntries(
                Map.entry("negate", Dual::negate),
                Map.entry("reciprocal", Dual::reciprocal),
                Map.entry("sqrt", Dual::sqrt),
                Map.entry("cbrt", Dual::cbrt),
                Map.entry("pow(2.5)", x -> x.pow(2.5)),
                Map.entry("pow(3)", x -> x.pow(3)),
                Map.entry("exp", Dual::exp),
                Map.entry("expm1", Dual::expm1),
                Map.entry("log", Dual::log),
                Map.entry("log1p", Dual::log1p),
                Map.entry("log10", Dual::log10),
                Map.entry("sin", Dual::sin),
                Map.entry("cos", Dual::cos),
                Map.entry("tan", Dual::tan),
                Map.entry("asin", Dual::asin),
                Map.entry("acos", Dual::acos),
                Map.entry("atan", Dual::atan),
                Map.entry("sinh", Dual::sinh),
                Map.entry("cosh", Dual::cosh),
                Map.entry("tanh", Dual::tanh),
                Map.entry("toRadians", Dual::toRadians),
                Map.entry("toDegrees", Dual::toDegrees),
                Map.entry("abs", Dual::abs),
                Map.entry("signum", Dual::signum),
                Map.entry("floor", Dual::floor),
                Map.entry("ceil", Dual::ceil),
                Map.entry("rint", Dual::rint),
                Map.entry("ulp", Dual::ulp),
                Map.entry("nextUp", Dual::nextUp),
                Map.entry("nextDown", Dual::nextDown),
                Map.entry("nextAfter", x -> x.nextAfter(1.0)),
                Map.entry("scalb", x -> x.scalb(2)),
                Map.entry("add", x -> x.add(Dual.of(1.0, DW))),
                Map.entry("subtract", x -> x.subtract(Dual.of(1.0, DW))),
                Map.entry("multiply", x -> x.multiply(Dual.of(2.0, DW))),
                Map.entry("divide", x -> x.divide(Dual.of(2.0, DW))),
                Map.entry("atan2", x -> x.atan2(Dual.of(2.0, DW))),
                Map.entry("hypot", x -> x.hypot(Dual.of(2.0, DW))),
                Map.entry("pow(Dual)", x -> x.pow(Dual.of(2.0, DW))),
                Map.entry("min", x -> x.min(Dual.of(2.0, DW))),
                Map.entry("max", x -> x.max(Dual.of(2.0, DW))),
                Map.entry("fma", x -> x.fma(Dual.of(2.0, DW), Dual.of(1.0, DU))),
                Map.entry("copySign", x -> x.copySign(Dual.of(2.0, DW))),
                Map.entry("IEEEremainder", x -> x.IEEEremainder(Dual.of(2.0, DW))));

        @Test
        void nanValueGivesNanValue() {
            everyUnary.forEach((name, f) -> assertWithMessage(name)
                    .that(f.apply(Dual.of(NAN, DU)).value()).isNaN());
        }

        @Test
        void nanValueGivesNanTangentWhereTheRuleUsesTheValue() {
            for (String name : new String[] {"reciprocal", "sqrt", "cbrt", "pow(2.5)", "exp",
                    "log", "sin", "tan", "asin", "atan", "tanh", "multiply", "divide", "atan2",
                    "hypot", "IEEEremainder"}) {
                assertWithMessage(name)
                        .that(everyUnary.get(name).apply(Dual.of(NAN, DU)).tangent()).isNaN();
            }
        }

        @Test
        void nanTangentPropagatesThroughSmoothRules() {
            for (String name : new String[] {"negate", "sqrt", "exp", "log", "sin", "cos",
                    "asin", "sinh", "tanh", "toRadians", "abs", "nextUp", "scalb", "add",
                    "multiply", "divide", "atan2", "pow(Dual)", "fma"}) {
                assertWithMessage(name)
                        .that(everyUnary.get(name).apply(Dual.of(0.5, NAN)).tangent()).isNaN();
            }
        }

        @Test
        void piecewiseConstantRulesDropNanTangent() {
            for (String name : new String[] {"signum", "floor", "ceil", "rint", "ulp"}) {
                assertWithMessage(name)
                        .that(everyUnary.get(name).apply(Dual.of(0.5, NAN)).tangent())
                        .isEqualTo(0.0);
            }
        }
    }
}
