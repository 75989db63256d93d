package org.dualj.runtime;

/**
 * The product generated tangent and adjoint code uses for the partials that can be infinite or
 * NaN at a point ({@code sqrt}, {@code log}, {@code hypot}, {@code atan2}, {@code pow}, … at the
 * edge of their domains).
 *
 * <p>Where the tangent (or adjoint) that multiplies such a partial is exactly 0, the term is 0:
 * {@code sqrt(u)} with {@code u = 0} contributes nothing along a direction in which u does not
 * move, instead of {@code 0 · ∞ = NaN}; and a partial that is exactly 0 stops a tangent that is
 * not finite (a term of {@code hypot(r, x)} at {@code r = 0} after a NaN tangent of r). Otherwise
 * the term is the partial times the tangent, as IEEE arithmetic gives it (+∞ for {@code sqrt} at
 * 0 along a direction in which its argument moves).
 */
public final class Terms {
    private Terms() {
    }

    /**
     * {@code t · p}, or 0 where either factor is 0, whatever the other (infinite or NaN).
     *
     * @param t a tangent or adjoint
     * @param p the partial derivative it multiplies
     * @return the term of the tangent or adjoint sum
     */
    public static double times(double t, double p) {
        return t == 0.0 || p == 0.0 ? 0.0 : t * p;
    }
}
