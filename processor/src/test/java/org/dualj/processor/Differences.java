package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.dualj.runtime.Workspace;

/**
 * Richardson-extrapolated central differences, the oracle that shares no code with the generator:
 * {@code (4 D(h/2) − D(h)) / 3} with {@code D(h) = (f(x + h e_i) − f(x − h e_i)) / 2h}, h = 10⁻³.
 */
final class Differences {
  private Differences() {}

  /** A scalar function of a vector (a primal method called by reflection, say). */
  interface Fn {
    double at(double[] x) throws Exception;
  }

  private static final double H = 1e-3;

  /** ∂f/∂x_i at {@code x}. */
  static double richardson(Fn f, double[] x, int i) throws Exception {
    return (4 * central(f, x, i, H / 2) - central(f, x, i, H)) / 3;
  }

  private static double central(Fn f, double[] x, int i, double h) throws Exception {
    double[] p = x.clone();
    double[] m = x.clone();
    p[i] += h;
    m[i] -= h;
    return (f.at(p) - f.at(m)) / (2 * h);
  }

  /** ∂g_i/∂x_j of a generated gradient {@code double[] fGradient(double[] x)}: a Hessian entry. */
  static double gradientDifference(Method gradient, double[] x, int i, int j) throws Exception {
    return richardson(v -> ((double[]) gradient.invoke(null, (Object) v))[i], x, j);
  }

  /**
   * Checks {@code name}'s generated gradients at {@code x}: forward lanes against Richardson
   * differences of the primal {@code plain.name(double[])}, reverse mode against forward lanes to
   * 1e-13, reverse mode's value against the primal's, and the array reverse mode leaves against
   * the one the primal leaves.
   */
  static void reverseAgrees(Class<?> plain, Class<?> derivatives, String name, double[] x, Workspace work)
      throws Exception {
    Method f = plain.getDeclaredMethod(name, double[].class);
    f.setAccessible(true);
    Method reverse = derivatives.getMethod(name + "GradientReverse", double[].class, double[].class, Workspace.class);
    Method forward = derivatives.getMethod(name + "GradientForward", double[].class, double[].class, Workspace.class);
    double[] rev = new double[x.length];
    double[] fwd = new double[x.length];
    double[] xr = x.clone();
    double value = (double) reverse.invoke(null, xr, rev, work);
    forward.invoke(null, x.clone(), fwd, null);
    double[] xp = x.clone();
    assertWithMessage("%s value at %s", name, Arrays.toString(x))
        .that(value).isWithin(1e-12 * (1 + Math.abs(value))).of((double) f.invoke(null, (Object) xp));
    assertWithMessage("%s leaves x as the primal does", name).that(xr).isEqualTo(xp);
    for (int i = 0; i < x.length; i++) {
      double oracle = richardson(v -> (double) f.invoke(null, (Object) v), x, i);
      assertWithMessage("%s forward [%s] at %s", name, i, Arrays.toString(x))
          .that(fwd[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
      assertWithMessage("%s reverse [%s] at %s", name, i, Arrays.toString(x))
          .that(rev[i]).isWithin(1e-13 * (1 + Math.abs(fwd[i]))).of(fwd[i]);
    }
  }

  /**
   * {@link #reverseAgrees} for every method in {@code names} at every point, over one reused
   * workspace whose tape must be empty after each call.
   */
  static void reverseAgreesEverywhere(Class<?> plain, Class<?> derivatives, String[] names, double[][] points)
      throws Exception {
    Workspace work = new Workspace();
    for (String name : names) {
      for (double[] x : points) {
        reverseAgrees(plain, derivatives, name, x, work);
        assertWithMessage("%s at %s leaves the tape empty", name, Arrays.toString(x))
            .that(work.tape().isEmpty()).isTrue();
      }
    }
  }
}
