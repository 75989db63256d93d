package org.dualj.examples;

import java.util.Locale;
import org.dualj.annotations.Differentiable;
import org.dualj.annotations.TangentRule;
import org.hipparchus.special.Erf;

/**
 * The Black–Scholes price of a European call and its Greeks from the gradient dualj generates.
 *
 * <p>The price needs the standard normal distribution function Φ, computed here with Hipparchus's
 * {@code Erf.erfc}, a library function whose body the processor never reads. A
 * {@link TangentRule} supplies its derivative, the normal density φ, once; every
 * {@code @Differentiable} method that calls {@link #normalCdf} then uses it, in scalar and vector
 * mode. With {@code order = 2}, one call of
 * {@code BlackScholesDerivatives.callPriceHessian(S, K, r, σ, T, gradient, hessian)} gives the price,
 * the first-order Greeks delta, ∂C/∂K, rho, vega and ∂C/∂T (theta is −∂C/∂T, time passing shortens
 * the maturity) and the second-order ones: gamma ∂²C/∂S², vanna ∂²C/∂S∂σ and volga ∂²C/∂σ². Gamma
 * differentiates through the rule: the second pass differentiates φ, which is why the rule method
 * is {@code @Differentiable} itself.
 */
public final class BlackScholes {

    static final double SQRT2 = Math.sqrt(2.0);
    static final double SQRT_2PI = Math.sqrt(2.0 * Math.PI);

    private BlackScholes() {}

    /** Φ(x) = P(Z ≤ x) for a standard normal Z, as ½·erfc(−x/√2), accurate in the lower tail too. */
    public static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / SQRT2);
    }

    /**
     * The tangent rule of {@link #normalCdf}: Φ'(x) = φ(x) = exp(−x²/2)/√(2π), given x and Φ(x)
     * (not needed here). It is {@code @Differentiable} itself, so that derivatives of second
     * order (gamma) differentiate through it.
     */
    @TangentRule(of = BlackScholes.class, method = "normalCdf")
    @Differentiable
    public static double normalPdf(double x, double cdf) {
        return Math.exp(-0.5 * x * x) / SQRT_2PI;
    }

    /**
     * The price of a European call: spot S, strike K, continuously compounded rate r, volatility σ
     * (per √year) and time to maturity T (years).
     */
    @Differentiable(order = 2)
    public static double callPrice(double spot, double strike, double rate, double volatility, double time) {
        double volSqrtT = volatility * Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * time) / volSqrtT;
        double d2 = d1 - volSqrtT;
        return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
    }

    /**
     * The Greeks of a call.
     *
     * @param delta ∂C/∂S
     * @param dStrike ∂C/∂K
     * @param rho ∂C/∂r
     * @param vega ∂C/∂σ
     * @param theta −∂C/∂T, the change of price per year of calendar time
     * @param gamma ∂²C/∂S²
     * @param vanna ∂²C/∂S∂σ
     * @param volga ∂²C/∂σ²
     */
    public record Greeks(
            double price,
            double delta,
            double dStrike,
            double rho,
            double vega,
            double theta,
            double gamma,
            double vanna,
            double volga) {}

    /** The Greeks from one call of the generated Hessian method (value, gradient and Hessian). */
    public static Greeks generated(double spot, double strike, double rate, double volatility, double time) {
        double[] g = new double[5];
        double[][] h = new double[5][5];
        double price = BlackScholesDerivatives.callPriceHessian(spot, strike, rate, volatility, time, g, h);
        return new Greeks(price, g[0], g[1], g[2], g[3], -g[4], h[0][0], h[0][3], h[3][3]);
    }

    /** The textbook closed forms, written out independently of the generated code. */
    public static Greeks closedForm(double spot, double strike, double rate, double volatility, double time) {
        double sqrtT = Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * time) / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        double discount = Math.exp(-rate * time);
        double pdf1 = Math.exp(-0.5 * d1 * d1) / SQRT_2PI;
        double price = spot * normalCdf(d1) - strike * discount * normalCdf(d2);
        return new Greeks(
                price,
                normalCdf(d1),
                -discount * normalCdf(d2),
                strike * time * discount * normalCdf(d2),
                spot * pdf1 * sqrtT,
                -(spot * pdf1 * volatility / (2 * sqrtT) + rate * strike * discount * normalCdf(d2)),
                pdf1 / (spot * volatility * sqrtT),
                -pdf1 * d2 / volatility,
                spot * pdf1 * sqrtT * d1 * d2 / volatility);
    }

    static void demo() {
        double spot = 100;
        double strike = 105;
        double rate = 0.03;
        double volatility = 0.25;
        double time = 0.75;
        println("Call with S = %.0f, K = %.0f, r = %.2f, sigma = %.2f, T = %.2f; Phi via Hipparchus Erf.erfc,",
                spot, strike, rate, volatility, time);
        println("  its derivative phi from @TangentRule normalPdf; one BlackScholesDerivatives.callPriceHessian call:");
        Greeks g = generated(spot, strike, rate, volatility, time);
        Greeks c = closedForm(spot, strike, rate, volatility, time);
        println("  %-8s %20s %20s %s", "", "generated", "closed form", "abs. difference");
        row("price", g.price(), c.price());
        row("delta", g.delta(), c.delta());
        row("dC/dK", g.dStrike(), c.dStrike());
        row("rho", g.rho(), c.rho());
        row("vega", g.vega(), c.vega());
        row("theta", g.theta(), c.theta());
        row("gamma", g.gamma(), c.gamma());
        row("vanna", g.vanna(), c.vanna());
        row("volga", g.volga(), c.volga());
    }

    private static void row(String name, double generated, double closedForm) {
        println("  %-8s %20.15f %20.15f %.1e", name, generated, closedForm, Math.abs(generated - closedForm));
    }

    private static void println(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
