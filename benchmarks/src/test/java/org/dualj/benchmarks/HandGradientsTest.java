package org.dualj.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.dualj.benchmarks.functions.HandGradients;
import org.junit.jupiter.api.Test;

/**
 * The hand-written gradients the reverse-mode benchmarks compare with are exact: they equal the
 * generated forward-lane and reverse-mode gradients (written independently of them) to rounding at
 * every n the benchmarks run and at three points each, and central differences to their truncation
 * error at the small n. The automatic {@code fGradient} gives the same gradient, and the tape is
 * empty after every gradient.
 */
class HandGradientsTest {
  /** Every n the benchmark classes are run at: the main sizes and the crossover's. */
  static final int[] SIZES = {2, 3, 4, 6, 8, 10, 12, 16, 100, 1000};

  @Test
  void rosenbrock() {
    for (int n : SIZES) {
      ReverseRosenbrockBenchmark b = new ReverseRosenbrockBenchmark();
      b.n = n;
      check("rosenbrock", n, b, 1.0);
    }
  }

  @Test
  void ackley() {
    for (int n : SIZES) {
      ReverseAckleyBenchmark b = new ReverseAckleyBenchmark();
      b.n = n;
      check("ackley", n, b, 1.0);
    }
  }

  @Test
  void logistic() {
    for (int n : SIZES) {
      ReverseLogisticBenchmark b = new ReverseLogisticBenchmark();
      b.n = n;
      check("logistic", n, b, 1.0 / Math.sqrt(n));
    }
  }

  @Test
  void mlp() {
    for (int n : new int[] {10, 100, 1000}) {
      ReverseMlpBenchmark b = new ReverseMlpBenchmark();
      b.n = n;
      check("mlp", n, b, 0.3);
    }
  }

  @Test
  void mlpLargest() {
    ReverseMlpBenchmark b = new ReverseMlpBenchmark();
    b.n = 10000;
    b.setup();
    double[] hand = run(b::hand, b);
    double[] reverse = run(b::reverse, b);
    assertClose("mlp@10000 reverse", hand, reverse, 1e-12);
  }

  @Test
  void rosenbrockHessianVector() {
    for (int n : new int[] {2, 10, 100, 1000}) {
      HvRosenbrockBenchmark b = new HvRosenbrockBenchmark();
      b.n = n;
      b.setup();
      double[] hand = b.hand().clone();
      assertClose("hv rosenbrock@" + n + " reverse", hand, b.reverse(), 1e-12);
      assertClose("hv rosenbrock@" + n + " forward", hand, b.forward(), 1e-12);
      // the hand-written gradient, differenced along v
      double[] fd = centralAlong(b.x, b.v, (x, g) -> HandGradients.rosenbrock(x, g));
      assertClose("hv rosenbrock@" + n + " differences of the gradient", hand, fd, 1e-7);
      assertTrue(b.workspace().tape().isEmpty(), "tape not empty after H·v");
    }
  }

  @Test
  void ackleyHessianVector() {
    for (int n : new int[] {2, 10, 100, 1000}) {
      HvAckleyBenchmark b = new HvAckleyBenchmark();
      b.n = n;
      b.setup();
      double[] reverse = b.reverse().clone();
      double[] fd = centralAlong(b.x, b.v, (x, g) -> HandGradients.ackley(x, g));
      assertClose("hv ackley@" + n + " differences of the gradient", fd, reverse, 1e-6);
      assertClose("hv ackley@" + n + " forward", b.forward(), reverse, 1e-12);
    }
  }

  /** (∇f(x + h v) − ∇f(x − h v)) / 2h with the hand-written gradient, h = 1e-6. */
  private static double[] centralAlong(double[] x, double[] v, GradientFn grad) {
    double h = 1e-6;
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int i = 0; i < x.length; i++) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    double[] gp = new double[x.length];
    double[] gm = new double[x.length];
    grad.apply(plus, gp);
    grad.apply(minus, gm);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (gp[i] - gm[i]) / (2.0 * h);
    }
    return out;
  }

  interface GradientFn {
    void apply(double[] x, double[] g);
  }

  private static void check(String name, int n, ReverseCase b, double scale) {
    b.setup();
    double[] x = b.inputs();
    double[] noise = Inputs.uniform(x.length, -scale, scale, 1000 + n);
    for (int point = 0; point < 3; point++) {
      String at = name + "@" + n + " point " + point;
      if (point > 0) {
        for (int i = 0; i < x.length; i++) {
          x[i] += 0.1 * point * noise[i];
        }
      }
      double f = b.primal();
      double[] hand = run(b::hand, b);
      assertEquals(f, b.hand(), 1e-12 * Math.max(1.0, Math.abs(f)), at + " value");
      double[] forward = run(b::forward, b);
      double[] reverse = run(b::reverse, b);
      double[] automatic = run(b::automatic, b);
      assertClose(at + " forward", hand, forward, 1e-12);
      assertClose(at + " reverse", hand, reverse, 1e-12);
      assertClose(at + " automatic", hand, automatic, 1e-12);
      assertTrue(b.workspace().tape().isEmpty(), at + ": tape not empty after the gradients");
      if (n <= 16) {
        assertClose(at + " central differences", hand, central(b), 1e-6);
      }
    }
  }

  private static double[] run(Supplier<Double> variant, ReverseCase b) {
    java.util.Arrays.fill(b.gradient(), Double.NaN);
    variant.get();
    return b.gradient().clone();
  }

  /** Central differences of the primal, step 1e-5 max(|xᵢ|, 1). */
  private static double[] central(ReverseCase b) {
    double[] x = b.inputs();
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double h = 1e-5 * Math.max(Math.abs(xi), 1.0);
      x[i] = xi + h;
      double plus = b.primal();
      x[i] = xi - h;
      double minus = b.primal();
      x[i] = xi;
      g[i] = (plus - minus) / (2.0 * h);
    }
    return g;
  }

  /** Normwise: max |a − b| ≤ tol · max(max |a|, tiny). */
  private static void assertClose(String what, double[] expected, double[] actual, double tol) {
    double scale = 0.0;
    double err = 0.0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(err <= tol * Math.max(scale, 1e-300),
        what + ": max difference " + err + " against max |g| " + scale);
  }
}
