package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Control flow that depends on active values and on inactive ones. */
public final class Branches {
  private Branches() {}

  /** Three pieces selected by early returns. */
  @Differentiable
  public static double piecewise(double x) {
    if (x < 0.0) {
      return x * x;
    }
    if (x < 1.0) {
      return Math.sin(x);
    }
    return Math.exp(x) * x;
  }

  /** if/else on a comparison of two active values. */
  @Differentiable
  public static double ifElse(double x, double y) {
    double r;
    if (x > y) {
      r = x * y;
    } else {
      r = x / y;
      r = r + y;
    }
    return r;
  }

  /** else-if chain assigning to a variable declared before it. */
  @Differentiable
  public static double elseIfChain(double x) {
    double r = 0.0;
    if (x < -1.0) {
      r = -x * x;
    } else if (x < 1.0) {
      r = x * x * x;
    } else {
      r = 2.0 * Math.sqrt(x);
    }
    return r + x;
  }

  /** A ternary on an active condition. */
  @Differentiable
  public static double ternary(double x) {
    return x > 0.0 ? Math.log(1.0 + x) : -x * x * x;
  }

  /** Nested ternaries used as a clamp, then squared. */
  @Differentiable
  public static double clampSquared(double x, double lo, double hi) {
    double t = x < lo ? lo : (x > hi ? hi : x);
    return t * t;
  }

  /** Switch statement on an int parameter, with fall-through and a default. */
  @Differentiable
  public static double switchOnMode(int mode, double x) {
    double r;
    switch (mode) {
      case 0:
        r = x * x;
        break;
      case 1:
        r = Math.sin(x);
        break;
      case 2:
      case 3:
        r = Math.exp(mode * x);
        break;
      default:
        r = x;
    }
    return r;
  }

  /** Switch whose cases return directly. */
  @Differentiable
  public static double switchWithReturns(int mode, double x) {
    switch (mode) {
      case 0:
        return Math.cos(x);
      case 1:
        return x * Math.cos(x);
      default:
        break;
    }
    return 1.0 / x;
  }

  /** Switch on an int obtained by casting an active value; casts of inactive values. */
  @Differentiable
  public static double stepwise(double x, int n) {
    int k = (int) Math.floor(x);
    double scale = (double) n / 2;
    switch (k) {
      case 0:
        return scale * x * x;
      case 1:
        return scale * Math.sin(x) + (double) k;
      default:
        return scale * x + (float) 0.5;
    }
  }
}
