package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.runtime.Workspace;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSCompiler;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The second-order variants of one {@code @Differentiable(order = 2)} function; a subclass per
 * function supplies the inputs and the calls (JMH runs the inherited {@code @Benchmark} methods
 * under the subclass's name). Every variant writes the gradient into {@link #grad} and the Hessian
 * into {@link #hess}, or H·v into {@link #hv}, so that {@code SecondOrderCheck} can compare them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class SecondOrderBenchmark {
  /** The gradient, written by every variant that computes it. */
  public double[] grad;

  /** The Hessian, rows and columns as for the gradient. */
  public double[][] hess;

  /** H·v, written by the Hessian-vector variants. */
  public double[] hv;

  /** The direction v of H·v, a unit vector. */
  public double[] v;

  /** The differentiated inputs (a copy for the seed example's two scalars). */
  public double[] x;

  /** The workspace of the fast path, reused across calls. */
  public Workspace work;

  double[] fdX;
  double[] gPlus;
  double[] gMinus;
  DSFactory factory;
  /** hessIndex[i][j]: the index of ∂²f/∂xᵢ∂xⱼ in {@code getAllDerivatives()}. */
  int[][] hessIndex;
  /** gradIndex[i]: the index of ∂f/∂xᵢ (at order 2 the first derivatives are not at 1..n). */
  int[] gradIndex;

  /** The inputs; subclasses call it from their {@code @Setup} after setting {@link #x}. */
  protected void init() {
    int n = x.length;
    v = Inputs.direction(n, 7);
    grad = new double[n];
    hess = new double[n][n];
    hv = new double[n];
    work = new Workspace();
    fdX = x.clone();
    gPlus = new double[n];
    gMinus = new double[n];
    factory = new DSFactory(n, 2);
    DSCompiler compiler = factory.getCompiler();
    hessIndex = new int[n][n];
    gradIndex = new int[n];
    for (int i = 0; i < n; i++) {
      int[] first = new int[n];
      first[i] = 1;
      gradIndex[i] = compiler.getPartialDerivativeIndex(first);
      for (int j = 0; j < n; j++) {
        int[] orders = new int[n];
        orders[i]++;
        orders[j]++;
        hessIndex[i][j] = compiler.getPartialDerivativeIndex(orders);
      }
    }
  }

  /** Prepares the inputs; JMH calls it once per trial (subclasses annotate it with @Setup). */
  public abstract void setup();

  /** Number of differentiated inputs. */
  public int columns() {
    return x.length;
  }

  // ------------------------------------------------------------- the function's calls

  /** f at {@code xs} (the primal). */
  protected abstract double f(double[] xs);

  /** The generated filling-form gradient {@code fGradient(…, out)} of the order-2 function. */
  protected abstract double gradientAt(double[] xs, double[] out);

  /** {@code fHessian(…, gradientOut, hessianOut, work)}. */
  protected abstract double hessianWith(double[] g, double[][] h, Workspace w);

  /** {@code fHessian(…, gradientOut, hessianOut)}. */
  protected abstract double hessianWithout(double[] g, double[][] h);

  /** {@code fHessianVector(…, v)}. */
  protected abstract double[] hessianVector(double[] dir);

  /** f over Hipparchus field elements, one element per differentiated input. */
  protected abstract <T extends CalculusFieldElement<T>> T fT(T[] xs);

  // ------------------------------------------------------------- the variants

  @Benchmark
  public double primal() {
    return f(x);
  }

  /** The generated gradient of the same (order-2) function: the Hessian ÷ gradient baseline. */
  @Benchmark
  public double gradient() {
    return gradientAt(x, grad);
  }

  /** The product's fast path: the filling form with a reused workspace. */
  @Benchmark
  public double hessianWorkspace() {
    return hessianWith(grad, hess, work);
  }

  /** The filling form without a workspace (it allocates a new one per call). */
  @Benchmark
  public double hessian() {
    return hessianWithout(grad, hess);
  }

  @Benchmark
  public double[] hessianVector() {
    double[] r = hessianVector(v);
    hv = r;
    return r;
  }

  /** Hipparchus {@code DerivativeStructure} of order 2 in n parameters: the whole Hessian at once. */
  @Benchmark
  public double hipparchusDS() {
    int n = x.length;
    DerivativeStructure[] vars = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      vars[i] = factory.variable(i, x[i]);
    }
    DerivativeStructure y = fT(vars);
    double[] all = y.getAllDerivatives();
    for (int i = 0; i < n; i++) {
      grad[i] = all[gradIndex[i]];
      double[] row = hess[i];
      int[] idx = hessIndex[i];
      for (int j = 0; j < n; j++) {
        row[j] = all[idx[j]];
      }
    }
    return all[0];
  }

  /**
   * Hipparchus forward over forward for H·v: {@code FieldGradient<Gradient>}, the outer gradient
   * with respect to the n inputs, each input a {@code Gradient} in one parameter t along v (value
   * xᵢ, derivative vᵢ); (H·v)ᵢ is the t-derivative of the outer partial i.
   */
  @Benchmark
  public double[] hipparchusHessianVector() {
    int n = x.length;
    @SuppressWarnings("unchecked")
    FieldGradient<Gradient>[] vars = new FieldGradient[n];
    for (int i = 0; i < n; i++) {
      vars[i] = FieldGradient.variable(n, i, new Gradient(x[i], v[i]));
    }
    FieldGradient<Gradient> y = fT(vars);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = y.getPartialDerivative(i).getPartialDerivative(0);
    }
    hv = r;
    return r;
  }

  /**
   * Central finite differences of the generated gradient, one column per input (2n gradient
   * evaluations): H[i][j] = (gᵢ(x + hⱼeⱼ) − gᵢ(x − hⱼeⱼ)) / ((xⱼ + hⱼ) − (xⱼ − hⱼ)), hⱼ = ∛ε ·
   * max(|xⱼ|, 1); not symmetrized.
   */
  @Benchmark
  public double finiteDiffGradient() {
    int n = x.length;
    double[] xs = fdX;
    for (int j = 0; j < n; j++) {
      double xj = xs[j];
      double h = Fd.step(xj);
      double plus = xj + h;
      double minus = xj - h;
      xs[j] = plus;
      gradientAt(xs, gPlus);
      xs[j] = minus;
      gradientAt(xs, gMinus);
      xs[j] = xj;
      double d = plus - minus;
      for (int i = 0; i < n; i++) {
        hess[i][j] = (gPlus[i] - gMinus[i]) / d;
      }
    }
    return hess[n - 1][n - 1];
  }
}
