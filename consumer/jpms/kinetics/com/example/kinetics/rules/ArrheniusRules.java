package com.example.kinetics.rules;

import com.example.kinetics.Arrhenius;
import org.dualj.annotations.TangentRule;

/** dk/dT = k·E/T², from the value k: found by callers through this module's rule index. */
public final class ArrheniusRules {
  private ArrheniusRules() {}

  @TangentRule(of = Arrhenius.class, method = "rate")
  public static double ratePartial(double temperature, double k) {
    return k * 800.0 / (temperature * temperature);
  }
}
