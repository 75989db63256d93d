package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link Tape#commit} and {@link Tape#rollback}, and {@link Adjoints#unchecked}. */
class TapeCommitTest {

    @Test
    void rollbackDropsWhatWasPushedSinceTheLastCommit() {
        Tape tape = new Tape();
        tape.pushDouble(1.5);
        tape.pushInt(7);
        tape.commit();
        tape.pushDouble(2.5); // an interrupted statement's records
        tape.pushInt(9);
        tape.pushLong(3L);
        tape.pushObject("x");
        tape.rollback();
        assertThat(tape.popInt()).isEqualTo(7);
        assertThat(tape.popDouble()).isEqualTo(1.5);
        assertThat(tape.isEmpty()).isTrue();
    }

    @Test
    void rollbackWithNothingPushedSinceTheCommitChangesNothing() {
        Tape tape = new Tape();
        tape.pushDouble(1.0);
        tape.commit();
        tape.rollback();
        tape.rollback();
        assertThat(tape.popDouble()).isEqualTo(1.0);
        assertThat(tape.isEmpty()).isTrue();
    }

    @Test
    void clearForgetsTheCommit() {
        Tape tape = new Tape();
        tape.pushInt(1);
        tape.pushInt(2);
        tape.commit();
        tape.clear();
        tape.pushInt(5);
        tape.rollback(); // back to the empty tape clear left
        assertThat(tape.isEmpty()).isTrue();
    }

    @Test
    void uncheckedThrowsWhatItIsGivenUnchanged() {
        IOException io = new IOException("checked");
        IOException thrown = assertThrows(IOException.class, () -> {
            throw Adjoints.unchecked(io);
        });
        assertThat(thrown).isSameInstanceAs(io);
        IllegalStateException state = new IllegalStateException("unchecked");
        assertThat(assertThrows(IllegalStateException.class, () -> {
            throw Adjoints.unchecked(state);
        })).isSameInstanceAs(state);
    }
}
