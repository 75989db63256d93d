package org.dualj.it;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * The vector (lane) code and the scalar tangent code compute every tangent with the same
 * arithmetic in the same order, so:
 *
 * <ul>
 *   <li>the scalar form {@code f(Dual…)} seeded with the unit vector eⱼ gives column j of the
 *       generated Jacobian (or entry j of the gradient) bit for bit;
 *   <li>{@code fJvp}/{@code gJvp} along v gives bit for bit the scalar tangent along v, and J·v
 *       formed from the Jacobian up to rounding: |Jvp − J·v| ≤ 1e-13 · max(1, Σⱼ |J_ij vⱼ|).
 * </ul>
 *
 * <p>Every model is seen through its active inputs flattened into one vector x (inactive
 * parameters fixed); {@code scalar(x, v)} calls the boxed {@code Dual} form with values x and
 * tangents v.
 */
class ScalarLaneAgreementTest {

  /** One model: its Jacobian, its scalar form along v, its Jvp along v, and points to try. */
  record Case(
      String name,
      List<double[]> points,
      Function<double[], double[][]> jacobian,
      BiFunction<double[], double[], Dual[]> scalar,
      BiFunction<double[], double[], double[]> jvp) {}

  static Dual[] duals(double[] x, double[] v, int from, int to) {
    Dual[] d = new Dual[to - from];
    for (int i = from; i < to; i++) {
      d[i - from] = Dual.of(x[i], v[i]);
    }
    return d;
  }

  static Dual d(double[] x, double[] v, int i) {
    return Dual.of(x[i], v[i]);
  }

  static double[] range(double[] x, int from, int to) {
    return Arrays.copyOfRange(x, from, to);
  }

  static double[] tangents(Dual[] ys) {
    double[] t = new double[ys.length];
    for (int i = 0; i < ys.length; i++) {
      t[i] = ys[i].tangent();
    }
    return t;
  }

  static List<double[]> points(double[]... xs) {
    return List.of(xs);
  }

