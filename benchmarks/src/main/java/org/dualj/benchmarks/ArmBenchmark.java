package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Arm;
import org.dualj.benchmarks.functions.ArmDerivatives;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Planar n-link arm, the 2 × n Jacobian of the end effector with respect to the joint angles. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArmBenchmark extends Outputs {
  @Param({"3", "12"})
  public int n;

  public double[] q;
  public double[] l;
  public double[] qDot;
  double[] fdQ;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    q = Inputs.uniform(n, -1.0, 1.0, 42);
    l = Inputs.uniform(n, 0.5, 1.5, 43);
    qDot = Inputs.direction(n, 7);
    fdQ = q.clone();
    jac = new double[2][n];
    factory = new DSFactory(n, 1);
  }

  @Override
  public double[] direction() {
    return qDot.clone();
  }

  @Override
  public int columns() {
    return n;
  }

  @Benchmark
  public double[] primal() {
    return Arm.f(q, l);
  }

  @Benchmark
  public Dual[] tangent() {
    return ArmDerivatives.f(q, qDot, l);
  }

  @Benchmark
  public double[] generated() {
    return ArmDerivatives.fJacobian(q, l, jac);
  }

  @Benchmark
  public double[] generatedChunk1() {
    return ArmDerivatives.fChunk1Jacobian(q, l, jac);
  }

  @Benchmark
  public double[] generatedChunk4() {
    return ArmDerivatives.fChunk4Jacobian(q, l, jac);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, q[i]);
    }
    Gradient[] y = Arm.fT(v, l);
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < n; i++) {
        jac[r][i] = y[r].getPartialDerivative(i);
      }
    }
    return y[0].getValue() + y[1].getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] v = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      v[i] = factory.variable(i, q[i]);
    }
    DerivativeStructure[] y = Arm.fT(v, l);
    for (int r = 0; r < 2; r++) {
      double[] all = y[r].getAllDerivatives();
      System.arraycopy(all, 1, jac[r], 0, n);
    }
    return y[0].getValue() + y[1].getValue();
  }

  @Benchmark
  public double finiteDiff() {
    double[] qs = fdQ;
    for (int i = 0; i < n; i++) {
      double qi = qs[i];
      double h = Fd.step(qi);
      double plus = qi + h;
      double minus = qi - h;
      qs[i] = plus;
      double[] fPlus = Arm.f(qs, l);
      qs[i] = minus;
      double[] fMinus = Arm.f(qs, l);
      qs[i] = qi;
      double d = plus - minus;
      jac[0][i] = (fPlus[0] - fMinus[0]) / d;
      jac[1][i] = (fPlus[1] - fMinus[1]) / d;
    }
    return jac[1][n - 1];
  }
}
