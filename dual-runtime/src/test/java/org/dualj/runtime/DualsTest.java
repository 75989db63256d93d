package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DualsTest {

    private static final double[] VALUES = {1.5, -2.0, 0.0};
    private static final double[] TANGENTS = {0.25, 3.0, -1.0};

    @Test
    void packPairsElementwise() {
        assertThat(Duals.pack(VALUES, TANGENTS)).asList().containsExactly(
                new Dual(1.5, 0.25), new Dual(-2.0, 3.0), new Dual(0.0, -1.0)).inOrder();
    }

    @Test
    void packOfNullValuesIsNull() {
        assertThat(Duals.pack(null, TANGENTS)).isNull();
        assertThat(Duals.pack(null, null)).isNull();
    }

    @Test
    void packRejectsMismatchedTangents() {
        assertThrows(IllegalArgumentException.class, () -> Duals.pack(VALUES, new double[2]));
        assertThrows(NullPointerException.class, () -> Duals.pack(VALUES, null));
    }

    @Test
    void packOfEmptyIsEmpty() {
        assertThat(Duals.pack(new double[0], new double[0])).isEmpty();
    }

    @Test
    void valuesAndTangentsUnpack() {
        Dual[] xs = {new Dual(1.5, 0.25), new Dual(-2.0, 3.0), new Dual(0.0, -1.0)};
        assertThat(Duals.values(xs)).usingExactEquality().containsExactly(VALUES).inOrder();
        assertThat(Duals.tangents(xs)).usingExactEquality().containsExactly(TANGENTS).inOrder();
    }

    @Test
    void valuesAndTangentsOfNullAreNull() {
        assertThat(Duals.values(null)).isNull();
        assertThat(Duals.tangents(null)).isNull();
    }

    @Test
    void resultsAreFreshArrays() {
        double[] values = VALUES.clone();
        double[] tangents = TANGENTS.clone();
        Dual[] packed = Duals.pack(values, tangents);
        values[0] = 99.0;
        tangents[0] = 99.0;
        assertThat(packed[0]).isEqualTo(new Dual(1.5, 0.25));

        double[] unpacked = Duals.values(packed);
        unpacked[1] = 42.0;
        assertThat(packed[1].value()).isEqualTo(-2.0);
        assertThat(Duals.values(packed)).isNotSameInstanceAs(Duals.values(packed));
        assertThat(Duals.tangents(packed)).isNotSameInstanceAs(Duals.tangents(packed));
        assertThat(Duals.constants(values)).isNotSameInstanceAs(Duals.constants(values));
    }

    @Test
    void variablesSeedOneIndex() {
        assertThat(Duals.variables(VALUES, 1)).asList().containsExactly(
                new Dual(1.5, 0.0), new Dual(-2.0, 1.0), new Dual(0.0, 0.0)).inOrder();
        assertThat(Duals.variables(VALUES, 0)).asList().containsExactly(
                new Dual(1.5, 1.0), new Dual(-2.0, 0.0), new Dual(0.0, 0.0)).inOrder();
    }

    @Test
    void variablesOfNullIsNull() {
        assertThat(Duals.variables(null, 0)).isNull();
    }

    @Test
    void variablesRejectsSeedOutOfRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> Duals.variables(VALUES, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Duals.variables(VALUES, -1));
    }

    @Test
    void constantsHaveZeroTangent() {
        assertThat(Duals.constants(VALUES)).asList().containsExactly(
                new Dual(1.5, 0.0), new Dual(-2.0, 0.0), new Dual(0.0, 0.0)).inOrder();
        assertThat(Duals.constants(null)).isNull();
    }
}
