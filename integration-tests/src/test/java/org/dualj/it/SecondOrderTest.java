package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Random;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Hessians, Hessian-vector products and second derivatives of {@code order = 2} methods against
 * analytic Hessians and Hipparchus {@code DerivativeStructure} of order 2 (the same functions
 * written over Hipparchus types, sharing no code with the generator).
 */
class SecondOrderTest {
  private static final double[][] POINTS = {
    {0.1, 0.2}, {-1.3, 0.7}, {0.9, -0.4}, {2.5, 1.1}, {0.3, 1.7}
  };

  /** ForwardDiff.jl documents this Hessian of its rosenbrock at (0.1, 0.2, 0.3). */
  @Test
  void rosenbrockHessianMatchesForwardDiffExample() {
    double[][] h = SecondOrderModelsDerivatives.rosenbrockHessian(new double[] {0.1, 0.2, 0.3});
    double[][] expected = {{-66, -40, 0}, {-40, 130, -80}, {0, -80, 200}};
    assertClose("rosenbrock", h, expected, 1e-12);
  }

  @Test
  void rosenbrockHessianMatchesAnalyticFormAtManyPointsAndChunks() {
    Random random = new Random(7);
    for (int n : new int[] {2, 3, 5, 13, 30}) {
      double[] x = randomPoint(random, n);
      double[][] expected = rosenbrockHessian(x);
      assertClose("rosenbrock n=" + n, SecondOrderModelsDerivatives.rosenbrockHessian(x), expected, 1e-12);
      assertClose(
          "rosenbrockChunked n=" + n,
          SecondOrderModelsDerivatives.rosenbrockChunkedHessian(x),
          expected,
          1e-12);
    }
  }

  @Test
  void fillingFormReturnsValueAndGradient() {
    Random random = new Random(11);
    for (int n : new int[] {2, 4, 17}) {
      double[] x = randomPoint(random, n);
      double[] gradient = new double[n];
      double[][] hessian = new double[n][n];
      double value = SecondOrderModelsDerivatives.rosenbrockHessian(x, gradient, hessian);
      assertThat(value).isWithin(1e-12 * Math.abs(value)).of(rosenbrock(x));
      double[] g = rosenbrockGradient(x);
      for (int i = 0; i < n; i++) {
        assertWithMessage("gradient[%s]", i).that(gradient[i]).isWithin(1e-12 * (1 + Math.abs(g[i]))).of(g[i]);
      }
      assertClose("hessian", hessian, rosenbrockHessian(x), 1e-12);
    }
  }

  @Test
  void oneWorkspaceServesCallsOfAnySizeWithTheSameResults() {
    Random random = new Random(29);
    org.dualj.runtime.Workspace work = new org.dualj.runtime.Workspace();
    for (int n : new int[] {3, 30, 5, 30, 2}) {
      double[] x = randomPoint(random, n);
      double[] g1 = new double[n];
      double[][] h1 = new double[n][n];
      double[] g2 = new double[n];
      double[][] h2 = new double[n][n];
      double v1 = SecondOrderModelsDerivatives.rosenbrockHessian(x, g1, h1, work);
      double v2 = SecondOrderModelsDerivatives.rosenbrockHessian(x, g2, h2);
      assertThat(v1).isEqualTo(v2);
      assertThat(g1).usingExactEquality().containsExactly(g2).inOrder();
      for (int i = 0; i < n; i++) {
        assertThat(h1[i]).usingExactEquality().containsExactly(h2[i]).inOrder();
      }
      double[] y = randomPoint(random, n);
      double[][] hy = new double[n][n];
      double[] y2 = y.clone();
      SecondOrderModelsDerivatives.inPlaceHessian(y, new double[n], hy, work);
      assertClose("inPlace with a workspace", hy, SecondOrderModelsDerivatives.inPlaceHessian(y2), 0);
    }
  }

  @Test
  void hessianVectorEqualsHessianTimesVector() {
    Random random = new Random(3);
    for (int n : new int[] {2, 6, 25}) {
      double[] x = randomPoint(random, n);
      double[] v = randomPoint(random, n);
      double[] x0 = x.clone();
      double[] v0 = v.clone();
      double[] hv = SecondOrderModelsDerivatives.rosenbrockHessianVector(x, v);
      double[][] h = rosenbrockHessian(x);
      for (int i = 0; i < n; i++) {
        double expected = 0;
        for (int j = 0; j < n; j++) {
          expected += h[i][j] * v[j];
        }
        assertWithMessage("Hv[%s]", i).that(hv[i]).isWithin(1e-11 * (1 + Math.abs(expected))).of(expected);
      }
      assertThat(x).usingExactEquality().containsExactly(x0).inOrder();
      assertThat(v).usingExactEquality().containsExactly(v0).inOrder();
    }
  }

