package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Gradient and Jacobian methods run several passes; a method that writes into its array input
 * must see the caller's values in every pass, and the caller's array ends as one call of the
 * method leaves it.
 */
class InPlaceTest {

  @Test
  void everyPassStartsFromTheCallersValues() {
    double[] x = new double[13];
    Arrays.fill(x, 2.0);
    double[] g = InPlaceDerivatives.squareInPlaceGradient(x);
    double[] expected = new double[13];
    Arrays.fill(expected, 4.0); // d/dxᵢ Σ xᵢ² = 2xᵢ
    assertThat(g).usingExactEquality().containsExactly(expected).inOrder();
    double[] once = new double[13];
    Arrays.fill(once, 2.0);
    InPlace.squareInPlace(once);
    assertThat(x).usingExactEquality().containsExactly(once).inOrder();
  }

  @Test
  void oneDirectionPerPass() {
    double[] x = {1, 2, 3};
    double[] g = InPlaceDerivatives.squareInPlaceChunk1Gradient(x);
    assertThat(g).usingExactEquality().containsExactly(2.0, 4.0, 6.0).inOrder();
    assertThat(x).usingExactEquality().containsExactly(1.0, 4.0, 9.0).inOrder(); // squared once
  }

  @Test
  void jacobianOfAnInPlaceMap() {
    double[] x = {0.3, -1.2, 2.0};
    double[][] j = InPlaceDerivatives.sinInPlaceJacobian(x);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double expected = r == c ? Math.cos(new double[] {0.3, -1.2, 2.0}[r]) : 0.0;
        assertThat(j[r][c]).isWithin(1e-15).of(expected);
      }
    }
    assertThat(x)
        .usingExactEquality()
        .containsExactly(Math.sin(0.3), Math.sin(-1.2), Math.sin(2.0))
        .inOrder();
  }
}
