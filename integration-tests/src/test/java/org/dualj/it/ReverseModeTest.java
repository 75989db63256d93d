package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.dualj.runtime.Tape;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse-mode gradients ({@code fGradientReverse}) against analytic gradients or
 * Richardson-extrapolated central differences, and against forward mode
 * ({@code fGradientForward}) to rounding, at several points and sizes.
 */
class ReverseModeTest {
  /** Reverse and forward mode sum the same terms in another order: a few roundings apart. */
  private static final double MODES = 1e-13;

  private final Random random = new Random(20261204);

  private double[] point(int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * random.nextGaussian();
    }
    return x;
  }

  @Test
  void rosenbrockMatchesTheAnalyticGradientAtEverySize() {
    Workspace work = new Workspace();
    for (int n : new int[] {2, 3, 10, 101, 1000}) {
      double[] x = point(n, 1.0);
      double[] expected = new double[n];
      for (int i = 0; i + 1 < n; i += 2) {
        double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);
        double t2 = 1.0 - x[i];
        expected[i] += 2 * t1 * (-20.0 * x[i]) - 2 * t2;
        expected[i + 1] += 2 * t1 * 10.0;
      }
      double[] g = new double[n];
      double v = ReverseModelsDerivatives.rosenbrockGradientReverse(x, g, work);
      assertThat(v).isEqualTo(ReverseModels.rosenbrock(x));
      Check.closeAll("rosenbrock n=" + n, g, expected, Check.EXACT);
      double[] forward = new double[n];
      ReverseModelsDerivatives.rosenbrockGradientForward(x, forward, work);
      Check.closeAll("reverse vs forward n=" + n, g, forward, MODES);
      assertThat(work.tape().isEmpty()).isTrue();
    }
  }

  @Test
  void ackleyMatchesTheAnalyticGradient() {
    for (int n : new int[] {1, 5, 64}) {
      double[] x = point(n, 0.7);
      double sq = 0;
      double cs = 0;
      for (double xi : x) {
        sq += xi * xi;
        cs += Math.cos(2 * Math.PI * xi);
      }
      double r = Math.sqrt(sq / n);
      double[] expected = new double[n];
      for (int i = 0; i < n; i++) {
        expected[i] = 4.0 * Math.exp(-0.2 * r) * x[i] / (n * r)
            + Math.exp(cs / n) * 2 * Math.PI * Math.sin(2 * Math.PI * x[i]) / n;
      }
      Check.closeAll("ackley n=" + n, ReverseModelsDerivatives.ackleyGradientReverse(x), expected, Check.EXACT);
    }
  }

  @Test
  void logisticLossThroughASigmoidHelperMatchesTheAnalyticGradient() {
    int d = 7;
    int m = 40;
    double[] w = point(d, 0.5);
    double[] xs = point(d * m, 1.0);
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      ys[i] = random.nextBoolean() ? 1 : 0;
    }
    double lambda = 0.3;
    double[] expected = new double[d];
    for (int i = 0; i < m; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += w[j] * xs[i * d + j];
      }
      double p = 1.0 / (1.0 + Math.exp(-z));
      for (int j = 0; j < d; j++) {
        expected[j] += (p - ys[i]) * xs[i * d + j] / m;
      }
    }
    for (int j = 0; j < d; j++) {
      expected[j] += 2 * lambda * w[j];
    }
    double[] g = ReverseModelsDerivatives.logisticLossGradientReverse(w, xs, ys, lambda);
    Check.closeAll("logistic", g, expected, Check.EXACT);
    double[] forward = new double[d];
    ReverseModelsDerivatives.logisticLossGradientForward(w, xs, ys, lambda, forward, null);
    Check.closeAll("logistic reverse vs forward", g, forward, MODES);
  }

  @Test
  void mlpWeightsGradientMatchesRichardsonAndForwardMode() {
    int inputs = 3;
    int hidden = 4;
    double[] input = point(inputs, 1.0);
    for (int trial = 0; trial < 3; trial++) {
      double[] weights = point(hidden * (inputs + 1) + hidden + 1, 0.6);
      double[] g = ReverseModelsDerivatives.mlpLossGradientReverse(weights, input, hidden, 0.3);
      Check.closeAll("mlp vs Richardson", g,
          Richardson.gradient(w -> ReverseModels.mlpLoss(w, input, hidden, 0.3), weights, 0.05),
          Check.FINITE_DIFFERENCE);
      double[] forward = new double[g.length];
      ReverseModelsDerivatives.mlpLossGradientForward(weights, input, hidden, 0.3, forward, null);
      Check.closeAll("mlp reverse vs forward", g, forward, MODES);
    }
  }

  @Test
  void controlFlowWithBreaksContinuesSwitchAndEarlyReturn() {
    for (int n : new int[] {2, 3, 4, 6, 9}) {
      for (int trial = 0; trial < 3; trial++) {
        double[] c = point(n, 1.0);
        double a = 1.0 + random.nextDouble();
        double b = random.nextGaussian();
        double[] all = new double[n + 2];
        System.arraycopy(c, 0, all, 0, n);
        all[n] = a;
        all[n + 1] = b;
        double[] g = ReverseModelsDerivatives.controlFlowGradientReverse(c, a, b);
        double[] forward = new double[n + 2];
        ReverseModelsDerivatives.controlFlowGradientForward(c, a, b, forward, null);
        Check.closeAll("controlFlow reverse vs forward n=" + n, g, forward, MODES);
        Check.closeAll("controlFlow vs Richardson n=" + n, g,
            Richardson.gradient(v -> ReverseModels.controlFlow(Arrays.copyOf(v, n), v[n], v[n + 1]), all, 1e-4),
            1e-6);
      }
    }
  }

  @Test
  void overwrittenParametersElementsAndAliases() {
    for (int n : new int[] {2, 3, 5}) {
      double[] x = point(n, 0.5);
      double y = 0.4;
      double[] all = Arrays.copyOf(x, n + 1);
      all[n] = y;
      double[] g = ReverseModelsDerivatives.overwritesGradientReverse(x, y);
      Check.closeAll("overwrites vs Richardson n=" + n, g,
          Richardson.gradient(v -> ReverseModels.overwrites(Arrays.copyOf(v, n), v[n]), all, 0.01),
          Check.FINITE_DIFFERENCE);
      double[] forward = new double[n + 1];
      ReverseModelsDerivatives.overwritesGradientForward(x, y, forward, null);
      Check.closeAll("overwrites reverse vs forward n=" + n, g, forward, MODES);
    }
  }

  @Test
  void recursionIsNTimesXToTheNMinusOne() {
    for (int n = 0; n < 8; n++) {
      double[] g = ReverseModelsDerivatives.powerGradientReverse(1.3, n);
      Check.close("power n=" + n, g[0], n == 0 ? 0 : n * Math.pow(1.3, n - 1), Check.EXACT);
    }
  }

  @Test
  void tangentRuleCallsInALoop() {
    double[] x = point(6, 0.8);
    double[] expected = new double[6];
    for (int i = 0; i < 6; i++) {
      int next = (i + 1) % 6;
      expected[i] += 2 / Math.sqrt(Math.PI) * Math.exp(-x[i] * x[i]) * x[next];
      expected[next] += org.hipparchus.special.Erf.erf(x[i]);
    }
    Check.closeAll("erfSum", ReverseModelsDerivatives.erfSumGradientReverse(x), expected, Check.EXACT);
  }

  @Test
  void aMethodThatWritesItsArgumentHasReverseModeAndLeavesTheArrayAsThePrimal() {
    // x0 ← x0 x1, f = x0 x1 + x1: ∂f/∂x0 = x1, ∂f/∂x1 = x0 + 1 (at the caller's x)
    for (String mode : new String[] {"forward", "reverse"}) {
      double[] x = {2.0, 3.0};
      double[] g = new double[2];
      if (mode.equals("forward")) {
        ReverseModelsDerivatives.writesItsArgumentGradientForward(x, g, null);
      } else {
        ReverseModelsDerivatives.writesItsArgumentGradientReverse(x, g, null);
      }
      assertThat(g).usingExactEquality().containsExactly(3.0, 3.0).inOrder();
      assertThat(x).usingExactEquality().containsExactly(6.0, 3.0).inOrder();
    }
  }

  @Test
  void theGradientMayGoIntoTheInputArrayOrAStaleArray() {
    double[] x = point(10, 1.0);
    double[] expected = new double[10];
    double value = ReverseModelsDerivatives.rosenbrockGradientReverse(x, expected, new Workspace());
    // a stale array is zeroed first (the adjoints are added into it)
    double[] stale = new double[10];
    Arrays.fill(stale, 7.0);
    ReverseModelsDerivatives.rosenbrockGradientReverse(x, stale, new Workspace());
    assertThat(stale).usingExactEquality().containsExactly(expected).inOrder();
    // the input array itself: the gradient is written after the sweeps have read x
    double[] same = x.clone();
    double v = ReverseModelsDerivatives.rosenbrockGradientReverse(same, same, new Workspace());
    assertThat(v).isEqualTo(value);
    assertThat(same).usingExactEquality().containsExactly(expected).inOrder();
  }

  @Test
  void aReusedWorkspaceKeepsItsTapeAndReportsItsSize() {
    // (the MLP's loops record their trips; Rosenbrock's loop, a sum of terms, records nothing)
    Workspace work = new Workspace();
    double[] input = point(5, 0.5);
    double[] x = point(4 * 6 + 4 + 1, 0.3);
    double[] g = new double[x.length];
    ReverseModelsDerivatives.mlpLossGradientReverse(x, input, 4, 0.3, g, work);
    long peak = work.tape().peakBytes();
    assertThat(peak).isGreaterThan(0L);
    long capacity = work.tape().capacityBytes();
    double[] again = new double[x.length];
    ReverseModelsDerivatives.mlpLossGradientReverse(x, input, 4, 0.3, again, work);
    assertThat(again).usingExactEquality().containsExactly(g).inOrder();
    assertThat(work.tape().capacityBytes()).isEqualTo(capacity);
    assertThat(work.tape().isEmpty()).isTrue();
  }

  @Test
  void fGradientPicksReverseModeFromTheCrossoverOn() {
    // same numbers as the explicitly chosen mode, on both sides of the crossover
    // ackley takes a double[] and its forward sweep records nothing in its loop
    int from = Tape.REVERSE_FROM_UNRECORDED_LOOPS;
    for (int n : new int[] {from - 1, from + 1}) {
      double[] x = point(n, 1.0);
      double[] auto = ReverseModelsDerivatives.ackleyGradient(x);
      double[] chosen = new double[n];
      if (n >= from) {
        ReverseModelsDerivatives.ackleyGradientReverse(x, chosen, null);
      } else {
        ReverseModelsDerivatives.ackleyGradientForward(x, chosen, null);
      }
      assertThat(auto).usingExactEquality().containsExactly(chosen).inOrder();
    }
  }

  @Test
  void hessianVectorByReverseOverForwardMatchesTheAnalyticHessian() {
    for (int n : new int[] {2, 6, 50}) {
      double[] x = point(n, 0.8);
      double[] v = point(n, 1.0);
      double[] expected = new double[n];
      for (int i = 0; i + 1 < n; i += 2) {
        // the Hessian block of 100 (x[i+1] − x[i]²)² + (1 − x[i])²
        double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
        double hij = -400 * x[i];
        double hjj = 200;
        expected[i] += hii * v[i] + hij * v[i + 1];
        expected[i + 1] += hij * v[i] + hjj * v[i + 1];
      }
      double[] hv = ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, v);
      Check.closeAll("H·v reverse over forward n=" + n, hv, expected, Check.EXACT);
      Check.closeAll("H·v reverse vs forward n=" + n, hv,
          ReverseModelsDerivatives.rosenbrock2HessianVector(x, v), MODES);
      Workspace work = new Workspace();
      Check.closeAll("H·v with a workspace n=" + n,
          ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, v, work), hv, 0.0);
      assertThat(work.tape().isEmpty()).isTrue();
    }
  }

  @Test
  void hessianVectorIntoAnArrayOverAWorkspace() {
    Workspace work = new Workspace();
    double[] out = new double[50];
    for (int n : new int[] {50, 6, 50}) {
      double[] x = point(n, 0.8);
      double[] v = point(n, 1.0);
      double[] expected = ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, v);
      // stale values from the previous call in the same array must not leak into this one
      java.util.Arrays.fill(out, 7.0);
      double directional = ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, v, out, work);
      Check.closeAll("H·v into an array n=" + n, java.util.Arrays.copyOf(out, n), expected, 0.0);
      // the value returned is ∇f·v, against the gradient by forward mode
      double[] g = ReverseModelsDerivatives.rosenbrock2Gradient(x);
      double gv = 0;
      for (int i = 0; i < n; i++) {
        gv += g[i] * v[i];
      }
      assertThat(Math.abs(directional - gv)).isAtMost(1e-12 * Math.max(1, Math.abs(gv)));
      assertThat(work.tape().isEmpty()).isTrue();
      // the output array may be the direction or the point itself: H·v of the values they had
      double[] vAlias = v.clone();
      ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, vAlias, vAlias, work);
      Check.closeAll("H·v into the direction n=" + n, vAlias, expected, 0.0);
      double[] xAlias = x.clone();
      double[] atX = ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(x, x);
      ReverseModelsDerivatives.rosenbrock2HessianVectorReverse(xAlias, xAlias, xAlias, null);
      Check.closeAll("H·v into the point n=" + n, xAlias, atX, 0.0);
    }
  }

  @Test
  void vectorJacobianProductsAgreeWithJacobianVectorProducts() {
    int m = 12;
    double[] t = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      t[i] = 0.3 * i;
      y[i] = Math.cos(t[i]) + 0.1 * random.nextGaussian();
    }
    double[] p = {1.2, 0.4, 0.1, 2.0};
    for (int trial = 0; trial < 4; trial++) {
      double[] ybar = point(m, 1.0);
      double[] xdot = point(4, 1.0);
      double[] vjp = ReverseModelsDerivatives.residualsVjp(p, t, y, ybar);
      double[] jv = ReverseModelsDerivatives.residualsJvp(p, t, y, xdot);
      double left = 0;
      double scale = 0;
      for (int i = 0; i < m; i++) {
        left += ybar[i] * jv[i];
        scale += Math.abs(ybar[i] * jv[i]);
      }
      double right = 0;
      for (int j = 0; j < 4; j++) {
        right += vjp[j] * xdot[j];
      }
      Check.close("ȳᵀ(J·ẋ) = (ȳᵀJ)·ẋ", right, left, 1e-13 * Math.max(1, scale));
    }
    double[][] forward = ReverseModelsDerivatives.residualsJacobian(p, t, y);
    double[][] reverse = ReverseModelsDerivatives.residualsJacobianReverse(p, t, y);
    assertThat(reverse.length).isEqualTo(m);
    for (int i = 0; i < m; i++) {
      Check.closeAll("Jacobian row " + i, reverse[i], forward[i], MODES);
      // ∂r_i/∂a = e^(−b t) cos(ω t), analytic
      Check.close("∂r/∂a row " + i, reverse[i][0], Math.exp(-p[1] * t[i]) * Math.cos(p[3] * t[i]),
          Check.EXACT);
    }
  }
}
