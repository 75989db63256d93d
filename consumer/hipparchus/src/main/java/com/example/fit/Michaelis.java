package com.example.fit;

import org.dualj.annotations.Differentiable;
import org.dualj.hipparchus.HipparchusAdapters;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;

/** Fits the Michaelis–Menten rate v = vmax·s/(km + s) to measured rates. */
public final class Michaelis {
  private Michaelis() {}

  /** The model at every substrate concentration s_i, parameters p = (vmax, km). */
  @Differentiable(wrt = "p")
  static double[] rates(double[] p, double[] s) {
    double[] v = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      v[i] = p[0] * s[i] / (p[1] + s[i]);
    }
    return v;
  }

  /** Levenberg–Marquardt from {@code start}, the Jacobian from dualj in one line. */
  public static Optimum fit(double[] s, double[] v, double[] start) {
    return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .model(HipparchusAdapters.leastSquaresModel(s.length, (p, j) -> MichaelisDerivatives.ratesJacobian(p, s, j)))
        .target(v)
        .start(start)
        .maxEvaluations(1000)
        .maxIterations(1000)
        .build());
  }
}