  @Test
  void seedExampleAgreesWithDerivativeStructure() {
    for (double[] p : POINTS) {
      double x1 = p[0] + 1.5;
      double x2 = p[1] + 0.5;
      checkAgainstDs(
          "seed",
          SecondOrderModelsDerivatives.seedHessian(x1, x2),
          new double[] {x1, x2},
          v -> seed(v[0], v[1]));
    }
  }

  @Test
  void nestedOrderTwoCallsAgreeWithDerivativeStructure() {
    for (double[] p : POINTS) {
      checkAgainstDs(
          "nested",
          SecondOrderModelsDerivatives.nestedHessian(p[0], p[1]),
          p,
          v -> seed(v[0].multiply(v[1]), v[1].add(2.0)).add(v[0].multiply(v[0]).add(1.0).log()));
    }
  }

  @Test
  void branchesAgreeWithDerivativeStructureOnEachSide() {
    double[][] points = {{1.2, 0.4}, {0.3, 1.1}, {0.2, 0.9}, {-0.5, 2.0}, {0.9, 1.5}};
    for (double[] p : points) {
      checkAgainstDs(
          "branchy",
          SecondOrderModelsDerivatives.branchyHessian(p[0], p[1]),
          p,
          v -> {
            DerivativeStructure x = v[0];
            DerivativeStructure y = v[1];
            if (x.getValue() > y.getValue()) {
              return x.multiply(x).multiply(y).add(x.hypot(y));
            }
            DerivativeStructure t = x.getValue() > 0.5 * y.getValue() ? x.pow(3.0) : y.sqrt();
            return t.add(y.atan2(x).multiply(y.multiply(0.1).cosh()));
          });
    }
  }

  @Test
  void assignedParametersAgreeWithDerivativeStructure() {
    for (double[] p : POINTS) {
      checkAgainstDs(
          "assignsParameters",
          SecondOrderModelsDerivatives.assignsParametersHessian(p[0] + 2.0, p[1] + 2.0),
          new double[] {p[0] + 2.0, p[1] + 2.0},
          v -> {
            DerivativeStructure x = v[0];
            DerivativeStructure y = v[1];
            x = x.multiply(y);
            y = x.sin().add(y.divide(x));
            x = x.subtract(y.multiply(y));
            return x.multiply(y);
          });
    }
  }

  @Test
  void inPlaceWritesAndCalledNormAgreeAndCallerArrayEndsAsAfterOneCall() {
    Random random = new Random(5);
    for (int n : new int[] {2, 3, 7}) {
      double[] x = randomPoint(random, n);
      double[] before = x.clone();
      double[][] h = SecondOrderModelsDerivatives.inPlaceHessian(x);
      double[] once = before.clone();
      SecondOrderModels.inPlace(once);
      assertThat(x).usingExactEquality().containsExactly(once).inOrder();
      checkAgainstDs("inPlace n=" + n, h, before, SecondOrderTest::inPlace);
    }
  }

  @Test
  void calleeWritingIntoItsArrayArgumentWritesOnce() {
    Random random = new Random(23);
    for (int n : new int[] {2, 3, 5}) {
      double[] x = randomPoint(random, n);
      checkAgainstDs(
          "callsWriter n=" + n,
          SecondOrderModelsDerivatives.callsWriterHessian(x),
          x,
          v -> {
            DerivativeStructure s = v[0];
            DerivativeStructure[] w = v.clone();
            for (int i = 0; i < w.length; i++) {
              w[i] = w[i].multiply(s);
            }
            DerivativeStructure a = w[0].multiply(w[w.length - 1]);
            return a.add(w[1].multiply(w[1]));
          });
    }
  }

