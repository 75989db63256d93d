package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** Loops whose active variables are overwritten on every iteration. */
public final class Loops {
  private Loops() {}

  /** Coefficients of 3 − 2x + 0.5x² + 4x³ − x⁴, lowest degree first. */
  static final double[] COEFFS = {3.0, -2.0, 0.5, 4.0, -1.0};

  /** xⁿ by repeated multiplication into an accumulator. */
  @Differentiable
  public static double powerByLoop(double x, int n) {
    double r = 1.0;
    for (int i = 0; i < n; i++) {
      r = r * x;
    }
    return r;
  }

  /** x^(2^k): the parameter itself is overwritten. */
  @Differentiable
  public static double repeatedSquaring(double x, int k) {
    for (int i = 0; i < k; i++) {
      x = x * x;
    }
    return x;
  }

  /** x ← x·sin(x), n times, with a compound assignment. */
  @Differentiable
  public static double sineProduct(double x, int n) {
    for (int i = 0; i < n; i++) {
      x *= Math.sin(x);
    }
    return x;
  }

  /** Horner's scheme; the coefficients are active too, c[0] is the constant term. */
  @Differentiable
  public static double horner(double[] c, double x) {
    double acc = 0.0;
    for (int i = c.length - 1; i >= 0; i--) {
      acc = acc * x + c[i];
    }
    return acc;
  }

  /** Horner's scheme over a static final coefficient array. */
  @Differentiable
  public static double hornerFixed(double x) {
    double acc = COEFFS[COEFFS.length - 1];
    int i = COEFFS.length - 2;
    while (i >= 0) {
      acc *= x;
      acc += COEFFS[i];
      i--;
    }
    return acc;
  }

  /** Babylonian square root, a fixed number of while iterations. */
  @Differentiable
  public static double babylonianSqrt(double a) {
    double x = a;
    int i = 0;
    while (i < 40) {
      x = 0.5 * (x + a / x);
      i++;
    }
    return x;
  }

  /** Halves x while it is above 1: the loop condition depends on the active value. */
  @Differentiable
  public static double halveUntilSmall(double x) {
    while (x > 1.0) {
      x = x / 2.0;
    }
    return x;
  }

  /** Taylor series of exp summed in a do-while until the terms are negligible. */
  @Differentiable
  public static double expSeries(double x) {
    double sum = 1.0;
    double term = 1.0;
    int k = 0;
    do {
      k++;
      term = term * x / k;
      sum += term;
    } while (Math.abs(term) > 1e-18 * Math.abs(sum));
    return sum;
  }

  /** Σ xᵢ² over the non-negative entries, at most maxTerms of them: continue and break. */
  @Differentiable
  public static double cappedPositiveSquares(double[] x, int maxTerms) {
    double s = 0.0;
    int count = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0.0) {
        continue;
      }
      if (count == maxTerms) {
        break;
      }
      s += x[i] * x[i];
      count++;
    }
    return s;
  }

  /** Product of (x + i + j) over a rows×cols grid, stopping both loops once it exceeds limit. */
  @Differentiable
  public static double gridProductUntil(double x, int rows, int cols, double limit) {
    double acc = 1.0;
    outer:
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        acc *= x + i + j;
        if (acc > limit) {
          break outer;
        }
      }
    }
    return acc;
  }

  /** Σ over rows of Π over the row, abandoning a row (labeled continue) at a negative entry. */
  @Differentiable
  public static double rowProductsSkippingNegatives(double[] x, int cols) {
    double total = 0.0;
    int rows = x.length / cols;
    rows:
    for (int i = 0; i < rows; i++) {
      double p = 1.0;
      for (int j = 0; j < cols; j++) {
        double v = x[i * cols + j];
        if (v < 0.0) {
          total += p;
          continue rows;
        }
        p *= v;
      }
      total += p;
    }
    return total;
  }

  /** Labeled continue on a while loop. */
  @Differentiable
  public static double skipEveryThirdFactor(double x, int n) {
    double r = 1.0;
    int i = 0;
    factors:
    while (i < n) {
      i++;
      if (i % 3 == 0) {
        continue factors;
      }
      r *= x + i;
    }
    return r;
  }
}
