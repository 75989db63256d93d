package com.example.app;

import com.example.kinetics.Arrhenius;
import com.example.kinetics.Decay;
import org.dualj.annotations.Differentiable;

/**
 * Uses the rule of each module and a method of the library; checks the gradient against the
 * analytic one at several points and exits 1 if they differ.
 */
public final class Main {
  private Main() {}

  /** softplus(k(T)·x) + c(t) with c from Decay.concentration(1, T, x). */
  @Differentiable
  static double f(double temperature, double x) {
    return Softplus.of(Arrhenius.rate(temperature) * x * 1e-3) + Decay.concentration(1.0, temperature, x);
  }

  public static void main(String[] args) {
    double worst = 0;
    for (double[] p : new double[][] {{300, 0.5}, {450, 1.5}, {600, 0.1}}) {
      double temperature = p[0];
      double x = p[1];
      double[] gradient = MainDerivatives.fGradient(temperature, x);
      double k = 2.0e3 * Math.exp(-800.0 / temperature);
      double dk = k * 800.0 / (temperature * temperature);
      double u = k * x * 1e-3;
      double logistic = 1 / (1 + Math.exp(-u));
      double c = Math.exp(-k * x);
      double[] expected = {logistic * dk * x * 1e-3 - c * dk * x, logistic * k * 1e-3 - c * k};
      for (int j = 0; j < 2; j++) {
        double error = Math.abs(gradient[j] - expected[j]) / Math.max(1, Math.abs(expected[j]));
        worst = Math.max(worst, error);
      }
    }
    String layer = Main.class.getModule().getName() + " with " + Decay.class.getModule().getName();
    if (!(worst < 1e-13)) {
      System.out.println("JPMS: wrong gradient, largest relative error " + worst + " (" + layer + ")");
      System.exit(1);
    }
    System.out.println("JPMS: gradients of modules " + layer + " match the analytic ones (largest relative error "
        + worst + ")");
  }
}
