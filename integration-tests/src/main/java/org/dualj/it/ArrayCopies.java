package org.dualj.it;

import java.util.Arrays;
import org.dualj.annotations.Differentiable;

/**
 * Numerical code written with the JDK's array calls, as library code is: {@code System.arraycopy}
 * for state copies and shifting buffers (overlapping ranges of one array), {@code Arrays.fill},
 * {@code Arrays.copyOf} and {@code copyOfRange}, {@code clone()} and enhanced {@code for}.
 */
public final class ArrayCopies {
  private ArrayCopies() {}

  /**
   * One Gauss–Newton step for the model {@code y ≈ p[0]·exp(p[1]·t)}: the new parameters start as
   * a copy of the old ones and are corrected by the solution of the 2 × 2 normal equations.
   */
  @Differentiable
  public static double[] gaussNewtonStep(double[] p, double[] t, double[] y) {
    int n = p.length;
    double[] next = new double[n];
    System.arraycopy(p, 0, next, 0, n);
    double a00 = 0;
    double a01 = 0;
    double a11 = 0;
    double g0 = 0;
    double g1 = 0;
    for (int i = 0; i < t.length; i++) {
      double e = Math.exp(p[1] * t[i]);
      double r = p[0] * e - y[i];
      double j0 = e;
      double j1 = p[0] * t[i] * e;
      a00 += j0 * j0;
      a01 += j0 * j1;
      a11 += j1 * j1;
      g0 += j0 * r;
      g1 += j1 * r;
    }
    double det = a00 * a11 - a01 * a01;
    if (det == 0) {
      throw new ArithmeticException("singular normal equations");
    }
    next[0] -= (a11 * g0 - a01 * g1) / det;
    next[1] -= (a00 * g1 - a01 * g0) / det;
    return next;
  }

  /**
   * The residual sum of squares after {@code steps} Gauss–Newton steps from {@code start}; the
   * iterate is copied back into a work array with {@code System.arraycopy} after every step.
   */
  @Differentiable(wrt = "start", chunk = 1)
  public static double costAfterSteps(double[] start, double[] t, double[] y, int steps) {
    double[] p = start.clone();
    double[] work = new double[p.length];
    for (int s = 0; s < steps; s++) {
      double[] next = gaussNewtonStep(p, t, y);
      System.arraycopy(next, 0, work, 0, next.length);
      System.arraycopy(work, 0, p, 0, work.length);
    }
    double cost = 0;
    for (int i = 0; i < t.length; i++) {
      double r = p[0] * Math.exp(p[1] * t[i]) - y[i];
      cost += r * r;
    }
    return cost;
  }

  /**
   * A moving-average filter over a running window: the window starts filled with the first
   * sample ({@code Arrays.fill}) and is shifted left in place (an overlapping arraycopy) for every
   * new sample; returns Σ mean² · sin(xᵢ).
   */
  @Differentiable
  public static double movingAverageEnergy(double[] x, int w) {
    double[] window = new double[w];
    Arrays.fill(window, x[0]);
    double s = 0;
    for (int i = 1; i < x.length; i++) {
      System.arraycopy(window, 1, window, 0, w - 1);
      window[w - 1] = x[i];
      double mean = 0;
      for (double v : window) {
        mean += v;
      }
      mean /= w;
      s += mean * mean * Math.sin(x[i]);
    }
    return s;
  }

  /**
   * A delay line shifted right in place (the overlap a forward copy would get wrong), with the
   * oldest samples dropped: returns the weighted outputs y_i = Σ_j c_j · line_j after each sample.
   */
  @Differentiable(wrt = "x", chunk = 2)
  public static double[] delayLine(double[] x, double[] c) {
    double[] line = new double[c.length];
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(line, 0, line, 1, line.length - 1);
      line[0] = x[i] * x[i];
      double acc = 0;
      for (int j = 0; j < c.length; j++) {
        acc += c[j] * line[j];
      }
      out[i] = acc;
    }
    return out;
  }

  /**
   * Padding and slicing: {@code copyOf} pads with zeros, {@code copyOfRange} slices, a ranged
   * {@code fill} writes an active value, and an arraycopy from an inactive constant table zeroes
   * the tangents of the elements it overwrites.
   */
  @Differentiable
  public static double[] padAndSlice(double[] x) {
    double[] padded = Arrays.copyOf(x, x.length + 2);
    padded[x.length] = Math.sin(x[0]);
    double[] mid = Arrays.copyOfRange(padded, 1, x.length + 2);
    double[] out = new double[mid.length + 2];
    Arrays.fill(out, 0, 3, x[1] * x[2]);
    System.arraycopy(mid, 0, out, 2, mid.length);
    System.arraycopy(TABLE, 0, out, out.length - 2, 1);
    double[] copy = out.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copy[i] * out[copy.length - 1 - i] + 0.5 * copy[i];
    }
    return copy;
  }

  static final double[] TABLE = {0.25, 0.5};

  /**
   * Σ sin(xᵢ)·x₍ᵢ₊₁ mod n₎, through a buffer extended by a ranged fill, a copy and a slice; order 2
   * for its Hessian.
   */
  @Differentiable(order = 2)
  public static double cyclic(double[] x) {
    int n = x.length;
    double[] ext = new double[n + 1];
    System.arraycopy(x, 0, ext, 0, n);
    Arrays.fill(ext, n, n + 1, x[0]);
    double[] s = Arrays.copyOf(ext, n);
    for (int i = 0; i < n; i++) {
      s[i] = Math.sin(s[i]);
    }
    double[] next = Arrays.copyOfRange(ext, 1, n + 1);
    double f = 0;
    for (int i = 0; i < n; i++) {
      f += s[i] * next[i];
    }
    return f;
  }
}
