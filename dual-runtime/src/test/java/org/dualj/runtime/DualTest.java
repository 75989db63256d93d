package org.dualj.runtime;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Factories and record semantics of {@link Dual}. */
class DualTest {

    @Test
    void ofKeepsBothComponents() {
        Dual d = Dual.of(2.5, -0.75);
        assertThat(d.value()).isEqualTo(2.5);
        assertThat(d.tangent()).isEqualTo(-0.75);
    }

    @Test
    void variableHasTangentOne() {
        assertThat(Dual.variable(3.0)).isEqualTo(new Dual(3.0, 1.0));
    }

    @Test
    void constantHasTangentZero() {
        assertThat(Dual.constant(3.0)).isEqualTo(new Dual(3.0, 0.0));
    }

    @Test
    void equalityIsComponentwise() {
        assertThat(Dual.of(1.0, 2.0)).isEqualTo(Dual.of(1.0, 2.0));
        assertThat(Dual.of(1.0, 2.0)).isNotEqualTo(Dual.of(1.0, 2.5));
        assertThat(Dual.of(1.0, 2.0).hashCode()).isEqualTo(Dual.of(1.0, 2.0).hashCode());
    }

    @Test
    void toStringShowsBothComponents() {
        assertThat(Dual.of(1.5, -2.0).toString()).isEqualTo("Dual[value=1.5, tangent=-2.0]");
    }

    @Test
    void doubleOverloadsEqualTheConstantVersion() {
        Dual x = Dual.of(1.7, 0.7);
        double w = -0.6;
        Dual c = Dual.constant(w);
        assertThat(x.add(w)).isEqualTo(x.add(c));
        assertThat(x.subtract(w)).isEqualTo(x.subtract(c));
        assertThat(x.multiply(w)).isEqualTo(x.multiply(c));
        assertThat(x.divide(w)).isEqualTo(x.divide(c));
        assertThat(x.pow(w)).isEqualTo(x.pow(c));
        assertThat(x.pow(3)).isEqualTo(x.pow(Dual.constant(3.0)));
        assertThat(Dual.pow(w, x)).isEqualTo(Dual.constant(w).pow(x));
        assertThat(x.hypot(w)).isEqualTo(x.hypot(c));
        assertThat(x.atan2(w)).isEqualTo(x.atan2(c));
        assertThat(x.min(w)).isEqualTo(x.min(c));
        assertThat(x.max(w)).isEqualTo(x.max(c));
        assertThat(x.copySign(w)).isEqualTo(x.copySign(c));
        assertThat(x.IEEEremainder(w)).isEqualTo(x.IEEEremainder(c));
        assertThat(x.fma(w, 2.0)).isEqualTo(x.fma(c, Dual.constant(2.0)));
    }
}
