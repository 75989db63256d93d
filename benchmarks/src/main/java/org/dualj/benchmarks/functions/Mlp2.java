package org.dualj.benchmarks.functions;

import org.dualj.annotations.Differentiable;

/** {@link Mlp#inputs} with {@code order = 2}: the Hessian with respect to the 10 inputs. */
public final class Mlp2 {
  private Mlp2() {}

  @Differentiable(wrt = "x", order = 2)
  public static double inputs(double[] x, double[] w1, double[] b1, double[] w2, double b2) {
    int nIn = x.length;
    double out = b2;
    for (int j = 0; j < b1.length; j++) {
      double z = b1[j];
      for (int i = 0; i < nIn; i++) {
        z += w1[j * nIn + i] * x[i];
      }
      double h = 1.0 / (1.0 + Math.exp(-z));
      out += w2[j] * h;
    }
    return out;
  }
}
