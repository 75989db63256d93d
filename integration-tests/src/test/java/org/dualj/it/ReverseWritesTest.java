package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode on code that writes into arrays ({@link ReverseWrites}): gradients, reverse
 * Jacobians and vector–Jacobian products against forward mode to 1e-13 relative, Richardson
 * differences of the primal and, for the pendulum, its analytic partials; the arrays the caller
 * passed left as one plain call leaves them, by every entry point; the logged effect once per
 * gradient.
 */
class ReverseWritesTest {
  private static final double MODES = 1e-13;
  private final Random random = new Random(20261204L);

  private double[] point(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.2 + random.nextDouble() * (random.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  private static double[] richardson(ToDoubleFunction<double[]> f, double[] z) {
    return Richardson.gradient(f, z, 0.01);
  }

  @Test
  void thePendulumsRightHandSideFillsDyAndItsGradientIsAnalytic() {
    Workspace work = new Workspace();
    for (int trial = 0; trial < 4; trial++) {
      double t = random.nextDouble();
      double[] y = point(2);
      double[] dy = {7, 7};
      double[] g = new double[5];
      double v = ReverseWritesDerivatives.pendulumGradientReverse(t, y, dy, g, work);
      double[] expectedDy = {y[1], -Math.sin(y[0]) - 0.2 * y[1] * Math.cos(t)};
      assertThat(dy).usingExactEquality().containsExactly(expectedDy).inOrder();
      assertThat(v).isEqualTo(0.5 * y[1] * y[1] + 1 - Math.cos(y[0]));
      assertThat(work.tape().isEmpty()).isTrue();
      // the energy depends on y only; dy's given values are overwritten
      Check.closeAll("pendulum", g, new double[] {0, Math.sin(y[0]), y[1], 0, 0}, MODES);
      double[] forward = new double[5];
      double[] dyForward = {7, 7};
      ReverseWritesDerivatives.pendulumGradientForward(t, y, dyForward, forward, work);
      assertThat(dyForward).usingExactEquality().containsExactly(expectedDy).inOrder();
      Check.closeAll("pendulum: reverse vs forward", g, forward, MODES);
    }
  }

  @Test
  void normalisingInPlaceLeavesTheUnitVectorAndTheGradientOfTheInput() {
    Workspace work = new Workspace();
    for (int n : new int[] {2, 5, 9}) {
      double[] x = point(n);
      double[] primal = x.clone();
      double value = ReverseWrites.normalise(primal);
      double[] reverseArgs = x.clone();
      double[] g = new double[n];
      assertThat(ReverseWritesDerivatives.normaliseGradientReverse(reverseArgs, g, work)).isEqualTo(value);
      assertThat(reverseArgs).usingExactEquality().containsExactly(primal).inOrder();
      double[] automaticArgs = x.clone();
      double[] automatic = ReverseWritesDerivatives.normaliseGradient(automaticArgs);
      assertThat(automaticArgs).usingExactEquality().containsExactly(primal).inOrder();
      double[] forward = new double[n];
      ReverseWritesDerivatives.normaliseGradientForward(x.clone(), forward, work);
      Check.closeAll("normalise n=" + n + ": reverse vs forward", g, forward, MODES);
      Check.closeAll("normalise n=" + n + ": fGradient", automatic, forward, MODES);
      Check.closeAll("normalise n=" + n + ": Richardson", g,
          richardson(z -> ReverseWrites.normalise(z.clone()), x), Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void theMidpointStepsReverseJacobianAndVjpStartFromTheGivenState() {
    for (int trial = 0; trial < 3; trial++) {
      double[] y = point(2);
      double t = 0.3;
      double h = 0.1 + 0.1 * trial;
      double[] primal = y.clone();
      ReverseWrites.midpoint(primal, t, h);
      double[] forwardArgs = y.clone();
      double[][] forward = ReverseWritesDerivatives.midpointJacobian(forwardArgs, t, h);
      double[] reverseArgs = y.clone();
      double[][] reverse = ReverseWritesDerivatives.midpointJacobianReverse(reverseArgs, t, h);
      double[] vjpArgs = y.clone();
      double[] bar = {0.7, -1.3};
      double[] vjp = ReverseWritesDerivatives.midpointVjp(vjpArgs, t, h, bar);
      for (double[] after : new double[][] {forwardArgs, reverseArgs, vjpArgs}) {
        assertThat(after).usingExactEquality().containsExactly(primal).inOrder();
      }
      for (int i = 0; i < 2; i++) {
        Check.closeAll("midpoint row " + i + ": reverse vs forward", reverse[i], forward[i], MODES);
        int row = i;
        double[] z = {y[0], y[1], t, h};
        Check.closeAll("midpoint row " + i + ": Richardson", reverse[i],
            richardson(c -> ReverseWrites.midpoint(new double[] {c[0], c[1]}, c[2], c[3])[row], z),
            Check.FINITE_DIFFERENCE);
      }
      for (int j = 0; j < 4; j++) {
        Check.close("vjp [" + j + "]", vjp[j], bar[0] * forward[0][j] + bar[1] * forward[1][j], MODES);
      }
    }
  }

  @Test
  void aTrajectoryThroughStepsThatWriteTheirStateLogsOncePerGradient() {
    Workspace work = new Workspace();
    for (int steps : new int[] {1, 5, 20}) {
      double[] y0 = point(2);
      double[] given = y0.clone();
      ReverseWrites.logged = 0;
      double value = ReverseWrites.trajectoryCost(y0, steps);
      assertThat(ReverseWrites.logged).isEqualTo(steps);
      ReverseWrites.logged = 0;
      double[] g = new double[2];
      assertThat(ReverseWritesDerivatives.trajectoryCostGradientReverse(y0, steps, g, work)).isEqualTo(value);
      assertThat(ReverseWrites.logged).isEqualTo(steps);
      assertThat(y0).usingExactEquality().containsExactly(given).inOrder();
      assertThat(work.tape().isEmpty()).isTrue();
      double[] forward = new double[2];
      ReverseWritesDerivatives.trajectoryCostGradientForward(y0, steps, forward, work);
      Check.closeAll("trajectory " + steps + ": reverse vs forward", g, forward, MODES);
      Check.closeAll("trajectory " + steps + ": Richardson", g,
          richardson(z -> ReverseWrites.trajectoryCost(z, steps), y0), Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void weightsRefilledByAMethodWithoutDerivativeAreRestoredForTheReverseSweep() {
    Workspace work = new Workspace();
    for (int n : new int[] {1, 4, 12}) {
      double[] x = point(n);
      double[] g = new double[n];
      ReverseWritesDerivatives.reweightedGradientReverse(x, g, work);
      double[] forward = new double[n];
      ReverseWritesDerivatives.reweightedGradientForward(x, forward, work);
      // s = Σ_k Σ_i w_ki sin(x_i w_ki k): ∂s/∂x_i = Σ_k w_ki² k cos(x_i w_ki k)
      double[] analytic = new double[n];
      for (int k = 1; k <= 3; k++) {
        for (int i = 0; i < n; i++) {
          double w = 1.0 / (i + k);
          analytic[i] += w * w * k * Math.cos(x[i] * w * k);
        }
      }
      Check.closeAll("reweighted n=" + n + ": reverse vs forward", g, forward, MODES);
      Check.closeAll("reweighted n=" + n + ": analytic", g, analytic, 1e-14);
    }
  }
}
