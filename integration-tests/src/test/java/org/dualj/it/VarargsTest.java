package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Varargs calls between differentiated methods, against hand-derived derivatives. */
class VarargsTest {
  private static final double[] POINTS = {-1.7, 0.3, 2.5};

  @Test
  void listedArgumentsArePacked() {
    for (double x : POINTS) {
      Dual y = VarargsDerivatives.listed(Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12).of(5 * x * x);
      assertThat(y.tangent()).isWithin(1e-12).of(10 * x);
    }
  }

  @Test
  void singleListedArgument() {
    for (double x : POINTS) {
      Dual y = VarargsDerivatives.single(Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12).of(x * x);
      assertThat(y.tangent()).isWithin(1e-12).of(2 * x);
    }
  }

  @Test
  void variableArgumentsAfterAFixedOne() {
    for (double x : POINTS) {
      Dual y = VarargsDerivatives.afterFixed(Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12).of(3 * (2 * x * x + 1));
      assertThat(y.tangent()).isWithin(1e-12).of(12 * x);
    }
  }

  @Test
  void explicitArray() {
    for (double x : POINTS) {
      Dual y = VarargsDerivatives.asArray(Dual.variable(x));
      assertThat(y.value()).isWithin(1e-12).of(x * x + 9);
      assertThat(y.tangent()).isWithin(1e-12).of(2 * x);
    }
  }
}
