package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void arraysAreReusedAndZeroedUpToTheLengthAsked() {
        Workspace work = new Workspace();
        double[] a = work.array(3, 5);
        assertThat(a.length).isAtLeast(5);
        a[0] = 1.5;
        a[4] = -2.0;
        double[] again = work.array(3, 4);
        assertThat(again).isSameInstanceAs(a);
        for (int i = 0; i < 4; i++) {
            assertThat(again[i]).isEqualTo(0.0);
        }
        assertThat(again[4]).isEqualTo(-2.0); // beyond the length asked: left as it was
    }

    @Test
    void arraysGrowWhenLongerOnesAreAsked() {
        Workspace work = new Workspace();
        double[] small = work.array(0, 2);
        double[] large = work.array(0, 10);
        assertThat(large).isNotSameInstanceAs(small);
        assertThat(large.length).isAtLeast(10);
        assertThat(work.array(20, 1).length).isAtLeast(1); // beyond the initial count of arrays
        assertThat(work.array(0, 3)).isSameInstanceAs(large);
    }

    @Test
    void exactArraysHaveTheLengthAsked() {
        Workspace work = new Workspace();
        double[] five = work.exactly(1, 5);
        assertThat(five.length).isEqualTo(5);
        five[2] = 3.0;
        double[] again = work.exactly(1, 5);
        assertThat(again).isSameInstanceAs(five);
        assertThat(again[2]).isEqualTo(0.0);
        assertThat(work.exactly(1, 3).length).isEqualTo(3);
    }

    @Test
    void withoutAWorkspaceArraysAreNewAndExact() {
        double[] a = Workspace.arrayOf(null, 0, 3);
        double[] b = Workspace.arrayOf(null, 0, 3);
        assertThat(a).isNotSameInstanceAs(b);
        assertThat(a.length).isEqualTo(3);
        assertThat(Workspace.exactlyOf(null, 1, 4).length).isEqualTo(4);
        double[][] rows = Workspace.rowsOf(null, 2, 5);
        assertThat(rows.length).isEqualTo(2);
        assertThat(rows[1].length).isEqualTo(5);
        Workspace work = new Workspace();
        assertThat(Workspace.arrayOf(work, 0, 3)).isSameInstanceAs(Workspace.arrayOf(work, 0, 2));
        assertThat(Workspace.rowsOf(work, 2, 5)).isSameInstanceAs(work.rows(1, 1));
    }

    @Test
    void rowsAreReusedAndGrow() {
        Workspace work = new Workspace();
        double[][] rows = work.rows(3, 4);
        assertThat(rows.length).isAtLeast(3);
        double[] first = rows[0];
        double[][] again = work.rows(2, 4);
        assertThat(again[0]).isSameInstanceAs(first);
        double[][] wider = work.rows(5, 8);
        assertThat(wider.length).isAtLeast(5);
        for (int i = 0; i < 5; i++) {
            assertThat(wider[i].length).isAtLeast(8);
        }
    }
}
