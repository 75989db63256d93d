package org.dualj.it;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Kinematics (class A) calls @Differentiable methods of Geometry (class B); analytic oracles. */
class CrossClassCallsTest {

  @Test
  void calleeInAnotherClass() {
    for (double t : new double[] {-1.0, 0.0, 0.8, 2.5, 6.0}) {
      double x = t * Math.cos(t) + 1.0;
      double y = t * Math.sin(t) - 0.5;
      double dx = Math.cos(t) - t * Math.sin(t);
      double dy = Math.sin(t) + t * Math.cos(t);
      double r = Math.sqrt(x * x + y * y);
      Dual d = KinematicsDerivatives.spiralDistance(Dual.variable(t));
      Check.close("value at " + t, d.value(), r, Check.EXACT);
      Check.close("tangent at " + t, d.tangent(), (x * dx + y * dy) / r, Check.EXACT);
      Check.close("tangent vs Richardson at " + t, d.tangent(),
          Richardson.derivative(Kinematics::spiralDistance, t), Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void calleeWithAConstantArgument() {
    for (double x : new double[] {-4.0, 0.0, 0.5, 10.0}) {
      Dual d = KinematicsDerivatives.distanceToLine(x, 1.0);
      Check.close("value at " + x, d.value(), Math.sqrt(x * x + 9.0) - 3.0, Check.EXACT);
      Check.close("tangent at " + x, d.tangent(), x / Math.sqrt(x * x + 9.0), Check.EXACT);
    }
  }

  @Test
  void calleeTakingArraysBuiltLocally() {
    double[][] points = {{0.3, -0.4}, {1.2, 2.0}, {-2.0, 0.7}};
    for (double[] p : points) {
      double a = p[0];
      double b = p[1];
      Dual da = KinematicsDerivatives.projection(Dual.variable(a), Dual.constant(b));
      Dual db = KinematicsDerivatives.projection(a, 0.0, b, 1.0);
      Check.close("value", da.value(), a * Math.cos(a) + b * Math.sin(b) + 2 * a * b, Check.EXACT);
      Check.close("∂a", da.tangent(), Math.cos(a) - a * Math.sin(a) + 2 * b, Check.EXACT);
      Check.close("∂b", db.tangent(), Math.sin(b) + b * Math.cos(b) + 2 * a, Check.EXACT);
    }
  }

  @Test
  void callsWithOnlyInactiveArguments() {
    for (double x : new double[] {-0.8, 0.3, 1.7}) {
      for (int n : new int[] {0, 1, 4, 9}) {
        // Σ_{k≤n} 2^k/(k+1) x^k.
        double value = 0.0;
        double derivative = 0.0;
        for (int k = 0; k <= n; k++) {
          double c = Math.pow(2.0, k) / (k + 1);
          value += c * Math.pow(x, k);
          derivative += k == 0 ? 0.0 : k * c * Math.pow(x, k - 1);
        }
        Dual d = KinematicsDerivatives.weightedPolynomial(Dual.variable(x), n);
        String at = "x=" + x + " n=" + n;
        Check.close("value " + at, d.value(), value, Check.EXACT);
        Check.close("tangent " + at, d.tangent(), derivative, Check.EXACT);
      }
    }
  }
}
