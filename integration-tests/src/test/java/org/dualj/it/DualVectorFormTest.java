package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.DualVectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code f(DualVector…)} entry points: seeded with {@code DualVector.variable(xᵢ, i, n)} they
 * carry the whole gradient or Jacobian in one call, lane for lane the numbers of the generated
 * {@code …Gradient}/{@code …Jacobian} methods (which the other tests check against Hipparchus,
 * formulas and differences); other seeds give derivatives along those directions. All arguments
 * must have one width.
 */
class DualVectorFormTest {

  static DualVector[] seeded(double[] x) {
    DualVector[] d = new DualVector[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = DualVector.variable(x[i], i, x.length);
    }
    return d;
  }

  static double[] point(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2.0 + 4.0 * random.nextDouble();
    }
    return x;
  }

  @Test
  void scalarResultSeededWithUnitVectorsGivesTheGradient() {
    for (int n : new int[] {1, 2, 10, 30}) {
      double[] x = point(n, 21L + n);
      DualVector y = TestFunctionsDerivatives.extendedRosenbrock(seeded(x));
      assertThat(y.width()).isEqualTo(n);
      assertThat(y.value()).isEqualTo(TestFunctions.extendedRosenbrock(x));
      // One pass of width n gives exactly the numbers of the chunked lane gradient.
      double[] lanes = new double[n];
      TestFunctionsDerivatives.extendedRosenbrockGradientForward(x, lanes, null);
      assertThat(y.tangents()).isEqualTo(lanes);
      Jacobians.assertClose("vs Hipparchus", y.tangents(),
          JacobianTest.extendedRosenbrockHipparchus(x).getGradient(), Check.EXACT);
      // DualVectors.variables is the same seeding.
      assertThat(TestFunctionsDerivatives.extendedRosenbrock(DualVectors.variables(x)))
          .isEqualTo(y);
    }
  }

  @Test
  void vectorResultSeededWithUnitVectorsGivesTheJacobian() {
    for (double[] v : JacobianTest.ARM_POINTS) {
      DualVector[] s = seeded(v);
      DualVector[] out = RobotArmDerivatives.endEffector(s[0], s[1], s[2], s[3], s[4], s[5]);
      assertThat(out).hasLength(2);
      assertThat(DualVectors.values(out)).isEqualTo(JacobianTest.arm(v));
      double[][] jac = DualVectors.jacobian(out);
      assertThat(jac).isEqualTo(JacobianTest.armJacobian(v));
      Jacobians.assertClose(
          "arm vs Hipparchus", jac, Jacobians.of(JacobianTest.armHipparchus(v)), Check.EXACT);
    }
  }

  @Test
  void arrayAndScalarArgumentsShareOneSeedNumbering() {
    // softMax(double[] x, double s): x₀ … x₄ are directions 0 … 4, s is direction 5.
    double[] x = point(5, 22L);
    double s = 1.7;
    DualVector[] xs = new DualVector[5];
    for (int i = 0; i < 5; i++) {
      xs[i] = DualVector.variable(x[i], i, 6);
    }
    DualVector y = TestFunctionsDerivatives.softMax(xs, DualVector.variable(s, 5, 6));
    double[] lanes = new double[6];
    TestFunctionsDerivatives.softMaxGradientForward(x, s, lanes, null);
    assertThat(y.tangents()).isEqualTo(lanes);

    // Robertson: y[0..3) then k1, k2, k3.
    double[] state = JacobianTest.ROBERTSON_STATES[1];
    DualVector[] ys = new DualVector[3];
    for (int i = 0; i < 3; i++) {
      ys[i] = DualVector.variable(state[i], i, 6);
    }
    DualVector[] rhs = KineticsDerivatives.robertson(ys,
        DualVector.variable(JacobianTest.K1, 3, 6), DualVector.variable(JacobianTest.K2, 4, 6),
        DualVector.variable(JacobianTest.K3, 5, 6));
    assertThat(DualVectors.jacobian(rhs)).isEqualTo(KineticsDerivatives.robertsonJacobian(
        state, JacobianTest.K1, JacobianTest.K2, JacobianTest.K3));
  }

  @Test
  void instanceMethodTakesTheReceiverFirst() {
    RobotArm arm = new RobotArm(ScalarLaneAgreementTest.ROBOT_LENGTHS);
    double[] q = {0.4, -0.3, 0.9, 0.2};
    DualVector[] out = RobotArmDerivatives.tip(arm, DualVectors.variables(q));
    assertThat(DualVectors.values(out)).isEqualTo(arm.tip(q));
    assertThat(DualVectors.jacobian(out)).isEqualTo(RobotArmDerivatives.tipJacobian(arm, q));
  }

  @Test
  void wrtSubsetTakesPlainDoublesForTheOmittedParameters() {
    double a = 0.8;
    double b = -1.3;
    DualVector y = WrtModelsDerivatives.partial(
        DualVector.variable(a, 0, 2), DualVector.variable(b, 1, 2), 0.3, -0.7);
    assertThat(y.value()).isEqualTo(WrtModels.partial(a, b, 0.3, -0.7));
    assertThat(y.tangents()).isEqualTo(WrtModelsDerivatives.partialGradient(a, b, 0.3, -0.7));
  }

  @Test
  void arbitrarySeedsGiveDirectionalDerivativesLaneByLane() {
    // Two directions at once: lane k is the Jvp along direction k, exactly.
    double[] v = JacobianTest.LORENZ_POINTS[1];
    Random random = new Random(23L);
    double[][] dirs = new double[2][6];
    for (double[] dir : dirs) {
      for (int i = 0; i < 6; i++) {
        dir[i] = -1.0 + 2.0 * random.nextDouble();
      }
    }
    DualVector[] in = new DualVector[6];
    for (int i = 0; i < 6; i++) {
      in[i] = DualVector.of(v[i], dirs[0][i], dirs[1][i]);
    }
    DualVector[] out = KineticsDerivatives.lorenz(in[0], in[1], in[2], in[3], in[4], in[5]);
    for (int k = 0; k < 2; k++) {
      double[] d = dirs[k];
      double[] jvp = KineticsDerivatives.lorenzJvp(
          v[0], v[1], v[2], v[3], v[4], v[5], d[0], d[1], d[2], d[3], d[4], d[5]);
      for (int i = 0; i < 3; i++) {
        assertWithMessage("output %s, direction %s", i, k)
            .that(out[i].tangent(k))
            .isEqualTo(jvp[i]);
      }
    }
  }

  @Test
  void widthZeroCarriesValuesOnly() {
    double[] v = JacobianTest.ARM_POINTS[0];
    DualVector[] out = RobotArmDerivatives.endEffector(
        DualVector.constant(v[0], 0), DualVector.constant(v[1], 0), DualVector.constant(v[2], 0),
        DualVector.constant(v[3], 0), DualVector.constant(v[4], 0), DualVector.constant(v[5], 0));
    assertThat(DualVectors.values(out)).isEqualTo(JacobianTest.arm(v));
    for (DualVector y : out) {
      assertThat(y.width()).isEqualTo(0);
    }
  }

  @Test
  void mismatchedScalarArgumentWidthsThrow() {
    double[] v = JacobianTest.ARM_POINTS[0];
    DualVector[] s = seeded(v);
    assertThrows(IllegalArgumentException.class,
        () -> RobotArmDerivatives.endEffector(
            s[0], s[1], s[2], s[3], s[4], DualVector.variable(v[5], 0, 5)));
    assertThrows(IllegalArgumentException.class,
        () -> RobotArmDerivatives.endEffector(
            DualVector.constant(v[0], 7), s[1], s[2], s[3], s[4], s[5]));
    assertThrows(IllegalArgumentException.class,
        () -> WrtModelsDerivatives.partial(
            DualVector.variable(1.0, 0, 2), DualVector.variable(2.0, 0, 1), 0.3, -0.7));
  }

  @Test
  void mismatchedArrayElementWidthsThrow() {
    double[] x = point(10, 24L);
    DualVector[] xs = seeded(x);
    xs[7] = DualVector.variable(x[7], 0, 9);
    assertThrows(IllegalArgumentException.class,
        () -> TestFunctionsDerivatives.extendedRosenbrock(xs));
    assertThrows(IllegalArgumentException.class,
        () -> RobotArmDerivatives.tip(new RobotArm(ScalarLaneAgreementTest.ROBOT_LENGTHS),
            new DualVector[] {
              DualVector.variable(0.1, 0, 4), DualVector.variable(0.2, 1, 4),
              DualVector.variable(0.3, 2, 4), DualVector.variable(0.4, 0, 1)
            }));
  }

  @Test
  void mismatchBetweenArrayAndScalarArgumentsThrows() {
    double[] x = point(5, 25L);
    // softMax's x has width 5, s width 6.
    assertThrows(IllegalArgumentException.class,
        () -> TestFunctionsDerivatives.softMax(seeded(x), DualVector.variable(1.0, 5, 6)));
    // robertson: y of width 3, the rate constants of width 6.
    assertThrows(IllegalArgumentException.class,
        () -> KineticsDerivatives.robertson(seeded(JacobianTest.ROBERTSON_STATES[1]),
            DualVector.variable(JacobianTest.K1, 3, 6), DualVector.variable(JacobianTest.K2, 4, 6),
            DualVector.variable(JacobianTest.K3, 5, 6)));
    // pose: q and l arrays of different widths.
    assertThrows(IllegalArgumentException.class,
        () -> RobotArmDerivatives.pose(seeded(new double[] {0.1, 0.2}),
            seeded(new double[] {1.0, 2.0, 3.0})));
  }
}
