package org.dualj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dualj.benchmarks.functions.Robertson;
import org.dualj.benchmarks.functions.RobertsonDerivatives;
import org.dualj.runtime.Dual;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Robertson's kinetics: the 3 × 3 Jacobian of the right-hand side with respect to the state. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RobertsonBenchmark extends Outputs {
  static final int N = 3;

  public double[] y;
  public double k1;
  public double k2;
  public double k3;
  public double[] yDot;
  double[] fdY;
  DSFactory factory;

  @Override
  @Setup
  public void setup() {
    // a state on the solution's fast transient, with the classical rate constants
    y = new double[] {0.9851721, 3.386395e-5, 0.01479405};
    k1 = 0.04;
    k2 = 3.0e7;
    k3 = 1.0e4;
    yDot = Inputs.direction(N, 7);
    fdY = y.clone();
    jac = new double[N][N];
    factory = new DSFactory(N, 1);
  }

  @Override
  public double[] direction() {
    return yDot.clone();
  }

  @Override
  public int columns() {
    return N;
  }

  @Benchmark
  public double[] primal() {
    return Robertson.f(y, k1, k2, k3);
  }

  @Benchmark
  public Dual[] tangent() {
    return RobertsonDerivatives.f(y, yDot, k1, k2, k3);
  }

  @Benchmark
  public double[] generated() {
    return RobertsonDerivatives.fJacobian(y, k1, k2, k3, jac);
  }

  @Benchmark
  public double[] generatedChunk1() {
    return RobertsonDerivatives.fChunk1Jacobian(y, k1, k2, k3, jac);
  }

  @Benchmark
  public double hipparchusGradient() {
    Gradient[] v = new Gradient[N];
    for (int i = 0; i < N; i++) {
      v[i] = Gradient.variable(N, i, y[i]);
    }
    Gradient[] r = Robertson.fT(v, k1, k2, k3);
    for (int row = 0; row < N; row++) {
      for (int i = 0; i < N; i++) {
        jac[row][i] = r[row].getPartialDerivative(i);
      }
    }
    return r[0].getValue();
  }

  @Benchmark
  public double hipparchusDS() {
    DerivativeStructure[] v = new DerivativeStructure[N];
    for (int i = 0; i < N; i++) {
      v[i] = factory.variable(i, y[i]);
    }
    DerivativeStructure[] r = Robertson.fT(v, k1, k2, k3);
    for (int row = 0; row < N; row++) {
      double[] all = r[row].getAllDerivatives();
      System.arraycopy(all, 1, jac[row], 0, N);
    }
    return r[0].getValue();
  }

  @Benchmark
  public double finiteDiff() {
    double[] ys = fdY;
    for (int i = 0; i < N; i++) {
      double yi = ys[i];
      double h = Fd.step(yi);
      double plus = yi + h;
      double minus = yi - h;
      ys[i] = plus;
      double[] fPlus = Robertson.f(ys, k1, k2, k3);
      ys[i] = minus;
      double[] fMinus = Robertson.f(ys, k1, k2, k3);
      ys[i] = yi;
      double d = plus - minus;
      for (int row = 0; row < N; row++) {
        jac[row][i] = (fPlus[row] - fMinus[row]) / d;
      }
    }
    return jac[N - 1][N - 1];
  }
}
