package org.dualj.runtime;

/**
 * An immutable dual number {@code value + tangent·ε} with {@code ε² = 0}: a value together with one
 * directional derivative (its <em>tangent</em>).
 *
 * <p>Every operation returns a new {@code Dual} whose {@link #value() value} is computed by the
 * matching {@link java.lang.Math} function and whose {@link #tangent() tangent} follows the chain
 * rule. The methods of the elementary functions are generated, when the runtime is built, from the
 * project's single tangent table, from which the annotation processor also generates tangent
 * code: a {@code Dual} operation gives the tangent of the generated code bit for bit (for an
 * argument the generated code treats as constant, through the overload with a {@code double};
 * {@code pow} with a constant argument adds that argument's exact {@code 0.0} term, which can turn
 * a {@code -0.0} tangent into {@code +0.0}). In the method descriptions, {@code u} and {@code w}
 * are the values of the receiver and the argument, {@code u̇} and
 * {@code ẇ} their tangents, and {@code v} the result value.
 *
 * <h2>No exceptions</h2>
 *
 * <p>No method throws. At singular points the one-sided derivative is taken: for example
 * {@code sqrt} at {@code ±0} with tangent {@code 1} has tangent {@code +Infinity}, {@code log(0)}
 * has value {@code -Infinity} and tangent {@code +Infinity}; division by zero gives infinities or
 * NaN. Outside a function's domain the tangent is NaN like the value ({@code log(-1)},
 * {@code asin(2)}). A NaN argument gives a NaN tangent wherever the rule's partial depends on it
 * (not for the constant partials of {@code add}, {@code subtract}, {@code negate}, {@code fma},
 * {@code toRadians}, {@code toDegrees}, {@code scalb}, {@code nextUp}, {@code nextDown},
 * {@code nextAfter}, nor along the dividend of the remainders). At infinite arguments the limit of
 * the derivative is taken where there is one (e.g. {@code atan}, {@code tanh}, {@code hypot},
 * {@code atan2}). Where the derivative is within the range of {@code double}, every tangent is
 * accurate to a few ulps at every scale of the arguments, except where an intermediate value is
 * itself subnormal (e.g. {@code v = u / w} along {@code w} for a subnormal {@code u}).
 *
 * <h2>Overloads with a {@code double} argument</h2>
 *
 * <p>Each binary operation also accepts a plain {@code double}, treated as a constant: the
 * table's formula with that argument's terms left out, exactly as generated code does when an
 * argument does not depend on the differentiated inputs. So {@code x.divide(w)} has tangent
 * {@code u̇ / w} and {@code x.multiply(w)} has {@code w·u̇}; at non-finite points this can differ
 * from {@code x.divide(Dual.constant(w))}, whose formula still contains {@code v·0}.
 *
 * <h2>Conventions at kinks</h2>
 *
 * <ul>
 *   <li>{@link #abs()}: the tangent follows the sign bit, so {@code abs(+0.0)} has tangent
 *       {@code u̇} and {@code abs(-0.0)} has tangent {@code -u̇}.
 *   <li>{@link #min(Dual)} / {@link #max(Dual)}: a tie takes the tangent of the receiver (the first
 *       argument); if either value is NaN the tangent of the argument is taken.
 *   <li>{@link #signum()}, {@link #floor()}, {@link #ceil()}, {@link #rint()}, {@link #ulp()}:
 *       piecewise constant, tangent {@code 0} everywhere, including at jumps.
 *   <li>{@link #pow(Dual)}: terms whose seed tangent is zero are skipped, so constant exponents with
 *       a negative base, and {@code pow(0, 0)}, give finite tangents.
 * </ul>
 *
 * @param value the value of the dual number
 * @param tangent the tangent (directional derivative) carried along with the value
 */
public record Dual(double value, double tangent) {

    // ---------------------------------------------------------------------------------------------
    // Factories
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns a dual number with the given value and tangent.
     *
     * @param value the value
     * @param tangent the tangent
     * @return {@code value + tangent·ε}
     */
    public static Dual of(double value, double tangent) {
        return new Dual(value, tangent);
    }

    /**
     * Returns an independent variable: the given value with tangent {@code 1}.
     *
     * @param value the value
     * @return {@code value + 1·ε}
     */
    public static Dual variable(double value) {
        return new Dual(value, 1.0);
    }

    /**
     * Returns a constant: the given value with tangent {@code 0}.
     *
     * @param value the value
     * @return {@code value + 0·ε}
     */
    public static Dual constant(double value) {
        return new Dual(value, 0.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Elementary functions: one method per overload of every row of the tangent table, generated
    // here by org.dualj.runtime.build.RuntimeGenerator (see dual-runtime/src/build).
    // ---------------------------------------------------------------------------------------------

    // @elementary-functions@
}
