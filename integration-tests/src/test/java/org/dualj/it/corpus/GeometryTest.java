package org.dualj.it.corpus;

import org.dualj.it.Check;
import org.dualj.it.Richardson;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.DualVectors;
import org.dualj.runtime.Workspace;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.interpolation.SplineInterpolator;
import org.hipparchus.analysis.polynomials.PolynomialSplineFunction;
import org.junit.jupiter.api.Test;

/**
 * A natural cubic spline (against Hipparchus's spline and its own linearity in the values),
 * haversine and Vincenty distances (against Richardson differences), and quaternion rotations
 * (against the rotation matrix of the normalised quaternion in DerivativeStructure).
 */
class GeometryTest {
  private static final double[] KNOTS = {0.0, 0.5, 1.2, 2.0, 3.1, 4.0};
  private static final double[] VALUES = {1.0, 0.4, -0.3, 0.8, 2.0, 1.5};

  @Test
  void splineDerivativesInThePointAndTheValues() {
    PolynomialSplineFunction hipparchus = new SplineInterpolator().interpolate(KNOTS, VALUES);
    Workspace work = new Workspace();
    for (double x : new double[] {-0.5, 0.0, 0.25, 0.5, 0.5000001, 1.9999999, 2.0, 3.5, 4.0, 4.7}) {
      String at = "x = " + x;
      double[] expected = new double[KNOTS.length + 1];
      for (int k = 0; k < KNOTS.length; k++) {
        // the spline is linear in the values: ∂S/∂yₖ is the spline through the unit vector eₖ
        double[] unit = new double[KNOTS.length];
        unit[k] = 1.0;
        expected[k] = CubicSpline.evaluate(KNOTS, unit, x);
      }
      boolean inside = x >= KNOTS[0] && x <= KNOTS[KNOTS.length - 1];
      expected[KNOTS.length] = inside
          ? hipparchus.polynomialSplineDerivative().value(x)
          : Richardson.derivative(z -> CubicSpline.evaluate(KNOTS, VALUES, z), x, 0.1);
      if (inside) {
        Check.close("value " + at, CubicSpline.evaluate(KNOTS, VALUES, x), hipparchus.value(x), 1e-14);
      }
      double[] g = CubicSplineDerivatives.evaluateGradient(KNOTS, VALUES, x);
      Oracles.close("gradient " + at, g, expected, inside ? 1e-13 : 1e-8);
      double[] fwd = new double[KNOTS.length + 1];
      CubicSplineDerivatives.evaluateGradientForward(KNOTS, VALUES, x, fwd, work);
      // evaluateGradient may take reverse mode: equal to rounding
      Oracles.close("forward " + at, fwd, g, 1e-13);
      Oracles.close("reverse " + at, CubicSplineDerivatives.evaluateGradientReverse(KNOTS, VALUES, x), fwd, 1e-13);
      DualVector lanes = CubicSplineDerivatives.evaluate(KNOTS, DualVectors.variables(VALUES), DualVector.constant(x, KNOTS.length));
      for (int k = 0; k < KNOTS.length; k++) {
        Check.close("DualVector " + k + " " + at, lanes.tangent(k), expected[k], 1e-13);
      }
      Check.close("Dual ∂x " + at, CubicSplineDerivatives.evaluate(KNOTS, org.dualj.runtime.Duals.constants(VALUES),
          Dual.variable(x)).tangent(), g[KNOTS.length], 1e-14);
    }
    Oracles.throwsLikePrimal("knots not increasing",
        () -> CubicSpline.evaluate(new double[] {0, 2, 1}, new double[3], 0.5),
        () -> CubicSplineDerivatives.evaluateGradient(new double[] {0, 2, 1}, new double[3], 0.5));
  }

  /** (lat1, lon1, lat2, lon2) in degrees: cities, short hops, across the date line, near the poles. */
  private static final double[][] PAIRS = {
    {51.5074, -0.1278, 40.7128, -74.0060}, {48.8566, 2.3522, 48.8567, 2.3524}, {-33.8688, 151.2093, 21.3069, -157.8583},
    {89.9, 10.0, 70.0, -170.0}, {0.0, 0.0, 0.5, 179.0}, {-45.0, 30.0, 44.0, -149.0}
  };

