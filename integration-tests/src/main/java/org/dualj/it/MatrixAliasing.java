package org.dualj.it;
import java.util.Arrays;
import org.dualj.annotations.Differentiable;
/**
 * Storage shared between rows and matrices, each written through one name and read through
 * another: a row in two places of one matrix, a shallow clone, a row alias filled or copied into,
 * a row assigned to another row, a ternary choosing a matrix or a row, a for-each row variable
 * reassigned, ragged rows from copyOfRange, compound assignments with side effects in the indices.
 */
public final class MatrixAliasing {
  private MatrixAliasing() {}

  @Differentiable(order = 2)
  public static double a(double x, double y) {
    double[] r = {x, y};
    double[][] m = {r, r};
    m[0][1] = x * y;
    return m[1][1] * m[1][0] + r[1];
  }
  @Differentiable(order = 2)
  public static double b(double x, double y) {
    double[][] m = {{x, 1}, {y, 2}};
    double[][] c = m.clone();
    c[0][0] = x * x * y;
    c[1] = new double[] {5, 6};
    c[1][0] = y * y;
    return m[0][0] + m[1][0] * 3 + c[1][0];
  }
  @Differentiable(order = 2)
  public static double c(double x, double y) {
    double[][] m = new double[2][3];
    double[] r = m[1];
    Arrays.fill(r, x * y);
    double[] a = m[0];
    System.arraycopy(r, 1, a, 0, 2);
    a[2] = Math.sin(y);
    return m[0][0] * m[0][2] + m[1][2];
  }
  @Differentiable(order = 2)
  public static double d(double x, double y) {
    double[][] m = new double[3][2];
    m[0][0] = x;
    m[1] = m[0];
    m[1][1] = y * x;
    m[2][0] = m[0][1] * y;
    return m[0][1] + m[2][0] * x;
  }
  @Differentiable(order = 2)
  public static double e(double x, double y) {
    double[][] m = {{x, y}, {y, x}};
    double[][] n = new double[2][2];
    double[][] q = x > y ? m : n;
    q[0][0] = x * y;
    double[] r = x > 0 ? m[0] : m[1];
    r[1] = x * x;
    return m[0][0] + m[0][1] * 2 + m[1][1] + n[0][0];
  }
  @Differentiable(order = 2)
  public static double f(double x, double[][] w, double y) {
    double[] r = w[0].clone();
    r[0] = x * r[1];
    double s = 0;
    for (double[] row : w) s += row[0] * y;
    return r[0] + s;
  }
  @Differentiable(order = 2)
  public static double g(double x, double y) {
    double[][] m = {{x, y}, {x * y, 1}};
    double[] z = new double[2];
    double s = 0;
    for (double[] r : m) {
      s += r[0] * r[1];
      r = z;
      r[0] += x;
    }
    return s + z[0] * y + m[1][0];
  }
  @Differentiable(order = 2)
  public static double h(double x, double y) {
    int n = 2;
    double[][] m = new double[n + 1][2 * n];
    for (int i = 0; i <= n; i++) for (int j = 0; j < 2 * n; j++) m[i][j] = Math.pow(x, i) * Math.cos(j * y);


    double s = 3;
    for (double[] row : m) for (double v : row) s += v * v;
    double[][] k = new double[2][];
    k[0] = Arrays.copyOfRange(m[1], 1, 3);
    k[1] = m[2];
    k[1][0] += k[0][1];
    return s + m[2][0] * k[0][0];
  }
  @Differentiable(order = 2)
  public static double i(double x, double y) {
    double[][] m = {{x, y, x * y}, {1, 2, 3}};
    m[0][1] *= m[1][2];
    int j = 0;
    m[j++][j++] += x * x;
    double[] r = m[0];
    for (int k = 0; k < 3; k++) m[1][k] = r[2 - k] * y;
    return m[1][0] + m[1][1] * m[1][2] + j;
  }
}
