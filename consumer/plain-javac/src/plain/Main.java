package plain;

import org.dualj.runtime.Dual;

/** Checks the generated derivative against the analytic one; exits 1 if they differ. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    double x = 0.7;
    double y = -1.3;
    Dual d = ModelDerivatives.f(Dual.variable(x), Dual.constant(y));
    double expected = Math.cos(x * y) * y + 2 * x;
    if (Math.abs(d.tangent() - expected) > 1e-14) {
      System.out.println("plain javac: wrong derivative " + d.tangent() + ", expected " + expected);
      System.exit(1);
    }
    System.out.println("plain javac: df/dx = " + d.tangent() + " (analytic " + expected + ")");
  }
}
