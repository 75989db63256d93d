package com.example.consumer;

import org.dualj.annotations.Differentiable;
import org.dualj.annotations.TangentRule;

/** A regularized logistic loss: a tangent rule for softplus and second derivatives through it. */
public final class Logistic {
  private Logistic() {}

  /** log(1 + e^x). */
  public static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  /** The rule for {@link #softplus}: its derivative, the logistic sigmoid, itself differentiable. */
  @TangentRule(of = Logistic.class, method = "softplus")
  @Differentiable
  public static double sigmoid(double x, double softplus) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** softplus(2w + b) + w²/2. */
  @Differentiable(order = 2)
  public static double loss(double w, double b) {
    return softplus(2.0 * w + b) + 0.5 * w * w;
  }
}
