package org.dualj.it;

import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/** Recursive and mutually recursive @Differentiable methods. */
class RecursionTest {

  private static final DSFactory DS1 = new DSFactory(1, 1);

  @Test
  void powerByRecursion() {
    for (double x : new double[] {0.7, -1.3, 2.0, 1.0}) {
      for (int n = 0; n <= 13; n++) {
        Dual d = RecursionDerivatives.powRec(Dual.variable(x), n);
        String at = "x=" + x + " n=" + n;
        Check.close("value " + at, d.value(), Math.pow(x, n), Check.EXACT);
        Check.close("tangent " + at, d.tangent(), n == 0 ? 0.0 : n * Math.pow(x, n - 1),
            Check.EXACT);
      }
    }
  }

  @Test
  void recursiveExpSeries() {
    for (double x : new double[] {-1.0, 0.25, 1.5}) {
      for (int n : new int[] {0, 1, 2, 5, 20}) {
        // Σ_{k≤n} x^k/k! and its derivative Σ_{k<n} x^k/k!.
        double value = 0.0;
        double derivative = 0.0;
        double term = 1.0;
        for (int k = 0; k <= n; k++) {
          value += term;
          if (k < n) {
            derivative += term;
          }
          term *= x / (k + 1);
        }
        Dual d = RecursionDerivatives.expTaylor(Dual.variable(x), 1, n);
        String at = "x=" + x + " n=" + n;
        Check.close("value " + at, d.value(), value, Check.EXACT);
        Check.close("tangent " + at, d.tangent(), derivative, Check.EXACT);
      }
    }
  }

  private static DerivativeStructure a(DerivativeStructure x, int n) {
    return n == 0 ? x : b(x, n - 1).sin();
  }

  private static DerivativeStructure b(DerivativeStructure x, int n) {
    return n == 0 ? x : x.multiply(a(x, n - 1).cos());
  }

  @Test
  void mutualRecursionMatchesHipparchus() {
    for (double x : new double[] {-0.6, 0.3, 1.1, 2.7}) {
      for (int n = 0; n <= 6; n++) {
        DerivativeStructure ea = a(DS1.variable(0, x), n);
        DerivativeStructure eb = b(DS1.variable(0, x), n);
        Dual da = RecursionDerivatives.mutualA(Dual.variable(x), n);
        Dual db = RecursionDerivatives.mutualB(x, 1.0, n);
        String at = "x=" + x + " n=" + n;
        Check.close("a value " + at, da.value(), ea.getValue(), Check.EXACT);
        Check.close("a tangent " + at, da.tangent(), ea.getPartialDerivative(1), Check.EXACT);
        Check.close("b value " + at, db.value(), eb.getValue(), Check.EXACT);
        Check.close("b tangent " + at, db.tangent(), eb.getPartialDerivative(1), Check.EXACT);
      }
    }
  }
}
