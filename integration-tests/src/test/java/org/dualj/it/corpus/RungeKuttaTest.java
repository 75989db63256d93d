package org.dualj.it.corpus;

import static com.google.common.truth.Truth.assertThat;

import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.Duals;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The Lorenz right-hand side (a {@code void} method filling its output array) and RK4 over it: the
 * right-hand side's tangent and lane cores against its Jacobian's formula,
 * the flow's Jacobian against Richardson differences and against Liouville's formula
 * det ∂y(t)/∂y₀ = e^{−(σ + 1 + β)t}, and arrays left as the primal leaves them.
 */
class RungeKuttaTest {
  private static final double[] P = {10.0, 28.0, 8.0 / 3.0};

  @Test
  void lorenzTangentCoresAreTheFormulaAndFillTheOutputArrays() {
    for (double[] y : new double[][] {{1.0, 1.0, 1.0}, {-8.5, 3.2, 27.0}, {0.0, 0.0, 0.0}}) {
      String at = java.util.Arrays.toString(y);
      double[] expectedValue = new double[3];
      RungeKutta.lorenz(y, P, expectedValue);
      double[][] expected = {
        {-P[0], P[0], 0, y[1] - y[0], 0, 0},
        {P[1] - y[2], -1, -y[0], 0, y[0], 0},
        {y[1], y[0], -P[2], 0, 0, -y[2]}
      };
      // the void method gets its cores: values into yDot, tangents into yDot_dot
      for (int col = 0; col < 6; col++) {
        double[] yTangent = new double[3];
        double[] pTangent = new double[3];
        if (col < 3) {
          yTangent[col] = 1.0;
        } else {
          pTangent[col - 3] = 1.0;
        }
        double[] yDot = new double[3];
        double[] yDotTangent = {9.0, 9.0, 9.0};
        RungeKuttaDerivatives.lorenz(y, yTangent, P, pTangent, yDot, yDotTangent);
        Oracles.close("values written " + at, yDot, expectedValue, 0.0);
        for (int i = 0; i < 3; i++) {
          Check.close("∂yDot[" + i + "]/∂column " + col + " " + at, yDotTangent[i], expected[i][col], 0.0);
        }
      }
      // the lane core: p = 6 directions at once, element j's lanes at j·p
      int lanes = 6;
      double[] yLanes = new double[3 * lanes];
      double[] pLanes = new double[3 * lanes];
      for (int j = 0; j < 3; j++) {
        yLanes[j * lanes + j] = 1.0;
        pLanes[j * lanes + 3 + j] = 1.0;
      }
      double[] yDot = new double[3];
      double[] yDotLanes = new double[3 * lanes];
      RungeKuttaDerivatives.lorenzLanes(y, yLanes, P, pLanes, yDot, yDotLanes, lanes, new double[8][]);
      Oracles.close("values written by the lanes " + at, yDot, expectedValue, 0.0);
      for (int i = 0; i < 3; i++) {
        for (int col = 0; col < 6; col++) {
          Check.close("lane " + col + " of yDot[" + i + "] " + at, yDotLanes[i * lanes + col], expected[i][col], 0.0);
        }
      }
    }
  }

