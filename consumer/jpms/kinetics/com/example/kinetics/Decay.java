package com.example.kinetics;

import org.dualj.annotations.Differentiable;

/** First-order decay c(t) = c0·exp(−k(T)·t), differentiated in this module. */
public final class Decay {
  private Decay() {}

  @Differentiable
  public static double concentration(double c0, double temperature, double t) {
    return c0 * Math.exp(-Arrhenius.rate(temperature) * t);
  }
}
