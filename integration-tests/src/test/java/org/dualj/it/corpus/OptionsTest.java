package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.Workspace;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Black–Scholes and Bachelier prices against their closed-form Greeks (first and second order),
 * the implied volatility's Newton iterations against 1/vega and −delta/vega, and Hagan's SABR
 * volatility against the same formula evaluated in Hipparchus {@code DerivativeStructure}, on both
 * sides of its at-the-money switch.
 */
class OptionsTest {
  private static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2.0));
  }

  private static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI);
  }

  /** {spot, strike, rate, volatility, maturity}: at, in and out of the money, short and long. */
  private static final double[][] MARKETS = {
    {100, 100, 0.03, 0.2, 1.0}, {100, 60, 0.01, 0.35, 0.25}, {100, 180, 0.05, 0.15, 2.0},
    {3.2, 3.0, -0.005, 0.6, 0.01}, {100, 100.0001, 0.0, 0.9, 30.0}
  };

  @Test
  void blackScholesGreeksFromEveryEntryPoint() {
    Workspace work = new Workspace();
    for (boolean isCall : new boolean[] {true, false}) {
      for (double[] m : MARKETS) {
        double s = m[0];
        double k = m[1];
        double r = m[2];
        double v = m[3];
        double t = m[4];
        String at = (isCall ? "call " : "put ") + java.util.Arrays.toString(m);
        double sqrtT = Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * v * v) * t) / (v * sqrtT);
        double d2 = d1 - v * sqrtT;
        double df = Math.exp(-r * t);
        double vega = s * pdf(d1) * sqrtT;
        double[] greeks = isCall
            ? new double[] {cdf(d1), -df * cdf(d2), k * t * df * cdf(d2), vega,
                s * pdf(d1) * v / (2 * sqrtT) + r * k * df * cdf(d2)}
            : new double[] {cdf(d1) - 1.0, df * cdf(-d2), -k * t * df * cdf(-d2), vega,
                s * pdf(d1) * v / (2 * sqrtT) - r * k * df * cdf(-d2)};
        double[] g = OptionsDerivatives.blackScholesGradient(isCall, s, k, r, v, t);
        Oracles.close("gradient " + at, g, greeks, 1e-11);
        double[] fwd = new double[5];
        OptionsDerivatives.blackScholesGradientForward(isCall, s, k, r, v, t, fwd, work);
        Oracles.close("forward " + at, fwd, greeks, 1e-11);
        Oracles.close("reverse " + at,
            OptionsDerivatives.blackScholesGradientReverse(isCall, s, k, r, v, t), greeks, 1e-11);
        Dual vegaDual = OptionsDerivatives.blackScholes(isCall, Dual.constant(s), Dual.constant(k),
            Dual.constant(r), Dual.variable(v), Dual.constant(t));
        Check.close("Dual vega " + at, vegaDual.tangent(), vega, 1e-11);
        DualVector lanes = OptionsDerivatives.blackScholes(isCall, DualVector.variable(s, 0, 2),
            DualVector.constant(k, 2), DualVector.constant(r, 2), DualVector.variable(v, 1, 2),
            DualVector.constant(t, 2));
        Check.close("DualVector delta " + at, lanes.tangent(0), greeks[0], 1e-11);
        Check.close("DualVector vega " + at, lanes.tangent(1), vega, 1e-11);
        // second order: gamma, vanna, volga
        double gamma = pdf(d1) / (s * v * sqrtT);
        double vanna = -pdf(d1) * d2 / v;
        double volga = vega * d1 * d2 / v;
        double[][] h = OptionsDerivatives.blackScholesHessian(isCall, s, k, r, v, t);
        Check.close("gamma " + at, h[0][0], gamma, 1e-10);
        Check.close("vanna " + at, h[0][3], vanna, 1e-10);
        Check.close("vanna symmetric " + at, h[3][0], vanna, 1e-10);
        Check.close("volga " + at, h[3][3], volga, 1e-10);
        double[] dir = {1.0, 0.0, 0.0, 0.5, 0.0};
        double[] hv = OptionsDerivatives.blackScholesHessianVector(isCall, s, k, r, v, t, 1.0, 0.0, 0.0, 0.5, 0.0);
        double[] hvRev = OptionsDerivatives.blackScholesHessianVectorReverse(isCall, s, k, r, v, t, 1.0, 0.0, 0.0, 0.5, 0.0);
        for (int i = 0; i < 5; i++) {
          double expected = 0.0;
          for (int j = 0; j < 5; j++) {
            expected += h[i][j] * dir[j];
          }
          Check.close("H·v " + i + " " + at, hv[i], expected, 1e-10);
          Check.close("H·v reverse " + i + " " + at, hvRev[i], expected, 1e-10);
        }
        double[][] rich = Oracles.jacobian(
            x -> OptionsDerivatives.blackScholesGradient(isCall, x[0], x[1], x[2], x[3], x[4]), m, 1e-3);
        for (int i = 0; i < 5; i++) {
          for (int j = 0; j < 5; j++) {
            Check.close("Hessian[" + i + "][" + j + "] vs Richardson of the gradient " + at,
                h[i][j], rich[i][j], 1e-6);
          }
        }
      }
    }
  }

  @Test
  void bachelierGreeks() {
    for (double[] m : new double[][] {{0.02, 0.02, 0.008, 1.0, 0.97}, {0.035, 0.01, 0.005, 5.0, 0.8},
        {-0.001, 0.004, 0.012, 0.5, 1.0}, {100.0, 150.0, 20.0, 0.1, 0.99}}) {
      double f = m[0];
      double k = m[1];
      double vol = m[2];
      double t = m[3];
      double df = m[4];
      String at = java.util.Arrays.toString(m);
      double sq = vol * Math.sqrt(t);
      double d = (f - k) / sq;
      double price = OptionsDerivatives.bachelierCall(f, 0, k, 0, vol, 0, t, 0, df, 0).value();
      double[] greeks = {
        df * cdf(d), -df * cdf(d), df * Math.sqrt(t) * pdf(d), df * vol * pdf(d) / (2 * Math.sqrt(t)), price / df
      };
      Oracles.close("gradient " + at, OptionsDerivatives.bachelierCallGradient(f, k, vol, t, df), greeks, 1e-11);
      Oracles.close("reverse " + at, OptionsDerivatives.bachelierCallGradientReverse(f, k, vol, t, df), greeks, 1e-11);
      double[][] h = OptionsDerivatives.bachelierCallHessian(f, k, vol, t, df);
      Check.close("∂²/∂F² " + at, h[0][0], df * pdf(d) / sq, 1e-10);
      Check.close("∂²/∂F∂K " + at, h[0][1], -df * pdf(d) / sq, 1e-10);
      Check.close("∂²/∂F∂df " + at, h[0][4], cdf(d), 1e-10);
    }
  }

  @Test
  void impliedVolatilityDerivativesAreInverseVega() {
    Workspace work = new Workspace();
    for (double[] m : MARKETS) {
      double s = m[0];
      double k = m[1];
      double r = m[2];
      double v = m[3];
      double t = m[4];
      if (t > 10) {
        continue; // a 30-year call is worth nearly the spot: no usable volatility
      }
      String at = java.util.Arrays.toString(m);
      double price = Options.blackScholes(true, s, k, r, v, t);
      double sigma = Options.impliedVolatility(price, s, k, r, t);
      Check.close("implied volatility " + at, sigma, v, 1e-9);
      double sqrtT = Math.sqrt(t);
      double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * sqrtT);
      double vega = s * pdf(d1) * sqrtT;
      double[] expected = {1.0 / vega, -cdf(d1) / vega};
      double[] g = new double[2];
      OptionsDerivatives.impliedVolatilityGradient(price, s, k, r, t, g, work);
      Oracles.close("gradient " + at, g, expected, 1e-8);
      Oracles.close("reverse " + at, OptionsDerivatives.impliedVolatilityGradientReverse(price, s, k, r, t), expected, 1e-8);
      Check.close("Dual " + at,
          OptionsDerivatives.impliedVolatility(Dual.variable(price), Dual.constant(s), k, r, t).tangent(), expected[0], 1e-8);
    }
  }

  @Test
  void argumentChecksThrowFromEveryEntryPoint() {
    Oracles.throwsLikePrimal("negative volatility",
        () -> Options.blackScholes(true, 100, 100, 0.01, -0.2, 1),
        () -> OptionsDerivatives.blackScholesGradient(true, 100, 100, 0.01, -0.2, 1),
        () -> OptionsDerivatives.blackScholesGradientReverse(true, 100, 100, 0.01, -0.2, 1),
        () -> OptionsDerivatives.blackScholesHessian(true, 100, 100, 0.01, -0.2, 1),
        () -> OptionsDerivatives.blackScholesHessianVectorReverse(true, 100, 100, 0.01, -0.2, 1, 1, 0, 0, 0, 0));
    Oracles.throwsLikePrimal("zero maturity",
        () -> Options.bachelierCall(0.02, 0.02, 0.01, 0.0, 1.0),
        () -> OptionsDerivatives.bachelierCallHessian(0.02, 0.02, 0.01, 0.0, 1.0));
    Oracles.throwsLikePrimal("price above the spot",
        () -> Options.impliedVolatility(101, 100, 100, 0.01, 1),
        () -> OptionsDerivatives.impliedVolatilityGradient(101, 100, 100, 0.01, 1),
        () -> OptionsDerivatives.impliedVolatilityGradientReverse(101, 100, 100, 0.01, 1));
    Oracles.throwsLikePrimal("SABR rho = 1",
        () -> Sabr.impliedVolatility(0.03, 0.03, 1, 0.2, 0.5, 1.0, 0.4),
        () -> SabrDerivatives.impliedVolatilityGradient(0.03, 0.03, 1, 0.2, 0.5, 1.0, 0.4),
        () -> SabrDerivatives.impliedVolatilityGradientReverse(0.03, 0.03, 1, 0.2, 0.5, 1.0, 0.4));
  }

  // ---- SABR against DerivativeStructure ----

  /** The same formula over DerivativeStructure: the series branch where |z| is below 1e-5. */
  private static DerivativeStructure sabr(DerivativeStructure[] p) {
    DerivativeStructure f = p[0];
    DerivativeStructure k = p[1];
    DerivativeStructure t = p[2];
    DerivativeStructure alpha = p[3];
    DerivativeStructure beta = p[4];
    DerivativeStructure rho = p[5];
    DerivativeStructure nu = p[6];
    DerivativeStructure omb = beta.negate().add(1.0);
    DerivativeStructure logFK = f.divide(k).log();
    DerivativeStructure fkBeta = f.multiply(k).pow(omb.multiply(0.5));
    DerivativeStructure l2 = logFK.square();
    DerivativeStructure omb2 = omb.square();
    DerivativeStructure den = fkBeta.multiply(
        omb2.divide(24.0).multiply(l2).add(1.0).add(omb2.square().divide(1920.0).multiply(l2.square())));
    DerivativeStructure z = nu.divide(alpha).multiply(fkBeta).multiply(logFK);
    DerivativeStructure ratio;
    if (Math.abs(z.getValue()) < 1e-5) {
      ratio = rho.multiply(z).multiply(-0.5).add(1.0)
          .add(rho.square().multiply(-3.0).add(2.0).divide(12.0).multiply(z.square()));
    } else {
      DerivativeStructure root = rho.multiply(z).multiply(-2.0).add(1.0).add(z.square()).sqrt();
      DerivativeStructure x = root.add(z).subtract(rho).divide(rho.negate().add(1.0)).log();
      ratio = z.divide(x);
    }
    DerivativeStructure corr = omb2.divide(24.0).multiply(alpha.square()).divide(fkBeta.square())
        .add(rho.multiply(beta).multiply(nu).multiply(alpha).multiply(0.25).divide(fkBeta))
        .add(rho.square().multiply(-3.0).add(2.0).divide(24.0).multiply(nu.square()))
        .multiply(t).add(1.0);
    return alpha.divide(den).multiply(ratio).multiply(corr);
  }

  @Test
  void sabrGradientMatchesDerivativeStructureAcrossTheMoney() {
    DSFactory factory = new DSFactory(7, 1);
    double forward = 0.03;
    double[][] params = {{0.2, 0.5, -0.3, 0.4}, {0.04, 0.0, 0.2, 0.8}, {0.6, 1.0, -0.75, 0.1}, {0.01, 0.3, 0.0, 0.0}};
    double[] strikes = {0.01, 0.0299, 0.03 * (1 - 2e-5), 0.03 * (1 - 1e-7), 0.03, 0.03 * (1 + 1e-7), 0.03 * (1 + 2e-5), 0.08};
    for (double[] q : params) {
      for (double strike : strikes) {
        double[] x = {forward, strike, 2.5, q[0], q[1], q[2], q[3]};
        String at = java.util.Arrays.toString(x);
        DerivativeStructure[] vars = new DerivativeStructure[7];
        for (int i = 0; i < 7; i++) {
          vars[i] = factory.variable(i, x[i]);
        }
        DerivativeStructure ds = sabr(vars);
        double[] expected = new double[7];
        for (int i = 0; i < 7; i++) {
          int[] orders = new int[7];
          orders[i] = 1;
          expected[i] = ds.getPartialDerivative(orders);
        }
        double value = Sabr.impliedVolatility(x[0], x[1], x[2], x[3], x[4], x[5], x[6]);
        Check.close("value " + at, value, ds.getValue(), 1e-14);
        // just outside the series branch (|z| ≈ 1e-5) x(z) = log((√(…) + z − ρ)/(1 − ρ)) is the log
        // of a number within 1e-5 of 1: both implementations lose about five digits there
        double rel = Math.abs(strike / forward - 1.0) < 1e-2 ? 1e-9 : 1e-11;
        double[] g = SabrDerivatives.impliedVolatilityGradient(x[0], x[1], x[2], x[3], x[4], x[5], x[6]);
        Oracles.close("gradient " + at, g, expected, rel);
        Oracles.close("reverse " + at,
            SabrDerivatives.impliedVolatilityGradientReverse(x[0], x[1], x[2], x[3], x[4], x[5], x[6]), expected, rel);
        double[] fwd = new double[7];
        SabrDerivatives.impliedVolatilityGradientForward(x[0], x[1], x[2], x[3], x[4], x[5], x[6], fwd, new Workspace());
        Oracles.close("forward " + at, fwd, g, 0.0);
      }
    }
  }

  @Test
  void sabrStrikeDerivativeIsContinuousThroughTheMoney() {
    double[] below = SabrDerivatives.impliedVolatilityGradient(0.03, 0.03 * (1 - 1e-9), 2.5, 0.2, 0.5, -0.3, 0.4);
    double[] above = SabrDerivatives.impliedVolatilityGradient(0.03, 0.03 * (1 + 1e-9), 2.5, 0.2, 0.5, -0.3, 0.4);
    double rich = org.dualj.it.Richardson.derivative(
        k -> Sabr.impliedVolatility(0.03, k, 2.5, 0.2, 0.5, -0.3, 0.4), 0.03, 1e-4);
    Check.close("∂σ/∂K below the money", below[1], rich, 1e-7);
    Check.close("∂σ/∂K above the money", above[1], rich, 1e-7);
  }
}
