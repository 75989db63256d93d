package org.dualj.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;
import org.dualj.benchmarks.AckleyBenchmark;
import org.dualj.benchmarks.ArmBenchmark;
import org.dualj.benchmarks.HornerBenchmark;
import org.dualj.benchmarks.MlpInputsBenchmark;
import org.dualj.benchmarks.MlpWeightsBenchmark;
import org.dualj.benchmarks.Outputs;
import org.dualj.benchmarks.RobertsonBenchmark;
import org.dualj.benchmarks.RosenbrockBenchmark;
import org.dualj.benchmarks.SeedBenchmark;
import org.dualj.runtime.Lanes;

/** The suite: every (function, n) and the variants measured for it. */
public final class Cases {
  private Cases() {}

  /** The variants every case has, in report order (fixed chunks are inserted after generated). */
  public static final String PRIMAL = "primal";
  public static final String TANGENT = "tangent";
  public static final String GENERATED = "generated";
  public static final String HIP_GRADIENT = "hipparchusGradient";
  public static final String HIP_DS = "hipparchusDS";
  public static final String FD = "finiteDiff";

  /**
   * One function at one n.
   *
   * @param benchmark the JMH class
   * @param key a short stable name
   * @param label the function as the report names it
   * @param n number of differentiated inputs (columns)
   * @param param whether n is the class's {@code @Param n}
   * @param chunks the fixed chunk sizes the class has methods for ({@code generatedChunk<c>})
   * @param jacobian whether the result is a vector (a Jacobian rather than a gradient)
   */
  public record Case(
      Class<? extends Outputs> benchmark,
      String key,
      String label,
      int n,
      boolean param,
      int[] chunks,
      boolean jacobian) {

    /** The lane width of the default chunk for n. */
    public int defaultChunk() {
      return Lanes.chunk(n, 0);
    }

    /** Fixed chunk sizes that behave differently from the default at this n. */
    public List<Integer> distinctChunks() {
      List<Integer> out = new ArrayList<>();
      for (int c : chunks) {
        if (Lanes.chunk(n, c) != defaultChunk()) {
          out.add(c);
        }
      }
      return out;
    }

    /** The benchmark methods to run, in report order. */
    public List<String> methods() {
      List<String> m = new ArrayList<>(List.of(PRIMAL, TANGENT, GENERATED));
      for (int c : distinctChunks()) {
        m.add("generatedChunk" + c);
      }
      m.addAll(List.of(HIP_GRADIENT, HIP_DS, FD));
      return m;
    }

    public String id() {
      return key + "@" + n;
    }
  }

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(SeedBenchmark.class, "seed", "seed example", 2, false, new int[] {1}, false));
    for (int n : new int[] {2, 10, 100, 1000}) {
      cases.add(new Case(RosenbrockBenchmark.class, "rosenbrock", "extended Rosenbrock", n, true,
          new int[] {1, 4, 16}, false));
    }
    for (int n : new int[] {10, 100}) {
      cases.add(new Case(AckleyBenchmark.class, "ackley", "Ackley", n, true, new int[] {1, 4, 16},
          false));
    }
    cases.add(new Case(MlpInputsBenchmark.class, "mlp-inputs", "MLP 10-20-1, w.r.t. inputs", 10,
        false, new int[] {1, 4}, false));
    cases.add(new Case(MlpWeightsBenchmark.class, "mlp-weights", "MLP 10-20-1, w.r.t. weights",
        241, false, new int[] {1, 4, 16}, false));
    for (int n : new int[] {3, 12}) {
      cases.add(new Case(ArmBenchmark.class, "arm", "planar arm, 2 × n Jacobian", n, true,
          new int[] {1, 4}, true));
    }
    cases.add(new Case(RobertsonBenchmark.class, "robertson", "Robertson ODE, 3 × 3 Jacobian", 3,
        false, new int[] {1}, true));
    cases.add(new Case(HornerBenchmark.class, "horner", "Horner, degree 50, w.r.t. (c, x)", 52,
        false, new int[] {1, 4, 16}, false));
    return cases;
  }
}
