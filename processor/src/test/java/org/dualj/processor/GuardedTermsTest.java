package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The terms of partials that are infinite or NaN at some point ({@code Terms.times}): a zero
 * tangent or adjoint contributes 0 there, and second derivatives through such a term are those of
 * the product.
 *
 * <p>Two silent faults before: {@code pow}'s guard was a conditional {@code u̇ == 0 ? 0 : c·u̇},
 * which order 2 differentiated as a branch, so {@code pow(1 + x², 0.5)''} at x = 0 was 0 instead
 * of 1 (a Hessian at a stationary point of the base, where optimizers evaluate them); and the
 * roots, logarithms, {@code hypot} and {@code atan2} had no guard, so a direction in which their
 * argument does not move gave {@code 0 · ∞ = NaN} (a norm accumulated by {@code hypot} from 0, a
 * rotation's gradient at the identity). Oracles: analytic derivatives.
 */
class GuardedTermsTest {

  private static Class<?> derivatives() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Guarded",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Guarded {",
                "  // each term's base or argument is stationary at x = y = 0",
                "  @Differentiable(order = 2) static double f(double x, double y) {",
                "    return Math.pow(1 + x * x, 0.5) + Math.sqrt(4 + y * y) + Math.log(1 + x * y)",
                "        + Math.hypot(3 + x * x, 4 + y * y) + Math.atan2(1 + y * y, 1 + x * x)",
                "        + Math.cbrt(8 + x * x * y) + Math.pow(2 + y * y, 1.5 + x * x);",
                "  }",
                "  // the norm accumulated from 0, as library code writes it",
                "  @Differentiable static double norm(double[] v) {",
                "    double r = 0.0;",
                "    for (double e : v) {",
                "      r = Math.hypot(r, e);",
                "    }",
                "    return r;",
                "  }",
                "  // a partial at its singular point in a branch the result does not use",
                "  @Differentiable static double unused(double[] w) {",
                "    double s = Math.sqrt(w[0]);",
                "    double l = Math.log(w[0]) + Math.asin(w[1]);",
                "    return w[2] > 0 ? w[2] * w[3] : s + l;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    return new CompiledClasses(c).load("test.GuardedDerivatives");
  }

  @Test
  void hessiansAtStationaryPointsOfTheBaseAreThoseOfTheFunction() throws Exception {
    Class<?> d = derivatives();
    double[][] h = (double[][]) d.getMethod("fHessian", double.class, double.class).invoke(null, 0.0, 0.0);
    // at (0, 0): (1 + x²)^½ → 1 along x; √(4 + y²) → ½ along y; log(1 + xy) → 1 across;
    // hypot(3 + x², 4 + y²) → 2·3/5 along x, 2·4/5 along y; atan2(1 + y², 1 + x²) → −1 along x,
    // +1 along y; ∛(8 + x²y) → 0; (2 + y²)^(1.5 + x²) → 2·2^1.5·ln 2 along x, 1.5·2^1.5 along y
    double xx = 1 + 6.0 / 5 - 1 + 2 * Math.pow(2, 1.5) * Math.log(2);
    double yy = 0.5 + 8.0 / 5 + 1 + 1.5 * Math.pow(2, 1.5);
    assertThat(h[0][0]).isWithin(1e-12).of(xx);
    assertThat(h[1][1]).isWithin(1e-12).of(yy);
    assertThat(h[0][1]).isWithin(1e-12).of(1.0);
    assertThat(h[1][0]).isWithin(1e-12).of(1.0);
    for (String name : new String[] {"fHessianVector", "fHessianVectorReverse"}) {
      Method hv = d.getMethod(name, double.class, double.class, double.class, double.class);
      double[] along = (double[]) hv.invoke(null, 0.0, 0.0, 1.0, -2.0);
      assertWithMessage(name).that(along[0]).isWithin(1e-12).of(xx - 2);
      assertWithMessage(name).that(along[1]).isWithin(1e-12).of(1 - 2 * yy);
    }
  }

  @Test
  void aZeroTangentThroughASingularPartialContributesNothing() throws Exception {
    Class<?> d = derivatives();
    // hypot(0, 0) first: its partials are 0/0 = NaN, the composite's gradient is v / |v|
    double[] v = {0, 3, 4};
    for (String name : new String[] {"normGradient", "normGradientReverse", "normGradientForward"}) {
      double[] g = gradient(d, name, v);
      assertWithMessage(name).that(g).usingExactEquality().containsExactly(0.0, 0.6, 0.8).inOrder();
    }
    double[] w = {0.0, 1.0, 2.0, 3.0};
    for (String name : new String[] {"unusedGradient", "unusedGradientReverse", "unusedGradientForward"}) {
      double[] g = gradient(d, name, w);
      assertWithMessage(name).that(g).usingExactEquality().containsExactly(0.0, 0.0, 3.0, 2.0).inOrder();
    }
  }

  private static double[] gradient(Class<?> d, String name, double[] x) throws Exception {
    double[] out = new double[x.length];
    try {
      d.getMethod(name, double[].class, double[].class, org.dualj.runtime.Workspace.class)
          .invoke(null, x.clone(), out, null);
    } catch (NoSuchMethodException e) {
      return (double[]) d.getMethod(name, double[].class).invoke(null, (Object) x.clone());
    }
    return out;
  }
}
