package org.dualj.hipparchus;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hipparchus.analysis.MultivariateVectorFunction;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.junit.jupiter.api.Test;

/** The gradient and differentiable-function adapters against Hipparchus DerivativeStructure. */
class GradientAdapterTest {
  private static final double[][] POINTS = {{0.1, 0.2, 0.3}, {-1.2, 1.0, 0.5}, {2.0, -0.7, 1.5}};

  @Test
  void gradientMatchesDerivativeStructure() {
    MultivariateVectorFunction gradient = HipparchusAdapters.gradient(ModelsDerivatives::mixedGradient);
    for (double[] x : POINTS) {
      DerivativeStructure want = References.mixed(References.variables(x, 1));
      double[] got = gradient.value(x);
      for (int j = 0; j < 3; j++) {
        int[] orders = new int[3];
        orders[j] = 1;
        assertThat(got[j]).isWithin(1e-14 * Math.max(1, Math.abs(got[j]))).of(want.getPartialDerivative(orders));
      }
    }
  }

  /** Order 1 along two free parameters that the arguments depend on nonlinearly. */
  @Test
  void differentiableFunctionMatchesDerivativeStructureAtOrderOne() {
    MultivariateDifferentiableFunction f = HipparchusAdapters.differentiableFunction(ModelsDerivatives::mixedGradient);
    for (double[] q : new double[][] {{0.3, -0.2}, {1.1, 0.7}, {-0.4, 0.9}}) {
      DerivativeStructure[] x = arguments(References.variables(q, 1));
      DerivativeStructure got = f.value(x);
      DerivativeStructure want = References.mixed(x);
      assertSame(got, want, 1);
      assertThat(f.value(values(x))).isEqualTo(Models.mixed(values(x)));
    }
  }

  /** Order 2 through the generated Hessian: every second partial along the free parameters. */
  @Test
  void twiceDifferentiableFunctionMatchesDerivativeStructureAtOrderTwo() {
    MultivariateDifferentiableFunction f =
        HipparchusAdapters.twiceDifferentiableFunction(ModelsDerivatives::mixedHessian);
    MultivariateDifferentiableFunction r =
        HipparchusAdapters.twiceDifferentiableFunction(ModelsDerivatives::rosenbrockHessian);
    for (double[] q : new double[][] {{0.3, -0.2}, {1.1, 0.7}, {-0.4, 0.9}}) {
      for (int order = 1; order <= 2; order++) {
        DerivativeStructure[] x = arguments(References.variables(q, order));
        assertSame(f.value(x), References.mixed(x), order);
        assertSame(r.value(x), References.rosenbrock(x), order);
      }
    }
  }

  @Test
  void ordersTheMethodCannotGiveAreRejected() {
    MultivariateDifferentiableFunction first = HipparchusAdapters.differentiableFunction(ModelsDerivatives::mixedGradient);
    MultivariateDifferentiableFunction second =
        HipparchusAdapters.twiceDifferentiableFunction(ModelsDerivatives::mixedHessian);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> first.value(References.variables(POINTS[0], 2)));
    assertThat(e).hasMessageThat().contains("twiceDifferentiableFunction");
    assertThrows(IllegalArgumentException.class, () -> second.value(References.variables(POINTS[0], 3)));
  }

  /** Conjugate gradients with the adapter reach the minimum they reach with DS gradients. */
  @Test
  void conjugateGradientMatchesOptimizerWithDerivativeStructureGradient() {
    MultivariateVectorFunction byDs = x -> {
      DerivativeStructure s = References.rosenbrock(References.variables(x, 1));
      double[] g = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        int[] orders = new int[x.length];
        orders[j] = 1;
        g[j] = s.getPartialDerivative(orders);
      }
      return g;
    };
    PointValuePair got = minimize(HipparchusAdapters.objectiveGradient(ModelsDerivatives::rosenbrockGradient));
    PointValuePair want = minimize(new ObjectiveFunctionGradient(byDs));
    assertThat(got.getPoint()).usingTolerance(1e-6).containsExactly(want.getPoint()).inOrder();
    assertThat(got.getPoint()).usingTolerance(1e-3).containsExactly(1.0, 1.0).inOrder();
  }

  private static PointValuePair minimize(ObjectiveFunctionGradient gradient) {
    NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14));
    return optimizer.optimize(new MaxEval(100_000), new ObjectiveFunction(Models::rosenbrock), gradient,
        GoalType.MINIMIZE, new InitialGuess(new double[] {-1.2, 1.0}));
  }

  /** Three arguments depending nonlinearly on the free parameters (a, b). */
  private static DerivativeStructure[] arguments(DerivativeStructure[] q) {
    return new DerivativeStructure[] {q[0].sin().add(q[1]), q[0].multiply(q[1]).add(0.5), q[1].exp().subtract(q[0])};
  }

  private static double[] values(DerivativeStructure[] x) {
    double[] v = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      v[j] = x[j].getValue();
    }
    return v;
  }

  private static void assertSame(DerivativeStructure got, DerivativeStructure want, int order) {
    assertThat(got.getOrder()).isEqualTo(order);
    double[] g = got.getAllDerivatives();
    double[] w = want.getAllDerivatives();
    assertThat(g.length).isEqualTo(w.length);
    for (int k = 0; k < g.length; k++) {
      assertThat(g[k]).isWithin(1e-12 * Math.max(1, Math.abs(w[k]))).of(w[k]);
    }
  }
}
