package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.dualj.runtime.Dual;

/** A class that uses its own generated derivatives from a plain method. */
public final class Slopes {
  private Slopes() {}

  @Differentiable
  public static double g(double x) {
    return x * x * Math.sin(x);
  }

  /** g'(x), through the generated class of this very class. */
  public static double slope(double x) {
    return SlopesDerivatives.g(Dual.variable(x)).tangent();
  }

  /** The slope of g at x along direction v, through the unboxed overload. */
  public static double directional(double x, double v) {
    return SlopesDerivatives.g(x, v).tangent();
  }
}
