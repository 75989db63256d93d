package org.dualj.it;

import org.dualj.annotations.Differentiable;

/**
 * A planar serial arm: joint angles (relative, each measured from the previous link) and link
 * lengths to the end-effector position. Used by the Jacobian, chunk and scalar/lane tests.
 */
public final class RobotArm {

  /** Link lengths of an instance arm, read as constants by {@link #tip(double[])}. */
  final double[] lengths;

  public RobotArm(double[] lengths) {
    this.lengths = lengths;
  }

  /**
   * Three links, every scalar active: (x, y) of the end effector from joint angles q1..q3 and
   * link lengths l1..l3.
   */
  @Differentiable
  public static double[] endEffector(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    double a1 = q1;
    double a2 = a1 + q2;
    double a3 = a2 + q3;
    double x = l1 * Math.cos(a1) + l2 * Math.cos(a2) + l3 * Math.cos(a3);
    double y = l1 * Math.sin(a1) + l2 * Math.sin(a2) + l3 * Math.sin(a3);
    return new double[] {x, y};
  }

  /** (x, y, orientation) for any number of links, from arrays of angles and lengths. */
  @Differentiable
  public static double[] pose(double[] q, double[] l) {
    double angle = 0.0;
    double x = 0.0;
    double y = 0.0;
    for (int i = 0; i < q.length; i++) {
      angle += q[i];
      x += l[i] * Math.cos(angle);
      y += l[i] * Math.sin(angle);
    }
    return new double[] {x, y, angle};
  }

  /** Instance form: the link lengths are the receiver's (constants), only the angles are active. */
  @Differentiable
  public double[] tip(double[] q) {
    double angle = 0.0;
    double x = 0.0;
    double y = 0.0;
    for (int i = 0; i < q.length; i++) {
      angle += q[i];
      x += lengths[i] * Math.cos(angle);
      y += lengths[i] * Math.sin(angle);
    }
    return new double[] {x, y};
  }

  // Copies of endEffector with explicit chunk sizes; n = 6 inputs. Each is its own
  // @Differentiable method calling the shared @Differentiable body.

  @Differentiable(chunk = 1)
  public static double[] endEffectorChunk1(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 2)
  public static double[] endEffectorChunk2(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 3)
  public static double[] endEffectorChunk3(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 4)
  public static double[] endEffectorChunk4(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 5)
  public static double[] endEffectorChunk5(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 6)
  public static double[] endEffectorChunk6(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }

  @Differentiable(chunk = 7)
  public static double[] endEffectorChunk7(
      double q1, double q2, double q3, double l1, double l2, double l3) {
    return endEffector(q1, q2, q3, l1, l2, l3);
  }
}
