package org.dualj.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven check of every {@link Dual} rule at points inside its domain.
 *
 * <p>Each case is checked three ways: the value must equal the matching {@link Math} function
 * exactly; value and tangent must agree with a Hipparchus {@link DerivativeStructure} evaluation of
 * the same function with the same seed tangents; and the tangent must agree with an analytic
 * derivative written out here (deliberately in a different form from the implementation where a
 * natural one exists). Agreement means a relative error of at most {@value #REL_TOL}.
 *
 * <p>All arguments are seeded along one common direction, so a Hipparchus structure with a single
 * free parameter and order 1 carries exactly the directional derivative a {@code Dual} carries.
 */
class DualRulesTest {

    private static final double REL_TOL = 1e-12;

    /** Seed tangents of the first, second and third argument (distinct, so mix-ups show). */
    private static final double DU = 0.7;
    private static final double DW = -1.3;
    private static final double DC = 0.4;

    private static final DSFactory FACTORY = new DSFactory(1, 1);

    // ---------------------------------------------------------------------------------------------
    // Case shapes
    // ---------------------------------------------------------------------------------------------

    /** Analytic derivative of a unary function: tangent at {@code u} with seed {@code du}. */
    @FunctionalInterface
    interface UnaryTangent {
        double at(double u, double du);
    }

    /** Analytic derivative of a binary function. */
    @FunctionalInterface
    interface BinaryTangent {
        double at(double u, double du, double w, double dw);
    }

    record Unary(
            String name,
            UnaryOperator<Dual> dual,
            UnaryOperator<DerivativeStructure> hipparchus,
            DoubleUnaryOperator value,
            UnaryTangent tangent,
            double... points) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Binary(
            String name,
            BinaryOperator<Dual> dual,
            BiFunction<Dual, Double, Dual> dualWithConstant,
            BinaryOperator<DerivativeStructure> hipparchus,
            DoubleBinaryOperator value,
            BinaryTangent tangent,
            double[][] points) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Unary unary(
            String name,
            UnaryOperator<Dual> dual,
            UnaryOperator<DerivativeStructure> hipparchus,
            DoubleUnaryOperator value,
            UnaryTangent tangent,
            double... points) {
        return new Unary(name, dual, hipparchus, value, tangent, points);
    }

    private static Binary binary(
            String name,
            BinaryOperator<Dual> dual,
            BiFunction<Dual, Double, Dual> dualWithConstant,
            BinaryOperator<DerivativeStructure> hipparchus,
            DoubleBinaryOperator value,
            BinaryTangent tangent,
            double[]... points) {
        return new Binary(name, dual, dualWithConstant, hipparchus, value, tangent, points);
    }

    private static double[] at(double u, double w) {
        return new double[] {u, w};
    }

    // ---------------------------------------------------------------------------------------------
    // The table
    // ---------------------------------------------------------------------------------------------

    private static final List<Unary> UNARY = List.of(
            // Arithmetic
            unary("negate", Dual::negate, DerivativeStructure::negate,
                    u -> -u, (u, du) -> -du,
                    -2.5, 0.3, 4.0),
            unary("reciprocal", Dual::reciprocal, DerivativeStructure::reciprocal,
                    u -> 1.0 / u, (u, du) -> -du / (u * u),
                    -2.5, 0.3, 4.0),

            // Powers and roots
            unary("sqrt", Dual::sqrt, DerivativeStructure::sqrt,
                    Math::sqrt, (u, du) -> du / (2.0 * Math.sqrt(u)),
                    0.04, 2.0, 9.5),
            unary("cbrt", Dual::cbrt, DerivativeStructure::cbrt,
                    Math::cbrt, (u, du) -> du / (3.0 * Math.cbrt(u * u)),
                    -8.5, 0.3, 27.0),
            unary("pow(2.5)", x -> x.pow(2.5), x -> x.pow(2.5),
                    u -> Math.pow(u, 2.5), (u, du) -> 2.5 * Math.pow(u, 1.5) * du,
                    0.5, 1.7, 3.0),
            unary("pow(-1.5)", x -> x.pow(-1.5), x -> x.pow(-1.5),
                    u -> Math.pow(u, -1.5), (u, du) -> -1.5 * du / (u * u * Math.sqrt(u)),
                    0.5, 1.7, 3.0),
            unary("pow(3.0)", x -> x.pow(3.0), x -> x.pow(3.0),
                    u -> Math.pow(u, 3.0), (u, du) -> 3.0 * u * u * du,
                    -2.0, 0.5, 1.7),
            unary("pow(int 3)", x -> x.pow(3), x -> x.pow(3),
                    u -> Math.pow(u, 3), (u, du) -> 3.0 * u * u * du,
                    -2.0, 0.5, 1.7),
            unary("pow(int -2)", x -> x.pow(-2), x -> x.pow(-2),
                    u -> Math.pow(u, -2), (u, du) -> -2.0 * du / (u * u * u),
                    -1.5, 0.5, 3.0),
            unary("pow(2.5, x)", x -> Dual.pow(2.5, x), x -> DerivativeStructure.pow(2.5, x),
                    u -> Math.pow(2.5, u), (u, du) -> Math.pow(2.5, u) * Math.log(2.5) * du,
                    -1.0, 0.5, 2.0),
            unary("pow(0.3, x)", x -> Dual.pow(0.3, x), x -> DerivativeStructure.pow(0.3, x),
                    u -> Math.pow(0.3, u), (u, du) -> Math.pow(0.3, u) * Math.log(0.3) * du,
                    -1.0, 0.5, 2.0),

            // Exponentials and logarithms
            unary("exp", Dual::exp, DerivativeStructure::exp,
                    Math::exp, (u, du) -> Math.exp(u) * du,
                    -3.0, 0.5, 4.2),
            unary("expm1", Dual::expm1, DerivativeStructure::expm1,
                    Math::expm1, (u, du) -> Math.exp(u) * du,
                    -1.5, 1e-3, 2.0),
            unary("log", Dual::log, DerivativeStructure::log,
                    Math::log, (u, du) -> du / u,
                    0.3, 1.0, 7.5),
            unary("log1p", Dual::log1p, DerivativeStructure::log1p,
                    Math::log1p, (u, du) -> du / (1.0 + u),
                    -0.5, 0.01, 3.0),
            unary("log10", Dual::log10, DerivativeStructure::log10,
                    Math::log10, (u, du) -> du * Math.log10(Math.E) / u,
                    0.3, 1.0, 250.0),

            // Trigonometric
            unary("sin", Dual::sin, DerivativeStructure::sin,
                    Math::sin, (u, du) -> Math.cos(u) * du,
                    -2.0, 0.4, 3.0),
            unary("cos", Dual::cos, DerivativeStructure::cos,
                    Math::cos, (u, du) -> -Math.sin(u) * du,
                    -2.0, 0.4, 3.0),
            unary("tan", Dual::tan, DerivativeStructure::tan,
                    Math::tan, (u, du) -> du / (Math.cos(u) * Math.cos(u)),
                    -1.2, 0.4, 1.4),
            unary("asin", Dual::asin, DerivativeStructure::asin,
                    Math::asin, (u, du) -> du / Math.sqrt((1.0 - u) * (1.0 + u)),
                    -0.7, 0.1, 0.6),
            unary("acos", Dual::acos, DerivativeStructure::acos,
                    Math::acos, (u, du) -> -du / Math.sqrt((1.0 - u) * (1.0 + u)),
                    -0.7, 0.1, 0.6),
            unary("atan", Dual::atan, DerivativeStructure::atan,
                    Math::atan, (u, du) -> du / (1.0 + u * u),
                    -3.0, 0.2, 10.0),
            unary("toRadians", Dual::toRadians, DerivativeStructure::toRadians,
                    Math::toRadians, (u, du) -> du * Math.PI / 180.0,
                    -180.0, 45.0, 720.0),
            unary("toDegrees", Dual::toDegrees, DerivativeStructure::toDegrees,
                    Math::toDegrees, (u, du) -> du * 180.0 / Math.PI,
                    -3.0, 0.5, 6.0),

            // Hyperbolic
            unary("sinh", Dual::sinh, DerivativeStructure::sinh,
                    Math::sinh, (u, du) -> Math.cosh(u) * du,
                    -2.0, 0.3, 1.5),
            unary("cosh", Dual::cosh, DerivativeStructure::cosh,
                    Math::cosh, (u, du) -> Math.sinh(u) * du,
                    -2.0, 0.3, 1.5),
            unary("tanh", Dual::tanh, DerivativeStructure::tanh,
                    Math::tanh, (u, du) -> du / (Math.cosh(u) * Math.cosh(u)),
                    -2.0, 0.3, 1.5),

            // Piecewise
            unary("abs", Dual::abs, DerivativeStructure::abs,
                    Math::abs, (u, du) -> Math.signum(u) * du,
                    -3.5, 0.25, 7.0),
            unary("signum", Dual::signum, DerivativeStructure::sign,
                    Math::signum, (u, du) -> 0.0,
                    -3.5, 0.25, 7.0),
            unary("floor", Dual::floor, DerivativeStructure::floor,
                    Math::floor, (u, du) -> 0.0,
                    -2.5, -1.3, 0.7, 3.5),
            unary("ceil", Dual::ceil, DerivativeStructure::ceil,
                    Math::ceil, (u, du) -> 0.0,
                    -2.5, -1.3, 0.7, 3.5),
            unary("rint", Dual::rint, DerivativeStructure::rint,
                    Math::rint, (u, du) -> 0.0,
                    -2.5, -1.3, 0.7, 3.5),
            unary("ulp", Dual::ulp, DerivativeStructure::ulp,
                    Math::ulp, (u, du) -> 0.0,
                    -3.5, 1.0, 1e10),
            // Hipparchus has no nextUp/nextDown/nextAfter on derivative structures; these move the
            // value by one ulp, so their reference is the identity map (derivative 1).
            unary("nextUp", Dual::nextUp, x -> x,
                    Math::nextUp, (u, du) -> du,
                    -2.0, 0.5, 3.0),
            unary("nextDown", Dual::nextDown, x -> x,
                    Math::nextDown, (u, du) -> du,
                    -2.0, 0.5, 3.0),
            unary("nextAfter(10)", x -> x.nextAfter(10.0), x -> x,
                    u -> Math.nextAfter(u, 10.0), (u, du) -> du,
                    -2.0, 0.5, 30.0),
            unary("scalb(3)", x -> x.scalb(3), x -> x.scalb(3),
                    u -> Math.scalb(u, 3), (u, du) -> du * 8.0,
                    -1.5, 0.3, 5.0),
            unary("scalb(-2)", x -> x.scalb(-2), x -> x.scalb(-2),
                    u -> Math.scalb(u, -2), (u, du) -> du / 4.0,
                    -1.5, 0.3, 5.0));

    private static final List<Binary> BINARY = List.of(
            // Arithmetic
            binary("add", Dual::add, Dual::add, DerivativeStructure::add,
                    (u, w) -> u + w, (u, du, w, dw) -> du + dw,
                    at(-2.0, 0.5), at(0.3, 4.0), at(3.5, -1.25)),
            binary("subtract", Dual::subtract, Dual::subtract, DerivativeStructure::subtract,
                    (u, w) -> u - w, (u, du, w, dw) -> du - dw,
                    at(-2.0, 0.5), at(0.3, 4.0), at(3.5, -1.25)),
            binary("multiply", Dual::multiply, Dual::multiply, DerivativeStructure::multiply,
                    (u, w) -> u * w, (u, du, w, dw) -> du * w + u * dw,
                    at(-2.0, 0.5), at(0.3, 4.0), at(3.5, -1.25)),
            binary("divide", Dual::divide, Dual::divide, DerivativeStructure::divide,
                    (u, w) -> u / w, (u, du, w, dw) -> (du * w - u * dw) / (w * w),
                    at(-2.0, 0.5), at(0.3, 4.0), at(3.5, -1.25)),
            binary("remainder (%)", Dual::remainder, Dual::remainder,
                    // u - w·n with the integer quotient n = trunc(u/w) held constant
                    (u, w) -> u.subtract(w.multiply((double) (long) (u.getValue() / w.getValue()))),
                    (u, w) -> u % w, (u, du, w, dw) -> du - (double) (long) (u / w) * dw,
                    at(7.3, 2.0), at(-5.5, 1.7), at(10.0, -3.0)),
            binary("IEEEremainder", Dual::IEEEremainder, Dual::IEEEremainder,
                    DerivativeStructure::remainder,
                    Math::IEEEremainder, (u, du, w, dw) -> du - Math.rint(u / w) * dw,
                    at(7.3, 2.0), at(-5.5, 1.7), at(10.0, -3.0)),

            // Powers and roots
            binary("pow", Dual::pow, Dual::pow, DerivativeStructure::pow,
                    Math::pow,
                    (u, du, w, dw) -> w * Math.pow(u, w - 1.0) * du + Math.pow(u, w) * Math.log(u) * dw,
                    at(0.5, 2.5), at(1.7, -0.6), at(3.0, 1.5)),
            binary("hypot", Dual::hypot, Dual::hypot, (a, b) -> a.hypot(b),
                    Math::hypot, (u, du, w, dw) -> (u * du + w * dw) / Math.sqrt(u * u + w * w),
                    at(3.0, 4.0), at(-0.5, 1.2), at(1e-3, -2.0)),

            // Trigonometric (this = y, argument = x)
            binary("atan2", Dual::atan2, Dual::atan2, (y, x) -> y.atan2(x),
                    Math::atan2, (y, dy, x, dx) -> (x * dy - y * dx) / (x * x + y * y),
                    at(1.0, 2.0), at(-0.5, -1.5), at(2.0, -0.3)),

            // Piecewise (no ties here; ties are DualEdgeCasesTest's business)
            binary("min", Dual::min, Dual::min, FastMath::min,
                    Math::min, (u, du, w, dw) -> u < w ? du : dw,
                    at(-2.0, 0.5), at(3.0, 1.0), at(0.3, -4.0)),
            binary("max", Dual::max, Dual::max, FastMath::max,
                    Math::max, (u, du, w, dw) -> u > w ? du : dw,
                    at(-2.0, 0.5), at(3.0, 1.0), at(0.3, -4.0)),
            binary("copySign", Dual::copySign, Dual::copySign, DerivativeStructure::copySign,
                    Math::copySign, (u, du, w, dw) -> Math.signum(u) * Math.signum(w) * du,
                    at(2.5, -1.0), at(-0.7, 3.0), at(1.5, 2.0), at(-4.0, -0.5)));

    static Stream<Arguments> unaryCases() {
        return UNARY.stream()
                .flatMap(rule -> Arrays.stream(rule.points()).mapToObj(u -> Arguments.of(rule, u)));
    }

    static Stream<Arguments> binaryCases() {
        return BINARY.stream()
                .flatMap(rule -> Arrays.stream(rule.points())
                        .map(p -> Arguments.of(rule, p[0], p[1])));
    }

    static Stream<Arguments> fmaCases() {
        return Stream.of(
                Arguments.of(1.5, -2.0, 0.25),
                Arguments.of(-0.3, 4.0, 1.0),
                Arguments.of(2.0, 3.0, -5.5));
    }

    // ---------------------------------------------------------------------------------------------
    // Tests
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} at u={1}")
    @MethodSource("unaryCases")
    void unaryRule(Unary rule, double u) {
        Dual result = rule.dual().apply(Dual.of(u, DU));
        DerivativeStructure reference = rule.hipparchus().apply(FACTORY.build(u, DU));

        check(rule + " at " + u, result, rule.value().applyAsDouble(u), reference,
                rule.tangent().at(u, DU));
    }

    @ParameterizedTest(name = "{0} at (u={1}, w={2}), both active")
    @MethodSource("binaryCases")
    void binaryRuleBothActive(Binary rule, double u, double w) {
        Dual result = rule.dual().apply(Dual.of(u, DU), Dual.of(w, DW));
        DerivativeStructure reference =
                rule.hipparchus().apply(FACTORY.build(u, DU), FACTORY.build(w, DW));

        check(rule + " at " + u + ", " + w, result, rule.value().applyAsDouble(u, w), reference,
                rule.tangent().at(u, DU, w, DW));
    }

    @ParameterizedTest(name = "{0} at (u={1}, w={2}), double overload")
    @MethodSource("binaryCases")
    void binaryRuleWithConstant(Binary rule, double u, double w) {
        Dual result = rule.dualWithConstant().apply(Dual.of(u, DU), w);
        DerivativeStructure reference =
                rule.hipparchus().apply(FACTORY.build(u, DU), FACTORY.constant(w));

        check(rule + "(double) at " + u + ", " + w, result, rule.value().applyAsDouble(u, w),
                reference, rule.tangent().at(u, DU, w, 0.0));
    }

    @ParameterizedTest(name = "fma({0}, {1}, {2}), all active")
    @MethodSource("fmaCases")
    void fmaAllActive(double a, double b, double c) {
        Dual result = Dual.of(a, DU).fma(Dual.of(b, DW), Dual.of(c, DC));
        DerivativeStructure reference =
                FACTORY.build(a, DU).multiply(FACTORY.build(b, DW)).add(FACTORY.build(c, DC));

        check("fma", result, Math.fma(a, b, c), reference, DU * b + a * DW + DC);
    }

    @ParameterizedTest(name = "fma({0}, {1}, {2}), double overload")
    @MethodSource("fmaCases")
    void fmaWithConstants(double a, double b, double c) {
        Dual result = Dual.of(a, DU).fma(b, c);
        DerivativeStructure reference = FACTORY.build(a, DU).multiply(b).add(c);

        check("fma(double, double)", result, Math.fma(a, b, c), reference, DU * b);
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------

    private static void check(
            String what,
            Dual result,
            double expectedValue,
            DerivativeStructure reference,
            double analyticTangent) {
        assertWithMessage("%s: value vs java.lang.Math", what)
                .that(result.value()).isEqualTo(expectedValue);
        assertClose(what + ": value vs Hipparchus", result.value(), reference.getValue());
        assertClose(what + ": tangent vs Hipparchus", result.tangent(),
                reference.getPartialDerivative(1));
        assertClose(what + ": tangent vs analytic", result.tangent(), analyticTangent);
    }

    private static void assertClose(String what, double actual, double expected) {
        assertWithMessage("%s: reference must be finite", what)
                .that(Double.isFinite(expected)).isTrue();
        assertWithMessage(what).that(actual).isWithin(REL_TOL * Math.abs(expected)).of(expected);
    }
}
