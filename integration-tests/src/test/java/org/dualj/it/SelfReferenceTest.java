package org.dualj.it;

import org.junit.jupiter.api.Test;

/** A plain method of Slopes calls SlopesDerivatives, generated from Slopes in the same compilation. */
class SelfReferenceTest {

  @Test
  void slopeThroughOwnGeneratedClass() {
    for (double x : new double[] {-2.0, -0.5, 0.0, 1.0, 3.7}) {
      double expected = 2 * x * Math.sin(x) + x * x * Math.cos(x);
      Check.close("slope at " + x, Slopes.slope(x), expected, Check.EXACT);
      Check.close("directional at " + x, Slopes.directional(x, -1.5), -1.5 * expected,
          Check.EXACT);
      Check.close("slope vs Richardson at " + x, Slopes.slope(x),
          Richardson.derivative(Slopes::g, x), Check.FINITE_DIFFERENCE);
    }
  }
}
