package org.dualj.hipparchus;

import java.util.Objects;
import org.hipparchus.analysis.MultivariateVectorFunction;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableFunction;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableVectorFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * One-line adapters from the gradient, Jacobian and Hessian methods dualj generates to the
 * interfaces of Hipparchus:
 *
 * <pre>{@code
 * // Levenberg–Marquardt / Gauss–Newton
 * new LeastSquaresBuilder().model(
 *     HipparchusAdapters.leastSquaresModel(t.length, (p, j) -> FitDerivatives.modelJacobian(p, t, j)))
 * // stiff ODE solvers and variational equations
 * HipparchusAdapters.odeWithJacobian(2, Ode::rhs, OdeDerivatives::rhsJacobian)
 * // gradient-based optimizers
 * new ObjectiveFunctionGradient(HipparchusAdapters.gradient(ModelDerivatives::fGradient))
 * }</pre>
 *
 * <p>Every call of an adapter allocates fresh result arrays: Hipparchus keeps the vectors and
 * matrices it is given (an optimizer keeps the Jacobian of an earlier evaluation), so they must not
 * be overwritten later.
 */
public final class HipparchusAdapters {
  private HipparchusAdapters() {}

  /**
   * A least-squares model ({@code LeastSquaresBuilder.model}) with {@code rows} observations from a
   * generated Jacobian method: each evaluation returns the values and the {@code rows × n}
   * Jacobian of one call, n being the number of parameters of the point evaluated.
   */
  public static MultivariateJacobianFunction leastSquaresModel(int rows, JacobianFunction model) {
    Objects.requireNonNull(model, "model");
    requirePositive(rows, "rows");
    return point -> {
      double[] x = point.toArray();
      double[][] jacobian = new double[rows][x.length];
      double[] values = model.value(x, jacobian);
      requireLength(values, rows, "the model");
      RealVector v = new ArrayRealVector(values, false);
      RealMatrix j = new Array2DRowRealMatrix(jacobian, false);
      return new Pair<>(v, j);
    };
  }

