package org.dualj.benchmarks.suite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dualj.benchmarks.AckleyHessianBenchmark;
import org.dualj.benchmarks.MlpInputsHessianBenchmark;
import org.dualj.benchmarks.RosenbrockHessianBenchmark;
import org.dualj.benchmarks.SecondOrderBenchmark;
import org.dualj.benchmarks.SeedHessianBenchmark;
import org.dualj.runtime.Lanes;

/**
 * The second-order cases ({@code @Differentiable(order = 2)} copies of the functions) and their
 * check: before any timing, every variant's Hessian (or H·v) is compared with Hipparchus
 * {@code DerivativeStructure} of order 2. Writes {@code hessian-check.tsv}.
 */
public final class SecondOrder {
  private SecondOrder() {}

  public static final String PRIMAL = "primal";
  public static final String GRADIENT = "gradient";
  public static final String HESSIAN_WS = "hessianWorkspace";
  public static final String HESSIAN = "hessian";
  public static final String HV = "hessianVector";
  public static final String HIP_DS = "hipparchusDS";
  public static final String HIP_HV = "hipparchusHessianVector";
  public static final String FD = "finiteDiffGradient";

  /** The variants, in report order. */
  public static final List<String> METHODS =
      List.of(PRIMAL, GRADIENT, HESSIAN_WS, HESSIAN, HV, HIP_DS, HIP_HV, FD);

  /** Tolerance (normwise relative) of the exact variants against {@code DerivativeStructure}. */
  public static final double TOL_EXACT = 1e-12;

  /** Tolerance of central differences of the gradient against {@code DerivativeStructure}. */
  public static final double TOL_FD = 1e-6;

  /** Ids of second-order cases start with this, so they never collide with gradient cases. */
  static final String PREFIX = "hessian-";

  /** One order-2 function at one n. */
  public record Case(Class<? extends SecondOrderBenchmark> benchmark, String key, String label, int n,
      boolean param) {
    public String id() {
      return PREFIX + key + "@" + n;
    }

    /** The id of the gradient suite's case of the same function and n. */
    public String gradientId() {
      return key + "@" + n;
    }

    public int chunk() {
      return Lanes.chunk(n, 0);
    }
  }

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(SeedHessianBenchmark.class, "seed", "seed example", 2, false));
    for (int n : new int[] {2, 10, 100}) {
      cases.add(new Case(RosenbrockHessianBenchmark.class, "rosenbrock", "extended Rosenbrock", n,
          true));
    }
    cases.add(new Case(AckleyHessianBenchmark.class, "ackley", "Ackley", 10, true));
    cases.add(new Case(MlpInputsHessianBenchmark.class, "mlp-inputs",
        "MLP 10-20-1, w.r.t. inputs", 10, false));
    return cases;
  }

  static SecondOrderBenchmark instance(Case c) throws ReflectiveOperationException {
    SecondOrderBenchmark b = c.benchmark().getDeclaredConstructor().newInstance();
    if (c.param()) {
      c.benchmark().getField("n").setInt(b, c.n());
    }
    b.setup();
    return b;
  }

  static double[] flat(double[][] m) {
    int n = m.length;
    double[] f = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, f, i * n, n);
    }
    return f;
  }

  static void clear(SecondOrderBenchmark b) {
    java.util.Arrays.fill(b.grad, Double.NaN);
    for (double[] row : b.hess) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    java.util.Arrays.fill(b.hv, Double.NaN);
  }

  /** Runs the check for the cases whose id matches; returns the number of failures. */
  public static int run(Path outDir, java.util.regex.Pattern filter) throws Exception {
    Files.createDirectories(outDir);
    int failures = 0;
    try (PrintWriter w =
        new PrintWriter(Files.newBufferedWriter(outDir.resolve("hessian-check.tsv")))) {
      w.println("case\tmethod\trel_err\ttolerance");
      for (Case c : all()) {
        if (!filter.matcher(c.id()).find()) {
          continue;
        }
        SecondOrderBenchmark b = instance(c);
        int n = c.n();
        clear(b);
        double refValue = b.hipparchusDS();
        double[] refGrad = b.grad.clone();
        double[] refHess = flat(b.hess);
        double[] refHv = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            refHv[i] += b.hess[i][j] * b.v[j];
          }
        }
        for (String m : METHODS) {
          if (m.equals(HIP_DS)) {
            continue;
          }
          clear(b);
          double err;
          double tol = m.equals(FD) ? TOL_FD : TOL_EXACT;
          switch (m) {
            case PRIMAL -> err = Check.relErr(new double[] {b.primal()}, new double[] {refValue});
            case GRADIENT -> {
              double val = b.gradient();
              err = Math.max(Check.relErr(b.grad, refGrad),
                  Check.relErr(new double[] {val}, new double[] {refValue}));
            }
            case HESSIAN_WS, HESSIAN -> {
              double val = m.equals(HESSIAN) ? b.hessian() : b.hessianWorkspace();
              err = Math.max(Check.relErr(flat(b.hess), refHess),
                  Math.max(Check.relErr(b.grad, refGrad),
                      Check.relErr(new double[] {val}, new double[] {refValue})));
              if (m.equals(HESSIAN_WS)) {
                // a second call through the same (now grown) workspace gives the same result
                double[] first = flat(b.hess);
                clear(b);
                b.hessianWorkspace();
                if (Check.relErr(flat(b.hess), first) != 0.0) {
                  err = Double.POSITIVE_INFINITY;
                }
              }
            }
            case HV -> {
              b.hessianVector();
              err = Check.relErr(b.hv, refHv);
            }
            case HIP_HV -> {
              b.hipparchusHessianVector();
              err = Check.relErr(b.hv, refHv);
            }
            case FD -> {
              b.finiteDiffGradient();
              err = Check.relErr(flat(b.hess), refHess);
            }
            default -> throw new IllegalStateException(m);
          }
          boolean ok = err <= tol;
          if (!ok) {
            failures++;
            System.err.printf(Locale.ROOT, "CHECK FAILED %s %s: rel. error %.3g > %.1g%n",
                c.id(), m, err, tol);
          }
          w.printf(Locale.ROOT, "%s\t%s\t%.6e\t%.1e%n", c.id(), m, err, tol);
        }
      }
    }
    return failures;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    int failures = run(out, java.util.regex.Pattern.compile(".*"));
    System.out.println(failures == 0
        ? "check: every second-order variant agrees with Hipparchus DerivativeStructure (order 2)"
        : "check: " + failures + " failures");
    if (failures > 0) {
      System.exit(1);
    }
  }
}
