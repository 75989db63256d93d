package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.junit.jupiter.api.Test;

/** Factories, value semantics, width checks of {@link DualVector}, and a check against Hipparchus. */
class DualVectorTest {

    private static final double REL_TOL = 1e-12;

    // ---------------------------------------------------------------------------------------------
    // Factories and accessors
    // ---------------------------------------------------------------------------------------------

    @Test
    void ofKeepsValueAndTangents() {
        DualVector d = DualVector.of(2.5, -0.75, 0.0, 4.0);
        assertThat(d.value()).isEqualTo(2.5);
        assertThat(d.width()).isEqualTo(3);
        assertThat(d.tangent(0)).isEqualTo(-0.75);
        assertThat(d.tangent(1)).isEqualTo(0.0);
        assertThat(d.tangent(2)).isEqualTo(4.0);
        assertThat(d.tangents()).usingExactEquality().containsExactly(-0.75, 0.0, 4.0).inOrder();
    }

    @Test
    void ofCopiesItsArray() {
        double[] tangents = {1.0, 2.0};
        DualVector d = DualVector.of(0.5, tangents);
        tangents[0] = 99.0;
        assertThat(d.tangent(0)).isEqualTo(1.0);
    }

    @Test
    void ofWithoutTangentsHasWidthZero() {
        DualVector d = DualVector.of(1.5);
        assertThat(d.width()).isEqualTo(0);
        assertThat(d.tangents()).isEmpty();
        assertThat(d.sin().width()).isEqualTo(0);
    }

    @Test
    void ofRejectsNullArray() {
        assertThrows(NullPointerException.class, () -> DualVector.of(1.0, (double[]) null));
    }

    @Test
    void variableIsAUnitVector() {
        DualVector d = DualVector.variable(3.0, 1, 4);
        assertThat(d).isEqualTo(DualVector.of(3.0, 0.0, 1.0, 0.0, 0.0));
    }

    @Test
    void variableRejectsAnIndexOutOfRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> DualVector.variable(3.0, 3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> DualVector.variable(3.0, -1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> DualVector.variable(3.0, 0, 0));
    }

    @Test
    void constantHasZeroTangents() {
        assertThat(DualVector.constant(3.0, 2)).isEqualTo(DualVector.of(3.0, 0.0, 0.0));
        assertThat(DualVector.constant(3.0, 0).width()).isEqualTo(0);
    }

    @Test
    void constantRejectsANegativeWidth() {
        assertThrows(IllegalArgumentException.class, () -> DualVector.constant(3.0, -1));
    }

    @Test
    void tangentsReturnsAFreshCopy() {
        DualVector d = DualVector.of(1.0, 2.0, 3.0);
        double[] t = d.tangents();
        t[0] = 99.0;
        assertThat(d.tangent(0)).isEqualTo(2.0);
        assertThat(d.tangents()).isNotSameInstanceAs(d.tangents());
    }

    @Test
    void resultsDoNotShareMutableStateWithTheCaller() {
        // Operations that keep the receiver's tangents (add(double), nextUp, ...) may share the
        // internal array; mutating a copy obtained from either must not affect the other.
        DualVector d = DualVector.of(1.0, 2.0, 3.0);
        DualVector e = d.add(1.0);
        e.tangents()[0] = 99.0;
        d.tangents()[1] = 99.0;
        assertThat(d).isEqualTo(DualVector.of(1.0, 2.0, 3.0));
        assertThat(e).isEqualTo(DualVector.of(2.0, 2.0, 3.0));
    }

