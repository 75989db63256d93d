package org.dualj.it;

import java.util.Arrays;
import org.dualj.annotations.Differentiable;

/**
 * Shapes where a value's adjoint looks zero and is not, or is zero and looks otherwise: the
 * adjoint code leaves out the adjoints of {@code double} locals that reach no result, so each
 * method mixes such dead values with ones that reach the result only through an overwrite in a
 * later trip, one branch, a call, an array or an alias. At order 2, for the reverse gradient and
 * for H·v by reverse over forward (whose tangent code has such values throughout).
 */
public final class ReversePruning {
  private ReversePruning() {}

  /** A product computed and updated but never returned, next to the value that is. */
  @Differentiable(order = 2)
  public static double dead(double[] x) {
    double d = x[0] * x[1];
    double s = Math.sin(x[0]);
    d = d * s + Math.exp(d);
    return s * x[1];
  }

  /** {@code a} reaches the result only two trips later, through {@code b} and {@code c}. */
  @Differentiable(order = 2)
  public static double shift(double[] x) {
    double a = 0.5;
    double b = 1.0;
    double c = 0.0;
    for (int i = 0; i < x.length; i++) {
      c = b;
      b = a * x[i] + Math.sin(x[i]);
      a = x[i] * x[i];
      if (c > 10.0) {
        break;
      }
    }
    return c;
  }

  /** {@code w} reaches the result only in one branch, which a value decides. */
  @Differentiable(order = 2)
  public static double branch(double[] x) {
    double u = Math.exp(x[0]);
    double w = x[1] * x[1];
    double unused = w * u;
    double r;
    if (u > 1.5) {
      r = w * u;
    } else {
      r = x[0] * x[2];
    }
    return r + 0 * unused;
  }

  /** {@code u} reaches the result only through a library call that fills a local array. */
  @Differentiable(order = 2)
  public static double filled(double[] x) {
    double[] buf = new double[3];
    double u = x[0] * x[2];
    Arrays.fill(buf, u);
    double v = x[1] * u;
    return buf[1] * x[1] + Math.cos(x[2]) * 0.0 + x[0];
  }

  /** {@code u} reaches the result through an element written by an alias of the array read. */
  @Differentiable(order = 2)
  public static double aliased(double[] x) {
    double[] a = new double[3];
    double[] b = a;
    double u = x[0] * x[1];
    double v = u * u;
    b[2] = u;
    double r = a[2] * x[2];
    v = v + r;
    return r * r;
  }

  /** {@code u} reaches the result only as a callee's argument. */
  @Differentiable(order = 2)
  public static double called(double[] x) {
    double u = x[0] * x[1];
    double t = Math.log(1 + x[2] * x[2]);
    double unused = t * u;
    return square(u + t) + unused * 0.0;
  }

  @Differentiable(order = 2)
  public static double square(double y) {
    double dead = Math.sinh(y);
    return y * y;
  }

  /** A product by compound assignment; the sum after it reaches nothing. */
  @Differentiable(order = 2)
  public static double compound(double[] x) {
    double p = 1.0;
    double q = 0.0;
    for (double xi : x) {
      p *= xi;
      q += p * p;
    }
    return p;
  }

  /** A parameter overwritten in a loop and after it, its last value reaching nothing. */
  @Differentiable(order = 2)
  public static double overwritten(double[] x) {
    return parameters(x[0], x[1]) + x[0] * x[1];
  }

  @Differentiable(order = 2)
  public static double parameters(double a, double b) {
    int j = 0;
    while (j < 2 && b > -5.0) {
      j++;
      b++;
      a = Math.cos(a) * b;
    }
    double t = Math.sin(a);
    a = t * b;
    return b * b * t;
  }
}
