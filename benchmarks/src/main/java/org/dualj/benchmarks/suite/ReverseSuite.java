package org.dualj.benchmarks.suite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.dualj.benchmarks.ReverseAckleyBenchmark;
import org.dualj.benchmarks.HvAckleyBenchmark;
import org.dualj.benchmarks.HvCase;
import org.dualj.benchmarks.HvRosenbrockBenchmark;
import org.dualj.benchmarks.ReverseCase;
import org.dualj.benchmarks.ReverseLogisticBenchmark;
import org.dualj.benchmarks.ReverseMlpBenchmark;
import org.dualj.benchmarks.ReverseRosenbrockBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the reverse-mode measurements: every function at n = 10 … 10,000 (primal, hand-written
 * gradient, {@code fGradientForward}, {@code fGradientReverse}, {@code fGradient}, with the GC
 * profiler), then the crossover of forward lanes and reverse mode at n = 2 … 16, then the tape's
 * peak use per primal operation (outside JMH), then H·v of the order-2 copies at n = 100 …
 * 10,000 (job ids {@code hv-<function>@<n>}). Writes {@code reverse-results.tsv},
 * {@code reverse-tape.tsv} and {@code reverse-meta.properties} into the output directory, which
 * {@code ReverseReport} (module benchmarks-report) turns into the section "Reverse mode" of
 * BENCHMARKS.md.
 *
 * <p>Usage: {@code ReverseSuite OUT_DIR [FORKS WARMUPS WARMUP_MS ITERATIONS ITERATION_MS [JOB_REGEX]]};
 * job ids are {@code <function>@<n>} and {@code crossover-<function>@<n>}.
 */
public final class ReverseSuite {
  private ReverseSuite() {}

  /** A function of the reverse-mode suite. */
  public record Function(String key, String label, Class<?> benchmark) {
    ReverseCase instance(int n) throws Exception {
      ReverseCase c = (ReverseCase) benchmark.getDeclaredConstructor().newInstance();
      benchmark.getField("n").setInt(c, n);
      c.setup();
      return c;
    }

    HvCase hvInstance(int n) throws Exception {
      HvCase c = (HvCase) benchmark.getDeclaredConstructor().newInstance();
      benchmark.getField("n").setInt(c, n);
      c.setup();
      return c;
    }
  }

  public static final List<Function> FUNCTIONS = List.of(
      new Function("rosenbrock", "extended Rosenbrock", ReverseRosenbrockBenchmark.class),
      new Function("ackley", "Ackley", ReverseAckleyBenchmark.class),
      new Function("mlp", "MLP loss w.r.t. its weights (8 samples)", ReverseMlpBenchmark.class),
      new Function("logistic", "logistic regression, L2, 200 samples",
          ReverseLogisticBenchmark.class));

  public static final int[] SIZES = {10, 100, 1000, 10000};
  static final List<String> METHODS = List.of("primal", "hand", "forward", "reverse", "automatic");

  /** The crossover: forward lanes against reverse mode at small n. */
  static final List<String> CROSSOVER_FUNCTIONS = List.of("rosenbrock", "ackley", "logistic");
  public static final int[] CROSSOVER_SIZES = {2, 3, 4, 6, 8, 12, 16};
  static final List<String> CROSSOVER_METHODS = List.of("primal", "forward", "reverse", "automatic");

  /** H·v of the order-2 copies: {@code fHessianVectorReverse} against the primal. */
  public static final List<Function> HV_FUNCTIONS = List.of(
      new Function("rosenbrock", "extended Rosenbrock", HvRosenbrockBenchmark.class),
      new Function("ackley", "Ackley", HvAckleyBenchmark.class));
  public static final int[] HV_SIZES = {100, 1000, 10000};
  /** Forward lanes over the tangent code cost a pass per 12 columns: not run at larger n. */
  public static final int HV_FORWARD_UP_TO = 1000;

  static final String[] JVM_ARGS = {"-Xms1g", "-Xmx1g"};

  record Job(String id, Function function, int n, List<String> methods) {}

  public static Function function(String key) {
    return FUNCTIONS.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
  }

