package org.dualj.it;

import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;

/**
 * Many Math functions, each group and their combination compared with Hipparchus
 * DerivativeStructure of the same function (and with Richardson differences), at points inside
 * every domain and away from the kinks of abs/min/max (x ≠ y, x ≠ 2y).
 */
class FunctionMixTest {

  private static final DSFactory DS = new DSFactory(2, 1);

  private static final double[][] POINTS = {
    {0.7, 1.3}, {1.2, 0.4}, {2.5, 3.1}, {0.3, 2.2}, {3.3, 1.1}, {1.9, 1.6}
  };

  private interface DsFunction {
    DerivativeStructure apply(DerivativeStructure x, DerivativeStructure y);
  }

  private interface DualFunction {
    Dual apply(double x, double xDot, double y, double yDot);
  }

  private interface PlainFunction {
    double apply(double x, double y);
  }

  private static DerivativeStructure trig(DerivativeStructure x, DerivativeStructure y) {
    return x.sin().multiply(y.cos()).add(x.multiply(0.3).tan()).subtract(DerivativeStructure.atan2(y, x));
  }

  private static DerivativeStructure expLog(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(x).negate().exp()
        .add(y.multiply(y).add(1.0).log())
        .add(x.log1p().multiply(y.multiply(0.5).expm1()))
        .add(x.add(y).log10());
  }

  private static DerivativeStructure powers(DerivativeStructure x, DerivativeStructure y) {
    return x.pow(y)
        .add(x.multiply(y).add(1.0).sqrt())
        .add(x.subtract(y.multiply(2.0)).cbrt())
        .add(DerivativeStructure.hypot(x, y))
        .add(x.pow(3.0))
        .add(DerivativeStructure.pow(2.0, y));
  }

  private static DerivativeStructure hyperbolic(DerivativeStructure x, DerivativeStructure y) {
    return x.subtract(y).tanh().add(x.multiply(0.5).sinh().multiply(y.multiply(0.25).cosh()));
  }

  private static DerivativeStructure inverseTrig(DerivativeStructure x, DerivativeStructure y) {
    return x.divide(4.0).asin().add(y.divide(5.0).acos().multiply(x.multiply(y).atan()));
  }

  private static DerivativeStructure kinks(DerivativeStructure x, DerivativeStructure y) {
    return x.subtract(y).abs()
        .add(FastMath.min(x, y).multiply(FastMath.max(x, y.multiply(2.0))))
        .add(x.negate().abs());
  }

  private static DerivativeStructure strict(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(y).sin().add(y.negate().exp().multiply(x.sqrt()));
  }

  private static DerivativeStructure mix(DerivativeStructure x, DerivativeStructure y) {
    DerivativeStructure d = hyperbolic(x, y);
    return trig(x, y).multiply(expLog(x, y))
        .subtract(powers(x, y).divide(d.multiply(d).add(2.0)))
        .add(inverseTrig(x, y).multiply(kinks(x, y)))
        .add(strict(x, y).sin());
  }

  private static void check(String name, DsFunction oracle, DualFunction generated,
      PlainFunction plain) {
    for (double[] p : POINTS) {
      DerivativeStructure ds = oracle.apply(DS.variable(0, p[0]), DS.variable(1, p[1]));
      String at = name + " at (" + p[0] + ", " + p[1] + ")";
      Dual dx = generated.apply(p[0], 1.0, p[1], 0.0);
      Dual dy = generated.apply(p[0], 0.0, p[1], 1.0);
      Check.close(at + " value", dx.value(), ds.getValue(), Check.EXACT);
      Check.close(at + " value (original method)", plain.apply(p[0], p[1]), ds.getValue(),
          Check.EXACT);
      Check.close(at + " ∂x", dx.tangent(), ds.getPartialDerivative(1, 0), Check.EXACT);
      Check.close(at + " ∂y", dy.tangent(), ds.getPartialDerivative(0, 1), Check.EXACT);

      // A general direction, in Hipparchus as a one-parameter structure x = x0 + 0.6t, y = y0 − 0.8t.
      DSFactory one = new DSFactory(1, 1);
      DerivativeStructure along = oracle.apply(one.build(p[0], 0.6), one.build(p[1], -0.8));
      Dual dv = generated.apply(p[0], 0.6, p[1], -0.8);
      Check.close(at + " along (0.6, -0.8)", dv.tangent(), along.getPartialDerivative(1),
          Check.EXACT);

      // Finite differences (step small enough to stay clear of the kinks and domain edges).
      double h = 0.02;
      Check.close(at + " ∂x vs Richardson", dx.tangent(),
          Richardson.derivative(t -> plain.apply(t, p[1]), p[0], h), Check.FINITE_DIFFERENCE);
      Check.close(at + " ∂y vs Richardson", dy.tangent(),
          Richardson.derivative(t -> plain.apply(p[0], t), p[1], h), Check.FINITE_DIFFERENCE);
    }
  }

  @Test
  void trigonometric() {
    check("trig", FunctionMixTest::trig, FunctionMixDerivatives::trig, FunctionMix::trig);
  }

  @Test
  void exponentialsAndLogarithms() {
    check("expLog", FunctionMixTest::expLog, FunctionMixDerivatives::expLog, FunctionMix::expLog);
  }

  @Test
  void powersAndRoots() {
    check("powers", FunctionMixTest::powers, FunctionMixDerivatives::powers, FunctionMix::powers);
  }

  @Test
  void hyperbolic() {
    check("hyperbolic", FunctionMixTest::hyperbolic, FunctionMixDerivatives::hyperbolic,
        FunctionMix::hyperbolic);
  }

  @Test
  void inverseTrigonometric() {
    check("inverseTrig", FunctionMixTest::inverseTrig, FunctionMixDerivatives::inverseTrig,
        FunctionMix::inverseTrig);
  }

  @Test
  void absMinMaxAwayFromKinks() {
    check("kinks", FunctionMixTest::kinks, FunctionMixDerivatives::kinks, FunctionMix::kinks);
  }

  @Test
  void strictMath() {
    check("strict", FunctionMixTest::strict, FunctionMixDerivatives::strict, FunctionMix::strict);
  }

  @Test
  void everythingCombined() {
    check("mix", FunctionMixTest::mix, FunctionMixDerivatives::mix, FunctionMix::mix);
  }

  @Test
  void boxedEntryPointAgreesWithHipparchus() {
    for (double[] p : POINTS) {
      DerivativeStructure ds = mix(DS.variable(0, p[0]), DS.variable(1, p[1]));
      Dual d = FunctionMixDerivatives.mix(Dual.variable(p[0]), Dual.constant(p[1]));
      Check.close("mix ∂x", d.tangent(), ds.getPartialDerivative(1, 0), Check.EXACT);
    }
  }
}
