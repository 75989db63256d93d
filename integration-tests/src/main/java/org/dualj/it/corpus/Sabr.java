package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * Hagan's SABR approximation of the Black implied volatility, with the usual special case near
 * the money where z/x(z) is replaced by its Taylor expansion, and checks on the parameters.
 */
public final class Sabr {
  /** Below this |z| the ratio z/x(z) is taken from its series. */
  private static final double Z_SMALL = 1e-5;

  private Sabr() {}

  /**
   * σ_B(F, K) for forward F, strike K, expiry T and SABR parameters α &gt; 0, 0 ≤ β ≤ 1,
   * −1 &lt; ρ &lt; 1, ν ≥ 0.
   */
  @Differentiable
  public static double impliedVolatility(
      double forward, double strike, double expiry, double alpha, double beta, double rho, double nu) {
    if (forward <= 0.0 || strike <= 0.0) {
      throw new IllegalArgumentException("forward " + forward + " and strike " + strike + " must be positive");
    }
    if (alpha <= 0.0 || nu < 0.0 || beta < 0.0 || beta > 1.0 || FastMath.abs(rho) >= 1.0) {
      throw new IllegalArgumentException(
          "bad SABR parameters alpha=" + alpha + " beta=" + beta + " rho=" + rho + " nu=" + nu);
    }
    double oneMinusBeta = 1.0 - beta;
    double logFK = FastMath.log(forward / strike);
    double fkBeta = FastMath.pow(forward * strike, 0.5 * oneMinusBeta);
    double logFK2 = logFK * logFK;
    double omb2 = oneMinusBeta * oneMinusBeta;
    double denominator = fkBeta * (1.0 + omb2 / 24.0 * logFK2 + omb2 * omb2 / 1920.0 * logFK2 * logFK2);
    double z = nu / alpha * fkBeta * logFK;
    double ratio;
    if (FastMath.abs(z) < Z_SMALL) {
      ratio = 1.0 - 0.5 * rho * z + (2.0 - 3.0 * rho * rho) / 12.0 * z * z;
    } else {
      double root = FastMath.sqrt(1.0 - 2.0 * rho * z + z * z);
      double x = FastMath.log((root + z - rho) / (1.0 - rho));
      ratio = z / x;
    }
    double correction = 1.0
        + (omb2 / 24.0 * alpha * alpha / (fkBeta * fkBeta)
                + 0.25 * rho * beta * nu * alpha / fkBeta
                + (2.0 - 3.0 * rho * rho) / 24.0 * nu * nu)
            * expiry;
    return alpha / denominator * ratio * correction;
  }
}