  @Test
  void haversineAndVincentyGradientsMatchRichardson() {
    for (double[] p : PAIRS) {
      String at = java.util.Arrays.toString(p);
      // steps well below the separation (the distance is a cone at coincident points)
      double h0 = Math.abs(p[0] - p[2]) + Math.abs(p[1] - p[3]) < 1e-2 ? 1e-8 : 1e-5;
      double[] rich = Oracles.gradient(x -> Geodesy.haversine(x[0], x[1], x[2], x[3]), p, h0);
      double[] g = GeodesyDerivatives.haversineGradient(p[0], p[1], p[2], p[3]);
      Oracles.close("haversine gradient " + at, scaled(g), scaled(rich), 1e-7);
      Oracles.close("haversine reverse " + at,
          GeodesyDerivatives.haversineGradientReverse(p[0], p[1], p[2], p[3]), g, 1e-13);
      double[] vRich = Oracles.gradient(x -> Geodesy.vincenty(x[0], x[1], x[2], x[3]), p, h0);
      double[] vg = GeodesyDerivatives.vincentyGradient(p[0], p[1], p[2], p[3]);
      Oracles.close("Vincenty gradient " + at, scaled(vg), scaled(vRich), 1e-7);
      // away from antipodes, the gradients on the ellipsoid and the sphere agree to about 0.5 %
      double haversineDistance = Geodesy.haversine(p[0], p[1], p[2], p[3]);
      for (int j = 0; haversineDistance < 1.5e7 && j < 4; j++) {
        Check.close("Vincenty ≈ haversine ∂" + j + " " + at, vg[j] / 111_000.0, g[j] / 111_000.0, 1e-2);
      }
      Dual d = GeodesyDerivatives.vincenty(Dual.variable(p[0]), Dual.constant(p[1]), Dual.constant(p[2]), Dual.constant(p[3]));
      Check.close("Vincenty Dual " + at, d.tangent() / 111_000.0, vg[0] / 111_000.0, 1e-13);
      Oracles.close("Vincenty reverse " + at,
          scaled(GeodesyDerivatives.vincentyGradientReverse(p[0], p[1], p[2], p[3])), scaled(vg), 1e-13);
    }
  }

