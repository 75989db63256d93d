package com.example.app;

/** softplus(x) = log(1 + eˣ), with its rule in {@link AppRules}. */
final class Softplus {
  private Softplus() {}

  static double of(double x) {
    return Math.log1p(Math.exp(x));
  }
}
