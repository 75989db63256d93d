package org.dualj.it;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Methods of the nested class Outer.Inner are differentiated into Outer_InnerDerivatives. */
class NestedClassTest {

  @Test
  void logisticAndItsSquare() {
    for (double x : new double[] {-3.0, -0.4, 0.0, 1.1, 5.0}) {
      double s = 1.0 / (1.0 + Math.exp(-1.5 * x));
      double ds = 1.5 * s * (1.0 - s);
      Dual d = Outer_InnerDerivatives.logistic(Dual.variable(x));
      Check.close("value at " + x, d.value(), s, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), ds, Check.EXACT);
      Dual d2 = Outer_InnerDerivatives.logisticSquared(x, 1.0);
      Check.close("square value at " + x, d2.value(), s * s, Check.EXACT);
      Check.close("square tangent at " + x, d2.tangent(), 2 * s * ds, Check.EXACT);
      Check.close("square tangent vs Richardson at " + x, d2.tangent(),
          Richardson.derivative(Outer.Inner::logisticSquared, x), Check.FINITE_DIFFERENCE);
    }
  }
}
