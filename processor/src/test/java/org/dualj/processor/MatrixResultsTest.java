package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import javax.tools.Diagnostic;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.dualj.runtime.DualVectors;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Methods returning {@code double[][]} (issue #11): the {@code Dual[][]}, {@code DualVector[][]},
 * Jacobian (rows following the elements row by row, ragged rows included) and J·v forms, callers
 * that differentiate through them at orders 1 and 2, private helpers returning a matrix, and
 * reverse mode left out with its note.
 */
class MatrixResultsTest {
  private static Compilation compilation;
  private static Class<?> d;
  private static Class<?> model;

  @BeforeAll
  static void compileModel() throws Exception {
    compilation =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  @Differentiable",
                "  static double[][] outer(double[] u, double[] v) {",
                "    double[][] r = new double[u.length][v.length];",
                "    for (int i = 0; i < u.length; i++) {",
                "      for (int j = 0; j < v.length; j++) {",
                "        r[i][j] = u[i] * Math.sin(v[j]);",
                "      }",
                "    }",
                "    return r;",
                "  }",
                // rows of 1, 2, 3 elements: x^(i + j), and a row that is a parameter's alias
                "  @Differentiable",
                "  static double[][] ragged(double x, double[] w) {",
                "    double[][] r = new double[4][];",
                "    for (int i = 0; i < 3; i++) {",
                "      r[i] = new double[i + 1];",
                "      for (int j = 0; j <= i; j++) {",
                "        r[i][j] = Math.pow(x, i + j) * w[0];",
                "      }",
                "    }",
                "    r[3] = w;",
                "    return r;",
                "  }",
                "  @Differentiable(wrt = {\"a\", \"b\"})",
                "  static double[][] product(double[][] a, double[][] b) {",
                "    int m = a.length, n = b[0].length, k = b.length;",
                "    double[][] c = new double[m][n];",
                "    for (int i = 0; i < m; i++) {",
                "      for (int j = 0; j < n; j++) {",
                "        double s = 0;",
                "        for (int l = 0; l < k; l++) {",
                "          s += a[i][l] * b[l][j];",
                "        }",
                "        c[i][j] = s;",
                "      }",
                "    }",
                "    return c;",
                "  }",
                // a constant table returned: zero tangents
                "  static final double[][] TABLE = {{1, 2}, {3}};",
                "  @Differentiable",
                "  static double[][] holes(double x) {",
                "    double[][] r = new double[3][];",
                "    r[0] = new double[] {x * x};",
                "    r[2] = new double[] {Math.exp(x), 2 * x};",
                "    return r;",
                "  }",
                "  @Differentiable",
                "  static double[][] table(double x) {",
                "    return x > 100 ? null : TABLE;",
                "  }",
                // a caller at order 2: Σ (u_i sin v_j)^2 plus a private helper's trace
                "  @Differentiable(order = 2)",
                "  static double[][] gram(double[] a) {",
                "    double[][] g = new double[a.length][a.length];",
                "    for (int i = 0; i < a.length; i++) {",
                "      for (int j = 0; j < a.length; j++) {",
                "        g[i][j] = a[i] * a[j];",
                "      }",
                "    }",
                "    return g;",
                "  }",
                "  private static double[][] scaled(double[] a, double s) {",
                "    double[][] m = gram(a);",
                "    double[][] r = new double[m.length][];",
                "    for (int i = 0; i < m.length; i++) {",
                "      r[i] = m[i].clone();",
                "      for (int j = 0; j < r[i].length; j++) {",
                "        r[i][j] *= s;",
                "      }",
                "    }",
                "    return r;",
                "  }",
                "  @Differentiable(order = 2)",
                "  static double energy(double[] a) {",
                "    double[][] g = scaled(a, a[0]);",
                "    double t = 0;",
                "    for (double[] row : g) {",
                "      for (double e : row) {",
                "        t += e;",
                "      }",
                "    }",
                "    return t;",
                "  }",
                "}"));
    assertThat(compilation).succeeded();
    assertThat(compilation.errors()).isEmpty();
    CompiledClasses classes = new CompiledClasses(compilation);
    model = classes.load("test.Model");
    d = classes.load("test.ModelDerivatives");
  }

  private static final double[][] POINTS = {{0.3, -1.2, 2.0, 0.7, 1.9}, {-0.8, 0.1, 1.4, -2.2, 0.4}};

  @Test
  void outerProductJacobianRowsFollowTheElementsRowByRow() throws Exception {
    Method jac = d.getMethod("outerJacobian", double[].class, double[].class);
    Method into = d.getMethod("outerJacobian", double[].class, double[].class, double[][].class, Workspace.class);
    Method dual = d.getMethod("outer", Dual[].class, Dual[].class);
    Method jvp = d.getMethod("outerJvp", double[].class, double[].class, double[].class, double[].class);
    for (double[] p : POINTS) {
      double[] u = Arrays.copyOfRange(p, 0, 3);
      double[] v = Arrays.copyOfRange(p, 3, 5);
      double[][] j = (double[][]) jac.invoke(null, u, v);
      assertThat(j.length).isEqualTo(6);
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 2; k++) {
          double[] row = j[i * 2 + k];
          for (int c = 0; c < 5; c++) {
            double expected = c < 3
                ? (c == i ? Math.sin(v[k]) : 0)
                : (c - 3 == k ? u[i] * Math.cos(v[k]) : 0);
            assertThat(row[c]).isWithin(1e-15).of(expected);
          }
        }
      }
      double[][] out = new double[6][5];
      Workspace work = new Workspace();
      for (int rep = 0; rep < 2; rep++) {
        double[][] value = (double[][]) into.invoke(null, u, v, out, work);
        assertThat(value[2][1]).isEqualTo(u[2] * Math.sin(v[1]));
        assertThat(out).isEqualTo(j);
      }
      // the Dual[][] form along u[1] + 2 v[0], and J·v along the same direction
      Dual[] du = {Dual.constant(u[0]), Dual.of(u[1], 1), Dual.constant(u[2])};
      Dual[] dv = {Dual.of(v[0], 2), Dual.constant(v[1])};
      Dual[][] r = (Dual[][]) dual.invoke(null, du, dv);
      double[][] t = (double[][]) jvp.invoke(null, u, v, new double[] {0, 1, 0}, new double[] {2, 0});
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 2; k++) {
          double expected = j[i * 2 + k][1] + 2 * j[i * 2 + k][3];
          assertThat(r[i][k].value()).isEqualTo(u[i] * Math.sin(v[k]));
          assertThat(r[i][k].tangent()).isWithin(1e-15).of(expected);
          assertThat(t[i][k]).isWithin(1e-15).of(expected);
        }
      }
    }
  }

  @Test
  void raggedResultWithAnAliasedRowMatchesCentralDifferences() throws Exception {
    Method jac = d.getMethod("raggedJacobian", double.class, double[].class);
    Method plain = model.getDeclaredMethod("ragged", double.class, double[].class);
    plain.setAccessible(true);
    Method vector = d.getMethod("ragged", DualVector.class, DualVector[].class);
    for (double x : new double[] {0.6, 1.3, -0.9}) {
      double[] w = {1.7, -0.4};
      double[][] j = (double[][]) jac.invoke(null, x, w);
      // elements: 1 + 2 + 3 + 2 (the row w) = 8 rows; columns x, w[0], w[1]
      assertThat(j.length).isEqualTo(8);
      int row = 0;
      double[][] value = (double[][]) plain.invoke(null, x, w.clone());
      for (int i = 0; i < value.length; i++) {
        for (int k = 0; k < value[i].length; k++, row++) {
          for (int c = 0; c < 3; c++) {
            final int ii = i;
            final int kk = k;
            final int cc = c;
            DoubleUnaryOperator f = h -> {
              double[] ww = w.clone();
              double xx = x;
              if (cc == 0) {
                xx += h;
              } else {
                ww[cc - 1] += h;
              }
              try {
                return ((double[][]) plain.invoke(null, xx, ww))[ii][kk];
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
              }
            };
            double expected = TangentTableRulesTest.richardson(f);
            assertThat(j[row][c]).isWithin(1e-8 * Math.max(1, Math.abs(expected))).of(expected);
          }
        }
      }
      // the DualVector[][] form: its lanes are the Jacobian's columns
      DualVector[] dw = DualVectors.variables(w);
      DualVector[] dw3 = {DualVector.of(w[0], new double[] {0, 1, 0}), DualVector.of(w[1], new double[] {0, 0, 1})};
      DualVector[][] r = (DualVector[][]) vector.invoke(null, DualVector.of(x, new double[] {1, 0, 0}), dw3);
      assertThat(dw.length).isEqualTo(2);
      row = 0;
      for (DualVector[] rr : r) {
        for (DualVector e : rr) {
          for (int c = 0; c < 3; c++) {
            assertThat(e.tangent(c)).isEqualTo(j[row][c]);
          }
          row++;
        }
      }
    }
  }

  @Test
  void matrixProductOfMatricesInWrt() throws Exception {
    Method jac = d.getMethod("productJacobian", double[][].class, double[][].class);
    double[][] a = {{1.5, -0.5, 2.0}, {0.25, 3.0, -1.0}};
    double[][] b = {{0.5, 1.0}, {-2.0, 0.75}, {1.25, -0.3}};
    double[][] j = (double[][]) jac.invoke(null, a, b);
    // rows: c[i][j] row by row (2 × 2); columns: a's 6 elements, then b's 6
    assertThat(j.length).isEqualTo(4);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        double[] row = j[i * 2 + k];
        for (int p = 0; p < 2; p++) {
          for (int q = 0; q < 3; q++) {
            // ∂c[i][k]/∂a[p][q] = δ(i,p) b[q][k]
            assertThat(row[p * 3 + q]).isEqualTo(i == p ? b[q][k] : 0.0);
          }
        }
        for (int p = 0; p < 3; p++) {
          for (int q = 0; q < 2; q++) {
            // ∂c[i][k]/∂b[p][q] = δ(k,q) a[i][p]
            assertThat(row[6 + p * 2 + q]).isEqualTo(k == q ? a[i][p] : 0.0);
          }
        }
      }
    }
  }

  @Test
  void constantResultHasZeroTangentsAndNullStaysNull() throws Exception {
    Method dual = d.getMethod("table", Dual.class);
    Dual[][] r = (Dual[][]) dual.invoke(null, Dual.variable(2));
    assertThat(r.length).isEqualTo(2);
    assertThat(r[0][1]).isEqualTo(Dual.of(2, 0));
    assertThat(r[1][0]).isEqualTo(Dual.of(3, 0));
    assertThat(dual.invoke(null, Dual.variable(200))).isNull();
  }

  @Test
  void nullRowsOfAResultHaveNoJacobianRows() throws Exception {
    Method jac = d.getMethod("holesJacobian", double.class);
    Method dual = d.getMethod("holes", Dual.class);
    double x = 0.7;
    double[][] j = (double[][]) jac.invoke(null, x);
    assertThat(j.length).isEqualTo(3);
    assertThat(j[0][0]).isEqualTo(2 * x);
    assertThat(j[1][0]).isEqualTo(Math.exp(x));
    assertThat(j[2][0]).isEqualTo(2.0);
    Dual[][] r = (Dual[][]) dual.invoke(null, Dual.variable(x));
    assertThat(r[1]).isNull();
    assertThat(r[2][1].tangent()).isEqualTo(2.0);
  }

  @Test
  void callersDifferentiateThroughMatrixResultsAtOrdersOneAndTwo() throws Exception {
    Method grad = d.getMethod("energyGradient", double[].class);
    Method hess = d.getMethod("energyHessian", double[].class);
    for (double[] a : new double[][] {{0.5, -1.5, 2.0}, {1.1, 0.3, -0.7}}) {
      // energy = a0 · (Σ a_i)^2 = a0 S²
      double s = a[0] + a[1] + a[2];
      double[] g = (double[]) grad.invoke(null, (Object) a.clone());
      assertThat(g[0]).isWithin(1e-13).of(s * s + 2 * a[0] * s);
      assertThat(g[1]).isWithin(1e-13).of(2 * a[0] * s);
      assertThat(g[2]).isWithin(1e-13).of(2 * a[0] * s);
      double[][] h = (double[][]) hess.invoke(null, (Object) a.clone());
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          // ∂²/∂a_i∂a_k of a0 S²: 2 a0 + 2 S (δ(i,0) + δ(k,0))
          double expected = 2 * a[0] + (i == 0 ? 2 * s : 0) + (k == 0 ? 2 * s : 0);
          assertThat(h[i][k]).isWithin(1e-13).of(expected);
        }
      }
    }
  }

  @Test
  void reverseModeLeavesMatrixResultsOutWithANote() {
    assertThat(Arrays.stream(d.getMethods()).map(Method::getName))
        .containsNoneOf("outerVjp", "outerJacobianReverse", "energyGradientReverse");
    assertThat(
            compilation.notes().stream()
                .filter(n -> n.getKind() == Diagnostic.Kind.NOTE)
                .map(n -> n.getMessage(null))
                .filter(m -> m.contains("[DiffReverseUnsupported]") && m.contains("a call of scaled, which returns a double[][]"))
                .count())
        .isEqualTo(1);
  }
}
