package org.dualj.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.dualj.benchmarks.suite.ReverseSuite;
import org.dualj.runtime.Tape;

/**
 * Writes the section "Reverse mode" of BENCHMARKS.md from a run of {@link ReverseSuite}: it
 * replaces the section when the file has one, and otherwise goes before "## Compile time" (or
 * "## Reproducing", or the end). The rest of the file is kept.
 *
 * <p>Usage: {@code ReverseReport RUN_DIR BENCHMARKS.md}.
 */
public final class ReverseReport {
  static final String HEADING = "## Reverse mode";

  /** One measured variant. */
  record Row(double ns, double error, double bytes, double best) {}

  /** job id → method → row, in the order of the run. */
  final Map<String, Map<String, Row>> results = new LinkedHashMap<>();
  final Map<String, String[]> tape = new LinkedHashMap<>();
  /** job id → the mode {@code fGradient} took there ("forward" or "reverse"). */
  final Map<String, String> picked = new LinkedHashMap<>();
  /** The machine's 1-minute load average at the start of every job. */
  final List<Double> loads = new ArrayList<>();
  final Properties meta = new Properties();
  final StringBuilder md = new StringBuilder();

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path mdOut = Path.of(args[1]);
    ReverseReport r = new ReverseReport();
    r.load(dir);
    String existing = Files.exists(mdOut) ? Files.readString(mdOut) : "# dualj benchmarks\n";
    Files.writeString(mdOut, splice(existing, r.section()));
    System.out.println("wrote the section \"" + HEADING.substring(3) + "\" of " + mdOut);
  }

  /** {@code text} with its section {@code section} (starting with its heading) replaced or added. */
  static String splice(String text, String section) {
    String heading = section.substring(0, section.indexOf('\n'));
    int at = text.indexOf("\n" + heading + "\n");
    if (at >= 0) {
      int next = text.indexOf("\n## ", at + 1);
      text = text.substring(0, at + 1) + (next < 0 ? "" : text.substring(next + 1));
    }
    for (String before : new String[] {"\n## Compile time\n", "\n## Reproducing\n"}) {
      int i = text.indexOf(before);
      if (i >= 0) {
        return text.substring(0, i + 1) + section + text.substring(i + 1);
      }
    }
    return text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
  }

  /** The section "Reverse mode" of {@code text}, or null when it has none. */
  static String extract(String text) {
    int at = text.indexOf("\n" + HEADING + "\n");
    if (at < 0) {
      return null;
    }
    int next = text.indexOf("\n## ", at + 1);
    return next < 0 ? text.substring(at + 1) : text.substring(at + 1, next + 1);
  }

  void load(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("reverse-results.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      results.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[3],
          new Row(Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
              f.length > 9 ? Double.parseDouble(f[9]) : Double.NaN));
      if (f.length > 8 && !f[8].equals("?")) {
        loads.add(Double.parseDouble(f[8]));
      }
    }
    lines = Files.readAllLines(dir.resolve("reverse-tape.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      tape.put(f[0] + "@" + f[1], f);
    }
    Path picks = dir.resolve("reverse-picked.tsv");
    if (Files.exists(picks)) {
      lines = Files.readAllLines(picks);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t");
        picked.put(f[0], f[1]);
      }
    }
    try (var r = Files.newBufferedReader(dir.resolve("reverse-meta.properties"))) {
      meta.load(r);
    }
  }

  void line(String fmt, Object... args) {
    md.append(String.format(Locale.ROOT, fmt, args)).append('\n');
  }

  double ns(String job, String method) {
    Map<String, Row> m = results.get(job);
    Row r = m == null ? null : m.get(method);
    return r == null ? Double.NaN : r.ns();
  }

  /** The fastest measurement iteration's ns/op: the least disturbed by other load. */
  double best(String job, String method) {
    Map<String, Row> m = results.get(job);
    Row r = m == null ? null : m.get(method);
    return r == null ? Double.NaN : r.best();
  }

  double bytesPerOp(String job, String method) {
    Map<String, Row> m = results.get(job);
    Row r = m == null ? null : m.get(method);
    return r == null ? Double.NaN : r.bytes();
  }

  static String label(String key) {
    return ReverseSuite.function(key).label();
  }

  String section() {
    line(HEADING);
    line("");
    line("Written by `benchmarks/run-reverse.sh` (do not edit by hand; run the script again, which"
        + " replaces only this section). Reverse mode (issue #12: `fAdjoint`, `fGradientReverse`)"
        + " against the primal, an exact gradient written by hand (backpropagation by hand,"
        + " `functions/HandGradients`, `MlpLoss.gradient`, `Logistic.gradient`; checked against the"
        + " generated gradients by `HandGradientsTest` and before every run), forward lanes"
        + " (`fGradientForward`) and the automatic choice (`fGradient`, reverse from"
        + " `Tape.REVERSE_FROM` = %d columns on where the method's forward sweep records inside a"
        + " loop, from `Tape.REVERSE_FROM_UNRECORDED_LOOPS` = %d where it does not). Every"
        + " generated gradient runs over one reused `Workspace`.", Tape.REVERSE_FROM,
        Tape.REVERSE_FROM_UNRECORDED_LOOPS);
    line("");
    line("| | |");
    line("|---|---|");
    line("| JDK | %s (%s) |", meta.getProperty("jdk", "?"), meta.getProperty("vm", "?"));
    // a median load near 1 on this machine is the benchmark's own fork: nothing else ran
    boolean quiet = !loads.isEmpty() && Report.median(new ArrayList<>(loads)) < 1.5;
    line("| machine | %s cores (%s), %s; %s |", meta.getProperty("cores"),
        meta.getProperty("cpu"), meta.getProperty("os"), quiet
            ? "no other work during the run (the load is the benchmark's own fork); read the"
                + " ratios, all from this one run"
            : "**shared with other builds during the run**, so the ± are wide: read the ratios,"
                + " all from this one run");
    line("| JMH | %s, %s |", meta.getProperty("jmh", "?"), meta.getProperty("jmh.settings"));
    line("| forked JVMs | `%s`, one fork per benchmark and n |", meta.getProperty("jvm.args"));
    line("| run | %s to %s (%s s) |", meta.getProperty("start"), meta.getProperty("end"),
        meta.getProperty("duration.seconds"));
    if (!loads.isEmpty()) {
      line("| load | 1-minute load average at the start of each JMH run: median %.1f, %.1f to %.1f"
          + " (on %s cores) |", Report.median(new ArrayList<>(loads)),
          loads.stream().mapToDouble(Double::doubleValue).min().orElse(0),
          loads.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          meta.getProperty("cores"));
    }
    line("");
    line("The functions: extended Rosenbrock and Ackley as above; the squared-error loss of a"
        + " one-hidden-layer sigmoid network over 8 samples with respect to all its weights as one"
        + " flat `double[]` (`functions/MlpLoss`; d inputs and h hidden units with h·d + 2h + 1 ="
        + " n: 1 × 3, 9 × 9, 35 × 27, 99 × 99); the L2-regularised logistic-regression loss over"
        + " 200 samples (`functions/Logistic`, λ = 0.01). JMH classes `Reverse<Function>Benchmark`.");
    line("");
    targets();
    costs();
    crossover();
    hessianVectors();
    tapeTable();
    return md.toString();
  }

  List<String> mainJobs() {
    List<String> jobs = new ArrayList<>();
    for (ReverseSuite.Function f : ReverseSuite.FUNCTIONS) {
      for (int n : ReverseSuite.SIZES) {
        String id = f.key() + "@" + n;
        if (results.containsKey(id)) {
          jobs.add(id);
        }
      }
    }
    return jobs;
  }

  static String key(String job) {
    String s = job.startsWith("crossover-") ? job.substring("crossover-".length())
        : job.startsWith("hv-") ? job.substring("hv-".length()) : job;
    return s.substring(0, s.indexOf('@'));
  }

  static int n(String job) {
    return Integer.parseInt(job.substring(job.indexOf('@') + 1));
  }

  /** The issue's measures, met or not. */
  void targets() {
    List<String> jobs = mainJobs();
    List<String> overPrimal = new ArrayList<>();
    List<String> overHand = new ArrayList<>();
    double worstPrimal = 0;
    double worstHand = 0;
    double worstBytes = 0;
    for (String j : jobs) {
      double rp = ns(j, "reverse") / ns(j, "primal");
      double rh = ns(j, "reverse") / ns(j, "hand");
      worstPrimal = Math.max(worstPrimal, rp);
      worstHand = Math.max(worstHand, rh);
      if (!(rp <= 4.0)) {
        overPrimal.add(j + " " + Report.x(rp));
      }
      if (!(rh <= 2.0)) {
        overHand.add(j + " " + Report.x(rh));
      }
      worstBytes = Math.max(worstBytes, Math.max(bytesPerOp(j, "reverse"),
          bytesPerOp(j, "automatic")));
    }
    // exact: the thread's allocated bytes over 20 repeated calls (ReverseTape)
    double worstAlloc = 0;
    int allocCases = 0;
    for (String[] f : tape.values()) {
      if (f.length > 6) {
        allocCases++;
        worstAlloc = Math.max(worstAlloc,
            Math.max(Double.parseDouble(f[5]), Double.parseDouble(f[6])));
      }
    }
    int bestPrimalMet = 0;
    int bestHandMet = 0;
    int bestCases = 0;
    for (String j : jobs) {
      if (!Double.isNaN(best(j, "reverse"))) {
        bestCases++;
      }
      if (best(j, "reverse") / best(j, "primal") <= 4.0) {
        bestPrimalMet++;
      }
      if (best(j, "reverse") / best(j, "hand") <= 2.0) {
        bestHandMet++;
      }
    }
    List<String> slowAuto = new ArrayList<>();
    double worstAuto = 0;
    int autoCases = 0;
    List<String> slowPick = new ArrayList<>();
    double worstPick = 0;
    for (String j : results.keySet()) {
      double a = autoOverBest(j);
      if (Double.isNaN(a)) {
        continue;
      }
      autoCases++;
      worstAuto = Math.max(worstAuto, a);
      if (a > 1.10) {
        slowAuto.add(j + " " + Report.x(a));
      }
      double p = pickedOverBest(j);
      worstPick = Math.max(worstPick, p);
      if (p > 1.10) {
        slowPick.add(j + " " + Report.x(p));
      }
    }
    line("### Measures of issue #12");
    line("");
    line("| measure | measured | met |");
    line("|---|---|---|");
    line("| reverse gradient ≤ 4× the primal at n = 10 … 10,000 | %d of %d cases; worst %s%s"
        + " (best iterations: %d of %d) | %s |",
        jobs.size() - overPrimal.size(), jobs.size(), Report.x(worstPrimal),
        overPrimal.isEmpty() ? "" : "; over: " + String.join(", ", overPrimal), bestPrimalMet,
        bestCases,
        overPrimal.isEmpty() ? "yes" : "**no**");
    line("| reverse gradient within 2× the hand-written gradient | %d of %d cases; worst %s%s"
        + " (best iterations: %d of %d) | %s |",
        jobs.size() - overHand.size(), jobs.size(), Report.x(worstHand),
        overHand.isEmpty() ? "" : "; over: " + String.join(", ", overHand), bestHandMet,
        bestCases,
        overHand.isEmpty() ? "yes" : "**no**");
    line("| `fGradient` (automatic) ≤ 1.10 × the better of forward and reverse: the mode it"
        + " picks (%s) | %d of %d runs (here and crossover); worst %s%s | %s |",
        pickedFrom(), autoCases - slowPick.size(), autoCases, Report.x(worstPick),
        slowPick.isEmpty() ? "" : "; over: " + String.join(", ", slowPick),
        slowPick.isEmpty() ? "yes" : "**no**");
    line("| the same, `fGradient`'s own time (the picked mode's code behind one comparison, so"
        + " the difference from the picked mode is the machine's noise) | %d of %d runs; worst"
        + " %s%s | %s |", autoCases - slowAuto.size(), autoCases, Report.x(worstAuto),
        slowAuto.isEmpty() ? "" : "; over: " + String.join(", ", slowAuto),
        slowAuto.isEmpty() ? "yes" : "**no**");
    line("| 0 B/op on repeated gradients with a workspace (reverse and automatic) | %s; JMH's"
        + " `gc.alloc.rate.norm` at most %s B/op (JMH's own allocation per iteration, spread over"
        + " the few calls of millisecond-long gradients: the hand-written gradient, which allocates"
        + " nothing, shows the same) | %s |",
        allocCases == 0 ? "–" : String.format(Locale.ROOT, "%s B per call in all %d cases (the"
            + " thread's allocated bytes over 20 repeated calls)", Report.bytes(worstAlloc),
            allocCases),
        Report.bytes(worstBytes), allocCases > 0 && worstAlloc < 1.0 ? "yes" : "**no**");
    line("| tape bytes per primal operation reported | see \"Tape\" below | yes |");
    hessianVectorTarget();
    line("");
  }

  /** From which n on {@code fGradient} took reverse mode, per function (the crossover jobs). */
  String pickedFrom() {
    List<String> parts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String j : picked.keySet()) {
      if (!keys.contains(key(j))) {
        keys.add(key(j));
      }
    }
    for (String k : keys) {
      int from = Integer.MAX_VALUE;
      int smallest = Integer.MAX_VALUE;
      for (Map.Entry<String, String> e : picked.entrySet()) {
        if (key(e.getKey()).equals(k)) {
          smallest = Math.min(smallest, n(e.getKey()));
          if (e.getValue().equals("reverse")) {
            from = Math.min(from, n(e.getKey()));
          }
        }
      }
      parts.add(label(k) + (from == Integer.MAX_VALUE ? ": never"
          : from == smallest ? ": at every n measured, from n = " + from : ": from n = " + from));
    }
    return parts.isEmpty() ? "reverse from n = " + Tape.REVERSE_FROM
        : "reverse mode; " + String.join("; ", parts);
  }

  /** The mode {@code fGradient} takes at this n over the faster one (means). */
  double pickedOverBest(String j) {
    double best = Math.min(ns(j, "forward"), ns(j, "reverse"));
    String mode = picked.getOrDefault(j, n(j) >= Tape.REVERSE_FROM ? "reverse" : "forward");
    return ns(j, mode) / best;
  }

  double autoOverBest(String j) {
    double best = Math.min(ns(j, "forward"), ns(j, "reverse"));
    return ns(j, "automatic") / best;
  }

  void costs() {
    line("### Gradient cost, n = 10 … 10,000");
    line("");
    line("ns/op of the primal and ratios of the means: **÷ primal**, **reverse ÷ hand**, **forward ÷"
        + " reverse** (how many times reverse mode is faster than forward lanes) and **automatic ÷"
        + " best** (`fGradient` over the faster of the two), from the means; **best it.** are the"
        + " same ratios of the fastest measurement iteration of each variant, the least disturbed"
        + " by the other load on the machine. B/op is `gc.alloc.rate.norm` (below 1 shown as 0).");
    line("");
    line("| function | n | primal ns/op | hand ÷ primal | forward ÷ primal | reverse ÷ primal |"
        + " reverse ns/op | reverse ÷ hand | forward ÷ reverse | automatic ÷ best |"
        + " reverse ÷ primal, best it. | reverse ÷ hand, best it. | B/op hand |"
        + " B/op forward | B/op reverse | B/op automatic |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (String j : mainJobs()) {
      double p = ns(j, "primal");
      double rev = ns(j, "reverse");
      Row rr = results.get(j).get("reverse");
      line("| %s | %d | %s | %s | %s | %s | %s ± %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
          label(key(j)), n(j), Report.ns(p), Report.x(ns(j, "hand") / p),
          Report.x(ns(j, "forward") / p), Report.x(rev / p), Report.ns(rev),
          rr == null ? "–" : Report.ns(rr.error()), Report.x(rev / ns(j, "hand")),
          Report.x(ns(j, "forward") / rev), Report.x(autoOverBest(j)),
          Report.x(best(j, "reverse") / best(j, "primal")),
          Report.x(best(j, "reverse") / best(j, "hand")),
          Report.bytes(bytesPerOp(j, "hand")), Report.bytes(bytesPerOp(j, "forward")),
          Report.bytes(bytesPerOp(j, "reverse")), Report.bytes(bytesPerOp(j, "automatic")));
    }
    line("");
  }

  void crossover() {
    line("### Crossover of forward lanes and reverse mode");
    line("");
    line("`fGradientForward` against `fGradientReverse` at small n, each over a reused workspace;"
        + " **forward ÷ reverse** above 1 means reverse mode is faster. `fGradient` took %s (seen"
        + " from which mode's gradient its own equals bit for bit, or, where both modes give the"
        + " same bits, from whether forward lanes left their arrays in a fresh workspace).", pickedFrom());
    line("");
    List<String> keys = new ArrayList<>();
    for (String j : results.keySet()) {
      if (j.startsWith("crossover-") && !keys.contains(key(j))) {
        keys.add(key(j));
      }
    }
    StringBuilder header = new StringBuilder("| n |");
    StringBuilder rule = new StringBuilder("|--:|");
    for (String k : keys) {
      header.append(" ").append(label(k)).append(": primal, forward, reverse ns/op | forward ÷"
          + " reverse | best it. | automatic ÷ best |");
      rule.append("--:|--:|--:|--:|");
    }
    line("%s", header);
    line("%s", rule);
    for (int n : ReverseSuite.CROSSOVER_SIZES) {
      StringBuilder row = new StringBuilder("| " + n + " |");
      boolean any = false;
      for (String k : keys) {
        String j = "crossover-" + k + "@" + n;
        if (results.containsKey(j)) {
          any = true;
        }
        row.append(String.format(Locale.ROOT, " %s, %s, %s | %s | %s | %s |",
            Report.ns(ns(j, "primal")), Report.ns(ns(j, "forward")), Report.ns(ns(j, "reverse")),
            Report.x(ns(j, "forward") / ns(j, "reverse")),
            Report.x(best(j, "forward") / best(j, "reverse")), Report.x(autoOverBest(j))));
      }
      if (any) {
        line("%s", row);
      }
    }
    line("");
    List<String> from = new ArrayList<>();
    for (String k : keys) {
      int wins = crossoverOf(k, false);
      int winsBest = crossoverOf(k, true);
      from.add(label(k) + ": " + (wins < 0 ? "not within n ≤ 16" : "from n = " + wins)
          + " (best iterations: " + (winsBest < 0 ? "not within n ≤ 16" : "from n = " + winsBest)
          + ")");
    }
    line("Reverse mode is faster than forward lanes at every measured n from: %s.",
        String.join("; ", from));
    line("");
  }

  /**
   * The smallest crossover n from which reverse is faster than forward at that and every larger
   * crossover n, or -1; from the means, or from the fastest iterations.
   */
  int crossoverOf(String key, boolean bestIterations) {
    List<Integer> sizes = new ArrayList<>();
    for (int n : ReverseSuite.CROSSOVER_SIZES) {
      sizes.add(n);
    }
    int answer = -1;
    for (int i = sizes.size() - 1; i >= 0; i--) {
      String j = "crossover-" + key + "@" + sizes.get(i);
      double f = bestIterations ? best(j, "forward") : ns(j, "forward");
      double r = bestIterations ? best(j, "reverse") : ns(j, "reverse");
      if (Double.isNaN(f) || Double.isNaN(r)) {
        continue;
      }
      if (r < f) {
        answer = sizes.get(i);
      } else {
        break;
      }
    }
    return answer;
  }

  void tapeTable() {
    line("### Tape");
    line("");
    line("The tape's peak use during one reverse gradient (`work.tape().peakBytes()`, the second"
        + " call over one workspace: 8 bytes per `double` and 4 per `int` pushed), divided by the"
        + " primal's floating-point operations (+, −, ×, ÷, negation and elementary functions"
        + " evaluated; index arithmetic, comparisons and loads not counted): 8 per Rosenbrock pair,"
        + " 5 per Ackley entry + 10, m (h (2d + 5) + 4) for the MLP, m (2n + 5) + 2n + 4 for the"
        + " logistic loss. **reverse vs hand** is the normwise relative difference max|Δ| / max|g|"
        + " of the reverse gradient from the hand-written one; **allocated per call** is the"
        + " thread's allocated bytes (`com.sun.management.ThreadMXBean`) over 20 repeated calls of"
        + " `fGradientReverse` and of `fGradient` over one workspace, divided by 20"
        + " (`suite/ReverseTape`).");
    line("");
    line("| function | n | peak tape bytes | primal operations | tape bytes per operation |"
        + " reverse vs hand | allocated per call: reverse, automatic |");
    line("|---|--:|--:|--:|--:|--:|--:|");
    for (String[] f : tape.values()) {
      long peak = Long.parseLong(f[2]);
      long ops = Long.parseLong(f[3]);
      line("| %s | %s | %s | %s | %.2f | %s | %s |", label(f[0]), f[1],
          String.format(Locale.ROOT, "%,d", peak).replace(',', ' '),
          String.format(Locale.ROOT, "%,d", ops).replace(',', ' '), (double) peak / ops, f[4],
          f.length > 6 ? f[5] + " B, " + f[6] + " B" : "–");
    }
    line("");
  }
  /** The H·v jobs measured, in the suite's order. */
  List<String> hvJobs() {
    List<String> jobs = new ArrayList<>();
    for (ReverseSuite.Function f : ReverseSuite.HV_FUNCTIONS) {
      for (int n : ReverseSuite.HV_SIZES) {
        String id = "hv-" + f.key() + "@" + n;
        if (results.containsKey(id)) {
          jobs.add(id);
        }
      }
    }
    return jobs;
  }

  /** The measure on H·v: at n = 1,000, of every function measured. */
  void hessianVectorTarget() {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    boolean any = false;
    for (String j : hvJobs()) {
      if (n(j) != 1000) {
        continue;
      }
      any = true;
      double r = ns(j, "reverse") / ns(j, "primal");
      met &= r <= 10.0;
      parts.add(String.format(Locale.ROOT, "%s %s (best iterations %s)", label(key(j)),
          Report.x(r), Report.x(best(j, "reverse") / best(j, "primal"))));
    }
    line("| H·v ≤ 10× the primal at n = 1,000 (built as reverse over forward,"
        + " `fHessianVectorReverse` into an array over a workspace: one forward and one reverse"
        + " sweep of the tangent code, the direction fixed) | %s |"
        + " %s |", any ? String.join("; ", parts) : "not measured in this run",
        !any ? "–" : met ? "yes" : "**no**");
  }

  void hessianVectors() {
    List<String> jobs = hvJobs();
    if (jobs.isEmpty()) {
      return;
    }
    line("### Hessian–vector products");
    line("");
    line("H·v of the order-2 copies (`functions/Rosenbrock2`, `functions/Ackley2`, the same bodies)"
        + " along a fixed direction, over a reused workspace: `fHessianVectorReverse` writing into"
        + " the caller's array (reverse over forward: the adjoint of the tangent code with respect"
        + " to the inputs, the direction fixed, one forward and one reverse sweep whatever n; it"
        + " allocates nothing, where the forms returning a new array allocate n doubles per call),"
        + " `fHessianVector` (forward lanes over the tangent code, a pass per 12 columns: run up to"
        + " n = %d) and, for Rosenbrock, an H·v written by hand (`HandGradients"
        + ".rosenbrockHessianVector`, the 2 × 2 blocks of the pairs). Each is checked against the"
        + " others before the run. JMH classes `Hv<Function>Benchmark`.",
        ReverseSuite.HV_FORWARD_UP_TO);
    line("");
    line("| function | n | primal ns/op | reverse H·v ns/op | reverse ÷ primal | best it. |"
        + " hand ÷ primal | reverse ÷ hand | forward lanes ÷ primal | B/op reverse |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (String j : jobs) {
      double p = ns(j, "primal");
      double r = ns(j, "reverse");
      Row rr = results.get(j).get("reverse");
      line("| %s | %d | %s | %s ± %s | %s | %s | %s | %s | %s | %s |", label(key(j)), n(j),
          Report.ns(p), Report.ns(r), rr == null ? "–" : Report.ns(rr.error()), Report.x(r / p),
          Report.x(best(j, "reverse") / best(j, "primal")), Report.x(ns(j, "hand") / p),
          Report.x(r / ns(j, "hand")), Report.x(ns(j, "forward") / p),
          Report.bytes(bytesPerOp(j, "reverse")));
    }
    line("");
  }
}
