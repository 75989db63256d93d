package org.dualj.benchmarks;

import java.util.SplittableRandom;

/** Deterministic benchmark inputs. */
final class Inputs {
  private Inputs() {}

  /** n values uniform in [lo, hi), from a fixed seed. */
  static double[] uniform(int n, double lo, double hi, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    return x;
  }

  /** A unit direction with entries of both signs, from a fixed seed. */
  static double[] direction(int n, long seed) {
    double[] d = uniform(n, -1.0, 1.0, seed);
    double norm = 0.0;
    for (double v : d) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      d[i] /= norm;
    }
    return d;
  }
}
