package org.dualj.it.corpus;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.DualVectors;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Every entry point of every method of {@link Adversarial} against Richardson differences of the
 * primal, and the modes against each other: scalar tangent, lanes, gradient (forward and, where
 * generated, reverse), Hessian, and H·v by forward over forward and by reverse over forward.
 * Methods are found by reflection (the test only; the generated code uses none), so a method
 * added to {@code Adversarial} is checked without more code here.
 */
class AdversarialTest {
  private static final double[] SCALAR_POINTS = {-1.7, -0.3, 0.2, 0.55, 1.3, 2.6};
  private static final double[][] ARRAY_POINTS = {
    {0.3, -1.2, 0.7, 1.1}, {0.1, 0.5, 1.0, 1.5}, {-0.8, 2.2, 1.3, 0.4},
    {1.5, 0.2, -0.4, 0.9, 1.3, -0.8, 0.1, 0.6, -1.0, 0.45, 0.33, 1.7, -0.2, 0.05}
  };

  private static List<Method> methods(Class<?> parameter) {
    List<Method> found = new ArrayList<>();
    for (Method m : Adversarial.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == double.class
          && Arrays.equals(m.getParameterTypes(), new Class<?>[] {parameter})) {
        found.add(m);
      }
    }
    found.sort((a, b) -> a.getName().compareTo(b.getName()));
    return found;
  }

  private static Object call(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw", e.getCause());
    }
  }

  private static Method derived(String name, Class<?>... parameters) {
    try {
      return AdversarialDerivatives.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  @Test
  void scalarMethodsAgreeWithRichardsonInEveryMode() {
    List<Method> scalar = methods(double.class);
    assertThat(scalar.size()).isAtLeast(20);
    for (Method m : scalar) {
      String n = m.getName();
      Method reverse = derived(n + "GradientReverse", double.class);
      for (double x : SCALAR_POINTS) {
        String at = n + " at " + x;
        double rich = Richardson.derivative(t -> (double) call(m, t), x, 1e-4);
        double tangent = ((Dual) call(derived(n, Dual.class), Dual.variable(x))).tangent();
        Check.close("tangent vs Richardson " + at, tangent, rich, 1e-7);
        DualVector lanes = (DualVector) call(derived(n, DualVector.class), DualVector.variable(x, 0, 1));
        Check.close("lanes " + at, lanes.tangent(0), tangent, 1e-13);
        Check.close("gradient " + at, ((double[]) call(derived(n + "Gradient", double.class), x))[0], tangent, 1e-13);
        if (reverse != null) {
          Check.close("reverse " + at, ((double[]) call(reverse, x))[0], tangent, 1e-13);
        }
      }
    }
  }

  @Test
  void arrayMethodsAgreeWithRichardsonInEveryMode() {
    List<Method> array = methods(double[].class);
    assertThat(array.size()).isAtLeast(15);
    for (Method m : array) {
      String n = m.getName();
      Method reverse = derived(n + "GradientReverse", double[].class);
      Method hessian = derived(n + "Hessian", double[].class);
      for (double[] x : ARRAY_POINTS) {
        String at = n + " at " + Arrays.toString(x);
        double[] rich = Oracles.gradient(y -> (double) call(m, (Object) y.clone()), x, 1e-4);
        double[] g = new double[x.length];
        double[] arg = x.clone();
        double value = (double) call(derived(n + "GradientForward", double[].class, double[].class, Workspace.class),
            arg, g, new Workspace());
        double[] primalArg = x.clone();
        Check.close("value " + at, value, (double) call(m, (Object) primalArg), 0.0);
        Oracles.close("array left as the primal leaves it " + at, arg, primalArg, 0.0);
        Oracles.close("gradient vs Richardson " + at, g, rich, 1e-6);
        DualVector lanes = (DualVector) call(derived(n, DualVector[].class), (Object) DualVectors.variables(x));
        for (int k = 0; k < x.length; k++) {
          Check.close("lane " + k + " " + at, lanes.tangent(k), g[k], 1e-13);
        }
        if (reverse != null) {
          Oracles.close("reverse " + at, (double[]) call(reverse, (Object) x.clone()), g, 1e-13);
        }
        if (hessian != null) {
          checkHessian(n, x, (double[][]) call(hessian, (Object) x.clone()));
        }
      }
    }
  }

  private static void checkHessian(String n, double[] x, double[][] h) {
    String at = n + " at " + Arrays.toString(x);
    Method forward = derived(n + "GradientForward", double[].class, double[].class, Workspace.class);
    double[][] rich = Oracles.jacobian(y -> {
      double[] g = new double[x.length];
      call(forward, y.clone(), g, null);
      return g;
    }, x, 1e-4);
    Oracles.close("Hessian vs Richardson of the gradient " + at, h, rich, 1e-5);
    double[] v = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      v[k] = 0.5 + k;
    }
    double[] hv = (double[]) call(derived(n + "HessianVector", double[].class, double[].class), x.clone(), v);
    // reverse over forward is generated where the method's tangent code has reverse mode
    Method reverseOverForward = derived(n + "HessianVectorReverse", double[].class, double[].class);
    double[] hvReverse = reverseOverForward == null ? hv : (double[]) call(reverseOverForward, x.clone(), v);
    for (int i = 0; i < x.length; i++) {
      double expected = 0.0;
      for (int j = 0; j < x.length; j++) {
        expected += h[i][j] * v[j];
      }
      Check.close("H·v " + i + " " + at, hv[i], expected, 1e-11);
      Check.close("H·v reverse " + i + " " + at, hvReverse[i], expected, 1e-11);
    }
    assertWithMessage("Hessian symmetric " + at).that(h.length).isEqualTo(x.length);
  }
}
