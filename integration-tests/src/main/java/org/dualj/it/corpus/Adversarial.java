package org.dualj.it.corpus;

import java.util.Arrays;
import org.dualj.annotations.Differentiable;

/**
 * Adversarial programs: Java constructs where a differentiator is most likely to go wrong
 * (indices with side effects, fall-through, self-referencing compound assignments, aliasing,
 * arrays rebound and swapped, early exits from nested loops and {@code try}, overwrites inside
 * straight-line runs, in-place writes with more inputs than one pass takes). Each is a
 * {@code double f(double)} or {@code double f(double[])}; {@code AdversarialTest} checks every
 * entry point of each against Richardson differences (and Hessians against Richardson
 * differences of the gradient).
 */
public final class Adversarial {
  private Adversarial() {}

  @Differentiable
  public static double p02PowAtZero(double x) {
    double z = x - x;        // 0 with tangent 0
    return Math.pow(z, 3.0) + Math.pow(x, 2.0);
  }

  @Differentiable
  public static double p03PowCubeNegative(double x) {
    return Math.pow(x - 2.0, 3.0);
  }

  @Differentiable
  public static double p04IndexSideEffect(double x) {
    double[] a = {1.0, 2.0, 3.0};
    int i = 0;
    a[i++] *= x;
    a[i++] += x * x;
    return a[0] + a[1] + a[2] + i;
  }

  @Differentiable
  public static double p09NameClash(double x) {
    double v1 = x * 2.0;
    double x_dot = 3.0 * x;
    double v2 = v1 + x_dot;
    return v2 * x;
  }

  @Differentiable
  @SuppressWarnings("fallthrough")
  public static double p10FallThrough(double x) {
    int k = x > 0 ? 0 : 1;
    double y = 1.0;
    switch (k) {
      case 0:
        y = x * x;
      case 1:
        y *= x;
        break;
      default:
        y = 0;
    }
    return y;
  }

  @Differentiable
  public static double p11DoWhileContinue(double x) {
    double s = 0.0;
    int i = 0;
    do {
      i++;
      if (i % 2 == 0) {
        continue;
      }
      s += x * i;
    } while (i < 5);
    return s * x;
  }

