package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DualVector} is {@link Dual} lane by lane, bit for bit.
 *
 * <p>The operations are found by reflection: every public method of {@code Dual} that returns a
 * {@code Dual} (except the factories) is an operation, and {@code DualVector} must have the same
 * method with {@code Dual} replaced by {@code DualVector} (and nothing more). Each operation is then
 * invoked reflectively on both classes: a {@code DualVector} operand of width {@value #WIDTH} with
 * value {@code u} and tangents {@code t} corresponds, in lane {@code k}, to the {@code Dual}
 * {@code (u, t[k])}; {@code double} and {@code int} arguments are passed unchanged. The value and
 * every lane's tangent must equal {@code Dual}'s exactly ({@code Double.equals} semantics: signed
 * zeros differ, NaN equals NaN).
 *
 * <p>Tangents are drawn with a fixed seed and include zeros (also {@code -0.0}) in some lanes of
 * some operands, so the per-lane guards of {@code pow} and the dropped terms are exercised. Besides
 * in-domain points, every operation is also run on all combinations of IEEE edge values, where
 * exact agreement must hold as well.
 */
class DualVectorAgreesWithDualTest {

    private static final int WIDTH = 3;

    /** Methods of {@code Dual} returning {@code Dual} that are factories, not operations. */
    private static final Set<String> FACTORIES = Set.of("of", "variable", "constant");

    /**
     * In-domain points per operation name: one coordinate per operand (the receiver first, for an
     * instance method). All overloads of a name have the same number of operands. An {@code int}
     * parameter takes the coordinate cast to {@code int} (the coordinates there are integral).
     */
    private static final Map<String, double[][]> POINTS = Map.ofEntries(
            Map.entry("add", pts(new double[] {1.7, -0.6}, new double[] {-3.25, 2.5}, new double[] {0.3, 4.0})),
            Map.entry("subtract", pts(new double[] {1.7, -0.6}, new double[] {-3.25, 2.5}, new double[] {0.3, 4.0})),
            Map.entry("multiply", pts(new double[] {1.7, -0.6}, new double[] {-3.25, 2.5}, new double[] {0.3, 4.0})),
            Map.entry("divide", pts(new double[] {1.7, -0.6}, new double[] {-3.25, 2.5}, new double[] {5.0, 0.125})),
            Map.entry("remainder", pts(new double[] {5.3, 2.0}, new double[] {-7.5, 2.25}, new double[] {1.7, -0.6})),
            Map.entry("IEEEremainder",
                    pts(new double[] {5.3, 2.0}, new double[] {-7.5, 2.25}, new double[] {1.7, -0.6})),
            Map.entry("negate", pts(new double[] {1.7}, new double[] {-0.6}, new double[] {3.25})),
            Map.entry("reciprocal", pts(new double[] {1.7}, new double[] {-0.6}, new double[] {3.25})),
            Map.entry("fma",
                    pts(new double[] {1.7, -0.6, 0.4}, new double[] {-3.25, 2.5, 1.1}, new double[] {0.3, 4.0, -2.0})),
            // The negative base with an integral exponent is in the domain when the exponent is
            // constant: lanes where the exponent's tangent is 0 must stay finite, as in Dual.
            Map.entry("pow", pts(new double[] {1.7, 2.0}, new double[] {0.6, -3.0}, new double[] {2.5, 3.0},
                    new double[] {-2.0, 3.0})),
            Map.entry("sqrt", pts(new double[] {2.0}, new double[] {0.3}, new double[] {17.5})),
            Map.entry("cbrt", pts(new double[] {2.0}, new double[] {-0.3}, new double[] {27.5})),
            Map.entry("hypot", pts(new double[] {3.0, 4.0}, new double[] {-1.5, 0.2}, new double[] {0.7, -2.5})),
            Map.entry("exp", pts(new double[] {0.5}, new double[] {-1.2}, new double[] {3.0})),
            Map.entry("expm1", pts(new double[] {1e-5}, new double[] {-1.2}, new double[] {3.0})),
            Map.entry("log", pts(new double[] {0.5}, new double[] {2.0}, new double[] {123.0})),
            Map.entry("log1p", pts(new double[] {-0.5}, new double[] {1e-6}, new double[] {3.0})),
            Map.entry("log10", pts(new double[] {0.5}, new double[] {2.0}, new double[] {123.0})),
            Map.entry("sin", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("cos", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("tan", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("asin", pts(new double[] {0.3}, new double[] {-0.7}, new double[] {0.95})),
            Map.entry("acos", pts(new double[] {0.3}, new double[] {-0.7}, new double[] {0.95})),
            Map.entry("atan", pts(new double[] {0.3}, new double[] {-4.0}, new double[] {12.0})),
            Map.entry("atan2", pts(new double[] {1.0, 2.0}, new double[] {-0.5, -1.5}, new double[] {2.0, -0.3})),
            Map.entry("toRadians", pts(new double[] {30.0}, new double[] {-200.0}, new double[] {0.5})),
            Map.entry("toDegrees", pts(new double[] {0.5}, new double[] {-2.0}, new double[] {3.1})),
            Map.entry("sinh", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("cosh", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("tanh", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {2.5})),
            Map.entry("asinh", pts(new double[] {0.3}, new double[] {-1.2}, new double[] {250.0})),
            Map.entry("acosh", pts(new double[] {1.3}, new double[] {2.5}, new double[] {250.0})),
            Map.entry("atanh", pts(new double[] {0.3}, new double[] {-0.7}, new double[] {0.95})),
            // log(base, x), the FastMath form: by name and operand count
            Map.entry("log/2", pts(new double[] {2.0, 8.0}, new double[] {10.0, 0.3}, new double[] {0.5, 7.5})),
            Map.entry("abs", pts(new double[] {-1.5}, new double[] {2.0}, new double[] {-0.3})),
            Map.entry("min", pts(new double[] {1.0, 2.0}, new double[] {2.0, 1.0}, new double[] {1.5, 1.5})),
            Map.entry("max", pts(new double[] {1.0, 2.0}, new double[] {2.0, 1.0}, new double[] {1.5, 1.5})),
            Map.entry("signum", pts(new double[] {-1.5}, new double[] {2.7}, new double[] {0.4})),
            Map.entry("floor", pts(new double[] {-1.5}, new double[] {2.7}, new double[] {0.4})),
            Map.entry("ceil", pts(new double[] {-1.5}, new double[] {2.7}, new double[] {0.4})),
            Map.entry("rint", pts(new double[] {-1.5}, new double[] {2.7}, new double[] {0.4})),
            Map.entry("ulp", pts(new double[] {-1.5}, new double[] {2.7}, new double[] {0.4})),
            Map.entry("copySign", pts(new double[] {1.5, -2.0}, new double[] {-1.5, 3.0}, new double[] {2.0, 0.5})),
            Map.entry("nextUp", pts(new double[] {1.5}, new double[] {-2.0}, new double[] {0.3})),
            Map.entry("nextDown", pts(new double[] {1.5}, new double[] {-2.0}, new double[] {0.3})),
            Map.entry("nextAfter", pts(new double[] {1.5, 3.0}, new double[] {-2.0, -5.0}, new double[] {0.3, 0.0})),
            Map.entry("scalb", pts(new double[] {1.5, 3}, new double[] {-2.0, -2}, new double[] {0.3, 10})));

    /** IEEE edge values for {@code double} operands. */
    private static final double[] EDGE_DOUBLES = {
        0.0, -0.0, 1.0, -1.0, 0.5, Double.MIN_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
    };

    /** Edge values for {@code int} operands (exponents and binary scales). */
    private static final int[] EDGE_INTS = {0, 1, -1, 2, 3, -2, 1100, -1100, Integer.MAX_VALUE, Integer.MIN_VALUE};

    /** Tangent entries used at edge points (every lane independently drawn from these). */
    private static final double[] EDGE_TANGENTS = {
        0.0, -0.0, 1.0, -2.5, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NaN,
    };

    private static double[][] pts(double[]... points) {
        return points;
    }

    // ---------------------------------------------------------------------------------------------
    // The operations and the signature mapping
    // ---------------------------------------------------------------------------------------------

    /** The public operations of {@code Dual}, in a stable order. */
    static List<Method> dualOperations() {
        return Arrays.stream(Dual.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> m.getReturnType() == Dual.class && !FACTORIES.contains(m.getName()))
                .sorted(Comparator.comparing(DualVectorAgreesWithDualTest::signature))
                .collect(Collectors.toList());
    }

    /** The public operations of {@code DualVector}, in a stable order. */
    static List<Method> dualVectorOperations() {
        return Arrays.stream(DualVector.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> m.getReturnType() == DualVector.class && !FACTORIES.contains(m.getName()))
                .sorted(Comparator.comparing(DualVectorAgreesWithDualTest::signature))
                .collect(Collectors.toList());
    }

    /** E.g. {@code "static pow(double, X)"}, with both {@code Dual} and {@code DualVector} as X. */
    static String signature(Method m) {
        String params = Arrays.stream(m.getParameterTypes())
                .map(t -> t == Dual.class || t == DualVector.class ? "X" : t.getName())
                .collect(Collectors.joining(", "));
        return (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName() + "(" + params + ")";
    }

    static Method counterpart(Method dualMethod) throws NoSuchMethodException {
        Class<?>[] types = Arrays.stream(dualMethod.getParameterTypes())
                .map(t -> t == Dual.class ? DualVector.class : t)
                .toArray(Class<?>[]::new);
        return DualVector.class.getMethod(dualMethod.getName(), types);
    }

    static Stream<Named<Method>> operations() {
        return dualOperations().stream().map(m -> Named.of(signature(m), m));
    }

    @Test
    void operationListIsNotTrivial() {
        // Guards the reflection filter itself: at least these operations must be found.
        Set<String> names = dualOperations().stream().map(Method::getName).collect(Collectors.toSet());
        assertThat(names).containsAtLeastElementsIn(List.of(
                "add", "subtract", "multiply", "divide", "remainder", "negate", "reciprocal",
                "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",
                "exp", "expm1", "log", "log1p", "log10", "sqrt", "cbrt", "pow", "hypot", "abs",
                "min", "max", "signum", "floor", "ceil", "rint", "toRadians", "toDegrees", "fma",
                "copySign", "ulp", "IEEEremainder", "nextUp", "nextDown", "nextAfter", "scalb"));
        assertThat(names).containsNoneIn(FACTORIES);
        // 43 names; pow has 4 overloads and 14 others have a double overload.
        assertThat(dualOperations().size()).isAtLeast(58);
    }

    @Test
    void dualVectorHasExactlyTheOperationsOfDual() {
        Set<String> dual = dualOperations().stream()
                .map(DualVectorAgreesWithDualTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> vector = dualVectorOperations().stream()
                .map(DualVectorAgreesWithDualTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
        assertWithMessage("operation signatures (X = Dual / DualVector)").that(vector).isEqualTo(dual);
    }

    @Test
    void everyOperationHasInDomainPoints() {
        Set<String> missing = new TreeSet<>();
        for (Method m : dualOperations()) {
            if (!POINTS.containsKey(m.getName())) {
                missing.add(m.getName());
            }
        }
        assertWithMessage("operations without points in POINTS").that(missing).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Agreement
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void agreesAtInDomainPoints(Method dualMethod) throws Exception {
        Method vectorMethod = counterpart(dualMethod);
        double[][] points = POINTS.getOrDefault(
                dualMethod.getName() + "/" + operandTypes(dualMethod).length, POINTS.get(dualMethod.getName()));
        assertWithMessage("no points for %s", dualMethod.getName()).that(points).isNotNull();
        Random random = new Random(20240611L ^ signature(dualMethod).hashCode());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (double[] point : points) {
            Class<?>[] operandTypes = operandTypes(dualMethod);
            assertWithMessage("arity of the points of %s", dualMethod.getName())
                    .that(point.length).isEqualTo(operandTypes.length);
            for (double[][] tangents : tangentDraws(operandTypes.length, random)) {
                checked += compare(dualMethod, vectorMethod, point, tangents, mismatches);
            }
        }
        assertWithMessage("lanes checked").that(checked).isGreaterThan(0);
        assertWithMessage("mismatches").that(mismatches).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void agreesAtEdgeValues(Method dualMethod) throws Exception {
        Method vectorMethod = counterpart(dualMethod);
        Class<?>[] operandTypes = operandTypes(dualMethod);
        Random random = new Random(77L ^ signature(dualMethod).hashCode());
        List<String> mismatches = new ArrayList<>();
        for (double[] point : edgePoints(operandTypes)) {
            double[][] tangents = new double[operandTypes.length][WIDTH];
            for (double[] operand : tangents) {
                for (int k = 0; k < WIDTH; k++) {
                    operand[k] = EDGE_TANGENTS[random.nextInt(EDGE_TANGENTS.length)];
                }
            }
            compare(dualMethod, vectorMethod, point, tangents, mismatches);
        }
        assertWithMessage("mismatches").that(mismatches).isEmpty();
    }

    /** Operand types: the receiver ({@code Dual}) first for an instance method, then the parameters. */
    private static Class<?>[] operandTypes(Method m) {
        Class<?>[] params = m.getParameterTypes();
        if (Modifier.isStatic(m.getModifiers())) {
            return params;
        }
        Class<?>[] result = new Class<?>[params.length + 1];
        result[0] = Dual.class;
        System.arraycopy(params, 0, result, 1, params.length);
        return result;
    }

    /** All combinations of edge values, one coordinate per operand. */
    private static List<double[]> edgePoints(Class<?>[] operandTypes) {
        List<double[]> result = new ArrayList<>();
        result.add(new double[operandTypes.length]);
        for (int i = 0; i < operandTypes.length; i++) {
            double[] choices = operandTypes[i] == int.class
                    ? Arrays.stream(EDGE_INTS).asDoubleStream().toArray()
                    : EDGE_DOUBLES;
            List<double[]> next = new ArrayList<>();
            for (double[] prefix : result) {
                for (double c : choices) {
                    double[] p = prefix.clone();
                    p[i] = c;
                    next.add(p);
                }
            }
            result = next;
        }
        return result;
    }

    /**
     * Tangent draws for {@code operands} operands of width {@value #WIDTH}; {@code draw[i][k]} is
     * tangent {@code k} of operand {@code i} (unused for {@code double}/{@code int} operands). Two
     * structured draws make each operand zero in some lane where the others are not (and, with two
     * operands, one lane zero in both); four random draws have zeros with probability 0.3.
     */
    private static List<double[][]> tangentDraws(int operands, Random random) {
        List<double[][]> draws = new ArrayList<>();
        double[][] zeroOnDiagonal = new double[operands][WIDTH];
        double[][] zeroOffDiagonal = new double[operands][WIDTH];
        for (int i = 0; i < operands; i++) {
            for (int k = 0; k < WIDTH; k++) {
                zeroOnDiagonal[i][k] = k == i ? 0.0 : randomTangent(random);
                zeroOffDiagonal[i][k] = k != i ? 0.0 : randomTangent(random);
            }
        }
        draws.add(zeroOnDiagonal);
        draws.add(zeroOffDiagonal);
        for (int d = 0; d < 4; d++) {
            double[][] draw = new double[operands][WIDTH];
            for (int i = 0; i < operands; i++) {
                for (int k = 0; k < WIDTH; k++) {
                    double r = random.nextDouble();
                    draw[i][k] = r < 0.25 ? 0.0 : r < 0.3 ? -0.0 : randomTangent(random);
                }
            }
            draws.add(draw);
        }
        return draws;
    }

    private static double randomTangent(Random random) {
        double t = 3.0 * random.nextGaussian();
        return t == 0.0 ? 1.0 : t;
    }

    /**
     * Runs both methods and records every lane that differs; returns the number of lanes compared.
     */
    private static int compare(
            Method dualMethod, Method vectorMethod, double[] point, double[][] tangents, List<String> mismatches)
            throws ReflectiveOperationException {
        Class<?>[] operandTypes = operandTypes(dualMethod);
        boolean isStatic = Modifier.isStatic(dualMethod.getModifiers());

        Object[] vectorOperands = new Object[operandTypes.length];
        for (int i = 0; i < operandTypes.length; i++) {
            vectorOperands[i] = operand(operandTypes[i], point[i], tangents[i], -1);
        }
        DualVector actual = (DualVector) invoke(vectorMethod, isStatic, vectorOperands);
        String context = vectorMethod.getName() + " at " + Arrays.toString(point)
                + " with tangents " + Arrays.deepToString(tangents);
        if (actual.width() != WIDTH) {
            mismatches.add(context + ": width " + actual.width());
            return 0;
        }
        for (int k = 0; k < WIDTH; k++) {
            Object[] dualOperands = new Object[operandTypes.length];
            for (int i = 0; i < operandTypes.length; i++) {
                dualOperands[i] = operand(operandTypes[i], point[i], tangents[i], k);
            }
            Dual expected = (Dual) invoke(dualMethod, isStatic, dualOperands);
            if (!Double.valueOf(actual.value()).equals(expected.value())) {
                mismatches.add(context + ": value " + actual.value() + " != Dual's " + expected.value());
            }
            if (!Double.valueOf(actual.tangent(k)).equals(expected.tangent())) {
                mismatches.add(context + ": lane " + k + " tangent " + actual.tangent(k)
                        + " != Dual's " + expected.tangent());
            }
        }
        return WIDTH;
    }

    /**
     * The argument for one operand: for {@code Dual}, the {@code DualVector} (lane {@code -1}) or
     * the {@code Dual} of lane {@code k}; otherwise the plain {@code double} or {@code int}.
     */
    private static Object operand(Class<?> type, double value, double[] tangents, int lane) {
        if (type == Dual.class) {
            return lane < 0 ? DualVector.of(value, tangents) : Dual.of(value, tangents[lane]);
        }
        if (type == double.class) {
            return value;
        }
        if (type == int.class) {
            int n = (int) value;
            assertWithMessage("int coordinate").that((double) n).isEqualTo(value);
            return n;
        }
        throw new AssertionError("unexpected parameter type " + type);
    }

    private static Object invoke(Method m, boolean isStatic, Object[] operands) throws ReflectiveOperationException {
        Object receiver = isStatic ? null : operands[0];
        Object[] args = isStatic ? operands : Arrays.copyOfRange(operands, 1, operands.length);
        try {
            return m.invoke(receiver, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m + " threw", e.getCause());
        }
    }
}
