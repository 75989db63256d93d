package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Jacobians and gradients from the generated {@code …Jacobian}/{@code …Gradient} methods of
 * realistic functions. Oracles: the same function written with Hipparchus {@link Gradient}
 * arithmetic (relative 1e-12), analytic formulas where they are short, and Richardson-extrapolated
 * central differences of the original method (relative 1e-7).
 */
class JacobianTest {

  // -----------------------------------------------------------------------------------------------
  // Planar 3-link arm: (x, y) of the end effector; columns (q1, q2, q3, l1, l2, l3)
  // -----------------------------------------------------------------------------------------------

  static final double[][] ARM_POINTS = {
    {0.3, -0.5, 1.1, 1.0, 0.8, 0.5},
    {1.2, 0.7, -0.4, 2.0, 1.5, 0.25},
    {0.0, 0.0, 0.0, 1.0, 1.0, 1.0},
    {-2.5, 3.0, 0.1, 0.6, 0.9, 1.3},
  };

  static Gradient[] armHipparchus(double[] v) {
    Gradient[] g = Jacobians.variables(v);
    Gradient a1 = g[0];
    Gradient a2 = a1.add(g[1]);
    Gradient a3 = a2.add(g[2]);
    Gradient x = g[3].multiply(a1.cos()).add(g[4].multiply(a2.cos())).add(g[5].multiply(a3.cos()));
    Gradient y = g[3].multiply(a1.sin()).add(g[4].multiply(a2.sin())).add(g[5].multiply(a3.sin()));
    return new Gradient[] {x, y};
  }

