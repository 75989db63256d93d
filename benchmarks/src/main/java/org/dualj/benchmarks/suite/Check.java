package org.dualj.benchmarks.suite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dualj.benchmarks.Outputs;
import org.dualj.runtime.Dual;

/**
 * Calls every variant of every case once and compares its derivatives with the generated
 * gradient/Jacobian: fixed chunks must agree bit for bit, Hipparchus to rounding, finite
 * differences to their truncation error (recorded for the report). Writes {@code check.tsv}.
 */
public final class Check {
  private Check() {}

  /** Normwise relative difference max|a − b| / max|b|. */
  static double relErr(double[] a, double[] b) {
    double num = 0.0;
    double den = 0.0;
    for (int i = 0; i < a.length; i++) {
      num = Math.max(num, Math.abs(a[i] - b[i]));
      den = Math.max(den, Math.abs(b[i]));
    }
    return den == 0.0 ? num : num / den;
  }

  static Outputs instance(Cases.Case c) throws ReflectiveOperationException {
    Outputs o = c.benchmark().getDeclaredConstructor().newInstance();
    if (c.param()) {
      c.benchmark().getField("n").setInt(o, c.n());
    }
    o.setup();
    return o;
  }

  static double[] derivatives(Outputs o) {
    if (o.jac == null) {
      return o.grad.clone();
    }
    int rows = o.jac.length;
    int cols = o.jac[0].length;
    double[] flat = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(o.jac[r], 0, flat, r * cols, cols);
    }
    return flat;
  }

  static void clear(Outputs o) {
    if (o.jac == null) {
      java.util.Arrays.fill(o.grad, Double.NaN);
    } else {
      for (double[] row : o.jac) {
        java.util.Arrays.fill(row, Double.NaN);
      }
    }
    o.tangentOut = Double.NaN;
  }

  /** Runs the check; returns the number of failures. */
  public static int run(Path outDir) throws Exception {
    Files.createDirectories(outDir);
    int failures = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("check.tsv")))) {
      w.println("case\tmethod\trel_err");
      for (Cases.Case c : Cases.all()) {
        Outputs o = instance(c);
        clear(o);
        c.benchmark().getMethod(Cases.GENERATED).invoke(o);
        double[] ref = derivatives(o);
        for (String m : c.methods()) {
          if (m.equals(Cases.PRIMAL) || m.equals(Cases.GENERATED)) {
            continue;
          }
          clear(o);
          Object result = c.benchmark().getMethod(m).invoke(o);
          double err;
          if (m.equals(Cases.TANGENT)) {
            double[] dir = o.direction();
            int cols = c.n();
            int rows = ref.length / cols;
            double[] want = new double[rows];
            for (int r = 0; r < rows; r++) {
              for (int j = 0; j < cols; j++) {
                want[r] += ref[r * cols + j] * dir[j];
              }
            }
            double[] got = new double[rows];
            if (result instanceof Dual[] duals) {
              for (int r = 0; r < rows; r++) {
                got[r] = duals[r].tangent();
              }
            } else {
              got[0] = o.tangentOut;
            }
            err = relErr(got, want);
          } else {
            err = relErr(derivatives(o), ref);
          }
          double tol;
          if (m.startsWith("generatedChunk")) {
            tol = 0.0;
          } else if (m.equals(Cases.FD)) {
            tol = 1e-3;
          } else {
            tol = 1e-12;
          }
          boolean ok = err <= tol;
          if (!ok) {
            failures++;
            System.err.printf(Locale.ROOT, "CHECK FAILED %s %s: rel. error %.3g > %.1g%n",
                c.id(), m, err, tol);
          }
          w.printf(Locale.ROOT, "%s\t%s\t%.6e%n", c.id(), m, err);
        }
      }
    }
    return failures;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    int failures = run(out);
    System.out.println(failures == 0
        ? "check: every variant agrees with the generated derivatives"
        : "check: " + failures + " failures");
    if (failures > 0) {
      System.exit(1);
    }
  }

}
