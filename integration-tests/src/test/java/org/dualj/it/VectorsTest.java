package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.runtime.Dual;
import org.dualj.runtime.Duals;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** double[] parameters and results; each output's tangent is checked. */
class VectorsTest {

  private static final double[][] POLAR = {{1.0, 0.0}, {2.5, 0.7}, {0.3, -2.2}, {4.0, 3.0}};

  @Test
  void polarToCartesianJacobianColumns() {
    for (double[] p : POLAR) {
      double r = p[0];
      double th = p[1];
      Dual[][] byR = {
        VectorsDerivatives.polarToCartesian(Dual.variable(r), Dual.constant(th)),
        VectorsDerivatives.polarToCartesianLocal(r, 1.0, th, 0.0)
      };
      Dual[][] byTheta = {
        VectorsDerivatives.polarToCartesian(Dual.constant(r), Dual.variable(th)),
        VectorsDerivatives.polarToCartesianLocal(r, 0.0, th, 1.0)
      };
      for (Dual[] out : byR) {
        assertThat(out).hasLength(2);
        Check.close("x", out[0].value(), r * Math.cos(th), Check.EXACT);
        Check.close("y", out[1].value(), r * Math.sin(th), Check.EXACT);
        Check.close("∂x/∂r", out[0].tangent(), Math.cos(th), Check.EXACT);
        Check.close("∂y/∂r", out[1].tangent(), Math.sin(th), Check.EXACT);
      }
      for (Dual[] out : byTheta) {
        Check.close("∂x/∂θ", out[0].tangent(), -r * Math.sin(th), Check.EXACT);
        Check.close("∂y/∂θ", out[1].tangent(), r * Math.cos(th), Check.EXACT);
      }
    }
  }

  @Test
  void softmaxJacobianMatchesFormulaAndHipparchusGradient() {
    double[][] inputs = {{0.1, -1.2, 2.0, 0.5}, {3.0, 3.5, -0.25, 1.0}};
    for (double[] x : inputs) {
      int n = x.length;
      // Hipparchus: softmax written directly (no max shift), full gradient of every output.
      Gradient[] e = new Gradient[n];
      Gradient sum = Gradient.constant(n, 0.0);
      for (int i = 0; i < n; i++) {
        e[i] = Gradient.variable(n, i, x[i]).exp();
        sum = sum.add(e[i]);
      }
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = e[i].divide(sum).getValue();
      }
      for (int j = 0; j < n; j++) {
        Dual[] out = VectorsDerivatives.softmax(Duals.variables(x, j));
        assertThat(out).hasLength(n);
        double tangentSum = 0.0;
        for (int i = 0; i < n; i++) {
          double formula = s[i] * ((i == j ? 1.0 : 0.0) - s[j]);
          Check.close("value " + i, out[i].value(), s[i], Check.EXACT);
          Check.close("∂s" + i + "/∂x" + j, out[i].tangent(), formula, Check.EXACT);
          Check.close("∂s" + i + "/∂x" + j + " vs Hipparchus", out[i].tangent(),
              e[i].divide(sum).getPartialDerivative(j), Check.EXACT);
          tangentSum += out[i].tangent();
        }
        assertThat(tangentSum).isWithin(1e-15).of(0.0);
      }
    }
  }

  @Test
  void cumulativeSumOfAClone() {
    double[] x = {1.0, -2.0, 0.5, 4.0, 3.0};
    double[] xCopy = x.clone();
    for (int j = 0; j < x.length; j++) {
      double[] dot = new double[x.length];
      dot[j] = 1.0;
      double[] dotCopy = dot.clone();
      Dual[] out = VectorsDerivatives.cumulativeSum(x, dot);
      double running = 0.0;
      for (int i = 0; i < x.length; i++) {
        running += x[i];
        assertThat(out[i].value()).isEqualTo(running);
        assertThat(out[i].tangent()).isWithin(0.0).of(i >= j ? 1.0 : 0.0);
      }
      // .clone() must copy: the caller's arrays are untouched.
      assertThat(x).isEqualTo(xCopy);
      assertThat(dot).isEqualTo(dotCopy);
    }
  }

  @Test
  void scaleByAScalar() {
    double[] v = {0.5, -1.5, 2.0};
    double s = -3.0;
    Dual[] byS = VectorsDerivatives.scale(Duals.constants(v), Dual.variable(s));
    for (int i = 0; i < v.length; i++) {
      assertThat(byS[i]).isEqualTo(Dual.of(v[i] * s, v[i]));
    }
    for (int j = 0; j < v.length; j++) {
      Dual[] byV = VectorsDerivatives.scale(Duals.variables(v, j), Dual.constant(s));
      for (int i = 0; i < v.length; i++) {
        assertThat(byV[i].tangent()).isWithin(0.0).of(i == j ? s : 0.0);
      }
    }
    assertThat(VectorsDerivatives.scale(new Dual[0], Dual.variable(s))).isEmpty();
  }

  @Test
  void arrayReturnedByAnotherDifferentiableMethod() {
    for (double[] p : POLAR) {
      double r = p[0];
      double th = p[1];
      double sin = Math.sin(th);
      double cos = Math.cos(th);
      Dual dr = VectorsDerivatives.polarCombination(Dual.variable(r), Dual.constant(th));
      Dual dth = VectorsDerivatives.polarCombination(r, 0.0, th, 1.0);
      Check.close("value", dr.value(), r * cos + 2 * r * r * sin * sin, Check.EXACT);
      Check.close("∂r", dr.tangent(), cos + 4 * r * sin * sin, Check.EXACT);
      Check.close("∂θ", dth.tangent(), -r * sin + 4 * r * r * sin * cos, Check.EXACT);
    }
  }

  @Test
  void normalizeJacobian() {
    double[] v = {3.0, -4.0, 12.0};
    double n = 13.0;
    for (int j = 0; j < v.length; j++) {
      Dual norm = VectorsDerivatives.norm(Duals.variables(v, j));
      Check.close("|v|", norm.value(), n, Check.EXACT);
      Check.close("∂|v|/∂v" + j, norm.tangent(), v[j] / n, Check.EXACT);
      Dual[] u = VectorsDerivatives.normalize(Duals.variables(v, j));
      for (int i = 0; i < v.length; i++) {
        double expected = ((i == j ? 1.0 : 0.0) - v[i] * v[j] / (n * n)) / n;
        Check.close("u" + i, u[i].value(), v[i] / n, Check.EXACT);
        Check.close("∂u" + i + "/∂v" + j, u[i].tangent(), expected, Check.EXACT);
      }
    }
  }
}
