package org.dualj.it.corpus;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.dualj.it.Check;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;

/**
 * The generated entry points of a {@code double f(double x)}: each is checked against the same
 * expected f′ (and f″ for order = 2), so a wrong rule in any one mode shows.
 *
 * @param hessianVector x, v ↦ (H·v)[0] by forward over forward; null at order 1
 * @param hessianVectorReverse the same by reverse over forward; null at order 1
 */
record Univariate(
    String name,
    DoubleUnaryOperator primal,
    UnaryOperator<Dual> dual,
    UnaryOperator<DualVector> vector,
    DoubleFunction<double[]> gradient,
    DoubleFunction<double[]> reverse,
    DoubleBinaryOperator hessianVector,
    DoubleBinaryOperator hessianVectorReverse) {

  static Univariate firstOrder(
      String name,
      DoubleUnaryOperator primal,
      UnaryOperator<Dual> dual,
      UnaryOperator<DualVector> vector,
      DoubleFunction<double[]> gradient,
      DoubleFunction<double[]> reverse) {
    return new Univariate(name, primal, dual, vector, gradient, reverse, null, null);
  }

  /** Asserts f′(x) = d1 in every mode (values exactly the primal's), and f″(x) = d2 at order 2. */
  void check(double x, double d1, double d2, double rel) {
    String at = name + " at x = " + x;
    double value = primal.applyAsDouble(x);
    Dual d = dual.apply(Dual.of(x, -2.0));
    Check.close("value of Dual " + at, d.value(), value, 0.0);
    Check.close("Dual " + at, d.tangent(), -2.0 * d1, rel);
    DualVector v = vector.apply(DualVector.variable(x, 1, 3));
    Check.close("DualVector " + at, v.tangent(1), d1, rel);
    Check.close("DualVector other lane " + at, v.tangent(0), 0.0, 0.0);
    Check.close("gradient " + at, gradient.apply(x)[0], d1, rel);
    if (reverse != null) {
      Check.close("reverse " + at, reverse.apply(x)[0], d1, rel);
    }
    if (hessianVector != null) {
      Check.close("H·v " + at, hessianVector.applyAsDouble(x, 0.5), 0.5 * d2, rel);
      Check.close("H·v reverse " + at, hessianVectorReverse.applyAsDouble(x, 0.5), 0.5 * d2, rel);
    }
  }
}
