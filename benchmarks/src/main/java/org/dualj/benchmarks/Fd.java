package org.dualj.benchmarks;

/** Central finite differences: step and quotient. */
final class Fd {
  private Fd() {}

  /** The usual central-difference step, cbrt(machine epsilon) scaled by max(|x|, 1). */
  static double step(double x) {
    return 6.0554544523933395e-6 * Math.max(Math.abs(x), 1.0);
  }
}
