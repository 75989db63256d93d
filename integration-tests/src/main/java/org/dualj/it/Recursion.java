package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Recursive @Differentiable methods. */
public final class Recursion {
  private Recursion() {}

  /** xⁿ by binary recursion. */
  @Differentiable
  public static double powRec(double x, int n) {
    if (n == 0) {
      return 1.0;
    }
    if (n % 2 == 0) {
      double h = powRec(x, n / 2);
      return h * h;
    }
    return x * powRec(x, n - 1);
  }

  /** Truncated exp series 1 + x/k (1 + x/(k+1) (…)), terms k..n, by recursion. */
  @Differentiable
  public static double expTaylor(double x, int k, int n) {
    if (k > n) {
      return 1.0;
    }
    return 1.0 + x / k * expTaylor(x, k + 1, n);
  }

  /** Mutual recursion: a(x, n) = sin(b(x, n-1)), a(x, 0) = x. */
  @Differentiable
  public static double mutualA(double x, int n) {
    return n == 0 ? x : Math.sin(mutualB(x, n - 1));
  }

  /** Mutual recursion: b(x, n) = x·cos(a(x, n-1)), b(x, 0) = x. */
  @Differentiable
  public static double mutualB(double x, int n) {
    return n == 0 ? x : x * Math.cos(mutualA(x, n - 1));
  }
}
