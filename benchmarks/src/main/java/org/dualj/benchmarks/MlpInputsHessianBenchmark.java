package org.dualj.benchmarks;

import org.dualj.benchmarks.functions.Mlp;
import org.dualj.benchmarks.functions.Mlp2;
import org.dualj.benchmarks.functions.Mlp2Derivatives;
import org.dualj.runtime.Workspace;
import org.hipparchus.CalculusFieldElement;
import org.openjdk.jmh.annotations.Setup;

/** Second order of the 10-20-1 network with respect to its 10 inputs (the data of MlpInputsBenchmark). */
public class MlpInputsHessianBenchmark extends SecondOrderBenchmark {
  public double[] w1;
  public double[] b1;
  public double[] w2;
  public double b2;

  @Override
  @Setup
  public void setup() {
    x = Inputs.uniform(Mlp.INPUTS, -1.0, 1.0, 42);
    w1 = Inputs.uniform(Mlp.INPUTS * Mlp.HIDDEN, -0.5, 0.5, 43);
    b1 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 44);
    w2 = Inputs.uniform(Mlp.HIDDEN, -0.5, 0.5, 45);
    b2 = 0.1;
    init();
  }

  @Override
  protected double f(double[] xs) {
    return Mlp2.inputs(xs, w1, b1, w2, b2);
  }

  @Override
  protected double gradientAt(double[] xs, double[] out) {
    return Mlp2Derivatives.inputsGradient(xs, w1, b1, w2, b2, out);
  }

  @Override
  protected double hessianWith(double[] g, double[][] h, Workspace w) {
    return Mlp2Derivatives.inputsHessian(x, w1, b1, w2, b2, g, h, w);
  }

  @Override
  protected double hessianWithout(double[] g, double[][] h) {
    return Mlp2Derivatives.inputsHessian(x, w1, b1, w2, b2, g, h);
  }

  @Override
  protected double[] hessianVector(double[] dir) {
    return Mlp2Derivatives.inputsHessianVector(x, w1, b1, w2, b2, dir);
  }

  @Override
  protected <T extends CalculusFieldElement<T>> T fT(T[] xs) {
    return Mlp.inputsT(xs, w1, b1, w2, b2);
  }
}
