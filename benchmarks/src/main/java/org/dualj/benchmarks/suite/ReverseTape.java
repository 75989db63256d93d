package org.dualj.benchmarks.suite;

import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dualj.benchmarks.HvCase;
import org.dualj.benchmarks.ReverseCase;

/**
 * The measurements of the reverse-mode suite that need no timing, on this thread: for every
 * function at n = 10 … 10,000 the tape's peak bytes during one reverse gradient (the second call
 * over one workspace), the primal's operation count, the bytes allocated per call by repeated
 * reverse and automatic gradients over one workspace (the JVM's count of this thread's
 * allocations, {@code com.sun.management.ThreadMXBean}), and the normwise relative difference of
 * the reverse gradient from the hand-written one. Writes {@code reverse-tape.tsv}.
 *
 * <p>Usage: {@code ReverseTape OUT_DIR [JOB_REGEX]}; {@link ReverseSuite} runs it first.
 */
public final class ReverseTape {
  private ReverseTape() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    System.exit(run(out, Pattern.compile(args.length > 1 ? args[1] : ".*")) > 0 ? 1 : 0);
  }

  /**
   * Measures every case the filter matches; returns the number of cases whose reverse gradient
   * differs from the hand-written one by more than 1e-12 (normwise, relative).
   */
  static int run(Path out, Pattern filter) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    int failures = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("reverse-tape.tsv")))) {
      w.println("function\tn\tpeak_bytes\tprimal_operations\treverse_vs_hand"
          + "\treverse_alloc_bytes_per_call\tautomatic_alloc_bytes_per_call");
      for (ReverseSuite.Function f : ReverseSuite.FUNCTIONS) {
        for (int n : ReverseSuite.SIZES) {
          if (!filter.matcher(f.key() + "@" + n).find()) {
            continue;
          }
          ReverseCase c = f.instance(n);
          c.hand();
          double[] hand = c.gradient().clone();
          c.reverse();
          c.workspace().tape().resetPeak();
          c.reverse();
          long peak = c.workspace().tape().peakBytes();
          double[] reverse = c.gradient();
          double scale = 0.0;
          double err = 0.0;
          for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(hand[i]));
            err = Math.max(err, Math.abs(hand[i] - reverse[i]));
          }
          double rel = err / scale;
          if (!(rel <= 1e-12)) {
            System.out.printf(Locale.ROOT, "CHECK %s@%d: reverse differs from hand by %.3g%n",
                f.key(), n, rel);
            failures++;
          }
          // the workspace has grown to what both need: repeated calls should allocate nothing
          c.automatic();
          int calls = 20;
          long before = threads.getThreadAllocatedBytes(self);
          for (int i = 0; i < calls; i++) {
            c.reverse();
          }
          long reverseBytes = threads.getThreadAllocatedBytes(self) - before;
          before = threads.getThreadAllocatedBytes(self);
          for (int i = 0; i < calls; i++) {
            c.automatic();
          }
          long automaticBytes = threads.getThreadAllocatedBytes(self) - before;
          w.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%.3g\t%.1f\t%.1f%n", f.key(), n, peak,
              c.primalOperations(), rel, (double) reverseBytes / calls,
              (double) automaticBytes / calls);
        }
      }
    }
    return failures;
  }
  /**
   * Checks every H·v case the filter matches (ids {@code hv-<function>@<n>}) before it is timed:
   * {@code fHessianVectorReverse} against the hand-written H·v where there is one and against
   * forward lanes ({@code fHessianVector}) up to the n those run at, to 1e-12 normwise relative;
   * returns the number of cases that disagree.
   */
  static int checkHessianVectors(Pattern filter) throws Exception {
    int failures = 0;
    for (ReverseSuite.Function f : ReverseSuite.HV_FUNCTIONS) {
      for (int n : ReverseSuite.HV_SIZES) {
        String id = "hv-" + f.key() + "@" + n;
        if (!filter.matcher(id).find()) {
          continue;
        }
        HvCase c = f.hvInstance(n);
        double[] reverse = c.reverse().clone();
        double[] hand = c.hand();
        if (hand != null && !agree(id + " reverse vs hand", hand.clone(), reverse)) {
          failures++;
        }
        if (n <= ReverseSuite.HV_FORWARD_UP_TO
            && !agree(id + " reverse vs forward", c.forward().clone(), reverse)) {
          failures++;
        }
      }
    }
    return failures;
  }

  private static boolean agree(String what, double[] expected, double[] actual) {
    double scale = 0.0;
    double err = 0.0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
    }
    double rel = err / scale;
    if (!(rel <= 1e-12)) {
      System.out.printf(Locale.ROOT, "CHECK %s: differ by %.3g%n", what, rel);
      return false;
    }
    return true;
  }
}
