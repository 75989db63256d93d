package org.dualj.it;

import org.dualj.annotations.Differentiable;

/**
 * Solver-style models behind a sealed interface, with a switch expression choosing the regime and
 * a counter updated from a double: nothing here is shaped for dualj.
 */
public final class Potentials {
  private Potentials() {}

  /** A radial potential energy V(r). */
  public sealed interface Potential permits Gravity, Spring, Screened {
    double energy(double r);
  }

  /** V = −μ / r. */
  public record Gravity(double mu) implements Potential {
    @Differentiable(order = 2)
    public double energy(double r) {
      return -mu / r;
    }
  }

  /** V = ½ k (r − r₀)². */
  public record Spring(double k, double r0) implements Potential {
    @Differentiable(order = 2)
    public double energy(double r) {
      double d = r - r0;
      return 0.5 * k * d * d;
    }
  }

  /** V = −q e^(−r/λ) / r (Yukawa). */
  public static final class Screened implements Potential {
    final double q; // package-private: the generated class reads it
    final double lambda;

    public Screened(double q, double lambda) {
      this.q = q;
      this.lambda = lambda;
    }

    @Differentiable(order = 2)
    public double energy(double r) {
      return -q * Math.exp(-r / lambda) / r;
    }
  }

  /** Kinetic minus potential energy, with a drag term chosen by regime. */
  @Differentiable(order = 2)
  public static double lagrangian(Potential potential, double r, double v, int regime) {
    int evaluations = 0;
    evaluations += 1.5 * regime; // a counter, never differentiated
    double drag = switch (regime) {
      case 0 -> 0.0;
      case 1 -> 0.1 * v * v;
      default -> {
        double s = Math.abs(v);
        yield 0.05 * s * s * s;
      }
    };
    return 0.5 * v * v - potential.energy(r) - drag + 0.0 * evaluations;
  }
}
