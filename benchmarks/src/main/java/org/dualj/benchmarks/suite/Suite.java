package org.dualj.benchmarks.suite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite through JMH, one run per (function, n) with only the variants that differ
 * at that n (a fixed chunk equal to the default lane width is skipped), with the GC profiler for
 * bytes per operation, then the second-order cases ({@link SecondOrder}, ids
 * {@code hessian-<function>@<n>}) the same way. Writes {@code results.tsv} and
 * {@code meta.properties} into the output directory; the checks write {@code check.tsv} and
 * {@code hessian-check.tsv}.
 *
 * <p>Usage: {@code Suite quick|full OUT_DIR [CASE_REGEX]}; CASE_REGEX filters case ids such as
 * {@code rosenbrock@100} (which also matches {@code hessian-rosenbrock@100}; anchor with
 * {@code ^} for the gradient case only, or pass {@code ^hessian-} for the second-order cases only).
 */
public final class Suite {
  private Suite() {}

  /** JMH settings of a mode. */
  record Mode(String name, int forks, int warmups, int warmupMs, int iterations, int iterationMs) {
    String describe() {
      return String.format(Locale.ROOT,
          "%d fork(s); %d warm-up iterations of %d ms; %d measurement iterations of %d ms;"
              + " mode AverageTime (ns/op); profiler gc; 1 thread",
          forks, warmups, warmupMs, iterations, iterationMs);
    }
  }

  static final Mode QUICK = new Mode("quick", 1, 4, 400, 4, 300);
  static final Mode FULL = new Mode("full", 3, 5, 1000, 10, 1000);

  /** Heap of the forked JVMs: fixed, so that allocation-heavy variants do not resize it. */
  static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g"};

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Suite quick|full OUT_DIR [CASE_REGEX]");
      System.exit(2);
    }
    Mode mode = args[0].equals("full") ? FULL : QUICK;
    Path out = Path.of(args[1]);
    Pattern filter = Pattern.compile(args.length > 2 ? args[2] : ".*");
    Files.createDirectories(out);

    int failures = Check.run(out) + SecondOrder.run(out, Pattern.compile(".*"));
    if (failures > 0) {
      System.err.println("the variants disagree; not benchmarking");
      System.exit(1);
    }

    Instant start = Instant.now();
    List<String> rows = new ArrayList<>();
    RunResult any = null;
    // the gradient cases, then the second-order ones (ids "hessian-<function>@<n>")
    List<Job> jobs = new ArrayList<>();
    int gradientCases = 0;
    int secondOrderCases = 0;
    for (Cases.Case c : Cases.all()) {
      if (filter.matcher(c.id()).find()) {
        jobs.add(new Job(c.id(), c.label(), c.n(), c.benchmark(), c.param(), c.methods()));
        gradientCases++;
      }
    }
    for (SecondOrder.Case c : SecondOrder.all()) {
      if (filter.matcher(c.id()).find()) {
        jobs.add(new Job(c.id(), c.label() + ", order 2", c.n(), c.benchmark(), c.param(),
            SecondOrder.METHODS));
        secondOrderCases++;
      }
    }
    int done = 0;
    for (Job c : jobs) {
      done++;
      List<String> methods = c.methods();
      System.out.printf(Locale.ROOT, "%n##### case %d/%d: %s (%s, n = %d): %s%n", done,
          jobs.size(), c.id(), c.label(), c.n(), methods);
      String include = "^" + Pattern.quote(c.benchmark().getName() + ".") + "("
          + String.join("|", methods) + ")$";
      ChainedOptionsBuilder opt = new OptionsBuilder()
          .include(include)
          .forks(mode.forks())
          .warmupIterations(mode.warmups())
          .warmupTime(TimeValue.milliseconds(mode.warmupMs()))
          .measurementIterations(mode.iterations())
          .measurementTime(TimeValue.milliseconds(mode.iterationMs()))
          .threads(1)
          .jvmArgsAppend(JVM_ARGS)
          .addProfiler(GCProfiler.class)
          .shouldFailOnError(true);
      if (c.param()) {
        opt = opt.param("n", Integer.toString(c.n()));
      }
      Collection<RunResult> results = new Runner(opt.build()).run();
      for (RunResult r : results) {
        any = r;
        String bench = r.getParams().getBenchmark();
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        Result<?> primary = r.getPrimaryResult();
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        rows.add(String.format(Locale.ROOT, "%s\t%s\t%d\t%.6g\t%.6g\t%s\t%.6g\t%.6g\t%d",
            c.id(), method, c.n(), primary.getScore(), primary.getScoreError(),
            primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore(),
            alloc == null ? Double.NaN : alloc.getScoreError(),
            primary.getStatistics().getN()));
      }
      // rewrite after every case, so an interrupted run keeps what it measured
      writeResults(out, rows);
    }
    Instant end = Instant.now();

    Properties meta = new Properties();
    meta.setProperty("mode", mode.name());
    meta.setProperty("gradient.cases", Integer.toString(gradientCases));
    meta.setProperty("hessian.cases", Integer.toString(secondOrderCases));
    meta.setProperty("jmh.settings", mode.describe());
    meta.setProperty("jvm.args", String.join(" ", JVM_ARGS));
    meta.setProperty("start", start.toString());
    meta.setProperty("end", end.toString());
    meta.setProperty("duration.seconds", Long.toString(Duration.between(start, end).toSeconds()));
    meta.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    meta.setProperty("cpu", cpuModel());
    meta.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    meta.setProperty("memory.gib", memoryGib());
    if (any != null) {
      meta.setProperty("jdk", any.getParams().getJdkVersion());
      meta.setProperty("vm", any.getParams().getVmName() + " " + any.getParams().getVmVersion());
      meta.setProperty("jmh", any.getParams().getJmhVersion());
    }
    try (var w = Files.newBufferedWriter(out.resolve("meta.properties"))) {
      meta.store(w, "dualj benchmark run");
    }
    System.out.printf(Locale.ROOT, "%nsuite (%s) done in %d s; results in %s%n", mode.name(),
        Duration.between(start, end).toSeconds(), out.resolve("results.tsv"));
  }

  /** One JMH run: a case of either suite and the benchmark methods measured for it. */
  record Job(String id, String label, int n, Class<?> benchmark, boolean param,
      List<String> methods) {}

  static void writeResults(Path out, List<String> rows) throws Exception {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("results.tsv")))) {
      w.println("case\tmethod\tn\tscore\terror\tunit\tbytes_per_op\tbytes_error\tsamples");
      rows.forEach(w::println);
    }
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  static String memoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f", kb / 1024.0 / 1024.0);
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "?";
  }
}
