package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * The worked example y = [sin(x1/x2) + x1/x2 − exp(x2)]·[x1/x2 − exp(x2)]. Oracles: the published
 * values (6 decimals), the analytic gradient written out below, Hipparchus and Richardson
 * differences.
 */
class SeedExampleTest {

  private static final double[][] POINTS = {
    {1.5, 0.5}, {0.3, 1.2}, {-2.0, 0.7}, {4.0, -1.5}, {1.0, 2.0}, {-0.25, -0.8}
  };

  private static final DSFactory DS = new DSFactory(2, 1);

  /** The function itself, typed by hand. */
  private static double y(double x1, double x2) {
    double a = x1 / x2;
    double e = Math.exp(x2);
    return (Math.sin(a) + a - e) * (a - e);
  }

  /** ∂y/∂x1 and ∂y/∂x2 by the chain rule on paper. */
  private static double[] gradient(double x1, double x2) {
    double a = x1 / x2;
    double e = Math.exp(x2);
    double u = Math.sin(a) + a - e;
    double w = a - e;
    double da1 = 1.0 / x2;
    double da2 = -x1 / (x2 * x2);
    double dy1 = (Math.cos(a) + 1.0) * da1 * w + u * da1;
    double dy2 = (Math.cos(a) * da2 + da2 - e) * w + u * (da2 - e);
    return new double[] {dy1, dy2};
  }

  private static DerivativeStructure hipparchus(double x1, double x2) {
    DerivativeStructure a = DS.variable(0, x1).divide(DS.variable(1, x2));
    DerivativeStructure e = DS.variable(1, x2).exp();
    return a.sin().add(a).subtract(e).multiply(a.subtract(e));
  }

  @Test
  void publishedValuesAtTheWorkedPoint() {
    Dual y = SeedExampleDerivatives.f(Dual.variable(1.5), Dual.constant(0.5));
    assertThat(y.value()).isWithin(5e-7).of(2.016647);
    assertThat(y.tangent()).isWithin(5e-7).of(3.011843);

    Dual z = SeedExampleDerivatives.fExpression(Dual.variable(1.5), Dual.constant(0.5));
    assertThat(z.value()).isWithin(5e-7).of(2.016647);
    assertThat(z.tangent()).isWithin(5e-7).of(3.011843);
  }

  @Test
  void valueMatchesTheOriginalMethod() {
    for (double[] p : POINTS) {
      double expected = SeedExample.f(p[0], p[1]);
      assertThat(SeedExampleDerivatives.f(Dual.variable(p[0]), Dual.constant(p[1])).value())
          .isEqualTo(expected);
      Check.close("value", expected, y(p[0], p[1]), Check.EXACT);
    }
  }

  @Test
  void bothVersionsMatchTheAnalyticGradient() {
    for (double[] p : POINTS) {
      double[] g = gradient(p[0], p[1]);
      String at = " at (" + p[0] + ", " + p[1] + ")";
      // Dual entry points, tangent (1, 0) and (0, 1).
      Dual f1 = SeedExampleDerivatives.f(Dual.variable(p[0]), Dual.constant(p[1]));
      Dual f2 = SeedExampleDerivatives.f(Dual.constant(p[0]), Dual.variable(p[1]));
      Dual e1 = SeedExampleDerivatives.fExpression(Dual.variable(p[0]), Dual.constant(p[1]));
      Dual e2 = SeedExampleDerivatives.fExpression(Dual.constant(p[0]), Dual.variable(p[1]));
      Check.close("f ∂x1" + at, f1.tangent(), g[0], Check.EXACT);
      Check.close("f ∂x2" + at, f2.tangent(), g[1], Check.EXACT);
      Check.close("fExpression ∂x1" + at, e1.tangent(), g[0], Check.EXACT);
      Check.close("fExpression ∂x2" + at, e2.tangent(), g[1], Check.EXACT);
      Check.close("f value" + at, f1.value(), y(p[0], p[1]), Check.EXACT);
      Check.close("fExpression value" + at, e2.value(), y(p[0], p[1]), Check.EXACT);
      Check.close("fExpression value = f value" + at, e1.value(), f1.value(), Check.EXACT);
    }
  }

  @Test
  void matchesHipparchusAlongSeveralDirections() {
    double[][] directions = {{1, 0}, {0, 1}, {0.6, -0.8}, {-2.5, 3.0}};
    for (double[] p : POINTS) {
      DerivativeStructure ds = hipparchus(p[0], p[1]);
      double d1 = ds.getPartialDerivative(1, 0);
      double d2 = ds.getPartialDerivative(0, 1);
      for (double[] v : directions) {
        double expected = v[0] * d1 + v[1] * d2;
        // Scale the tolerance by the size of the terms, not of their (possibly cancelling) sum.
        double scale = Math.abs(v[0] * d1) + Math.abs(v[1] * d2);
        String at = " at (" + p[0] + ", " + p[1] + ") along (" + v[0] + ", " + v[1] + ")";

        Dual boxed = SeedExampleDerivatives.f(Dual.of(p[0], v[0]), Dual.of(p[1], v[1]));
        Dual unboxed = SeedExampleDerivatives.f(p[0], v[0], p[1], v[1]);
        Dual expr = SeedExampleDerivatives.fExpression(p[0], v[0], p[1], v[1]);
        for (Dual d : new Dual[] {boxed, unboxed, expr}) {
          assertThat(d.value()).isWithin(Check.EXACT * Math.max(1, Math.abs(ds.getValue())))
              .of(ds.getValue());
          assertThat(d.tangent()).isWithin(Check.EXACT * Math.max(1, scale)).of(expected);
        }
      }
    }
  }

  @Test
  void matchesRichardsonDifferences() {
    for (double[] p : POINTS) {
      double h = 0.05 * Math.abs(p[1]); // stay well away from x2 = 0
      double d1 = Richardson.derivative(t -> SeedExample.f(t, p[1]), p[0], h);
      double d2 = Richardson.derivative(t -> SeedExample.f(p[0], t), p[1], h);
      Check.close("∂x1", SeedExampleDerivatives.f(p[0], 1, p[1], 0).tangent(), d1,
          Check.FINITE_DIFFERENCE);
      Check.close("∂x2", SeedExampleDerivatives.f(p[0], 0, p[1], 1).tangent(), d2,
          Check.FINITE_DIFFERENCE);
    }
  }
}
