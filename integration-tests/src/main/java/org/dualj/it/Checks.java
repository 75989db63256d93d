package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Library-style argument checks, assertions and a guarded fallback in differentiated methods. */
public final class Checks {
  private Checks() {}

  /** The relative error of a measurement: checks its arguments as library code does. */
  @Differentiable(order = 2)
  public static double relativeError(double measured, double exact) {
    if (!(exact != 0)) {
      throw new IllegalArgumentException("exact value must be nonzero, got " + exact);
    }
    assert !Double.isNaN(measured) : "measured is NaN";
    double d = (measured - exact) / exact;
    return d * d;
  }

  /** log(1 + x²) plus the relative error of e^x against x, or plus x where x = 0 is refused. */
  @Differentiable
  public static double guarded(double x) {
    double r = Math.log1p(x * x);
    try {
      r = r + relativeError(Math.exp(x), x);
    } catch (IllegalArgumentException e) {
      r = r + x;
    }
    return r;
  }
}