  static List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    for (Function f : FUNCTIONS) {
      for (int n : SIZES) {
        jobs.add(new Job(f.key() + "@" + n, f, n, METHODS));
      }
    }
    for (String key : CROSSOVER_FUNCTIONS) {
      for (int n : CROSSOVER_SIZES) {
        jobs.add(new Job("crossover-" + key + "@" + n, function(key), n, CROSSOVER_METHODS));
      }
    }
    for (Function f : HV_FUNCTIONS) {
      for (int n : HV_SIZES) {
        List<String> methods = new ArrayList<>(List.of("primal", "reverse"));
        if (n <= HV_FORWARD_UP_TO) {
          methods.add("forward");
        }
        if (f.benchmark() == HvRosenbrockBenchmark.class) {
          methods.add("hand");
        }
        jobs.add(new Job("hv-" + f.key() + "@" + n, f, n, methods));
      }
    }
    return jobs;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ReverseSuite OUT_DIR [FORKS WARMUPS WARMUP_MS ITERATIONS"
          + " ITERATION_MS [JOB_REGEX]] | ReverseSuite --picked OUT_DIR");
      System.exit(2);
    }
    if (args[0].equals("--picked")) {
      // the modes fGradient picks, again, for the results of a full run in OUT_DIR
      writePicked(Path.of(args[1]), jobs());
      return;
    }
    Path out = Path.of(args[0]);
    int forks = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int warmupMs = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    int iterationMs = args.length > 5 ? Integer.parseInt(args[5]) : 600;
    Pattern filter = Pattern.compile(args.length > 6 ? args[6] : ".*");
    Files.createDirectories(out);

    // the tape's peak use and the agreement of the variants, before any timing
    int failures = ReverseTape.run(out, filter) + ReverseTape.checkHessianVectors(filter);
    if (failures > 0) {
      System.err.println("reverse and hand-written gradients disagree; not benchmarking");
      System.exit(1);
    }

    List<Job> jobs = jobs().stream().filter(j -> filter.matcher(j.id()).find()).toList();
    writePicked(out, jobs);

    Instant start = Instant.now();
    List<String> rows = new ArrayList<>();
    RunResult any = null;
    int done = 0;
    for (Job job : jobs) {
      done++;
      System.out.printf(Locale.ROOT, "%n##### reverse %d/%d: %s %s%n", done, jobs.size(), job.id(),
          job.methods());
      String include = "^" + Pattern.quote(job.function().benchmark().getName() + ".") + "("
          + String.join("|", job.methods()) + ")$";
      ChainedOptionsBuilder opt = new OptionsBuilder()
          .include(include)
          .param("n", Integer.toString(job.n()))
          .forks(forks)
          .warmupIterations(warmups)
          .warmupTime(TimeValue.milliseconds(warmupMs))
          .measurementIterations(iterations)
          .measurementTime(TimeValue.milliseconds(iterationMs))
          .threads(1)
          .jvmArgsAppend(JVM_ARGS)
          .addProfiler(GCProfiler.class)
          .shouldFailOnError(true);
      String load = loadAverage();
      for (RunResult r : new Runner(opt.build()).run()) {
        any = r;
        String bench = r.getParams().getBenchmark();
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        Result<?> primary = r.getPrimaryResult();
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        rows.add(String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%.6g\t%.6g\t%.6g\t%d\t%s\t%.6g",
            job.id(), job.function().key(), job.n(), method, primary.getScore(),
            primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore(),
            primary.getStatistics().getN(), load, primary.getStatistics().getMin()));
      }
      // rewritten after every job, so an interrupted run keeps what it measured
      try (PrintWriter w = new PrintWriter(
          Files.newBufferedWriter(out.resolve("reverse-results.tsv")))) {
        w.println("job\tfunction\tn\tmethod\tns_per_op\terror\tbytes_per_op\tsamples\tload1_at_start"
            + "\tbest_iteration_ns");
        rows.forEach(w::println);
      }
    }
    Instant end = Instant.now();

    Properties meta = new Properties();
    meta.setProperty("jmh.settings", String.format(Locale.ROOT,
        "%d fork(s); %d warm-up iterations of %d ms; %d measurement iterations of %d ms;"
            + " mode AverageTime (ns/op); profiler gc; 1 thread",
        forks, warmups, warmupMs, iterations, iterationMs));
    meta.setProperty("jvm.args", String.join(" ", JVM_ARGS));
    meta.setProperty("start", start.toString());
    meta.setProperty("end", end.toString());
    meta.setProperty("duration.seconds", Long.toString(Duration.between(start, end).toSeconds()));
    meta.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    meta.setProperty("cpu", Suite.cpuModel());
    meta.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    if (any != null) {
      meta.setProperty("jdk", any.getParams().getJdkVersion());
      meta.setProperty("vm", any.getParams().getVmName() + " " + any.getParams().getVmVersion());
      meta.setProperty("jmh", any.getParams().getJmhVersion());
    }
    try (var w = Files.newBufferedWriter(out.resolve("reverse-meta.properties"))) {
      meta.store(w, "dualj reverse-mode benchmark run");
    }
    System.out.printf(Locale.ROOT, "%nreverse suite done in %d s; results in %s%n",
        Duration.between(start, end).toSeconds(), out.resolve("reverse-results.tsv"));
  }

  /**
   * Writes {@code reverse-picked.tsv}: for each gradient job, the mode {@code fGradient} takes at
   * its n (the method's own threshold, {@code Tape.REVERSE_FROM} or {@code
   * REVERSE_FROM_UNRECORDED_LOOPS}), seen from its gradient: bit for bit the one of exactly one of
   * the two modes (they differ by rounding); where both modes give the same bits, from a fresh
   * workspace after one call: forward lanes leave their arrays in it (the tape is no sign: a
   * reverse sweep whose loops record nothing leaves it unused).
   */
  static void writePicked(Path out, List<Job> jobs) throws Exception {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("reverse-picked.tsv")))) {
      w.println("job\tpicked");
      for (Job job : jobs) {
        if (job.id().startsWith("hv-")) {
          continue;
        }
        ReverseCase c = job.function().instance(job.n());
        c.forward();
        double[] forward = c.gradient().clone();
        c.reverse();
        double[] reverse = c.gradient().clone();
        c.automatic();
        double[] automatic = c.gradient().clone();
        boolean likeReverse = java.util.Arrays.equals(automatic, reverse);
        boolean likeForward = java.util.Arrays.equals(automatic, forward);
        // the same bits (a few columns): forward lanes leave their arrays in a fresh workspace
        ReverseCase fresh = job.function().instance(job.n());
        fresh.automatic();
        boolean lanes = fresh.workspace().array(0, 0).length > 0;
        String picked = likeReverse != likeForward
            ? (likeReverse ? "reverse" : "forward")
            : lanes ? "forward" : "reverse";
        w.println(job.id() + "\t" + picked);
      }
    }
  }

  /** The 1-minute load average of the machine (Linux), or "?". */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