    @Test
    void tangentOutOfRangeThrows() {
        DualVector d = DualVector.of(1.0, 2.0);
        assertThrows(IndexOutOfBoundsException.class, () -> d.tangent(1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.tangent(-1));
    }

    // ---------------------------------------------------------------------------------------------
    // Value semantics
    // ---------------------------------------------------------------------------------------------

    @Test
    void equalityIsByValueAndTangents() {
        DualVector a = DualVector.of(1.0, 2.0, 3.0);
        assertThat(a).isEqualTo(DualVector.of(1.0, 2.0, 3.0));
        assertThat(a.hashCode()).isEqualTo(DualVector.of(1.0, 2.0, 3.0).hashCode());
        assertThat(a).isNotEqualTo(DualVector.of(1.5, 2.0, 3.0));
        assertThat(a).isNotEqualTo(DualVector.of(1.0, 2.0, 3.5));
        assertThat(a).isNotEqualTo(DualVector.of(1.0, 2.0));
        assertThat(a).isNotEqualTo(DualVector.of(1.0, 2.0, 3.0, 0.0));
        assertThat(a).isNotEqualTo(Dual.of(1.0, 2.0));
        assertThat(a.equals(null)).isFalse();
    }

    @Test
    void equalityComparesDoublesLikeARecord() {
        // Double.compare semantics, as record equality: signed zeros differ, NaN equals NaN.
        assertThat(DualVector.of(0.0, 1.0)).isNotEqualTo(DualVector.of(-0.0, 1.0));
        assertThat(DualVector.of(1.0, 0.0)).isNotEqualTo(DualVector.of(1.0, -0.0));
        assertThat(DualVector.of(Double.NaN, Double.NaN)).isEqualTo(DualVector.of(Double.NaN, Double.NaN));
        assertThat(DualVector.of(Double.NaN, Double.NaN).hashCode())
                .isEqualTo(DualVector.of(Double.NaN, Double.NaN).hashCode());
        // Same verdicts as Dual, the record.
        assertThat(Dual.of(0.0, 1.0)).isNotEqualTo(Dual.of(-0.0, 1.0));
        assertThat(Dual.of(Double.NaN, Double.NaN)).isEqualTo(Dual.of(Double.NaN, Double.NaN));
    }

    @Test
    void toStringShowsValueAndTangents() {
        assertThat(DualVector.of(1.5, -2.0, 0.0).toString())
                .isEqualTo("DualVector[value=1.5, tangents=[-2.0, 0.0]]");
        assertThat(DualVector.of(1.5).toString()).isEqualTo("DualVector[value=1.5, tangents=[]]");
    }

    // ---------------------------------------------------------------------------------------------
    // Widths
    // ---------------------------------------------------------------------------------------------

    @Test
    void widthMismatchThrowsWithAClearMessage() {
        DualVector a = DualVector.of(1.0, 1.0, 0.0, 0.0);
        DualVector b = DualVector.of(2.0, 0.0, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertThat(e).hasMessageThat().contains("width");
        assertThat(e).hasMessageThat().contains("add");
        assertThat(e).hasMessageThat().contains("3");
        assertThat(e).hasMessageThat().contains("2");
    }

    /**
     * Every operation with two or more {@code DualVector} operands (the receiver included) rejects
     * each operand having a different width from the others.
     */
    @Test
    void everyOperationOnSeveralVectorsChecksWidths() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Method m : DualVector.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            long vectorParams = Arrays.stream(params).filter(t -> t == DualVector.class).count();
            if (vectorParams == 0) {
                continue;
            }
            // Operand 0 is the receiver; operand i > 0 is parameter i - 1.
            for (int odd = 0; odd <= params.length; odd++) {
                if (odd > 0 && params[odd - 1] != DualVector.class) {
                    continue;
                }
                DualVector receiver = odd == 0 ? DualVector.of(0.5, 1.0, 2.0) : DualVector.of(0.5, 1.0, 2.0, 3.0);
                Object[] args = new Object[params.length];
                for (int i = 0; i < params.length; i++) {
                    if (params[i] == DualVector.class) {
                        args[i] = i + 1 == odd ? DualVector.of(0.25, 1.0, 2.0) : DualVector.of(0.25, 1.0, 2.0, 3.0);
                    } else {
                        args[i] = 0.75;
                    }
                }
                try {
                    m.invoke(receiver, args);
                    throw new AssertionError(m + " accepted operand " + odd + " of a different width");
                } catch (InvocationTargetException e) {
                    assertWithMessage("%s with operand %s of a different width", m, odd)
                            .that(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                    assertWithMessage("message of %s", m).that(e.getCause()).hasMessageThat().contains("width");
                }
            }
            checked.add(m.getName());
        }
        assertThat(checked).containsAtLeast("add", "subtract", "multiply", "divide", "remainder",
                "IEEEremainder", "pow", "hypot", "atan2", "fma", "min", "max", "copySign");
    }

    @Test
    void staticPowTakesTheExponentsWidth() {
        DualVector w = DualVector.of(2.0, 1.0, 0.0, -1.0);
        assertThat(DualVector.pow(3.0, w).width()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------
    // Overloads with a constant
    // ---------------------------------------------------------------------------------------------

    @Test
    void doubleOverloadsEqualTheConstantVersionAtOrdinaryPoints() {
        DualVector x = DualVector.of(1.7, 0.7, 0.25, -1.3);
        double w = -0.6;
        DualVector c = DualVector.constant(w, 3);
        assertThat(x.add(w)).isEqualTo(x.add(c));
        assertThat(x.subtract(w)).isEqualTo(x.subtract(c));
        assertThat(x.multiply(w)).isEqualTo(x.multiply(c));
        assertThat(x.divide(w)).isEqualTo(x.divide(c));
        assertThat(x.pow(w)).isEqualTo(x.pow(c));
        assertThat(x.pow(3)).isEqualTo(x.pow(DualVector.constant(3.0, 3)));
        assertThat(DualVector.pow(w, x)).isEqualTo(DualVector.constant(w, 3).pow(x));
        assertThat(x.hypot(w)).isEqualTo(x.hypot(c));
        assertThat(x.atan2(w)).isEqualTo(x.atan2(c));
        assertThat(x.min(w)).isEqualTo(x.min(c));
        assertThat(x.max(w)).isEqualTo(x.max(c));
        assertThat(x.copySign(w)).isEqualTo(x.copySign(c));
        assertThat(x.IEEEremainder(w)).isEqualTo(x.IEEEremainder(c));
        assertThat(x.fma(w, 2.0)).isEqualTo(x.fma(c, DualVector.constant(2.0, 3)));
    }

    @Test
    void powGuardsApplyPerLane() {
        // Negative base: the lane where the exponent varies is NaN (log of a negative number); the
        // lanes where it does not keep the finite power-rule tangent, as Dual's guard gives them.
        DualVector base = DualVector.of(-2.0, 1.0, 1.0, 0.0);
        DualVector exponent = DualVector.of(3.0, 0.0, 1.0, 0.0);
        DualVector r = base.pow(exponent);
        assertThat(r.value()).isEqualTo(-8.0);
        assertThat(r.tangent(0)).isEqualTo(12.0);
        assertThat(r.tangent(1)).isNaN();
        assertThat(r.tangent(2)).isEqualTo(0.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Independent check against Hipparchus Gradient
    // ---------------------------------------------------------------------------------------------

    /** {@code f(x, y, z) = sin(x·y) + exp(z) / hypot(x, z) - atan2(y, x)·sqrt(z) + x^y + log1p(z²)·cosh(y) / x³}. */
    private static DualVector f(DualVector x, DualVector y, DualVector z) {
        return x.multiply(y).sin()
                .add(z.exp().divide(x.hypot(z)))
                .subtract(y.atan2(x).multiply(z.sqrt()))
                .add(x.pow(y))
                .add(z.multiply(z).log1p().multiply(y.cosh()).divide(x.pow(3)));
    }

    private static Gradient f(Gradient x, Gradient y, Gradient z) {
        return x.multiply(y).sin()
                .add(z.exp().divide(x.hypot(z)))
                .subtract(y.atan2(x).multiply(z.sqrt()))
                .add(x.pow(y))
                .add(z.multiply(z).log1p().multiply(y.cosh()).divide(x.pow(3)));
    }

    @Test
    void gradientAgreesWithHipparchus() {
        double[] point = {1.3, 0.7, 2.1};
        DualVector[] v = new DualVector[3];
        Gradient[] g = new Gradient[3];
        for (int i = 0; i < 3; i++) {
            v[i] = DualVector.variable(point[i], i, 3);
            g[i] = Gradient.variable(3, i, point[i]);
            assertThat(g[i].getField()).isEqualTo(GradientField.getField(3));
        }
        DualVector actual = f(v[0], v[1], v[2]);
        Gradient expected = f(g[0], g[1], g[2]);

        assertThat(actual.value()).isWithin(REL_TOL * Math.abs(expected.getValue())).of(expected.getValue());
        double[] gradient = expected.getGradient();
        assertThat(actual.width()).isEqualTo(3);
        for (int k = 0; k < 3; k++) {
            assertWithMessage("∂f/∂x%s", k)
                    .that(actual.tangent(k))
                    .isWithin(REL_TOL * Math.abs(gradient[k]))
                    .of(gradient[k]);
        }
    }

    @Test
    void jacobianOfTwoOutputsAgreesWithHipparchus() {
        double[] point = {0.4, -1.1, 1.7};
        DualVector[] v = DualVectors.variables(point);
        DualVector[] outputs = {
            f(v[0].add(1.0), v[1].negate(), v[2]),
            v[0].tanh().multiply(v[1]).subtract(v[2].pow(3)).add(DualVector.pow(2.0, v[0].multiply(v[2]))),
        };
        Gradient[] g = new Gradient[3];
        for (int i = 0; i < 3; i++) {
            g[i] = Gradient.variable(3, i, point[i]);
        }
        Gradient[] expected = {
            f(g[0].add(1.0), g[1].negate(), g[2]),
            g[0].tanh().multiply(g[1]).subtract(g[2].pow(3)).add(Gradient.pow(2.0, g[0].multiply(g[2]))),
        };

        double[][] jacobian = DualVectors.jacobian(outputs);
        double[] values = DualVectors.values(outputs);
        assertThat(jacobian.length).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(values[i]).isWithin(REL_TOL * Math.abs(expected[i].getValue())).of(expected[i].getValue());
            double[] row = expected[i].getGradient();
            assertThat(jacobian[i].length).isEqualTo(3);
            for (int j = 0; j < 3; j++) {
                assertWithMessage("J[%s][%s]", i, j).that(jacobian[i][j])
                        .isWithin(REL_TOL * Math.abs(row[j])).of(row[j]);
            }
        }
    }
}
