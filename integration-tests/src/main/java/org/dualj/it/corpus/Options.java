package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * Option pricing as a pricing library writes it: Black–Scholes and Bachelier prices with
 * argument checks, the normal distribution from {@link ErrorFunctions}, and the Black–Scholes
 * implied volatility by a safeguarded Newton iteration whose failure throws.
 */
public final class Options {
  private static final double MAX_VOLATILITY = 10.0;

  private Options() {}

  /** Black–Scholes price of a call (isCall) or put on a non-dividend stock. */
  @Differentiable(order = 2)
  public static double blackScholes(
      boolean isCall, double spot, double strike, double rate, double volatility, double maturity) {
    checkPositive("spot", spot);
    checkPositive("strike", strike);
    checkPositive("volatility", volatility);
    checkPositive("maturity", maturity);
    double stdDev = volatility * FastMath.sqrt(maturity);
    double d1 = (FastMath.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity) / stdDev;
    double d2 = d1 - stdDev;
    double discountedStrike = strike * FastMath.exp(-rate * maturity);
    if (isCall) {
      return spot * ErrorFunctions.normalCdf(d1) - discountedStrike * ErrorFunctions.normalCdf(d2);
    }
    return discountedStrike * ErrorFunctions.normalCdf(-d2) - spot * ErrorFunctions.normalCdf(-d1);
  }

  /** Bachelier (normal model) price of a call on a forward, discounted by df. */
  @Differentiable(order = 2)
  public static double bachelierCall(
      double forward, double strike, double normalVol, double maturity, double df) {
    checkPositive("normal volatility", normalVol);
    checkPositive("maturity", maturity);
    double s = normalVol * FastMath.sqrt(maturity);
    double d = (forward - strike) / s;
    return df * ((forward - strike) * ErrorFunctions.normalCdf(d) + s * ErrorFunctions.normalPdf(d));
  }

  /**
   * The volatility at which {@link #blackScholes} gives the call price.
   *
   * @throws IllegalArgumentException if the price is outside the no-arbitrage bounds
   * @throws ArithmeticException if the iteration does not converge
   */
  @Differentiable(wrt = {"price", "spot"})
  public static double impliedVolatility(
      double price, double spot, double strike, double rate, double maturity) {
    double intrinsic = FastMath.max(0.0, spot - strike * FastMath.exp(-rate * maturity));
    if (price <= intrinsic || price >= spot) {
      throw new IllegalArgumentException(
          "call price " + price + " outside (" + intrinsic + ", " + spot + ")");
    }
    double sigma = FastMath.sqrt(2.0 * FastMath.abs(FastMath.log(spot / strike) + rate * maturity) / maturity);
    if (sigma < 0.1) {
      sigma = 0.1;
    }
    for (int i = 0; i < 100; i++) {
      double diff = blackScholes(true, spot, strike, rate, sigma, maturity) - price;
      double stdDev = sigma * FastMath.sqrt(maturity);
      double d1 = (FastMath.log(spot / strike) + (rate + 0.5 * sigma * sigma) * maturity) / stdDev;
      double vega = spot * ErrorFunctions.normalPdf(d1) * FastMath.sqrt(maturity);
      double step = diff / vega;
      sigma = FastMath.min(MAX_VOLATILITY, FastMath.max(1e-8, sigma - step));
      if (FastMath.abs(step) < 1e-12 * sigma) {
        return sigma;
      }
    }
    throw new ArithmeticException("implied volatility did not converge for price " + price);
  }

  private static void checkPositive(String name, double value) {
    if (!(value > 0.0)) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