  /**
   * An ODE {@code dy/dt = f(t, y)} of {@code dimension} states whose Jacobian ∂f/∂y comes from a
   * generated Jacobian method, for {@code VariationalEquation} (state transition matrices) and
   * solvers that want the Jacobian. Differentiate the right-hand side with respect to the state
   * only: {@code @Differentiable(wrt = "y") static double[] rhs(double t, double[] y)}.
   */
  public static ODEJacobiansProvider odeWithJacobian(
      int dimension, OdeFunction rhs, OdeJacobianFunction jacobian) {
    Objects.requireNonNull(rhs, "rhs");
    Objects.requireNonNull(jacobian, "jacobian");
    requirePositive(dimension, "dimension");
    return new ODEJacobiansProvider() {
      @Override
      public int getDimension() {
        return dimension;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        double[] yDot = rhs.value(t, y);
        requireLength(yDot, dimension, "the right-hand side");
        return yDot;
      }

      @Override
      public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
        double[][] out = new double[dimension][dimension];
        requireLength(jacobian.value(t, y, out), dimension, "the Jacobian method");
        return out;
      }
    };
  }

  /** The gradient of f as a {@link MultivariateVectorFunction}, from a generated gradient method. */
  public static MultivariateVectorFunction gradient(GradientFunction f) {
    Objects.requireNonNull(f, "f");
    return x -> {
      double[] g = new double[x.length];
      f.value(x, g);
      return g;
    };
  }

  /** The gradient of f for Hipparchus's gradient-based optimizers (with {@code new ObjectiveFunction(Model::f)}). */
  public static ObjectiveFunctionGradient objectiveGradient(GradientFunction f) {
    return new ObjectiveFunctionGradient(gradient(f));
  }

  /**
   * f as a {@link MultivariateDifferentiableFunction} of derivation order 1, from a generated
   * gradient method: given {@code DerivativeStructure} arguments that depend on any free
   * parameters, the result carries the first derivatives along those parameters (the chain rule
   * through the gradient). Arguments of order 2 or more are rejected, since a gradient cannot
   * give second derivatives: use {@link #twiceDifferentiableFunction} with an {@code order = 2}
   * method.
   */
  public static MultivariateDifferentiableFunction differentiableFunction(GradientFunction f) {
    Objects.requireNonNull(f, "f");
    return new MultivariateDifferentiableFunction() {
      @Override
      public double value(double[] x) {
        return f.value(x, new double[x.length]);
      }

      @Override
      public DerivativeStructure value(DerivativeStructure[] x) {
        requireOrder(x, 1, "a gradient method (fGradient) gives first derivatives only; use"
            + " twiceDifferentiableFunction with fHessian for order 2");
        double[] point = values(x);
        double[] g = new double[x.length];
        double value = f.value(point, g);
        return taylor(x, point, value, g, null);
      }
    };
  }

  /**
   * f as a {@link MultivariateDifferentiableFunction} of derivation order up to 2, from the
   * generated {@code fHessian(x, gradientOut, hessianOut)} of an {@code order = 2} method: the
   * result is the second-order Taylor polynomial of f composed with the arguments, which gives
   * exactly the first and second derivatives along the arguments' free parameters.
   */
  public static MultivariateDifferentiableFunction twiceDifferentiableFunction(HessianFunction f) {
    Objects.requireNonNull(f, "f");
    return new MultivariateDifferentiableFunction() {
      @Override
      public double value(double[] x) {
        return f.value(x, new double[x.length], new double[x.length][x.length]);
      }

      @Override
      public DerivativeStructure value(DerivativeStructure[] x) {
        requireOrder(x, 2, "a Hessian method (fHessian) gives derivatives up to order 2");
        double[] point = values(x);
        double[] g = new double[x.length];
        double[][] h = new double[x.length][x.length];
        double value = f.value(point, g, h);
        return taylor(x, point, value, g, h);
      }
    };
  }

  /**
   * g as a {@link MultivariateDifferentiableVectorFunction} of derivation order 1 with {@code rows}
   * outputs, from a generated Jacobian method (the chain rule through the Jacobian).
   */
  public static MultivariateDifferentiableVectorFunction differentiableVectorFunction(
      int rows, JacobianFunction g) {
    Objects.requireNonNull(g, "g");
    requirePositive(rows, "rows");
    return new MultivariateDifferentiableVectorFunction() {
      @Override
      public double[] value(double[] x) {
        double[] values = g.value(x, new double[rows][x.length]);
        requireLength(values, rows, "the function");
        return values;
      }

      @Override
      public DerivativeStructure[] value(DerivativeStructure[] x) {
        requireOrder(x, 1, "a Jacobian method gives first derivatives only");
        double[] point = values(x);
        double[][] jacobian = new double[rows][x.length];
        double[] values = g.value(point, jacobian);
        requireLength(values, rows, "the function");
        DerivativeStructure[] out = new DerivativeStructure[rows];
        for (int i = 0; i < rows; i++) {
          out[i] = taylor(x, point, values[i], jacobian[i], null);
        }
        return out;
      }
    };
  }

  /**
   * {@code value + Σ g_j d_j + ½ Σ h_jk d_j d_k} with {@code d_j = x_j − point_j}: the arguments'
   * derivatives enter only through the d's, which are 0 in value, so the truncated Taylor
   * arithmetic of {@code DerivativeStructure} gives the exact derivatives of the composition up
   * to the order the polynomial has (1 without h, 2 with it).
   */
  private static DerivativeStructure taylor(
      DerivativeStructure[] x, double[] point, double value, double[] g, double[][] h) {
    DerivativeStructure[] d = new DerivativeStructure[x.length];
    for (int j = 0; j < x.length; j++) {
      d[j] = x[j].subtract(point[j]);
    }
    DerivativeStructure result = x[0].getFactory().constant(value);
    for (int j = 0; j < x.length; j++) {
      double slope = g[j];
      DerivativeStructure term = d[j].multiply(slope);
      if (h != null) {
        DerivativeStructure half = d[j].getFactory().constant(0.0);
        for (int k = 0; k < x.length; k++) {
          half = half.add(d[k].multiply(0.5 * h[j][k]));
        }
        term = term.add(d[j].multiply(half));
      }
      result = result.add(term);
    }
    return result;
  }

  private static double[] values(DerivativeStructure[] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("no arguments: a DerivativeStructure function needs at least one");
    }
    double[] point = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      point[j] = x[j].getValue();
    }
    return point;
  }

  private static void requireOrder(DerivativeStructure[] x, int max, String why) {
    for (DerivativeStructure xj : x) {
      if (xj.getOrder() > max) {
        throw new IllegalArgumentException(
            "derivation order " + xj.getOrder() + " requested, at most " + max + ": " + why);
      }
    }
  }

  private static void requirePositive(int n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + n);
    }
  }

  private static void requireLength(double[] values, int expected, String what) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(
          what + " returned " + (values == null ? "null" : values.length + " values")
              + " where " + expected + " were declared");
    }
  }
}
