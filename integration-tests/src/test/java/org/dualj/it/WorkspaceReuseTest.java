package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import java.util.Random;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The gradient and Jacobian forms that take a {@link Workspace}: one workspace reused across calls
 * of different sizes, methods and shapes gives exactly what a fresh call gives, and leaves the
 * caller's arrays as they were.
 */
class WorkspaceReuseTest {

  @Test
  void gradientsWithOneWorkspaceEqualFreshCalls() {
    Random random = new Random(41);
    Workspace work = new Workspace();
    for (int n : new int[] {3, 40, 7, 40, 1, 13}) {
      double[] x = point(random, n);
      double[] before = x.clone();
      double[] reused = new double[n];
      double[] fresh = new double[n];
      double v1 = SumOfSquaresDerivatives.sumOfSquaresGradient(x, reused, work);
      double v2 = SumOfSquaresDerivatives.sumOfSquaresGradient(x, fresh);
      assertThat(v1).isEqualTo(v2);
      assertThat(reused).usingExactEquality().containsExactly(fresh).inOrder();
      // a method that writes into its argument works on an exact-length copy from the workspace
      // (and leaves in it what one call of the method leaves)
      double[] x2 = x.clone();
      double w1 = InPlaceDerivatives.squareInPlaceGradient(x, reused, work);
      double w2 = InPlaceDerivatives.squareInPlaceGradient(x2, fresh);
      assertThat(w1).isEqualTo(w2);
      assertThat(reused).usingExactEquality().containsExactly(fresh).inOrder();
      InPlace.squareInPlace(before);
      assertThat(x).usingExactEquality().containsExactly(before).inOrder();
      assertThat(x2).usingExactEquality().containsExactly(before).inOrder();
    }
  }

  @Test
  void jacobiansWithOneWorkspaceEqualFreshCalls() {
    Random random = new Random(43);
    Workspace work = new Workspace();
    for (int n : new int[] {2, 25, 4, 25}) {
      double[] x = point(random, n);
      double[] before = x.clone();
      double[][] reused = new double[n][n];
      double[][] fresh = new double[n][n];
      double[] x2 = x.clone();
      double[] y1 = InPlaceDerivatives.sinInPlaceJacobian(x, reused, work);
      double[] y2 = InPlaceDerivatives.sinInPlaceJacobian(x2, fresh);
      assertThat(y1).usingExactEquality().containsExactly(y2).inOrder();
      for (int i = 0; i < n; i++) {
        assertThat(reused[i]).usingExactEquality().containsExactly(fresh[i]).inOrder();
      }
      // the caller's array ends as one call of the method leaves it
      InPlace.sinInPlace(before);
      assertThat(x).usingExactEquality().containsExactly(before).inOrder();
      assertThat(x2).usingExactEquality().containsExactly(before).inOrder();
    }
  }

  private static double[] point(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }
}