  private static double[] scaled(double[] g) {
    double[] s = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      s[i] = g[i] / 111_000.0; // metres per degree: makes the 1e-7 tolerance relative
    }
    return s;
  }

  @Test
  void vincentyFailsLikeItsPrimal() {
    Oracles.throwsLikePrimal("nearly antipodal",
        () -> Geodesy.vincenty(0.0, 0.0, 0.5, 179.7),
        () -> GeodesyDerivatives.vincentyGradient(0.0, 0.0, 0.5, 179.7),
        () -> GeodesyDerivatives.vincenty(Dual.variable(0.0), Dual.constant(0.0), Dual.constant(0.5), Dual.constant(179.7)));
    Oracles.throwsLikePrimal("latitude 91",
        () -> Geodesy.vincenty(91.0, 0.0, 0.5, 10.0),
        () -> GeodesyDerivatives.vincentyGradient(91.0, 0.0, 0.5, 10.0));
  }

  /** R(q/|q|)·v over DerivativeStructure, variables q₀…q₃, v₀…v₂. */
  private static DerivativeStructure[] rotated(double[] q, double[] v) {
    DSFactory f = new DSFactory(7, 1);
    DerivativeStructure norm = f.variable(0, q[0]).square().add(f.variable(1, q[1]).square())
        .add(f.variable(2, q[2]).square()).add(f.variable(3, q[3]).square()).sqrt();
    DerivativeStructure w = f.variable(0, q[0]).divide(norm);
    DerivativeStructure x = f.variable(1, q[1]).divide(norm);
    DerivativeStructure y = f.variable(2, q[2]).divide(norm);
    DerivativeStructure z = f.variable(3, q[3]).divide(norm);
    DerivativeStructure[] vv = {f.variable(4, v[0]), f.variable(5, v[1]), f.variable(6, v[2])};
    DerivativeStructure[][] r = {
      {y.square().add(z.square()).multiply(-2).add(1), x.multiply(y).subtract(w.multiply(z)).multiply(2),
        x.multiply(z).add(w.multiply(y)).multiply(2)},
      {x.multiply(y).add(w.multiply(z)).multiply(2), x.square().add(z.square()).multiply(-2).add(1),
        y.multiply(z).subtract(w.multiply(x)).multiply(2)},
      {x.multiply(z).subtract(w.multiply(y)).multiply(2), y.multiply(z).add(w.multiply(x)).multiply(2),
        x.square().add(y.square()).multiply(-2).add(1)}
    };
    DerivativeStructure[] out = new DerivativeStructure[3];
    for (int i = 0; i < 3; i++) {
      out[i] = r[i][0].multiply(vv[0]).add(r[i][1].multiply(vv[1])).add(r[i][2].multiply(vv[2]));
    }
    return out;
  }

  @Test
  void rotationJacobianMatchesTheRotationMatrix() {
    Workspace work = new Workspace();
    double[][] quaternions = {{1, 0, 0, 0}, {0.9, 0.1, -0.3, 0.2}, {-2.0, 4.0, 1.0, 0.5}, {0, 0, 0, 1e-150}};
    double[] v = {1.0, -2.0, 0.5};
    for (double[] q : quaternions) {
      String at = java.util.Arrays.toString(q);
      DerivativeStructure[] ds = rotated(q, v);
      double[][] expected = new double[3][7];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 7; j++) {
          int[] orders = new int[7];
          orders[j] = 1;
          expected[i][j] = ds[i].getPartialDerivative(orders);
        }
      }
      double[][] jac = RotationsDerivatives.rotateJacobian(q, v);
      double[] value = Rotations.rotate(q, v);
      for (int i = 0; i < 3; i++) {
        Check.close("value " + i + " " + at, value[i], ds[i].getValue(), 1e-14);
        double scale = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
        for (int j = 0; j < 7; j++) {
          // ∂/∂q scales as 1/|q|
          double s = j < 4 ? Math.sqrt(scale) : 1.0;
          Check.close("∂rot[" + i + "]/∂" + j + " " + at, jac[i][j] * s, expected[i][j] * s, 1e-13);
        }
      }
      double[][] out = new double[3][7];
      RotationsDerivatives.rotateJacobian(q, v, out, work);
      Oracles.close("workspace Jacobian " + at, out, jac, 0.0);
      double s = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
      double[][] reverse = RotationsDerivatives.rotateJacobianReverse(q, v);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 7; j++) {
          double f = j < 4 ? s : 1.0;
          Check.close("reverse ∂rot[" + i + "]/∂" + j + " " + at, reverse[i][j] * f, jac[i][j] * f, 1e-13);
        }
      }
    }
    Oracles.throwsLikePrimal("zero quaternion",
        () -> Rotations.rotate(new double[4], v),
        () -> RotationsDerivatives.rotateJacobian(new double[4], v),
        () -> RotationsDerivatives.rotateJvp(new double[4], v, new double[4], new double[3]));
    Oracles.throwsLikePrimal("three components",
        () -> Rotations.rotate(new double[3], v),
        () -> RotationsDerivatives.rotateJacobian(new double[3], v));
  }

  @Test
  void angleBetweenGradientMatchesRichardson() {
    double[][][] pairs = {
      {{1, 0, 0, 0}, {0.9, 0.1, -0.3, 0.2}}, {{0.5, 0.5, 0.5, 0.5}, {-0.4, 0.6, 0.2, -0.1}}, {{0.1, 0.7, -0.7, 0.1}, {0.0, 0.0, 0.6, 0.8}}
    };
    for (double[][] pq : pairs) {
      double[] x = new double[8];
      System.arraycopy(pq[0], 0, x, 0, 4);
      System.arraycopy(pq[1], 0, x, 4, 4);
      String at = java.util.Arrays.toString(x);
      double[] rich = Oracles.gradient(
          z -> Rotations.angleBetween(java.util.Arrays.copyOfRange(z, 0, 4), java.util.Arrays.copyOfRange(z, 4, 8)), x, 1e-4);
      Oracles.close("gradient " + at, RotationsDerivatives.angleBetweenGradient(pq[0], pq[1]), rich, 1e-8);
      Oracles.close("reverse " + at, RotationsDerivatives.angleBetweenGradientReverse(pq[0], pq[1]),
          RotationsDerivatives.angleBetweenGradient(pq[0], pq[1]), 1e-13);
    }
  }

  @Test
  void rotationVectorDerivativesAtAndAwayFromTheIdentity() {
    double[] v = {1.0, 2.0, 3.0};
    // at w = 0: ∂(w × v)/∂w = −[v]×, and the second-order term vanishes
    double[][] atIdentity = {{0, v[2], -v[1]}, {-v[2], 0, v[0]}, {v[1], -v[0], 0}};
    double[] zero = {0.0, 0.0, 0.0};
    Oracles.close("Jacobian at the identity", RotationsDerivatives.rotateByVectorJacobian(zero, v), atIdentity, 0.0);
    Oracles.close("x gradient at the identity", RotationsDerivatives.rotatedXGradient(zero, v), atIdentity[0], 0.0);
    Oracles.close("x gradient at the identity, reverse", RotationsDerivatives.rotatedXGradientReverse(zero, v),
        atIdentity[0], 0.0);
    for (double[] w : new double[][] {{0.3, -0.2, 0.5}, {1e-3, 2e-3, -1e-3}, {2.0, 1.0, -0.5}}) {
      String at = java.util.Arrays.toString(w);
      double theta = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
      double h = Math.sin(theta / 2) / theta;
      double[] q = {Math.cos(theta / 2), w[0] * h, w[1] * h, w[2] * h};
      Oracles.close("value = quaternion rotation " + at, Rotations.rotateByVector(w, v), Rotations.rotate(q, v), 1e-14);
      double[][] jac = RotationsDerivatives.rotateByVectorJacobian(w, v);
      Oracles.close("Jacobian " + at, jac, Oracles.jacobian(z -> Rotations.rotateByVector(z, v), w, 1e-4), 1e-8);
      Oracles.close("x gradient " + at, RotationsDerivatives.rotatedXGradient(w, v), jac[0], 1e-13);
      Oracles.close("reverse Jacobian " + at, RotationsDerivatives.rotateByVectorJacobianReverse(w, v), jac, 1e-13);
      Oracles.close("x gradient reverse " + at, RotationsDerivatives.rotatedXGradientReverse(w, v), jac[0], 1e-13);
    }
  }
}
