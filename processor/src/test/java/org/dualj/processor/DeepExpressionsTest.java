package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expressions nested as deep as javac compiles with its default stack: a long chain of sums,
 * deeply nested parentheses and deeply nested calls, at order 1 and order 2. The processor must
 * not run out of stack in any stage, and the derivatives must match the analytic ones.
 */
class DeepExpressionsTest {
  static final int TERMS = 700;
  static final int PARENS = 300;
  /** javac itself, on its own thread's default stack, fails from about 200 nested calls. */
  static final int CALLS = 150;
  static final int PRODUCTS = 200;

  private static Class<?> generated;

  private static String sum(String term, int n) {
    StringBuilder b = new StringBuilder(term);
    for (int i = 1; i < n; i++) {
      b.append(" + ").append(term);
    }
    return b.toString();
  }

  private static String nested(String open, String inner, String close, int n) {
    return open.repeat(n) + inner + close.repeat(n);
  }

  @BeforeAll
  static void compile() {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Deep {");
    for (int order = 1; order <= 2; order++) {
      String a = "@Differentiable(order = " + order + ") static double ";
      lines.add("  " + a + "sum" + order + "(double x) { return " + sum("x", TERMS) + "; }");
      lines.add("  " + a + "parens" + order + "(double x) { return " + nested("(", "x * x", " + 1)", PARENS) + "; }");
      lines.add("  " + a + "sines" + order + "(double x) { return " + nested("Math.sin(", "x", ")", CALLS) + "; }");
      lines.add("  " + a + "vec" + order + "(double[] v) { return " + sum("v[0] * v[1]", PRODUCTS) + "; }");
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Deep", lines.toArray(String[]::new)));
    assertThat(c).succeededWithoutWarnings();
    generated = new CompiledClasses(c).load("test.DeepDerivatives");
  }

  private static Object call(String name, Class<?>[] types, Object... args) throws Exception {
    return generated.getMethod(name, types).invoke(null, args);
  }

  private static final Class<?>[] DUAL = {Dual.class};
  private static final Class<?>[] DOUBLE = {double.class};
  private static final Class<?>[] ARRAY = {double[].class};

  @Test
  void longSum() throws Exception {
    double x = 0.3;
    for (int order = 1; order <= 2; order++) {
      Dual d = (Dual) call("sum" + order, DUAL, Dual.of(x, 1));
      assertThat(d.value()).isWithin(1e-9).of(TERMS * x);
      assertThat(d.tangent()).isWithin(1e-9).of(TERMS);
    }
    double[][] h = (double[][]) call("sum2Hessian", DOUBLE, x);
    assertThat(h[0][0]).isEqualTo(0.0);
  }

  @Test
  void nestedParentheses() throws Exception {
    double x = 0.7;
    for (int order = 1; order <= 2; order++) {
      Dual d = (Dual) call("parens" + order, DUAL, Dual.of(x, 1));
      assertThat(d.value()).isWithin(1e-9).of(x * x + PARENS);
      assertThat(d.tangent()).isWithin(1e-12).of(2 * x);
    }
    double[][] h = (double[][]) call("parens2Hessian", DOUBLE, x);
    assertThat(h[0][0]).isWithin(1e-12).of(2.0);
  }

  @Test
  void nestedCalls() throws Exception {
    double x = 1.1;
    // s = sin(sin(...(x))), with its first and second derivatives by the chain rule
    double s = x;
    double d1 = 1;
    double d2 = 0;
    for (int i = 0; i < CALLS; i++) {
      double next1 = Math.cos(s) * d1;
      d2 = -Math.sin(s) * d1 * d1 + Math.cos(s) * d2;
      d1 = next1;
      s = Math.sin(s);
    }
    for (int order = 1; order <= 2; order++) {
      Dual d = (Dual) call("sines" + order, DUAL, Dual.of(x, 1));
      assertThat(d.value()).isWithin(1e-12).of(s);
      assertThat(d.tangent()).isWithin(1e-12).of(d1);
    }
    double[][] h = (double[][]) call("sines2Hessian", DOUBLE, x);
    assertThat(h[0][0]).isWithin(1e-12).of(d2);
  }

  @Test
  void vectorEntryPoints() throws Exception {
    double[] v = {0.4, -1.5};
    for (int order = 1; order <= 2; order++) {
      double[] g = (double[]) call("vec" + order + "Gradient", ARRAY, (Object) v);
      assertThat(g).usingTolerance(1e-9).containsExactly(PRODUCTS * v[1], PRODUCTS * v[0]).inOrder();
    }
    double[][] h = (double[][]) call("vec2Hessian", ARRAY, (Object) v);
    assertThat(h[0]).usingTolerance(1e-9).containsExactly(0, PRODUCTS).inOrder();
    assertThat(h[1]).usingTolerance(1e-9).containsExactly(PRODUCTS, 0).inOrder();
  }
}
