package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(wrt = …)}: only the named parameters get columns, in declaration order;
 * the others pass through as plain doubles and arrays. Oracles: analytic partial derivatives and
 * Hipparchus.
 */
class WrtTest {

  // f(a, b, c, d) = a² b + sin(a c) + b d³ + exp(c d)
  static final double[][] POINTS = {
    {0.8, -1.3, 0.3, -0.7}, {1.5, 2.0, -0.4, 0.9}, {-0.6, 0.25, 2.2, 0.1}, {0.0, 1.0, 1.0, 0.0},
  };

  static double dfda(double a, double b, double c, double d) {
    return 2.0 * a * b + c * Math.cos(a * c);
  }

  static double dfdb(double a, double b, double c, double d) {
    return a * a + d * d * d;
  }

  static double dfdc(double a, double b, double c, double d) {
    return a * Math.cos(a * c) + d * Math.exp(c * d);
  }

  static double dfdd(double a, double b, double c, double d) {
    return 3.0 * b * d * d + c * Math.exp(c * d);
  }

  @Test
  void twoOfFourParametersGiveTwoColumns() {
    for (double[] p : POINTS) {
      double a = p[0];
      double b = p[1];
      double c = p[2];
      double d = p[3];
      double[] grad = WrtModelsDerivatives.partialGradient(a, b, c, d);
      assertThat(grad).hasLength(2);
      Check.close("∂f/∂a", grad[0], dfda(a, b, c, d), Check.EXACT);
      Check.close("∂f/∂b", grad[1], dfdb(a, b, c, d), Check.EXACT);
      double[] out = new double[2];
      assertThat(WrtModelsDerivatives.partialGradient(a, b, c, d, out))
          .isEqualTo(WrtModels.partial(a, b, c, d));
      assertThat(out).isEqualTo(grad);
    }
  }

  @Test
  void theSubsetAgreesWithTheFullGradient() {
    for (double[] p : POINTS) {
      double[] full = WrtModelsDerivatives.fullGradient(p[0], p[1], p[2], p[3]);
      assertThat(full).hasLength(4);
      Check.close("∂f/∂a", full[0], dfda(p[0], p[1], p[2], p[3]), Check.EXACT);
      Check.close("∂f/∂b", full[1], dfdb(p[0], p[1], p[2], p[3]), Check.EXACT);
      Check.close("∂f/∂c", full[2], dfdc(p[0], p[1], p[2], p[3]), Check.EXACT);
      Check.close("∂f/∂d", full[3], dfdd(p[0], p[1], p[2], p[3]), Check.EXACT);
      double[] partial = WrtModelsDerivatives.partialGradient(p[0], p[1], p[2], p[3]);
      Check.close("a", partial[0], full[0], Check.EXACT);
      Check.close("b", partial[1], full[1], Check.EXACT);
    }
  }

  @Test
  void columnsFollowTheDeclarationNotTheWrtList() {
    // wrt = {"d", "b"}: columns (b, d).
    for (double[] p : POINTS) {
      double[] grad = WrtModelsDerivatives.partialReorderedGradient(p[0], p[1], p[2], p[3]);
      assertThat(grad).hasLength(2);
      Check.close("∂f/∂b", grad[0], dfdb(p[0], p[1], p[2], p[3]), Check.EXACT);
      Check.close("∂f/∂d", grad[1], dfdd(p[0], p[1], p[2], p[3]), Check.EXACT);
      Dual jvp = WrtModelsDerivatives.partialReorderedJvp(p[0], p[1], p[2], p[3], 0.5, -2.0);
      Check.close("Jvp", jvp.tangent(), 0.5 * grad[0] - 2.0 * grad[1], Check.EXACT);
    }
  }

  @Test
  void omittedParametersAreConstantsInEveryEntryPoint() throws Exception {
    Class<?> g = WrtModelsDerivatives.class;
    // Scalar forms: Dual only for a and b; unboxed: a tangent after a and b only.
    assertThat(g.getMethod("partial", Dual.class, Dual.class, double.class, double.class)
        .getReturnType()).isEqualTo(Dual.class);
    assertThat(g.getMethod("partial",
        double.class, double.class, double.class, double.class, double.class, double.class)
        .getReturnType()).isEqualTo(Dual.class);
    assertThat(g.getMethod("partial",
        DualVector.class, DualVector.class, double.class, double.class)
        .getReturnType()).isEqualTo(DualVector.class);
    // Jvp: the four values, then one direction per active parameter.
    assertThat(g.getMethod("partialJvp",
        double.class, double.class, double.class, double.class, double.class, double.class)
        .getReturnType()).isEqualTo(Dual.class);
    assertThat(g.getMethod("partialReordered", double.class, Dual.class, double.class, Dual.class)
        .getReturnType()).isEqualTo(Dual.class);

    Dual y = WrtModelsDerivatives.partial(Dual.constant(0.8), Dual.variable(-1.3), 0.3, -0.7);
    Check.close("∂f/∂b", y.tangent(), dfdb(0.8, -1.3, 0.3, -0.7), Check.EXACT);
  }