  @Test
  void valueOfPrivateAndPublicMethodsFromTheFillingForm() {
    double[] gradient = new double[2];
    double[][] hessian = new double[2][2];
    double x = 1.7;
    double y = -0.6;
    double value = SecondOrderModelsDerivatives.privateCubicHessian(x, y, gradient, hessian);
    assertThat(value).isWithin(1e-15).of(x * x * x * y);
    assertThat(gradient[0]).isWithin(1e-14).of(3 * x * x * y);
    assertThat(gradient[1]).isWithin(1e-14).of(x * x * x);
    assertThat(hessian[0][0]).isWithin(1e-14).of(6 * x * y);
    assertThat(hessian[0][1]).isWithin(1e-14).of(3 * x * x);
    assertThat(hessian[1][0]).isWithin(1e-14).of(3 * x * x);
    assertThat(hessian[1][1]).isEqualTo(0.0);
    double seedValue = SecondOrderModelsDerivatives.seedHessian(x, y, gradient, hessian);
    assertThat(seedValue).isEqualTo(SecondOrderModels.seed(x, y));
  }

  @Test
  void secondOrderThroughImplicitFunctionRulesAgreesWithNewtonInDerivativeStructures() {
    double[][] orbits = {{0.3, 0.1}, {1.2, 0.5}, {2.9, 0.7}, {-0.8, 0.25}};
    for (double[] p : orbits) {
      checkAgainstDs(
          "keplerRadius",
          SecondOrderModelsDerivatives.keplerRadiusHessian(p[0], p[1]),
          p,
          v -> {
            DerivativeStructure m = v[0];
            DerivativeStructure e = v[1];
            DerivativeStructure big = m;
            for (int i = 0; i < 60; i++) {
              big = big.subtract(big.subtract(e.multiply(big.sin())).subtract(m)
                  .divide(e.multiply(big.cos()).negate().add(1.0)));
            }
            return e.multiply(big.cos()).negate().add(1.0);
          });
    }
  }

  @Test
  void passiveParametersPassThrough() {
    for (double[] p : POINTS) {
      for (int n : new int[] {1, 3, 6}) {
        double y = p[1];
        double[][] h = SecondOrderModelsDerivatives.partialHessian(p[0], y, n);
        assertThat(h.length).isEqualTo(1);
        double second = SecondOrderModelsDerivatives.partialSecondDerivative(p[0], y, n);
        DerivativeStructure d =
            partial(new DSFactory(1, 2).variable(0, p[0]), y, n);
        double expected = d.getPartialDerivative(2);
        assertThat(h[0][0]).isWithin(1e-11 * (1 + Math.abs(expected))).of(expected);
        assertThat(second).isWithin(1e-11 * (1 + Math.abs(expected))).of(expected);
      }
    }
  }

  @Test
  void secondDerivativeOfOneVariableMatchesAnalyticForm() {
    for (double x : new double[] {-2.0, -0.3, 0.0, 0.7, 1.9, 4.2}) {
      double expected =
          6 * x * Math.sin(x) + 6 * x * x * Math.cos(x) - x * x * x * Math.sin(x)
              + 0.25 * Math.exp(x / 2);
      assertWithMessage("f''(%s)", x)
          .that(SecondOrderModelsDerivatives.oneVariableSecondDerivative(x))
          .isWithin(1e-12 * (1 + Math.abs(expected)))
          .of(expected);
      assertThat(SecondOrderModelsDerivatives.oneVariableHessian(x)[0][0])
          .isWithin(1e-12 * (1 + Math.abs(expected)))
          .of(expected);
    }
  }

  @Test
  void recursionBetweenOrderTwoCalls() {
    for (double x : new double[] {-1.2, 0.4, 1.3}) {
      for (int n : new int[] {0, 1, 2, 5, 8}) {
        double expected = n < 2 ? 0.0 : n * (n - 1) * Math.pow(x, n - 2);
        assertWithMessage("(x^%s)'' at %s", n, x)
            .that(SecondOrderModelsDerivatives.powerSecondDerivative(x, n))
            .isWithin(1e-12 * (1 + Math.abs(expected)))
            .of(expected);
      }
    }
  }

  @Test
  void instanceMethodsAndFieldsAgreeWithDerivativeStructure() {
    SecondOrderModels.Spring spring = new SecondOrderModels.Spring(3.5);
    for (double[] p : POINTS) {
      checkAgainstDs(
          "energy",
          SecondOrderModels_SpringDerivatives.energyHessian(spring, p[0], p[1]),
          p,
          v -> {
            DerivativeStructure x = v[0];
            DerivativeStructure damping = v[1].tanh().multiply(3.5);
            return x.multiply(x).multiply(0.5 * 3.5).multiply(x.multiply(x).multiply(0.1).add(1.0))
                .add(damping.multiply(x));
          });
    }
  }

