package com.example.app;

import org.dualj.annotations.TangentRule;

/** The application's own rule: softplus' = the logistic function. */
final class AppRules {
  private AppRules() {}

  @TangentRule(of = Softplus.class, method = "of")
  static double ofPartial(double x, double value) {
    return 1 / (1 + Math.exp(-x));
  }
}
