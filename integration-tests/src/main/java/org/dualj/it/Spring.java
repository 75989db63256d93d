package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Instance methods reading fields of the receiver. */
public final class Spring {
  static final double GRAVITY = 9.81;
  private static final double HALF = 0.5;

  final double stiffness;
  final double restLength;
  final double[] weights;

  public Spring(double stiffness, double restLength, double[] weights) {
    this.stiffness = stiffness;
    this.restLength = restLength;
    this.weights = weights;
  }

  /** ½ k (x − L)² + g x. */
  @Differentiable
  public double energy(double x) {
    double d = x - restLength;
    return HALF * stiffness * d * d + GRAVITY * x;
  }

  /** Σ wᵢ xⁱ with the weights read from an array field. */
  @Differentiable
  public double weightedPowers(double x) {
    double s = 0.0;
    for (int i = 0; i < this.weights.length; i++) {
      s += weights[i] * Math.pow(x, i);
    }
    return s;
  }

  /** An instance method calling instance methods of the same receiver. */
  @Differentiable
  public double combined(double x) {
    return energy(x) * weightedPowers(x) + this.energy(x * x);
  }
}