  @Test
  void hessiansAreSymmetric() {
    Random random = new Random(19);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = randomPoint(random, 6);
      double[][] h = SecondOrderModelsDerivatives.inPlaceHessian(x);
      for (int i = 0; i < h.length; i++) {
        for (int j = 0; j < i; j++) {
          double scale = 1 + Math.abs(h[i][j]);
          assertWithMessage("H[%s][%s] vs H[%s][%s]", i, j, j, i)
              .that(h[i][j])
              .isWithin(1e-12 * scale)
              .of(h[j][i]);
        }
      }
    }
  }

  // ---------------------------------------------------------------- oracles

  private static void checkAgainstDs(
      String what,
      double[][] actual,
      double[] point,
      Function<DerivativeStructure[], DerivativeStructure> f) {
    int n = point.length;
    DSFactory factory = new DSFactory(n, 2);
    DerivativeStructure[] v = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      v[i] = factory.variable(i, point[i]);
    }
    DerivativeStructure r = f.apply(v);
    double[][] expected = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] orders = new int[n];
        orders[i]++;
        orders[j]++;
        expected[i][j] = r.getPartialDerivative(orders);
      }
    }
    assertClose(what + " at " + java.util.Arrays.toString(point), actual, expected, 1e-11);
  }

  private static void assertClose(String what, double[][] actual, double[][] expected, double rel) {
    assertWithMessage("%s rows", what).that(actual.length).isEqualTo(expected.length);
    double scale = 1;
    for (double[] row : expected) {
      for (double e : row) {
        scale = Math.max(scale, Math.abs(e));
      }
    }
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertWithMessage("%s: H[%s][%s]", what, i, j)
            .that(actual[i][j])
            .isWithin(rel * scale)
            .of(expected[i][j]);
      }
    }
  }

  private static double[] randomPoint(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }

  private static DerivativeStructure seed(DerivativeStructure x1, DerivativeStructure x2) {
    DerivativeStructure r = x1.divide(x2);
    DerivativeStructure e = x2.exp();
    return r.sin().add(r).subtract(e).multiply(r.subtract(e));
  }

  private static DerivativeStructure partial(DerivativeStructure x, double y, int n) {
    DerivativeStructure acc = x.getFactory().constant(0.0);
    for (int i = 1; i <= n; i++) {
      acc = acc.add(x.multiply(i).sin().divide(i)).add(x.multiply(y));
    }
    return acc.multiply(acc);
  }

  private static DerivativeStructure inPlace(DerivativeStructure[] x0) {
    DerivativeStructure[] x = x0.clone();
    int n = x.length;
    DerivativeStructure[] y = x.clone();
    for (int i = 0; i < n; i++) {
      y[i] = y[i].sin().multiply(x[(i + 1) % n]);
    }
    for (int i = 0; i < n; i++) {
      x[i] = x[i].multiply(y[(i + 2) % n]).add(1.0);
    }
    DerivativeStructure s = x[0].getFactory().constant(0.0);
    for (DerivativeStructure v : x) {
      s = s.add(v.multiply(v));
    }
    DerivativeStructure norm = x[0].getFactory().constant(0.0);
    for (DerivativeStructure v : y) {
      norm = norm.add(v.multiply(v));
    }
    return s.add(norm.sqrt());
  }

  /** Analytic: f = Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)². */
  private static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      s += (1 - x[i]) * (1 - x[i]) + 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]);
    }
    return s;
  }

  private static double[] rosenbrockGradient(double[] x) {
    int n = x.length;
    double[] g = new double[n];
    for (int i = 0; i < n - 1; i++) {
      double b = x[i + 1] - x[i] * x[i];
      g[i] += -2 * (1 - x[i]) - 400 * x[i] * b;
      g[i + 1] += 200 * b;
    }
    return g;
  }

  private static double[][] rosenbrockHessian(double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i < n - 1; i++) {
      h[i][i] += 2 - 400 * (x[i + 1] - 3 * x[i] * x[i]);
      h[i][i + 1] += -400 * x[i];
      h[i + 1][i] += -400 * x[i];
      h[i + 1][i + 1] += 200;
    }
    return h;
  }
}
