package org.dualj.it;

import org.dualj.annotations.Differentiable;

/** The model of the Levenberg-Marquardt client test: y(t) = a·exp(−b·t) + c·sin(ω·t). */
public final class DecayFit {
  private DecayFit() {}

  /**
   * Residuals model(tᵢ) − yᵢ over the data (t, y), differentiated with respect to the parameters
   * only: Jacobian rows are the data points, columns (a, b, c, omega).
   */
  @Differentiable(wrt = {"a", "b", "c", "omega"})
  public static double[] residuals(double a, double b, double c, double omega, double[] t,
      double[] y) {
    double[] r = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      r[i] = a * Math.exp(-b * t[i]) + c * Math.sin(omega * t[i]) - y[i];
    }
    return r;
  }
}
