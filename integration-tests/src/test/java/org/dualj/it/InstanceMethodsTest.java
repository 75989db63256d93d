package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Instance methods: the receiver comes first in the generated static methods; fields are constants. */
class InstanceMethodsTest {

  private static final double G = 9.81;
  private final Spring spring = new Spring(3.0, 1.25, new double[] {0.5, -1.0, 2.0, 0.25});

  private static double energy(double x) {
    return 0.5 * 3.0 * (x - 1.25) * (x - 1.25) + G * x;
  }

  private static double energyPrime(double x) {
    return 3.0 * (x - 1.25) + G;
  }

  private static double weighted(double x) {
    return 0.5 - x + 2.0 * x * x + 0.25 * x * x * x;
  }

  private static double weightedPrime(double x) {
    return -1.0 + 4.0 * x + 0.75 * x * x;
  }

  @Test
  void readsScalarFieldsAndConstants() {
    for (double x : new double[] {-1.0, 0.0, 1.25, 3.5}) {
      Dual d = SpringDerivatives.energy(spring, Dual.variable(x));
      Check.close("value at " + x, d.value(), energy(x), Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), energyPrime(x), Check.EXACT);
      assertThat(SpringDerivatives.energy(spring, x, 2.0).tangent())
          .isWithin(Check.EXACT * Math.max(1, Math.abs(2 * energyPrime(x))))
          .of(2 * energyPrime(x));
    }
  }

  @Test
  void differentReceiversGiveDifferentDerivatives() {
    Spring stiff = new Spring(10.0, 0.0, new double[] {1.0});
    double x = 0.7;
    Check.close("stiff spring", SpringDerivatives.energy(stiff, Dual.variable(x)).tangent(),
        10.0 * x + G, Check.EXACT);
    Check.close("weights {1}", SpringDerivatives.weightedPowers(stiff, Dual.variable(x)).tangent(),
        0.0, Check.EXACT);
  }

  @Test
  void readsAnArrayField() {
    for (double x : new double[] {-0.7, 0.4, 2.0}) {
      Dual d = SpringDerivatives.weightedPowers(spring, Dual.variable(x));
      Check.close("value at " + x, d.value(), weighted(x), Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), weightedPrime(x), Check.EXACT);
    }
  }

  @Test
  void instanceMethodCallingInstanceMethodsMatchesHipparchusGradient() {
    for (double x0 : new double[] {-0.7, 0.4, 2.0}) {
      Gradient x = Gradient.variable(1, 0, x0);
      Gradient d = x.subtract(1.25);
      Gradient e = d.multiply(d).multiply(1.5).add(x.multiply(G));
      Gradient w = x.multiply(x.multiply(x).multiply(0.25).add(x.multiply(2.0)).subtract(1.0))
          .add(0.5);
      Gradient x2 = x.multiply(x);
      Gradient d2 = x2.subtract(1.25);
      Gradient e2 = d2.multiply(d2).multiply(1.5).add(x2.multiply(G));
      Gradient expected = e.multiply(w).add(e2);

      Dual actual = SpringDerivatives.combined(spring, Dual.variable(x0));
      Check.close("value at " + x0, actual.value(), expected.getValue(), Check.EXACT);
      Check.close("tangent at " + x0, actual.tangent(), expected.getGradient()[0], Check.EXACT);
      // And by the product and chain rules on paper.
      double paper = energyPrime(x0) * weighted(x0) + energy(x0) * weightedPrime(x0)
          + energyPrime(x0 * x0) * 2 * x0;
      Check.close("tangent vs paper at " + x0, actual.tangent(), paper, Check.EXACT);
    }
  }
}
