package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The runtime helpers of methods returning {@code double[][]}: packing and gathering row by row. */
class MatrixResultsRuntimeTest {

    @Test
    void dualsPackKeepsTheShapeAndNullRows() {
        double[][] values = {{1, 2}, null, {3}};
        double[][] tangents = {{0.5, -1}, null, {4}};
        Dual[][] r = Duals.matrixPack(values, tangents);
        assertThat(r[0]).asList().containsExactly(new Dual(1, 0.5), new Dual(2, -1)).inOrder();
        assertThat(r[1]).isNull();
        assertThat(r[2]).asList().containsExactly(new Dual(3, 4));
        assertThat(Duals.matrixPack(null, null)).isNull();
        assertThrows(IllegalArgumentException.class, () -> Duals.matrixPack(values, new double[2][]));
        assertThrows(IllegalArgumentException.class, () -> Duals.matrixPack(new double[][] {{1, 2}}, new double[][] {{1}}));
    }

    @Test
    void lanesPackCutsEachRowIntoLanes() {
        double[][] values = {{1, 2}, {3}};
        double[][] lanes = {{10, 11, 20, 21}, {30, 31}};
        DualVector[][] r = Lanes.matrixPack(values, lanes, 2);
        assertThat(r[0][1].value()).isEqualTo(2.0);
        assertThat(r[0][1].tangents()).usingExactEquality().containsExactly(20.0, 21.0).inOrder();
        assertThat(r[1][0].tangents()).usingExactEquality().containsExactly(30.0, 31.0).inOrder();
        assertThat(Lanes.matrixPack(null, null, 2)).isNull();
    }

    @Test
    void gatherNumbersTheElementsRowByRowAndFillsThisPassColumnsOnly() {
        double[][] values = {{1, 2}, {3}};
        // p = 2 lanes; 3 columns: the second pass starts at column 2 and fills one
        double[][] lanes = {{10, 11, 20, 21}, {30, 31}};
        double[][] out = new double[3][3];
        Lanes.matrixGather(lanes, values, 2, 0, 3, out);
        assertThat(out[0]).usingExactEquality().containsExactly(10.0, 11.0, 0.0).inOrder();
        assertThat(out[1]).usingExactEquality().containsExactly(20.0, 21.0, 0.0).inOrder();
        assertThat(out[2]).usingExactEquality().containsExactly(30.0, 31.0, 0.0).inOrder();
        Lanes.matrixGather(lanes, values, 2, 2, 3, out);
        assertThat(out[0]).usingExactEquality().containsExactly(10.0, 11.0, 10.0).inOrder();
        assertThat(out[2]).usingExactEquality().containsExactly(30.0, 31.0, 30.0).inOrder();
        Lanes.matrixGather(lanes, values, 2, 4, 3, out); // past the last column: nothing
        assertThat(out[1][2]).isEqualTo(20.0);
    }

    @Test
    void nullRowsOfAResultHaveNoElements() {
        double[][] values = {{1}, null, {2, 3}};
        double[][] lanes = {{10}, null, {20, 30}};
        assertThat(Lanes.count(values)).isEqualTo(3);
        double[][] out = new double[3][1];
        Lanes.matrixGather(lanes, values, 1, 0, 1, out);
        assertThat(out[0][0]).isEqualTo(10.0);
        assertThat(out[1][0]).isEqualTo(20.0);
        assertThat(out[2][0]).isEqualTo(30.0);
    }
}
