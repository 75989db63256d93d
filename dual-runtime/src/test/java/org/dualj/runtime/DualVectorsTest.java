package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The array helpers of {@link DualVectors}. */
class DualVectorsTest {

    private static final double[] VALUES = {1.5, -2.0, 0.0};

    @Test
    void variablesSeedTheIdentity() {
        DualVector[] xs = DualVectors.variables(VALUES);
        assertThat(xs).asList().containsExactly(
                DualVector.of(1.5, 1.0, 0.0, 0.0),
                DualVector.of(-2.0, 0.0, 1.0, 0.0),
                DualVector.of(0.0, 0.0, 0.0, 1.0)).inOrder();
    }

    @Test
    void variablesOfEmptyAndNull() {
        assertThat(DualVectors.variables(new double[0])).isEmpty();
        assertThat(DualVectors.variables(null)).isNull();
    }

    @Test
    void valuesUnpack() {
        DualVector[] xs = DualVectors.variables(VALUES);
        assertThat(DualVectors.values(xs)).usingExactEquality().containsExactly(VALUES).inOrder();
        assertThat(DualVectors.values(null)).isNull();
    }

    @Test
    void jacobianOfTheSeedsIsTheIdentity() {
        double[][] j = DualVectors.jacobian(DualVectors.variables(VALUES));
        assertThat(j).isEqualTo(new double[][] {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}});
    }

    @Test
    void jacobianRowsAreOutputsColumnsAreDirections() {
        // y0 = x0·x1, y1 = x1 + 3, y2 = sin(x2) at (2, 5, 0): J = [[5, 2, 0], [0, 1, 0], [0, 0, 1]].
        DualVector[] x = DualVectors.variables(new double[] {2.0, 5.0, 0.0});
        DualVector[] y = {x[0].multiply(x[1]), x[1].add(3.0), x[2].sin()};
        assertThat(DualVectors.jacobian(y))
                .isEqualTo(new double[][] {{5.0, 2.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}});
    }

    @Test
    void jacobianOfNonSquareSystem() {
        DualVector[] x = DualVectors.variables(new double[] {2.0, 5.0});
        DualVector[] y = {x[0], x[1], x[0].add(x[1])};
        assertThat(DualVectors.jacobian(y)).isEqualTo(new double[][] {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}});
    }

    @Test
    void jacobianOfEmptyAndNull() {
        assertThat(DualVectors.jacobian(new DualVector[0])).isEmpty();
        assertThat(DualVectors.jacobian(null)).isNull();
    }

    @Test
    void jacobianRejectsMixedWidths() {
        DualVector[] y = {DualVector.of(1.0, 1.0, 0.0), DualVector.of(1.0, 1.0)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DualVectors.jacobian(y));
        assertThat(e).hasMessageThat().contains("width");
    }

    @Test
    void jacobianRowsAreFreshArrays() {
        DualVector[] y = DualVectors.variables(VALUES);
        double[][] j = DualVectors.jacobian(y);
        j[0][0] = 99.0;
        assertThat(y[0].tangent(0)).isEqualTo(1.0);
        assertThat(DualVectors.jacobian(y)[0][0]).isEqualTo(1.0);
    }
}
