package org.dualj.hipparchus;

import static com.google.common.truth.Truth.assertThat;

import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** {@link HipparchusAdapters#odeWithJacobian}: Van der Pol's state transition matrix. */
class OdeAdapterTest {
  private static final double[][] STARTS = {{2.0, 0.0}, {0.5, -1.0}, {-1.2, 0.8}};
  private static final double T_END = 3.0;

  private static ODEJacobiansProvider adapted() {
    return HipparchusAdapters.odeWithJacobian(2, Models::vanDerPol, ModelsDerivatives::vanDerPolJacobian);
  }

  /** The reference provider: the Jacobian from the same right-hand side in DerivativeStructure arithmetic. */
  private static ODEJacobiansProvider byDerivativeStructure() {
    return new ODEJacobiansProvider() {
      @Override
      public int getDimension() {
        return 2;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        return Models.vanDerPol(t, y);
      }

      @Override
      public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
        DerivativeStructure[] f = References.vanDerPol(References.variables(y, 1));
        return References.jacobian(f, 2);
      }
    };
  }

  /** Final state and ∂y(T)/∂y(0), integrated with Hipparchus's variational equations. */
  private static double[][] integrate(ODEJacobiansProvider ode, double[] y0) {
    ExpandableODE expandable = new ExpandableODE(ode);
    VariationalEquation variational = new VariationalEquation(expandable, ode);
    ODEState start = variational.setUpInitialState(new ODEState(0.0, y0));
    DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-12);
    ODEStateAndDerivative end = integrator.integrate(expandable, start, T_END);
    double[][] phi = variational.extractMainSetJacobian(end);
    double[] y = end.getPrimaryState();
    return new double[][] {y, phi[0], phi[1]};
  }

  @Test
  void jacobianMatchesDerivativeStructure() {
    for (double[] y : STARTS) {
      double[][] got = adapted().computeMainStateJacobian(0.7, y, null);
      double[][] want = byDerivativeStructure().computeMainStateJacobian(0.7, y, null);
      for (int i = 0; i < 2; i++) {
        assertThat(got[i]).usingTolerance(1e-14).containsExactly(want[i]).inOrder();
      }
      assertThat(adapted().computeDerivatives(0.7, y)).isEqualTo(Models.vanDerPol(0.7, y));
    }
  }

  @Test
  void stateTransitionMatrixMatchesHipparchusWithDerivativeStructureJacobian() {
    for (double[] y0 : STARTS) {
      double[][] got = integrate(adapted(), y0);
      double[][] want = integrate(byDerivativeStructure(), y0);
      for (int i = 0; i < 3; i++) {
        assertThat(got[i]).usingTolerance(1e-10).containsExactly(want[i]).inOrder();
      }
    }
  }

  /** An independent check: the sensitivities against central differences of the integrated flow. */
  @Test
  void stateTransitionMatrixMatchesDifferencesOfTheFlow() {
    double h = 1e-5;
    for (double[] y0 : STARTS) {
      double[][] got = integrate(adapted(), y0);
      for (int j = 0; j < 2; j++) {
        double[] plus = y0.clone();
        double[] minus = y0.clone();
        plus[j] += h;
        minus[j] -= h;
        double[] yPlus = integrate(adapted(), plus)[0];
        double[] yMinus = integrate(adapted(), minus)[0];
        for (int i = 0; i < 2; i++) {
          double difference = (yPlus[i] - yMinus[i]) / (2 * h);
          assertThat(got[1 + i][j]).isWithin(1e-5 * Math.max(1, Math.abs(difference))).of(difference);
        }
      }
    }
  }
}
