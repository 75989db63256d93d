package org.dualj.hipparchus;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/** The test functions written by hand with Hipparchus {@code DerivativeStructure}: the oracle. */
final class References {
  private References() {}

  static DerivativeStructure[] decay(DerivativeStructure[] p, double[] t) {
    DerivativeStructure[] y = new DerivativeStructure[t.length];
    for (int i = 0; i < t.length; i++) {
      y[i] = p[0].multiply(p[1].multiply(-t[i]).exp()).add(p[2]);
    }
    return y;
  }

  static DerivativeStructure[] vanDerPol(DerivativeStructure[] y) {
    double mu = 1.5;
    return new DerivativeStructure[] {
      y[1], y[0].multiply(y[0]).negate().add(1).multiply(mu).multiply(y[1]).subtract(y[0])
    };
  }

  static DerivativeStructure rosenbrock(DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getFactory().constant(0);
    for (int i = 0; i + 1 < x.length; i++) {
      DerivativeStructure a = x[i + 1].subtract(x[i].multiply(x[i]));
      DerivativeStructure b = x[i].negate().add(1);
      s = s.add(a.multiply(a).multiply(100)).add(b.multiply(b));
    }
    return s;
  }

  static DerivativeStructure mixed(DerivativeStructure[] x) {
    return x[0].multiply(x[1]).sin().add(x[1].exp().multiply(x[2].multiply(x[2]).add(1).log()));
  }

  /** The independent variables x_j of a DSFactory(n, order) at {@code point}. */
  static DerivativeStructure[] variables(double[] point, int order) {
    DSFactory factory = new DSFactory(point.length, order);
    DerivativeStructure[] x = new DerivativeStructure[point.length];
    for (int j = 0; j < point.length; j++) {
      x[j] = factory.variable(j, point[j]);
    }
    return x;
  }

  /** The Jacobian of {@code y} along the n variables, rows are the outputs. */
  static double[][] jacobian(DerivativeStructure[] y, int n) {
    double[][] j = new double[y.length][n];
    for (int i = 0; i < y.length; i++) {
      for (int k = 0; k < n; k++) {
        int[] orders = new int[n];
        orders[k] = 1;
        j[i][k] = y[i].getPartialDerivative(orders);
      }
    }
    return j;
  }
}
