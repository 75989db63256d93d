package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

class MichaelisTest {
  private static final double[] S = {0.02, 0.06, 0.11, 0.22, 0.56, 1.10, 2.0, 4.0};

  /** Exact data: the fit recovers the parameters. */
  @Test
  void recoversExactParameters() {
    double[] v = Michaelis.rates(new double[] {0.2, 0.06}, S);
    Optimum optimum = Michaelis.fit(S, v, new double[] {0.1, 0.1});
    assertArrayEquals(new double[] {0.2, 0.06}, optimum.getPoint().toArray(), 1e-10);
  }

  /** Noisy data: the same optimum as Hipparchus with the Jacobian written by hand. */
  @Test
  void matchesHandWrittenJacobian() {
    double[] v = Michaelis.rates(new double[] {0.2, 0.06}, S);
    double[] noise = {0.003, -0.002, 0.001, -0.004, 0.002, 0.001, -0.003, 0.002};
    for (int i = 0; i < v.length; i++) {
      v[i] += noise[i];
    }
    Optimum got = Michaelis.fit(S, v, new double[] {0.1, 0.1});
    Optimum want = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .model(p -> {
          double vmax = p.getEntry(0);
          double km = p.getEntry(1);
          double[] values = new double[S.length];
          double[][] jacobian = new double[S.length][2];
          for (int i = 0; i < S.length; i++) {
            values[i] = vmax * S[i] / (km + S[i]);
            jacobian[i][0] = S[i] / (km + S[i]);
            jacobian[i][1] = -vmax * S[i] / ((km + S[i]) * (km + S[i]));
          }
          return new Pair<>(new ArrayRealVector(values), new Array2DRowRealMatrix(jacobian));
        })
        .target(v)
        .start(new double[] {0.1, 0.1})
        .maxEvaluations(1000)
        .maxIterations(1000)
        .build());
    assertArrayEquals(want.getPoint().toArray(), got.getPoint().toArray(), 1e-10);
    assertEquals(want.getRMS(), got.getRMS(), 1e-14);
  }
}
