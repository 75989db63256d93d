package org.dualj.it;

import org.dualj.annotations.Differentiable;

/**
 * Code that writes into arrays, which reverse mode takes since issue #12's coverage work: an ODE
 * right-hand side that fills {@code dy}, a vector normalised in place, an integrator step that
 * advances its state in place and returns the rates, a trajectory integrated through them with a
 * log of each step (an effect that must happen once), and weights refilled by a method without
 * derivative.
 */
public final class ReverseWrites {
  private ReverseWrites() {}

  /** How many steps {@link #trajectoryCost} logged since the last reset. */
  static int logged;

  static void log(int step) {
    logged++;
  }

  /** A damped pendulum: fills {@code dy} with (θ', θ''), returns its energy. */
  @Differentiable
  public static double pendulum(double t, double[] y, double[] dy) {
    dy[0] = y[1];
    dy[1] = -Math.sin(y[0]) - 0.2 * y[1] * Math.cos(t);
    return 0.5 * y[1] * y[1] + 1 - Math.cos(y[0]);
  }

  /** Normalises {@code x} in place; returns the norm times a function of the unit vector. */
  @Differentiable
  public static double normalise(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    double n = Math.sqrt(s);
    for (int i = 0; i < x.length; i++) {
      x[i] /= n;
    }
    return n * (x[0] + Math.exp(x[x.length - 1]));
  }

  /** A midpoint step of the pendulum: advances {@code y} in place, returns the rates used. */
  @Differentiable
  public static double[] midpoint(double[] y, double t, double h) {
    double[] k = new double[2];
    pendulum(t, y, k);
    double[] mid = {y[0] + 0.5 * h * k[0], y[1] + 0.5 * h * k[1]};
    double[] rates = new double[2];
    pendulum(t + 0.5 * h, mid, rates);
    y[0] += h * rates[0];
    y[1] += h * rates[1];
    return rates;
  }

  /**
   * Integrates the pendulum from {@code y0} in {@code steps} midpoint steps, logging each, and
   * returns the final energy plus the squared distance of the final angle from 1.
   */
  @Differentiable
  public static double trajectoryCost(double[] y0, int steps) {
    double[] y = y0.clone();
    double t = 0;
    double h = 0.1;
    double e = 0;
    for (int k = 0; k < steps; k++) {
      double[] rates = midpoint(y, t, h);
      e += 0.01 * rates[1] * rates[1];
      log(k);
      t += h;
    }
    double[] dy = new double[2];
    double energy = pendulum(t, y, dy);
    return energy + (y[0] - 1) * (y[0] - 1) + e;
  }

  /** Writes the weights 1 / (i + k) into {@code w}: a method without derivative. */
  static void weights(double[] w, int k) {
    for (int i = 0; i < w.length; i++) {
      w[i] = 1.0 / (i + k);
    }
  }

  /** A sum weighted by weights refilled three times, each read by the reverse sweep. */
  @Differentiable
  public static double reweighted(double[] x) {
    double[] w = new double[x.length];
    double s = 0;
    for (int k = 1; k <= 3; k++) {
      weights(w, k);
      for (int i = 0; i < x.length; i++) {
        s += w[i] * Math.sin(x[i] * w[i] * k);
      }
    }
    return s;
  }
}