  static List<double[]> randomPoints(int n, long seed) {
    Random random = new Random(seed);
    List<double[]> list = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = -2.0 + 4.0 * random.nextDouble();
      }
      list.add(x);
    }
    return list;
  }

  static final double[] DECAY_T = {0.0, 0.3, 0.7, 1.1, 1.9, 2.6, 3.4};
  static final double[] DECAY_Y = {2.1, 1.9, 1.2, 0.8, 0.1, -0.3, 0.2};
  static final double[] ROBOT_LENGTHS = {1.0, 0.7, 0.5, 0.3};
  static final double[] MIXED_X = {0.5, -1.5, 2.0};

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("endEffector", Arrays.asList(JacobianTest.ARM_POINTS),
        x -> RobotArmDerivatives.endEffectorJacobian(x[0], x[1], x[2], x[3], x[4], x[5]),
        (x, v) -> RobotArmDerivatives.endEffector(
            d(x, v, 0), d(x, v, 1), d(x, v, 2), d(x, v, 3), d(x, v, 4), d(x, v, 5)),
        (x, v) -> RobotArmDerivatives.endEffectorJvp(
            x[0], x[1], x[2], x[3], x[4], x[5], v[0], v[1], v[2], v[3], v[4], v[5])));
    cases.add(new Case("endEffectorChunk4", Arrays.asList(JacobianTest.ARM_POINTS),
        x -> RobotArmDerivatives.endEffectorChunk4Jacobian(x[0], x[1], x[2], x[3], x[4], x[5]),
        (x, v) -> RobotArmDerivatives.endEffectorChunk4(
            d(x, v, 0), d(x, v, 1), d(x, v, 2), d(x, v, 3), d(x, v, 4), d(x, v, 5)),
        (x, v) -> RobotArmDerivatives.endEffectorChunk4Jvp(
            x[0], x[1], x[2], x[3], x[4], x[5], v[0], v[1], v[2], v[3], v[4], v[5])));
    cases.add(new Case("pose (q[4], l[4])", randomPoints(8, 11L),
        x -> RobotArmDerivatives.poseJacobian(range(x, 0, 4), range(x, 4, 8)),
        (x, v) -> RobotArmDerivatives.pose(duals(x, v, 0, 4), duals(x, v, 4, 8)),
        (x, v) -> RobotArmDerivatives.poseJvp(
            range(x, 0, 4), range(x, 4, 8), range(v, 0, 4), range(v, 4, 8))));
    RobotArm arm = new RobotArm(ROBOT_LENGTHS);
    cases.add(new Case("tip (instance)", randomPoints(4, 12L),
        x -> RobotArmDerivatives.tipJacobian(arm, x),
        (x, v) -> RobotArmDerivatives.tip(arm, duals(x, v, 0, 4)),
        (x, v) -> RobotArmDerivatives.tipJvp(arm, x, v)));
    cases.add(new Case("spherical", Arrays.asList(JacobianTest.SPHERICAL_POINTS),
        x -> CoordinatesDerivatives.sphericalJacobian(x[0], x[1], x[2]),
        (x, v) -> CoordinatesDerivatives.spherical(d(x, v, 0), d(x, v, 1), d(x, v, 2)),
        (x, v) -> CoordinatesDerivatives.sphericalJvp(x[0], x[1], x[2], v[0], v[1], v[2])));
    cases.add(new Case("toSpherical", points(new double[] {1.0, 2.0, -0.5},
            new double[] {-0.3, 0.4, 1.2}, new double[] {2.0, -1.0, 0.25}),
        CoordinatesDerivatives::toSphericalJacobian,
        (x, v) -> CoordinatesDerivatives.toSpherical(duals(x, v, 0, 3)),
        CoordinatesDerivatives::toSphericalJvp));
    List<double[]> robertsonPoints = new ArrayList<>();
    for (double[] y : JacobianTest.ROBERTSON_STATES) {
      robertsonPoints.add(
          new double[] {y[0], y[1], y[2], JacobianTest.K1, JacobianTest.K2, JacobianTest.K3});
    }
    cases.add(new Case("robertson", robertsonPoints,
        x -> KineticsDerivatives.robertsonJacobian(range(x, 0, 3), x[3], x[4], x[5]),
        (x, v) -> KineticsDerivatives.robertson(
            duals(x, v, 0, 3), d(x, v, 3), d(x, v, 4), d(x, v, 5)),
        (x, v) -> KineticsDerivatives.robertsonJvp(
            range(x, 0, 3), x[3], x[4], x[5], range(v, 0, 3), v[3], v[4], v[5])));
    cases.add(new Case("robertsonState", Arrays.asList(JacobianTest.ROBERTSON_STATES),
        y -> KineticsDerivatives.robertsonStateJacobian(
            y, JacobianTest.K1, JacobianTest.K2, JacobianTest.K3),
        (y, v) -> KineticsDerivatives.robertsonState(
            duals(y, v, 0, 3), JacobianTest.K1, JacobianTest.K2, JacobianTest.K3),
        (y, v) -> KineticsDerivatives.robertsonStateJvp(
            y, JacobianTest.K1, JacobianTest.K2, JacobianTest.K3, v)));
    cases.add(new Case("lorenz", Arrays.asList(JacobianTest.LORENZ_POINTS),
        x -> KineticsDerivatives.lorenzJacobian(x[0], x[1], x[2], x[3], x[4], x[5]),
        (x, v) -> KineticsDerivatives.lorenz(
            d(x, v, 0), d(x, v, 1), d(x, v, 2), d(x, v, 3), d(x, v, 4), d(x, v, 5)),
        (x, v) -> KineticsDerivatives.lorenzJvp(
            x[0], x[1], x[2], x[3], x[4], x[5], v[0], v[1], v[2], v[3], v[4], v[5])));
    cases.add(new Case("mixed (wrt w, scale)", randomPoints(4, 13L),
        x -> WrtModelsDerivatives.mixedJacobian(range(x, 0, 3), MIXED_X, 0.75, x[3]),
        (x, v) -> WrtModelsDerivatives.mixed(duals(x, v, 0, 3), MIXED_X, 0.75, d(x, v, 3)),
        (x, v) -> WrtModelsDerivatives.mixedJvp(
            range(x, 0, 3), MIXED_X, 0.75, x[3], range(v, 0, 3), v[3])));
    cases.add(new Case("residuals (wrt a, b, c, omega)",
        points(new double[] {2.0, 0.8, 0.5, 3.0}, new double[] {1.0, 0.1, -0.4, 1.3}),
        x -> DecayFitDerivatives.residualsJacobian(x[0], x[1], x[2], x[3], DECAY_T, DECAY_Y),
        (x, v) -> DecayFitDerivatives.residuals(
            d(x, v, 0), d(x, v, 1), d(x, v, 2), d(x, v, 3), DECAY_T, DECAY_Y),
        (x, v) -> DecayFitDerivatives.residualsJvp(
            x[0], x[1], x[2], x[3], DECAY_T, DECAY_Y, v[0], v[1], v[2], v[3])));
    // Scalar results: the "Jacobian" is the lane gradient (fGradientForward; fGradient takes
    // reverse mode from Tape.REVERSE_FROM columns) as one row, the Jvp a Dual.
    for (int n : new int[] {2, 10, 30}) {
      cases.add(new Case("extendedRosenbrock n = " + n, randomPoints(n, 14L + n),
          x -> new double[][] {lanes(x, (a, g) -> TestFunctionsDerivatives.extendedRosenbrockGradientForward(a, g, null))},
          (x, v) -> new Dual[] {TestFunctionsDerivatives.extendedRosenbrock(duals(x, v, 0, n))},
          (x, v) -> scalarJvp(TestFunctionsDerivatives.extendedRosenbrockJvp(x, v),
              TestFunctions.extendedRosenbrock(x))));
      cases.add(new Case("extendedRosenbrockChunk3 n = " + n, randomPoints(n, 15L + n),
          x -> new double[][] {lanes(x, (a, g) -> TestFunctionsDerivatives.extendedRosenbrockChunk3GradientForward(a, g, null))},
          (x, v) -> new Dual[] {
            TestFunctionsDerivatives.extendedRosenbrockChunk3(duals(x, v, 0, n))
          },
          (x, v) -> scalarJvp(TestFunctionsDerivatives.extendedRosenbrockChunk3Jvp(x, v),
              TestFunctions.extendedRosenbrockChunk3(x))));
      cases.add(new Case("rosenbrock n = " + n, randomPoints(n, 16L + n),
          x -> new double[][] {lanes(x, (a, g) -> TestFunctionsDerivatives.rosenbrockGradientForward(a, g, null))},
          (x, v) -> new Dual[] {TestFunctionsDerivatives.rosenbrock(duals(x, v, 0, n))},
          (x, v) -> scalarJvp(TestFunctionsDerivatives.rosenbrockJvp(x, v),
              TestFunctions.rosenbrock(x))));
    }
    cases.add(new Case("softMax (x[5], s)", randomPoints(6, 17L),
        x -> {
          double[] g = new double[6];
          TestFunctionsDerivatives.softMaxGradientForward(range(x, 0, 5), x[5], g, null);
          return new double[][] {g};
        },
        (x, v) -> new Dual[] {TestFunctionsDerivatives.softMax(duals(x, v, 0, 5), d(x, v, 5))},
        (x, v) -> scalarJvp(
            TestFunctionsDerivatives.softMaxJvp(range(x, 0, 5), x[5], range(v, 0, 5), v[5]),
            TestFunctions.softMax(range(x, 0, 5), x[5]))));
    cases.add(new Case("partial (wrt a, b)", randomPoints(2, 18L),
        x -> new double[][] {WrtModelsDerivatives.partialGradient(x[0], x[1], 0.3, -0.7)},
        (x, v) -> new Dual[] {WrtModelsDerivatives.partial(d(x, v, 0), d(x, v, 1), 0.3, -0.7)},
        (x, v) -> scalarJvp(WrtModelsDerivatives.partialJvp(x[0], x[1], 0.3, -0.7, v[0], v[1]),
            WrtModels.partial(x[0], x[1], 0.3, -0.7))));
    return cases;
  }

  /** A scalar Jvp's tangent, after checking that its value is the original method's, exactly. */
  static double[] scalarJvp(Dual jvp, double value) {
    assertWithMessage("Jvp value").that(jvp.value()).isEqualTo(value);
    return new double[] {jvp.tangent()};
  }

  @Test
  void scalarTangentAlongUnitVectorIsExactlyTheJacobianColumn() {
    for (Case c : cases()) {
      for (double[] x : c.points()) {
        double[][] jac = c.jacobian().apply(x);
        for (int j = 0; j < x.length; j++) {
          double[] e = new double[x.length];
          e[j] = 1.0;
          assertWithMessage("%s at %s, column %s", c.name(), Arrays.toString(x), j)
              .that(tangents(c.scalar().apply(x, e)))
              .isEqualTo(Jacobians.column(jac, j));
        }
      }
    }
  }

  @Test
  void jvpIsJacobianTimesDirectionAndExactlyTheScalarTangent() {
    Random random = new Random(99L);
    for (Case c : cases()) {
      for (double[] x : c.points()) {
        double[][] jac = c.jacobian().apply(x);
        for (int k = 0; k < 3; k++) {
          double[] v = new double[x.length];
          for (int i = 0; i < v.length; i++) {
            v[i] = -1.0 + 2.0 * random.nextDouble();
          }
          String what = c.name() + " at " + Arrays.toString(x) + " along " + Arrays.toString(v);
          double[] jvp = c.jvp().apply(x, v);
          assertWithMessage("%s: Jvp = scalar tangent", what)
              .that(jvp)
              .isEqualTo(tangents(c.scalar().apply(x, v)));
          double[] jv = Jacobians.times(jac, v);
          double[] scale = Jacobians.absTimes(jac, v);
          assertWithMessage("%s: length", what).that(jvp.length).isEqualTo(jv.length);
          for (int i = 0; i < jv.length; i++) {
            assertWithMessage("%s: (J·v)[%s]", what, i)
                .that(jvp[i])
                .isWithin(1e-13 * Math.max(1.0, scale[i]))
                .of(jv[i]);
          }
        }
      }
    }
  }

  /** The lane gradient of a method of one double[] parameter. */
  private static double[] lanes(double[] x, java.util.function.BiConsumer<double[], double[]> gradient) {
    double[] g = new double[x.length];
    gradient.accept(x, g);
    return g;
  }
}