  @Test
  void arrayAndScalarSubsetOfAVectorFunction() {
    // mixed(w, x, bias, scale) = (w·x + bias·scale, Σ wᵢ² xᵢ / scale), wrt (w, scale).
    double[] w = {0.5, -1.0, 2.0};
    double[] x = {1.5, 0.25, -0.75};
    double bias = 0.6;
    double scale = 1.8;
    double[][] jac = WrtModelsDerivatives.mixedJacobian(w, x, bias, scale);
    assertThat(jac.length).isEqualTo(2);
    assertThat(jac[0].length).isEqualTo(4);
    double q = 0.0;
    for (int i = 0; i < 3; i++) {
      q += w[i] * w[i] * x[i];
    }
    double[][] formula = {
      {x[0], x[1], x[2], bias},
      {2 * w[0] * x[0] / scale, 2 * w[1] * x[1] / scale, 2 * w[2] * x[2] / scale,
        -q / (scale * scale)},
    };
    Jacobians.assertClose("mixed vs formula", jac, formula, Check.EXACT);

    Gradient[] v = Jacobians.variables(new double[] {w[0], w[1], w[2], scale});
    Gradient dot = Gradient.constant(4, 0.0);
    Gradient qq = Gradient.constant(4, 0.0);
    for (int i = 0; i < 3; i++) {
      dot = dot.add(v[i].multiply(x[i]));
      qq = qq.add(v[i].multiply(v[i]).multiply(x[i]));
    }
    Gradient[] expected = {dot.add(v[3].multiply(bias)), qq.divide(v[3])};
    Jacobians.assertClose("mixed vs Hipparchus", jac, Jacobians.of(expected), Check.EXACT);

    double[][] out = new double[2][4];
    assertThat(WrtModelsDerivatives.mixedJacobian(w, x, bias, scale, out))
        .isEqualTo(WrtModels.mixed(w, x, bias, scale));
    assertThat(out).isEqualTo(jac);
  }

  @Test
  void stateOnlyJacobianOfAnOdeRightHandSide() {
    // robertsonState: wrt = {"y"}, the rate constants are plain doubles everywhere.
    double[] y = JacobianTest.ROBERTSON_STATES[2];
    double k1 = JacobianTest.K1;
    double k2 = JacobianTest.K2;
    double k3 = JacobianTest.K3;
    double[][] jac = KineticsDerivatives.robertsonStateJacobian(y, k1, k2, k3);
    assertThat(jac.length).isEqualTo(3);
    for (double[] row : jac) {
      assertThat(row).hasLength(3);
    }
    Check.close("∂f2/∂y2", jac[1][1], -k3 * y[2] - 2.0 * k2 * y[1], Check.EXACT);
    // The Jvp takes one direction, for y only.
    double[] v = {0.5, -1.0, 0.25};
    double[] jvp = KineticsDerivatives.robertsonStateJvp(y, k1, k2, k3, v);
    double[] jv = Jacobians.times(jac, v);
    double[] scale = Jacobians.absTimes(jac, v);
    for (int i = 0; i < 3; i++) {
      assertThat(jvp[i]).isWithin(1e-13 * Math.max(1.0, scale[i])).of(jv[i]);
    }
  }

  @Test
  void dataArraysLeftOutGiveOneColumnPerParameter() {
    double[] t = {0.0, 0.5, 1.0, 2.0, 3.5};
    double[] obs = {1.0, 2.0, 0.5, -0.5, 0.25};
    double a = 2.0;
    double b = 0.7;
    double c = 0.4;
    double omega = 2.5;
    double[][] jac = DecayFitDerivatives.residualsJacobian(a, b, c, omega, t, obs);
    assertThat(jac.length).isEqualTo(t.length);
    for (int i = 0; i < t.length; i++) {
      double e = Math.exp(-b * t[i]);
      double[] formula = {
        e, -a * t[i] * e, Math.sin(omega * t[i]), c * t[i] * Math.cos(omega * t[i])
      };
      Jacobians.assertClose("row " + i, jac[i], formula, Check.EXACT);
    }
  }
}
