import org.dualj.annotations.Differentiable;
public class FloatProbe {
  @Differentiable
  public static double f(double x) {
    float g = (float) x;
    return g * g;
  }
  @Differentiable
  public static double h(double x) {
    Double d = x;
    return d * 3;
  }
  @Differentiable
  public static double k(double x, double[] a) {
    a[0] = x * x;
    return a[0] * 2;
  }
  @Differentiable
  public static double w(double[] a, double[] b) {
    a[0] = b[0] * 2;
    return b[0] * b[1] + a[0];
  }
  public static void main(String[] args) {
    System.out.println("f " + FloatProbeDerivatives.fGradient(1.5)[0] + " expect 3");
    System.out.println("h " + FloatProbeDerivatives.hGradient(1.5)[0] + " expect 3");
    double[] x = {1, 2};
    System.out.println("w alias " + java.util.Arrays.toString(FloatProbeDerivatives.wGradient(x, x)));
  }
}