  @Test
  void flowJacobianMatchesRichardsonAndLiouville() {
    Workspace work = new Workspace();
    double h = 0.002;
    int steps = 300;
    for (double[] y0 : new double[][] {{1.0, 1.0, 1.0}, {-5.0, -7.0, 20.0}}) {
      String at = java.util.Arrays.toString(y0);
      double[] copy = y0.clone();
      double[][] jac = RungeKuttaDerivatives.integrateJacobian(y0, P, h, steps);
      Oracles.close("y0 unchanged " + at, y0, copy, 0.0);
      double[] x = {y0[0], y0[1], y0[2], P[0], P[1], P[2]};
      double[][] rich = Oracles.jacobian(
          z -> RungeKutta.integrate(new double[] {z[0], z[1], z[2]}, new double[] {z[3], z[4], z[5]}, h, steps),
          x, 1e-3);
      Oracles.close("flow Jacobian vs Richardson " + at, jac, rich, 1e-7);
      // Liouville: the flow contracts volume at the rate σ + 1 + β; RK4 matches it to O(h⁴)
      // (about (λh)⁵/120 per step for the Jacobian's largest eigenvalue λ ≈ −23: 5e-7 here)
      double det = jac[0][0] * (jac[1][1] * jac[2][2] - jac[1][2] * jac[2][1])
          - jac[0][1] * (jac[1][0] * jac[2][2] - jac[1][2] * jac[2][0])
          + jac[0][2] * (jac[1][0] * jac[2][1] - jac[1][1] * jac[2][0]);
      double liouville = Math.exp(-(P[0] + 1.0 + P[2]) * h * steps);
      Check.close("det ∂y/∂y0 / e^{−(σ+1+β)t} " + at, det / liouville, 1.0, 1e-5);
      double[][] out = new double[3][6];
      double[] y = RungeKuttaDerivatives.integrateJacobian(y0, P, h, steps, out, work);
      Oracles.close("value " + at, y, RungeKutta.integrate(y0, P, h, steps), 0.0);
      Oracles.close("workspace Jacobian " + at, out, jac, 0.0);
      double[] v0 = {0.3, -0.1, 0.2};
      double[] vp = {0.0, 1.0, -0.5};
      Dual[] d = RungeKuttaDerivatives.integrate(Duals.pack(y0, v0), Duals.pack(P, vp), h, steps);
      double[] jvp = RungeKuttaDerivatives.integrateJvp(y0, P, h, steps, v0, vp);
      for (int i = 0; i < 3; i++) {
        double e = 0.0;
        for (int j = 0; j < 3; j++) {
          e += jac[i][j] * v0[j] + jac[i][j + 3] * vp[j];
        }
        Check.close("jvp " + i + " " + at, jvp[i], e, 1e-12);
        Check.close("Dual[] " + i + " " + at, d[i].tangent(), e, 1e-12);
      }
    }
  }

  @Test
  void stepInPlaceLeavesTheStateItsPrimalLeaves() {
    double[] start = {-5.0, -7.0, 20.0};
    double h = 0.02;
    double[] primalState = start.clone();
    double error = RungeKutta.stepInPlace(primalState, P, h);
    double[] state = start.clone();
    double[] g = RungeKuttaDerivatives.stepInPlaceGradient(state, P, h);
    Oracles.close("state after the gradient", state, primalState, 0.0);
    double[] expected = Oracles.gradient(z -> RungeKutta.stepInPlace(z.clone(), P, h), start, 1e-4);
    Oracles.close("error-estimate gradient", g, expected, 1e-7);
    double[] state2 = start.clone();
    double[] out = new double[3];
    double value = RungeKuttaDerivatives.stepInPlaceGradientForward(state2, P, h, out, new Workspace());
    Check.close("value", value, error, 0.0);
    Oracles.close("state after the forward gradient", state2, primalState, 0.0);
    // (stepInPlaceGradient takes reverse mode from Tape.REVERSE_FROM columns: equal to rounding)
    Oracles.close("forward gradient", out, g, 1e-13);
    // the tangent form writes the new state's tangent into state_dot: the step map's J·v
    double[] state3 = start.clone();
    double[] v = {1.0, 0.5, -0.25};
    double[] stateDot = v.clone();
    RungeKuttaDerivatives.stepInPlace(state3, stateDot, P, h);
    Oracles.close("state after the tangent", state3, primalState, 0.0);
    for (int i = 0; i < 3; i++) {
      int row = i;
      double rich = org.dualj.it.Richardson.directional(z -> {
        double[] s = z.clone();
        RungeKutta.stepInPlace(s, P, h);
        return s[row];
      }, start, v, 1e-3);
      Check.close("state tangent " + i, stateDot[i], rich, 1e-8);
    }
  }

  @Test
  void argumentChecksThrowFromEveryEntryPoint() {
    Oracles.throwsLikePrimal("two states",
        () -> RungeKutta.integrate(new double[2], P, 0.1, 3),
        () -> RungeKuttaDerivatives.integrateJacobian(new double[2], P, 0.1, 3),
        () -> RungeKuttaDerivatives.integrateJvp(new double[2], P, 0.1, 3, new double[2], new double[3]));
    Oracles.throwsLikePrimal("negative steps",
        () -> RungeKutta.integrate(new double[3], P, 0.1, -1),
        () -> RungeKuttaDerivatives.integrateJacobian(new double[3], P, 0.1, -1));
    assertThat(RungeKuttaDerivatives.integrateJacobian(new double[3], P, 0.1, 0)[0]).isEqualTo(
        new double[] {1, 0, 0, 0, 0, 0});
  }
}
