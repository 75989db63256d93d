package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/** The installed processor generated ProjectileDerivatives; its gradient matches differences. */
class ProjectileTest {
  @Test
  void gradientMatchesCentralDifferences() {
    double speed = 30;
    double angle = 0.7;
    double drag = 0.002;
    double[] g = ProjectileDerivatives.rangeGradient(speed, angle, drag, 10_000);
    double h = 1e-6;
    double dSpeed =
        (Projectile.range(speed + h, angle, drag, 10_000)
                - Projectile.range(speed - h, angle, drag, 10_000))
            / (2 * h);
    double dAngle =
        (Projectile.range(speed, angle + h, drag, 10_000)
                - Projectile.range(speed, angle - h, drag, 10_000))
            / (2 * h);
    assertEquals(dSpeed, g[0], 1e-5 * Math.abs(dSpeed));
    assertEquals(dAngle, g[1], 1e-5 * Math.abs(dAngle));
    Dual scalar = ProjectileDerivatives.range(Dual.variable(speed), Dual.constant(angle), drag, 10_000);
    assertEquals(g[0], scalar.tangent(), 0.0);
  }
}
