package com.example.consumer;

import org.dualj.annotations.Differentiable;

/** Range of a projectile with quadratic drag, by explicit Euler steps. */
public final class Projectile {
  private Projectile() {}

  @Differentiable(wrt = {"speed", "angle"})
  public static double range(double speed, double angle, double drag, int steps) {
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    double x = 0;
    double y = 0;
    double dt = 0.01;
    for (int i = 0; i < steps && y >= 0; i++) {
      double v = Math.hypot(vx, vy);
      vx -= drag * v * vx * dt;
      vy -= (9.81 + drag * v * vy) * dt;
      x += vx * dt;
      y += vy * dt;
    }
    return x;
  }
}
