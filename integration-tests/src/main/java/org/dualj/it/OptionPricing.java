package org.dualj.it;

import org.dualj.annotations.Differentiable;
import org.hipparchus.special.Erf;
import org.hipparchus.util.FastMath;

/**
 * European option prices written as a pricing library writes them: argument checks that throw
 * with the offending values in the message, an {@code assert}, {@code FastMath}, a private
 * constant and a private helper for the normal distribution over Hipparchus's {@code Erf} (whose
 * derivative comes from the tangent rules in {@link ErfRules}: the one piece of opaque library
 * code). The derivatives are the Greeks.
 */
public final class OptionPricing {
  private static final double INV_SQRT2 = 0.7071067811865476;

  private OptionPricing() {}

  /**
   * The Black–Scholes price of a European call.
   *
   * @param spot S &gt; 0
   * @param strike K &gt; 0
   * @param rate r, continuously compounded
   * @param volatility σ &gt; 0
   * @param maturity T &gt; 0, in years
   */
  @Differentiable
  public static double call(
      double spot, double strike, double rate, double volatility, double maturity) {
    if (spot <= 0.0 || strike <= 0.0) {
      throw new IllegalArgumentException(
          "spot " + spot + " and strike " + strike + " must be positive");
    }
    if (volatility <= 0.0 || maturity <= 0.0) {
      throw new IllegalArgumentException(
          "volatility " + volatility + " and maturity " + maturity + " must be positive");
    }
    assert maturity < 1000.0 : "maturity " + maturity + " years";
    double sqrtT = FastMath.sqrt(maturity);
    double d1 =
        (FastMath.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity)
            / (volatility * sqrtT);
    double d2 = d1 - volatility * sqrtT;
    return spot * normalCdf(d1) - strike * FastMath.exp(-rate * maturity) * normalCdf(d2);
  }

  /** The Black–Scholes price of a European put, by put–call parity. */
  @Differentiable
  public static double put(
      double spot, double strike, double rate, double volatility, double maturity) {
    return call(spot, strike, rate, volatility, maturity)
        - spot
        + strike * FastMath.exp(-rate * maturity);
  }

  /**
   * Bachelier's (normal-model) price of a call on a forward F with normal volatility σ_N:
   * (F − K)·Φ(d) + σ_N·√T·φ(d), d = (F − K)/(σ_N·√T), discounted.
   */
  @Differentiable
  public static double bachelierCall(
      double forward, double strike, double normalVolatility, double maturity, double discount) {
    if (normalVolatility <= 0.0 || maturity <= 0.0) {
      throw new IllegalArgumentException(
          "volatility " + normalVolatility + " and maturity " + maturity + " must be positive");
    }
    double s = normalVolatility * FastMath.sqrt(maturity);
    double d = (forward - strike) / s;
    double density = FastMath.exp(-0.5 * d * d) / FastMath.sqrt(2.0 * FastMath.PI);
    return discount * ((forward - strike) * normalCdf(d) + s * density);
  }

  /** Φ(x) = erfc(−x/√2)/2, accurate in both tails. */
  private static double normalCdf(double x) {
    return 0.5 * Erf.erfc(-x * INV_SQRT2);
  }
}
