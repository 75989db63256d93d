package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** Argument checks and try/catch in differentiated methods, against hand-derived derivatives. */
class ChecksTest {

  @Test
  void checkedMethodDifferentiatesAndThrowsLikeThePrimal() {
    double m = 2.5;
    double e = 2.0;
    // r = ((m - e) / e)²: ∂r/∂m = 2 (m - e) / e², ∂²r/∂m² = 2 / e², ∂r/∂e = -2 (m - e) m / e³
    double[] g = ChecksDerivatives.relativeErrorGradient(m, e);
    assertThat(g[0]).isWithin(1e-15).of(2 * (m - e) / (e * e));
    assertThat(g[1]).isWithin(1e-15).of(-2 * (m - e) * m / (e * e * e));
    double[][] h = ChecksDerivatives.relativeErrorHessian(m, e);
    assertThat(h[0][0]).isWithin(1e-15).of(2 / (e * e));
    IllegalArgumentException primal =
        assertThrows(IllegalArgumentException.class, () -> Checks.relativeError(1.0, 0.0));
    IllegalArgumentException viaGradient =
        assertThrows(
            IllegalArgumentException.class, () -> ChecksDerivatives.relativeErrorGradient(1.0, 0.0));
    IllegalArgumentException viaHessian =
        assertThrows(
            IllegalArgumentException.class, () -> ChecksDerivatives.relativeErrorHessian(1.0, 0.0));
    assertThat(viaGradient).hasMessageThat().isEqualTo(primal.getMessage());
    assertThat(viaHessian).hasMessageThat().isEqualTo(primal.getMessage());
  }

  @Test
  void handlerRunsWhereTheCalleeThrows() {
    double x = 0.4;
    // q = (e^x - x) / x = e^x / x - 1, q' = e^x (x - 1) / x²: r' = 2x / (1 + x²) + 2 q q'
    double ex = Math.exp(x);
    double q = ex / x - 1;
    double dq = ex * (x - 1) / (x * x);
    Dual y = ChecksDerivatives.guarded(Dual.variable(x));
    assertThat(y.tangent()).isWithin(1e-13).of(2 * x / (1 + x * x) + 2 * q * dq);
    assertThat(ChecksDerivatives.guardedGradient(x)[0]).isWithin(1e-13).of(y.tangent());
    // at 0 the callee refuses: r = log(1 + x²) + x, r' = 1
    assertThat(ChecksDerivatives.guarded(Dual.variable(0.0)).tangent()).isEqualTo(1.0);
    assertThat(ChecksDerivatives.guardedGradient(0.0)[0]).isEqualTo(1.0);
  }
}
