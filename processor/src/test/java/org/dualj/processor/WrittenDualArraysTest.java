package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.junit.jupiter.api.Test;

/**
 * The {@code Dual[]} and {@code DualVector[]} forms of a method that writes into an array
 * parameter leave the new values, with their tangents, in the caller's array, as the method leaves
 * a {@code double[]}: they used to unpack the argument into arrays of their own and drop what the
 * method wrote (an explicit Euler step through the {@code Dual[]} form made no progress). Oracle:
 * the step's analytic values and derivatives.
 */
class WrittenDualArraysTest {

  private static Class<?> derivatives() {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Step",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Step {",
                "  // y ← y + h·(−k·y0·y1, y0²), returns the new y1",
                "  @Differentiable(wrt = {\"y\", \"k\"}) static double step(double[] y, double k, double h) {",
                "    double r0 = -k * y[0] * y[1];",
                "    double r1 = y[0] * y[0];",
                "    y[0] += h * r0;",
                "    y[1] += h * r1;",
                "    return y[1];",
                "  }",
                "}"));
    assertThat(c).succeeded();
    return new CompiledClasses(c).load("test.StepDerivatives");
  }

  @Test
  void theDualFormLeavesTheNewValuesAndTangentsInTheCallersArray() throws Exception {
    Class<?> d = derivatives();
    double a = 0.7;
    double b = -1.2;
    double k = 1.5;
    double h = 0.1;
    // along y0: y0' = 1 − h·k·b, y1' = 2h·a; along k: y0' = −h·a·b, y1' = 0
    Dual[] y = {Dual.of(a, 1.0), Dual.of(b, 0.0)};
    Dual r = (Dual) d.getMethod("step", Dual[].class, Dual.class, double.class).invoke(null, y, Dual.of(k, 0.0), h);
    assertThat(y[0].value()).isWithin(1e-15).of(a - h * k * a * b);
    assertThat(y[1].value()).isWithin(1e-15).of(b + h * a * a);
    assertThat(y[0].tangent()).isWithin(1e-15).of(1 - h * k * b);
    assertThat(y[1].tangent()).isWithin(1e-15).of(2 * h * a);
    assertThat(r.value()).isEqualTo(y[1].value());
    assertThat(r.tangent()).isEqualTo(y[1].tangent());

    DualVector[] v = {DualVector.of(a, 1.0, 0.0), DualVector.of(b, 0.0, 0.0)};
    DualVector kv = DualVector.of(k, 0.0, 1.0);
    d.getMethod("step", DualVector[].class, DualVector.class, double.class).invoke(null, v, kv, h);
    assertThat(v[0].value()).isWithin(1e-15).of(a - h * k * a * b);
    assertThat(v[0].tangent(0)).isWithin(1e-15).of(1 - h * k * b);
    assertThat(v[0].tangent(1)).isWithin(1e-15).of(-h * a * b);
    assertThat(v[1].tangent(0)).isWithin(1e-15).of(2 * h * a);
    assertThat(v[1].tangent(1)).isEqualTo(0.0);
  }
}
