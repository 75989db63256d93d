package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(chunk = k)}: the number of tangent directions per pass changes how the
 * gradient or Jacobian is assembled, never its entries. Each lane is computed by the same
 * arithmetic in every pass, so every chunk size must give exactly the default's numbers.
 *
 * <p>Extended Rosenbrock ({@code TestFunctions.extendedRosenbrockChunk*}, each its own copy of the
 * body) at n = 10, where the default does one pass of 10: chunk 1, 2, 3, 4 = p − 1, 5 = p,
 * 9 = n − 1, 10 = n, 11 = n + 1 and larger; the same methods at n = 30, where the default makes
 * three passes of 10 and most chunks leave a partial last pass. The 3-link arm
 * ({@code RobotArm.endEffectorChunk*}, each calling the shared body) has n = 6 scalar inputs:
 * chunk 1 … 7.
 */
class ChunkTest {

  interface GradientMethod {
    double[] gradient(double[] x);
  }

  interface GradientOutMethod {
    double gradient(double[] x, double[] out);
  }

  static final int[] ROSENBROCK_CHUNKS = {1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 30};

  static final GradientMethod[] ROSENBROCK = {
    TestFunctionsDerivatives::extendedRosenbrockChunk1Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk2Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk3Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk4Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk5Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk9Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk10Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk11Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk12Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk13Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk30Gradient,
  };

  static final GradientOutMethod[] ROSENBROCK_OUT = {
    TestFunctionsDerivatives::extendedRosenbrockChunk1Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk2Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk3Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk4Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk5Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk9Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk10Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk11Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk12Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk13Gradient,
    TestFunctionsDerivatives::extendedRosenbrockChunk30Gradient,
  };

  static double[] point(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2.0 + 4.0 * random.nextDouble();
    }
    return x;
  }

  @Test
  void rosenbrockGradientIsTheSameForEveryChunkAtTen() {
    for (long seed = 1; seed <= 3; seed++) {
      double[] x = point(10, seed);
      double[] expected = TestFunctionsDerivatives.extendedRosenbrockGradient(x);
      // The default is right in the first place (compared with the formula at 1e-12).
      for (int i = 0; i < 10; i += 2) {
        double d = x[i + 1] - x[i] * x[i];
        Check.close("∂f/∂x" + i, expected[i], -400.0 * x[i] * d - 2.0 * (1.0 - x[i]), Check.EXACT);
        Check.close("∂f/∂x" + (i + 1), expected[i + 1], 200.0 * d, Check.EXACT);
      }
      for (int c = 0; c < ROSENBROCK.length; c++) {
        assertWithMessage("chunk = %s", ROSENBROCK_CHUNKS[c])
            .that(ROSENBROCK[c].gradient(x))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void rosenbrockGradientIsTheSameForEveryChunkAtOtherSizes() {
    // 30: three default passes of 10; odd sizes leave the last input unused (a zero column).
    for (int n : new int[] {1, 2, 3, 7, 11, 12, 13, 25, 30}) {
      double[] x = point(n, 100L + n);
      double[] expected = TestFunctionsDerivatives.extendedRosenbrockGradient(x);
      assertThat(expected).hasLength(n);
      for (int c = 0; c < ROSENBROCK.length; c++) {
        assertWithMessage("n = %s, chunk = %s", n, ROSENBROCK_CHUNKS[c])
            .that(ROSENBROCK[c].gradient(x))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void rosenbrockGradientOutIsTheSameForEveryChunk() {
    for (int n : new int[] {10, 30}) {
      double[] x = point(n, 7L * n);
      double[] expected = TestFunctionsDerivatives.extendedRosenbrockGradient(x);
      double value = TestFunctions.extendedRosenbrock(x);
      for (int c = 0; c < ROSENBROCK_OUT.length; c++) {
        double[] out = new double[n];
        assertWithMessage("value, n = %s, chunk = %s", n, ROSENBROCK_CHUNKS[c])
            .that(ROSENBROCK_OUT[c].gradient(x, out))
            .isEqualTo(value);
        assertWithMessage("gradient, n = %s, chunk = %s", n, ROSENBROCK_CHUNKS[c])
            .that(out)
            .isEqualTo(expected);
      }
    }
  }

  interface ArmJacobian {
    double[][] jacobian(double q1, double q2, double q3, double l1, double l2, double l3);
  }

  interface ArmJacobianOut {
    double[] jacobian(
        double q1, double q2, double q3, double l1, double l2, double l3, double[][] out);
  }

  static final ArmJacobian[] ARM = {
    RobotArmDerivatives::endEffectorChunk1Jacobian,
    RobotArmDerivatives::endEffectorChunk2Jacobian,
    RobotArmDerivatives::endEffectorChunk3Jacobian,
    RobotArmDerivatives::endEffectorChunk4Jacobian,
    RobotArmDerivatives::endEffectorChunk5Jacobian,
    RobotArmDerivatives::endEffectorChunk6Jacobian,
    RobotArmDerivatives::endEffectorChunk7Jacobian,
  };

  static final ArmJacobianOut[] ARM_OUT = {
    RobotArmDerivatives::endEffectorChunk1Jacobian,
    RobotArmDerivatives::endEffectorChunk2Jacobian,
    RobotArmDerivatives::endEffectorChunk3Jacobian,
    RobotArmDerivatives::endEffectorChunk4Jacobian,
    RobotArmDerivatives::endEffectorChunk5Jacobian,
    RobotArmDerivatives::endEffectorChunk6Jacobian,
    RobotArmDerivatives::endEffectorChunk7Jacobian,
  };

  @Test
  void armJacobianIsTheSameForEveryChunk() {
    for (double[] v : JacobianTest.ARM_POINTS) {
      double[][] expected =
          RobotArmDerivatives.endEffectorJacobian(v[0], v[1], v[2], v[3], v[4], v[5]);
      Jacobians.assertClose(
          "default vs Hipparchus", expected, Jacobians.of(JacobianTest.armHipparchus(v)),
          Check.EXACT);
      double[] value = RobotArm.endEffector(v[0], v[1], v[2], v[3], v[4], v[5]);
      for (int c = 0; c < ARM.length; c++) {
        int chunk = c + 1;
        assertWithMessage("chunk = %s", chunk)
            .that(ARM[c].jacobian(v[0], v[1], v[2], v[3], v[4], v[5]))
            .isEqualTo(expected);
        double[][] out = new double[2][6];
        assertWithMessage("value, chunk = %s", chunk)
            .that(ARM_OUT[c].jacobian(v[0], v[1], v[2], v[3], v[4], v[5], out))
            .isEqualTo(value);
        assertWithMessage("jacobianOut, chunk = %s", chunk).that(out).isEqualTo(expected);
      }
    }
  }
}