  static double[] arm(double[] v) {
    return RobotArm.endEffector(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  static double[][] armJacobian(double[] v) {
    return RobotArmDerivatives.endEffectorJacobian(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  @Test
  void robotArmJacobianMatchesHipparchusAndDifferences() {
    for (double[] v : ARM_POINTS) {
      double[][] jac = armJacobian(v);
      assertThat(jac.length).isEqualTo(2);
      assertThat(jac[0].length).isEqualTo(6);
      Jacobians.assertClose("arm vs Hipparchus", jac, Jacobians.of(armHipparchus(v)), Check.EXACT);
      Jacobians.assertClose(
          "arm vs Richardson", jac, Jacobians.richardson(JacobianTest::arm, v),
          Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void robotArmJacobianMatchesGeometry() {
    // Turning the first joint rotates the whole arm about the origin: ∂(x, y)/∂q1 = (−y, x); the
    // length columns are the unit vectors of the links.
    for (double[] v : ARM_POINTS) {
      double[][] jac = armJacobian(v);
      double[] p = arm(v);
      Check.close("∂x/∂q1", jac[0][0], -p[1], Check.EXACT);
      Check.close("∂y/∂q1", jac[1][0], p[0], Check.EXACT);
      double a = 0.0;
      for (int k = 0; k < 3; k++) {
        a += v[k];
        Check.close("∂x/∂l" + (k + 1), jac[0][3 + k], Math.cos(a), Check.EXACT);
        Check.close("∂y/∂l" + (k + 1), jac[1][3 + k], Math.sin(a), Check.EXACT);
      }
    }
  }

  @Test
  void jacobianOutFormReturnsTheValueAndFillsTheMatrix() {
    for (double[] v : ARM_POINTS) {
      double[][] out = new double[2][6];
      double[] value =
          RobotArmDerivatives.endEffectorJacobian(v[0], v[1], v[2], v[3], v[4], v[5], out);
      assertThat(value).isEqualTo(arm(v));
      assertThat(out).isEqualTo(armJacobian(v));
    }
  }

  static final double[][] POSE_Q = {{0.4, -0.3, 0.9, 0.2}, {-1.0, 2.0, -0.5, 1.5}};
  static final double[][] POSE_L = {{1.0, 0.7, 0.5, 0.3}, {2.0, 0.1, 1.2, 0.8}};

  @Test
  void armWithArrayInputsHasOneColumnPerElement() {
    for (int s = 0; s < POSE_Q.length; s++) {
      double[] q = POSE_Q[s];
      double[] l = POSE_L[s];
      int n = q.length;
      double[] all = concat(q, l);
      Gradient[] g = Jacobians.variables(all);
      Gradient angle = Gradient.constant(2 * n, 0.0);
      Gradient x = Gradient.constant(2 * n, 0.0);
      Gradient y = Gradient.constant(2 * n, 0.0);
      for (int i = 0; i < n; i++) {
        angle = angle.add(g[i]);
        x = x.add(g[n + i].multiply(angle.cos()));
        y = y.add(g[n + i].multiply(angle.sin()));
      }
      double[][] jac = RobotArmDerivatives.poseJacobian(q, l);
      assertThat(jac.length).isEqualTo(3);
      assertThat(jac[0].length).isEqualTo(2 * n);
      Jacobians.assertClose(
          "pose vs Hipparchus", jac, Jacobians.of(new Gradient[] {x, y, angle}), Check.EXACT);
      Jacobians.assertClose(
          "pose vs Richardson", jac,
          Jacobians.richardson(a -> RobotArm.pose(
              java.util.Arrays.copyOfRange(a, 0, n), java.util.Arrays.copyOfRange(a, n, 2 * n)),
              all),
          Check.FINITE_DIFFERENCE);
      // The orientation is the sum of the angles: row (1 … 1, 0 … 0), exactly.
      for (int j = 0; j < 2 * n; j++) {
        assertThat(jac[2][j]).isWithin(0.0).of(j < n ? 1.0 : 0.0);
      }
    }
  }

  @Test
  void instanceArmTakesTheReceiverFirst() {
    for (int s = 0; s < POSE_Q.length; s++) {
      double[] q = POSE_Q[s];
      RobotArm arm = new RobotArm(POSE_L[s]);
      double[][] jac = RobotArmDerivatives.tipJacobian(arm, q);
      // The lengths are constants: the angle columns of the static pose Jacobian.
      double[][] pose = RobotArmDerivatives.poseJacobian(q, POSE_L[s]);
      assertThat(jac.length).isEqualTo(2);
      for (int i = 0; i < 2; i++) {
        assertThat(jac[i]).isEqualTo(java.util.Arrays.copyOf(pose[i], q.length));
      }
      Jacobians.assertClose(
          "tip vs Richardson", jac, Jacobians.richardson(a -> arm.tip(a), q),
          Check.FINITE_DIFFERENCE);
      double[][] out = new double[2][q.length];
      assertThat(RobotArmDerivatives.tipJacobian(arm, q, out)).isEqualTo(arm.tip(q));
      assertThat(out).isEqualTo(jac);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Coordinate maps
  // -----------------------------------------------------------------------------------------------

  static final double[][] SPHERICAL_POINTS = {
    {1.0, 0.5, 0.25}, {2.5, 1.2, -2.0}, {0.7, 2.8, 3.0}, {3.0, Math.PI / 2, Math.PI / 4},
  };

  @Test
  void polarJacobianMatchesFormula() {
    double[][] points = {{1.0, 0.0}, {2.5, 0.7}, {0.3, -2.2}, {4.0, 3.0}};
    for (double[] p : points) {
      double r = p[0];
      double th = p[1];
      double[][] expected = {
        {Math.cos(th), -r * Math.sin(th)},
        {Math.sin(th), r * Math.cos(th)},
      };
      Jacobians.assertClose(
          "polar", CoordinatesDerivatives.polarJacobian(r, th), expected, Check.EXACT);
      // det = r
      double[][] j = CoordinatesDerivatives.polarJacobian(r, th);
      Check.close("det", j[0][0] * j[1][1] - j[0][1] * j[1][0], r, Check.EXACT);
    }
  }

  @Test
  void sphericalJacobianMatchesHipparchusAndDifferences() {
    for (double[] u : SPHERICAL_POINTS) {
      Gradient[] g = Jacobians.variables(u);
      Gradient s = g[0].multiply(g[1].sin());
      Gradient[] expected = {
        s.multiply(g[2].cos()), s.multiply(g[2].sin()), g[0].multiply(g[1].cos())
      };
      double[][] jac = CoordinatesDerivatives.sphericalJacobian(u[0], u[1], u[2]);
      Jacobians.assertClose("spherical vs Hipparchus", jac, Jacobians.of(expected), Check.EXACT);
      Jacobians.assertClose(
          "spherical vs Richardson", jac,
          Jacobians.richardson(a -> Coordinates.spherical(a[0], a[1], a[2]), u),
          Check.FINITE_DIFFERENCE);
      // det = r² sin θ
      Check.close("det", det3(jac), u[0] * u[0] * Math.sin(u[1]), Check.EXACT);
    }
  }

  @Test
  void inverseSphericalJacobianMatchesHipparchusAndInvertsTheForwardMap() {
    for (double[] u : SPHERICAL_POINTS) {
      double[] p = Coordinates.spherical(u[0], u[1], u[2]);
      Gradient[] g = Jacobians.variables(p);
      Gradient r = g[0].multiply(g[0]).add(g[1].multiply(g[1])).add(g[2].multiply(g[2])).sqrt();
      Gradient[] expected = {r, g[2].divide(r).acos(), g[1].atan2(g[0])};
      double[][] inv = CoordinatesDerivatives.toSphericalJacobian(p);
      Jacobians.assertClose("toSpherical vs Hipparchus", inv, Jacobians.of(expected), Check.EXACT);
      Jacobians.assertClose(
          "toSpherical vs Richardson", inv,
          Jacobians.richardson(Coordinates::toSpherical, p, 0.01),
          Check.FINITE_DIFFERENCE);
      // Chain rule: J_inverse(f(u)) · J_f(u) = I.
      double[][] fwd = CoordinatesDerivatives.sphericalJacobian(u[0], u[1], u[2]);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double e = 0.0;
          for (int k = 0; k < 3; k++) {
            e += inv[i][k] * fwd[k][j];
          }
          assertThat(e).isWithin(1e-12).of(i == j ? 1.0 : 0.0);
        }
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // ODE right-hand sides
  // -----------------------------------------------------------------------------------------------

  static final double K1 = 0.04;
  static final double K2 = 3e7;
  static final double K3 = 1e4;
  static final double[][] ROBERTSON_STATES = {
    {1.0, 0.0, 0.0}, {0.9, 3e-5, 0.1}, {0.5, 1e-4, 0.4999}, {0.02, 2e-6, 0.98},
  };

  @Test
  void robertsonStateJacobianMatchesTheTextbookMatrix() {
    for (double[] y : ROBERTSON_STATES) {
      double[][] expected = {
        {-K1, K3 * y[2], K3 * y[1]},
        {K1, -K3 * y[2] - 2.0 * K2 * y[1], -K3 * y[1]},
        {0.0, 2.0 * K2 * y[1], 0.0},
      };
      double[][] jac = KineticsDerivatives.robertsonStateJacobian(y, K1, K2, K3);
      Jacobians.assertClose("Robertson ∂f/∂y", jac, expected, Check.EXACT);
      // Mass conservation (y1 + y2 + y3)' = 0: every column sums to zero.
      for (int j = 0; j < 3; j++) {
        assertThat(jac[0][j] + jac[1][j] + jac[2][j]).isWithin(1e-9).of(0.0);
      }
    }
  }

  @Test
  void robertsonFullJacobianMatchesHipparchusAndDifferences() {
    for (double[] y : ROBERTSON_STATES) {
      double[] all = {y[0], y[1], y[2], K1, K2, K3};
      Gradient[] g = Jacobians.variables(all);
      Gradient r1 = g[3].multiply(g[0]);
      Gradient r2 = g[4].multiply(g[1]).multiply(g[1]);
      Gradient r3 = g[5].multiply(g[1]).multiply(g[2]);
      Gradient[] expected = {r1.negate().add(r3), r1.subtract(r3).subtract(r2), r2};
      double[][] jac = KineticsDerivatives.robertsonJacobian(y, K1, K2, K3);
      assertThat(jac.length).isEqualTo(3);
      assertThat(jac[0].length).isEqualTo(6);
      Jacobians.assertClose("Robertson vs Hipparchus", jac, Jacobians.of(expected), Check.EXACT);
      Jacobians.assertClose(
          "Robertson vs Richardson", jac,
          Jacobians.richardson(
              a -> Kinetics.robertson(new double[] {a[0], a[1], a[2]}, a[3], a[4], a[5]), all),
          Check.FINITE_DIFFERENCE);
      // The state block equals the wrt = {"y"} Jacobian exactly.
      double[][] state = KineticsDerivatives.robertsonStateJacobian(y, K1, K2, K3);
      for (int i = 0; i < 3; i++) {
        assertThat(java.util.Arrays.copyOf(jac[i], 3)).isEqualTo(state[i]);
      }
    }
  }

  static final double[][] LORENZ_POINTS = {
    {1.0, 1.0, 1.0, 10.0, 28.0, 8.0 / 3.0},
    {-3.2, 5.1, 20.4, 10.0, 28.0, 8.0 / 3.0},
    {8.5, -7.25, 30.0, 16.0, 45.92, 4.0},
  };

  @Test
  void lorenzJacobianMatchesFormulaHipparchusAndDifferences() {
    for (double[] v : LORENZ_POINTS) {
      double x = v[0];
      double y = v[1];
      double z = v[2];
      double sigma = v[3];
      double rho = v[4];
      double beta = v[5];
      double[][] formula = {
        {-sigma, sigma, 0.0, y - x, 0.0, 0.0},
        {rho - z, -1.0, -x, 0.0, x, 0.0},
        {y, x, -beta, 0.0, 0.0, -z},
      };
      Gradient[] g = Jacobians.variables(v);
      Gradient[] expected = {
        g[3].multiply(g[1].subtract(g[0])),
        g[0].multiply(g[4].subtract(g[2])).subtract(g[1]),
        g[0].multiply(g[1]).subtract(g[5].multiply(g[2])),
      };
      double[][] jac = KineticsDerivatives.lorenzJacobian(x, y, z, sigma, rho, beta);
      Jacobians.assertClose("Lorenz vs formula", jac, formula, Check.EXACT);
      Jacobians.assertClose("Lorenz vs Hipparchus", jac, Jacobians.of(expected), Check.EXACT);
      Jacobians.assertClose(
          "Lorenz vs Richardson", jac,
          Jacobians.richardson(a -> Kinetics.lorenz(a[0], a[1], a[2], a[3], a[4], a[5]), v),
          Check.FINITE_DIFFERENCE);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Gradients of scalar functions
  // -----------------------------------------------------------------------------------------------

  /** The standard starting point (−1.2, 1, −1.2, 1, …) and a pseudo-random point in [−2, 2]ⁿ. */
  static double[][] rosenbrockPoints(int n) {
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      start[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    Random random = new Random(4242L + n);
    double[] other = new double[n];
    for (int i = 0; i < n; i++) {
      other[i] = -2.0 + 4.0 * random.nextDouble();
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    return new double[][] {start, other, ones};
  }

  static Gradient extendedRosenbrockHipparchus(double[] x) {
    Gradient[] g = Jacobians.variables(x);
    Gradient s = Gradient.constant(x.length, 0.0);
    for (int i = 0; i + 1 < x.length; i += 2) {
      Gradient t1 = g[i + 1].subtract(g[i].multiply(g[i])).multiply(10.0);
      Gradient t2 = g[i].negate().add(1.0);
      s = s.add(t1.multiply(t1)).add(t2.multiply(t2));
    }
    return s;
  }

  static Gradient rosenbrockHipparchus(double[] x) {
    Gradient[] g = Jacobians.variables(x);
    Gradient s = Gradient.constant(x.length, 0.0);
    for (int i = 0; i + 1 < x.length; i++) {
      Gradient a = g[i].negate().add(1.0);
      Gradient b = g[i + 1].subtract(g[i].multiply(g[i]));
      s = s.add(a.multiply(a)).add(b.multiply(b).multiply(100.0));
    }
    return s;
  }

  @Test
  void extendedRosenbrockGradientAtTwoTenAndThirty() {
    for (int n : new int[] {2, 10, 30}) {
      for (double[] x : rosenbrockPoints(n)) {
        double[] formula = new double[n];
        for (int i = 0; i + 1 < n; i += 2) {
          double d = x[i + 1] - x[i] * x[i];
          formula[i] = -400.0 * x[i] * d - 2.0 * (1.0 - x[i]);
          formula[i + 1] = 200.0 * d;
        }
        double[] grad = TestFunctionsDerivatives.extendedRosenbrockGradient(x);
        Jacobians.assertClose("n = " + n + " vs formula", grad, formula, Check.EXACT);
        Jacobians.assertClose(
            "n = " + n + " vs Hipparchus", grad,
            extendedRosenbrockHipparchus(x).getGradient(), Check.EXACT);
        Jacobians.assertClose(
            "n = " + n + " vs Richardson", grad,
            Jacobians.richardsonGradient(TestFunctions::extendedRosenbrock, x),
            Check.FINITE_DIFFERENCE);
        double[] out = new double[n];
        assertThat(TestFunctionsDerivatives.extendedRosenbrockGradient(x, out))
            .isEqualTo(TestFunctions.extendedRosenbrock(x));
        assertThat(out).isEqualTo(grad);
      }
    }
    // At the minimum (1, …, 1) the gradient is exactly zero.
    for (double g : TestFunctionsDerivatives.extendedRosenbrockGradient(rosenbrockPoints(30)[2])) {
      assertThat(g).isWithin(0.0).of(0.0);
    }
  }

  @Test
  void chainedRosenbrockGradientMatchesHipparchus() {
    for (int n : new int[] {2, 3, 10, 30}) {
      double[] x = rosenbrockPoints(n + (n % 2))[1];
      x = java.util.Arrays.copyOf(x, n);
      double[] grad = TestFunctionsDerivatives.rosenbrockGradient(x);
      Jacobians.assertClose(
          "n = " + n + " vs Hipparchus", grad, rosenbrockHipparchus(x).getGradient(), Check.EXACT);
      Jacobians.assertClose(
          "n = " + n + " vs Richardson", grad,
          Jacobians.richardsonGradient(TestFunctions::rosenbrock, x), Check.FINITE_DIFFERENCE);
    }
  }

  /**
   * ForwardDiff.jl's documentation: {@code ForwardDiff.gradient(rosenbrock, [0.1, 0.2, 0.3])} is
   * {@code [-9.4, 15.6, 52.0]} for {@code rosenbrock(x) = sum((1 - x[i])^2 + 100(x[i+1] - x[i]^2)^2)}.
   */
  @Test
  void forwardDiffPublishedRosenbrockGradient() {
    double[] x = {0.1, 0.2, 0.3};
    double[] expected = {-9.4, 15.6, 52.0};
    Jacobians.assertClose(
        "rosenbrockGradient", TestFunctionsDerivatives.rosenbrockGradient(x), expected, 1e-14);
    double[] out = new double[3];
    double value = TestFunctionsDerivatives.rosenbrockGradient(x, out);
    // (0.9² + 100·0.19²) + (0.8² + 100·0.26²) = 0.81 + 3.61 + 0.64 + 6.76
    Check.close("value", value, 11.82, 1e-14);
    Jacobians.assertClose("gradientOut", out, expected, 1e-14);
  }

  @Test
  void sumOverAnArrayGradientMatchesSoftmaxWeightsAndHipparchus() {
    double[][] xs = {{0.1, -1.2, 2.0, 0.5}, {3.0, 3.5, -0.25, 1.0, 0.0, -2.0, 1.75}};
    double[] scales = {1.0, 2.5, 0.3};
    for (double[] x : xs) {
      for (double s : scales) {
        int n = x.length;
        double[] all = java.util.Arrays.copyOf(x, n + 1);
        all[n] = s;
        Gradient[] g = Jacobians.variables(all);
        Gradient sum = Gradient.constant(n + 1, 0.0);
        for (int i = 0; i < n; i++) {
          sum = sum.add(g[n].multiply(g[i]).exp());
        }
        Gradient f = sum.log().divide(g[n]);
        double[] grad = TestFunctionsDerivatives.softMaxGradient(x, s);
        assertThat(grad).hasLength(n + 1);
        Jacobians.assertClose("softMax vs Hipparchus", grad, f.getGradient(), Check.EXACT);
        // ∂f/∂xᵢ are the softmax weights (they sum to 1); ∂f/∂s = (Σ wᵢ xᵢ − f) / s.
        double z = 0.0;
        for (double xi : x) {
          z += Math.exp(s * xi);
        }
        double mean = 0.0;
        double weights = 0.0;
        for (int i = 0; i < n; i++) {
          double w = Math.exp(s * x[i]) / z;
          Check.close("∂f/∂x" + i, grad[i], w, Check.EXACT);
          mean += w * x[i];
          weights += grad[i];
        }
        Check.close("Σ ∂f/∂xᵢ", weights, 1.0, Check.EXACT);
        Check.close("∂f/∂s", grad[n], (mean - Math.log(z) / s) / s, Check.EXACT);
        Jacobians.assertClose(
            "softMax vs Richardson", grad,
            Jacobians.richardsonGradient(
                a -> TestFunctions.softMax(java.util.Arrays.copyOf(a, n), a[n]), all),
            Check.FINITE_DIFFERENCE);
      }
    }
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static double det3(double[][] a) {
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
        - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  }
}
