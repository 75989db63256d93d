package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dualj.runtime.Workspace;

/**
 * Checks of a compiled class's reverse-mode gradients for methods of {@code double} and
 * {@code double[]} parameters (all differentiated) and {@code int} ones: the value, the gradient against forward mode
 * (1e-13 relative) and forward mode against Richardson-extrapolated central differences of the
 * plain method, and the array arguments' final state against one plain call's, from every
 * entry point.
 */
final class ReverseChecks {
  private final CompiledClasses classes;
  private final String className;

  ReverseChecks(CompiledClasses classes, String className) {
    this.classes = classes;
    this.className = className;
  }


  Class<?> derivatives() {
    return classes.load(className + "Derivatives");
  }

  static Class<?>[] types(Object[] args, boolean withGradient) {
    List<Class<?>> types = new ArrayList<>();
    for (Object a : args) {
      types.add(a instanceof double[] ? double[].class : a instanceof Integer ? int.class : double.class);
    }
    if (withGradient) {
      types.add(double[].class);
      types.add(Workspace.class);
    }
    return types.toArray(new Class<?>[0]);
  }

  static Object[] copy(Object[] args) {
    Object[] c = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      c[i] = args[i] instanceof double[] a ? a.clone() : args[i];
    }
    return c;
  }

  private static int columns(Object[] args) {
    int n = 0;
    for (Object a : args) {
      n += a instanceof double[] x ? x.length : a instanceof Integer ? 0 : 1;
    }
    return n;
  }

  private static Object[] with(Object[] args, double[] gradient, Workspace work) {
    Object[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = gradient;
    all[args.length + 1] = work;
    return all;
  }

  private double primal(String name, Object[] args) throws Exception {
    Method m = classes.load(className).getDeclaredMethod(name, types(args, false));
    m.setAccessible(true);
    return (double) m.invoke(null, args);
  }

  double[] reverse(String name, Object... args) throws Exception {
    double[] g = new double[columns(args)];
    derivatives().getMethod(name + "GradientReverse", types(args, true))
        .invoke(null, with(copy(args), g, null));
    return g;
  }

  /**
   * Value, gradient and final state of the arrays from the primal, forward lanes and reverse mode
   * (twice over one workspace, whose tape must be empty after each call).
   */
  void check(String name, Object... args) throws Exception {
    Object[] plainArgs = copy(args);
    double value = primal(name, plainArgs);
    Object[] forwardArgs = copy(args);
    double[] forward = new double[columns(args)];
    double forwardValue = (double) derivatives()
        .getMethod(name + "GradientForward", types(args, true))
        .invoke(null, with(forwardArgs, forward, null));
    Workspace work = new Workspace();
    for (int round = 0; round < 2; round++) {
      Object[] reverseArgs = copy(args);
      double[] reverse = new double[columns(args)];
      double reverseValue = (double) derivatives()
          .getMethod(name + "GradientReverse", types(args, true))
          .invoke(null, with(reverseArgs, reverse, work));
      assertThat(work.tape().isEmpty()).isTrue();
      assertThat(reverseValue).isEqualTo(value);
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof double[]) {
          assertThat((double[]) reverseArgs[i]).usingExactEquality()
              .containsExactly((double[]) plainArgs[i]).inOrder();
        }
      }
      for (int k = 0; k < forward.length; k++) {
        assertThat(reverse[k]).isWithin(1e-13 * Math.max(1, Math.abs(forward[k]))).of(forward[k]);
      }
    }
    assertThat(forwardValue).isEqualTo(value);
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof double[]) {
        assertThat((double[]) forwardArgs[i]).usingExactEquality()
            .containsExactly((double[]) plainArgs[i]).inOrder();
      }
    }
    double[] richardson = richardson(name, args);
    for (int k = 0; k < forward.length; k++) {
      assertThat(forward[k]).isWithin(1e-6 * (1 + Math.abs(richardson[k]))).of(richardson[k]);
    }
  }

  /** Central differences at h and h/2 of the primal, extrapolated: error O(h⁴). */
  private double[] richardson(String name, Object[] args) throws Exception {
    double[] out = new double[columns(args)];
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      int n = args[i] instanceof double[] a ? a.length : args[i] instanceof Integer ? 0 : 1;
      for (int j = 0; j < n; j++, k++) {
        double h = 1e-3;
        double d1 = central(name, args, i, j, h);
        double d2 = central(name, args, i, j, h / 2);
        out[k] = (4 * d2 - d1) / 3;
      }
    }
    return out;
  }

  private double central(String name, Object[] args, int i, int j, double h) throws Exception {
    Object[] plus = copy(args);
    Object[] minus = copy(args);
    if (args[i] instanceof double[]) {
      ((double[]) plus[i])[j] += h;
      ((double[]) minus[i])[j] -= h;
    } else {
      plus[i] = (double) args[i] + h;
      minus[i] = (double) args[i] - h;
    }
    return (primal(name, plus) - primal(name, minus)) / (2 * h);
  }
}