  @Differentiable
  public static double p12TwoIndexLoop(double x) {
    double[] a = {x, 2 * x, 3 * x, 4 * x, 5 * x};
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j] * x;
      a[j] = t;
    }
    return a[0] + 10 * a[1] + 100 * a[4];
  }

  @Differentiable
  public static double p13SelfCompound(double x) {
    double y = x + 1.0;
    y *= y;
    y += y * y;
    y /= y - x;
    return y;
  }

  @Differentiable
  public static double p14VarLocal(double x) {
    var y = x * x;
    var a = new double[] {y, x};
    return a[0] * a[1];
  }

  @Differentiable
  public static double p15DoubleLoopVar(double x) {
    double s = 0.0;
    for (double t = 0.0; t < 1.0; t += 0.25) {
      s += Math.sin(t * x);
    }
    return s;
  }

  @Differentiable
  public static double p17ArraySameElement(double x) {
    double[] a = {x, x * x};
    a[0] += a[0];
    a[1] *= a[1];
    int j = 1;
    a[j] -= a[j - 1] * a[j];
    return a[0] + a[1];
  }

  @Differentiable
  public static double p18TryFinallyReturn(double x) {
    double y = x;
    try {
      for (int i = 0; i < 3; i++) {
        y = y * x;
        if (i == 1) {
          return y;
        }
      }
    } finally {
      y += 0.0;
    }
    return -y;
  }

  @Differentiable
  public static double p19CastIntInLoop(double x) {
    int n = (int) (x * 3.0);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x / (i + 1);
    }
    return s;
  }

  @Differentiable
  public static double p20MaxTie(double x) {
    return Math.max(x, 2.0 * x - 1.0) + Math.min(x * x, x);
  }

  @Differentiable
  public static double p21Ternaries(double x) {
    double a = x > 1 ? x * x : x > 0 ? Math.sqrt(x) : -x;
    return a * (x < 0.5 ? 2 : 3);
  }

  @Differentiable
  public static double p22ReassignParam(double x) {
    x = x * x;
    x += Math.exp(x);
    return x;
  }

  @Differentiable
  public static double p23ArraysInLoopRebind(double x) {
    double[] cur = {x, 1.0};
    double[] next = new double[2];
    for (int k = 0; k < 4; k++) {
      next[0] = cur[0] * cur[1];
      next[1] = cur[0] + cur[1];
      double[] tmp = cur;
      cur = next;
      next = tmp;
    }
    return cur[0] + cur[1];
  }

  @Differentiable
  public static double p25Atan2Quadrants(double x) {
    return Math.atan2(-x, -1.0) + Math.atan2(x * x, x);
  }

  @Differentiable
  public static double p26LabeledBreak(double x) {
    double s = 0;
    outer:
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        s += x * (i + j);
        if (s > 3.0 * x * x) {
          break outer;
        }
        if (j > i) {
          continue outer;
        }
      }
    }
    return s;
  }

  @Differentiable
  public static double p27FmaScalb(double x) {
    return Math.fma(x, x, 1.0) + Math.scalb(x, 3) + StrictMath.cbrt(x);
  }

  @Differentiable
  public static double p28NegativeZero(double x) {
    double y = -0.0 * x;
    return Math.copySign(x, y) + Math.abs(x - x) + Math.signum(x) * x;
  }

  @Differentiable
  public static double p30CompoundIntFromDouble(double x) {
    int i = 1;
    i += x;
    i *= x;
    return i * x;
  }

  @Differentiable(order = 2)
  public static double q01SqrtFromZero(double[] x) {
    double r = 0.0;
    for (double c : x) {
      r = Math.sqrt(r * r + c * c);
    }
    return r;
  }

  @Differentiable(order = 2)
  public static double q02InPlaceManyInputs(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * x[i] + Math.sin(x[i]);
      s += x[i] * (i + 1);
    }
    for (int i = 1; i < x.length; i++) {
      x[i] += x[i - 1];
    }
    return s + x[x.length - 1];
  }

  @Differentiable(order = 2)
  public static double q04RecursiveSum(double[] x) {
    return recurse(x, 0, 1.0);
  }

  private static double recurse(double[] x, int i, double acc) {
    if (i == x.length) {
      return acc;
    }
    return recurse(x, i + 1, acc * Math.cos(x[i]) + x[i]);
  }

  @Differentiable(order = 2)
  public static double q05WhileOnArray(double[] x) {
    double[] a = x.clone();
    int k = 0;
    double s = 0;
    while (k < a.length && a[k] < 2.0) {
      a[k] = a[k] * a[k] + 0.5;
      s += a[k];
      if (a[k] < 1.0) {
        continue;
      }
      k++;
    }
    return s;
  }

  @Differentiable(order = 2)
  public static double q06NestedEarlyReturn(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += x[i] * x[j] / (1 + i + j);
        if (s > 50) {
          return s * x[0];
        }
      }
    }
    return s;
  }

  @Differentiable(order = 2)
  public static double q07MatrixLocal(double[] x) {
    int n = x.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = x[i] * x[j] + (i == j ? 1.0 : 0.0);
      }
    }
    // swap rows, alias a row, and run Gaussian elimination for the determinant
    double[] r0 = m[0];
    m[0] = m[n - 1];
    m[n - 1] = r0;
    double det = -1.0;
    for (int c = 0; c < n; c++) {
      double[] pivotRow = m[c];
      det *= pivotRow[c];
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / pivotRow[c];
        for (int k = c; k < n; k++) {
          m[r][k] -= f * pivotRow[k];
        }
      }
    }
    return det;
  }

  @Differentiable(order = 2)
  public static double q08CopyOfRangeFill(double[] x) {
    double[] head = Arrays.copyOfRange(x, 0, 2);
    double[] grown = Arrays.copyOf(x, x.length + 2);
    Arrays.fill(grown, x.length, grown.length, x[1]);
    System.arraycopy(grown, 0, grown, 1, grown.length - 1);
    double s = 0;
    for (int i = 0; i < grown.length; i++) {
      s += grown[i] * grown[i] * (i + 1);
    }
    return s * head[0] + head[1];
  }

  @Differentiable(order = 2)
  public static double q09TernaryArray(double[] x) {
    double[] a = x.clone();
    double[] b = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      b[i] = Math.exp(x[i]);
    }
    double[] pick = x[0] > 0 ? a : b;
    pick[1] = pick[0] * pick[2];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Differentiable(order = 2)
  public static double q10SwitchExpr(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double t = switch (i % 3) {
        case 0 -> x[i] * x[i];
        case 1 -> {
          double u = Math.sin(x[i]);
          yield u * x[0];
        }
        default -> Math.exp(-x[i]) * s;
      };
      s += t;
    }
    return s;
  }

  @Differentiable(order = 2)
  public static double q11LogSumExpInPlaceMax(double[] x) {
    double max = x[0];
    int arg = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > max) {
        max = x[i];
        arg = i;
      }
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] -= max;
      s += Math.exp(x[i]);
    }
    return max + Math.log(s) + x[arg];
  }

  @Differentiable(order = 2)
  public static double q12MaxReduceMath(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v * v);
    }
    double p = 1.0;
    for (double v : x) {
      p *= Math.abs(v) + 1.0;
    }
    return m + p;
  }

  /** dst[i] += src[i]²; returns dst. */
  @Differentiable(order = 2)
  public static double[] addSquares(double[] src, double[] dst) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] += src[i] * src[i];
    }
    return dst;
  }

  @Differentiable(order = 2)
  public static double r01InternalAliasedCall(double[] x) {
    double[] y = x.clone();
    addSquares(y, y);          // src and dst are one array: y[i] += y[i]²
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s;
  }



  @Differentiable(order = 2)
  public static double r05CallsOrder2Helpers(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += IncompleteGamma.logGamma(1.0 + x[i] * x[i]) * ErrorFunctions.erf(x[i]);
    }
    return s;
  }

  @Differentiable
  public static double r06Ragged(double[] x) {
    double[][] tri = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      tri[i] = new double[i + 1];
      for (int j = 0; j <= i; j++) {
        tri[i][j] = x[i] * x[j];
      }
    }
    double s = 0;
    for (int i = 0; i < tri.length; i++) {
      double[] row = tri[i].clone();
      row[0] += 1.0;
      for (double v : row) {
        s += Math.sin(v);
      }
    }
    return s;
  }

  @Differentiable(order = 2)
  public static double u01StraightOverwrites(double[] x) {
    double a = x[0] * x[1];
    double b = a * a;
    a = Math.sin(b) + x[2];
    double c = a * b;
    x[0] = c;
    double d = x[0] * a;
    a = d / (1.0 + b * b);
    b = a - c;
    return a * b + d;
  }

  @Differentiable(order = 2)
  public static double u02IndexOverwrites(double[] x) {
    double[] a = {x[0], x[1], x[2], x[3]};
    int k = 0;
    double u = a[k] * x[1];
    k = 1;
    a[k] = u * a[0];
    double w = a[k] * u;
    k = (int) Math.floor(Math.abs(w)) % 4;
    a[k] += w;
    a[3 - k] *= a[k];
    k = 2;
    double z = a[k] * a[3 - k] + a[k + 1];
    return z + w * a[0];
  }

  @Differentiable(order = 2)
  public static double u03AliasInRun(double[] x) {
    double[] a = x.clone();
    double[] b = a;
    b[0] = a[1] * a[2];
    double t = a[0] * b[1];
    a = new double[] {t, b[0], x[3]};
    b[1] = a[0] * a[1];
    return t + a[2] * b[1] + b[0];
  }

  @Differentiable(order = 2)
  public static double u04SwapParams(double[] x) {
    double p = x[0];
    double q = x[1];
    for (int i = 0; i < 3; i++) {
      double tmp = p;
      p = q * Math.cos(tmp);
      q = tmp + p * x[2];
    }
    return p * q + x[3] * p;
  }

  @Differentiable(order = 2)
  public static double u05MatrixRowsSwapped(double[] x) {
    double[][] m = {{x[0], x[1]}, {x[2], x[3]}};
    double[] r = m[0];
    m[0] = m[1];
    m[1] = r;
    m[0][1] *= m[1][0];
    r[0] += m[0][0];
    double[][] c = m.clone();
    c[1] = new double[] {c[1][0] * 2.0, c[0][1]};
    return m[0][0] * m[1][1] - m[0][1] * m[1][0] + c[1][0] * c[1][1] + r[0];
  }

  /** x₀² + x₁: read whole by the reverse sweep of its callers (an adjoint call). */
  @Differentiable
  public static double sumRow(double[] row) {
    return row[0] * row[0] + row[1];
  }

  /** Elements summed into after a callee read the array: its adjoint must see the old values. */
  @Differentiable
  public static double c01SummedAfterCalleeRead(double[] x) {
    double[] s = x.clone();
    double r = sumRow(s);
    for (int j = 0; j < s.length; j++) {
      s[j] += r;
    }
    return s[0];
  }

  /** The same as an iteration: call, update in place, repeat. */
  @Differentiable
  public static double c02IterateSummedAfterCall(double[] x) {
    double[] s = x.clone();
    double acc = 0;
    for (int k = 0; k < 3; k++) {
      double r = sumRow(s);
      s[0] += 0.1 * r;
      s[1] -= 0.2 * r;
      acc += r;
    }
    return acc;
  }

  /** Rows of a matrix swapped after a callee read the matrix, in a loop. */
  @Differentiable
  public static double c03RowsSwappedAfterCallInLoop(double[] x) {
    double[][] st = {{x[0], x[1]}, {x[2], x[3 % x.length]}};
    double acc = 0;
    for (int k = 0; k < 2; k++) {
      double r = sumRow(st[0]) * sumRow(st[1]);
      double[] t = st[0];
      st[0] = st[1];
      st[1] = t;
      acc += r;
    }
    return acc;
  }
}
