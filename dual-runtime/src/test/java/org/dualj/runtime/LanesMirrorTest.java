package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class LanesMirrorTest {

    @Test
    void lowerTriangleBecomesTheUpperOneTransposed() {
        double[][] m = {
            {1, 2, 3},
            {-9, 4, 5},
            {-9, -9, 6},
        };
        Lanes.mirrorUpper(m, 3);
        assertThat(m[0]).usingExactEquality().containsExactly(1.0, 2.0, 3.0).inOrder();
        assertThat(m[1]).usingExactEquality().containsExactly(2.0, 4.0, 5.0).inOrder();
        assertThat(m[2]).usingExactEquality().containsExactly(3.0, 5.0, 6.0).inOrder();
    }

    @Test
    void onlyTheLeadingBlockOfALargerMatrixIsTouched() {
        double[][] m = {
            {1, 2, 7},
            {0, 3, 7},
            {7, 7, 7},
        };
        Lanes.mirrorUpper(m, 2);
        assertThat(m[1][0]).isEqualTo(2.0);
        assertThat(m[2][0]).isEqualTo(7.0);
        assertThat(m[2][1]).isEqualTo(7.0);
    }
}
