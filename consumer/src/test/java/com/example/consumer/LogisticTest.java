package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/** The installed processor used the tangent rule and generated the Hessian methods. */
class LogisticTest {
  @Test
  void gradientAndHessianMatchTheClosedForms() {
    Workspace work = new Workspace();
    for (double[] p : new double[][] {{0.3, -0.2}, {-1.1, 0.8}, {2.0, 0.5}}) {
      double w = p[0];
      double b = p[1];
      double s = 1 / (1 + Math.exp(-(2 * w + b)));
      double ds = s * (1 - s);
      double[] gradient = new double[2];
      double[][] hessian = new double[2][2];
      double value = LogisticDerivatives.lossHessian(w, b, gradient, hessian, work);
      assertEquals(Math.log1p(Math.exp(2 * w + b)) + 0.5 * w * w, value, 1e-15);
      assertEquals(2 * s + w, gradient[0], 1e-14);
      assertEquals(s, gradient[1], 1e-14);
      assertEquals(4 * ds + 1, hessian[0][0], 1e-14);
      assertEquals(2 * ds, hessian[0][1], 1e-14);
      assertEquals(2 * ds, hessian[1][0], 1e-14);
      assertEquals(ds, hessian[1][1], 1e-14);
    }
  }
}
