package org.dualj.benchmarks.report;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.dualj.benchmarks.suite.Cases;
import org.dualj.benchmarks.suite.SecondOrder;

/**
 * Writes {@code BENCHMARKS.md} and the log-log SVG of gradient cost against n from the files of one
 * run ({@code results.tsv}, {@code check.tsv}, {@code meta.properties}, {@code compile.properties}).
 *
 * <p>Usage: {@code Report RUN_DIR MARKDOWN_OUT SVG_OUT}.
 */
public final class Report {
  private Report() {}

  /** One JMH result. */
  record Row(double score, double error, double bytes, double bytesError) {}

  final Map<String, Map<String, Row>> results = new LinkedHashMap<>();
  final Map<String, Map<String, Double>> checks = new HashMap<>();
  /** hessian-check.tsv: case → method → relative error. */
  final Map<String, Map<String, Double>> hessianChecks = new HashMap<>();
  final Properties meta = new Properties();
  final Properties compile = new Properties();
  final StringBuilder md = new StringBuilder();

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path mdOut = Path.of(args[1]);
    Path svgOut = Path.of(args[2]);
    Report r = new Report();
    r.load(dir);
    if (r.cases().isEmpty() && !r.secondOrderCases().isEmpty() && Files.exists(mdOut)) {
      // a run of second-order cases only: replace that section of the existing report and keep
      // the rest (the gradient suite's numbers, the SVG) as the earlier run wrote them
      Files.writeString(mdOut, r.splice(Files.readString(mdOut)));
      System.out.println("replaced the section \"" + SECOND_ORDER_HEADING.substring(3) + "\" of "
          + mdOut + " (the gradient report and " + svgOut + " are kept from their own run)");
      return;
    }
    Files.writeString(svgOut, r.svg());
    String text = r.markdown(svgOut.getFileName().toString());
    // the section "Reverse mode" comes from its own run (run-reverse.sh): kept as it was
    String reverse = Files.exists(mdOut) ? ReverseReport.extract(Files.readString(mdOut)) : null;
    if (reverse != null) {
      text = ReverseReport.splice(text, reverse);
    }
    Files.writeString(mdOut, text);
    System.out.println("wrote " + mdOut + " and " + svgOut);
  }

  static final String SECOND_ORDER_HEADING = "## Second order (Hessians)";

  /**
   * The existing report with its second-order section replaced by this run's (inserted before
   * "## Compile time", or before "## Reproducing", or at the end when it has neither).
   */
  String splice(String existing) {
    String text = existing;
    int at = text.indexOf("\n" + SECOND_ORDER_HEADING + "\n");
    if (at >= 0) {
      int next = text.indexOf("\n## ", at + 1);
      text = text.substring(0, at + 1) + (next < 0 ? "" : text.substring(next + 1));
    }
    md.setLength(0);
    secondOrder();
    String section = md.toString();
    for (String before : new String[] {"\n## Compile time\n", "\n## Reproducing\n"}) {
      int i = text.indexOf(before);
      if (i >= 0) {
        return text.substring(0, i + 1) + section + text.substring(i + 1);
      }
    }
    return text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
  }

  void load(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("results.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      results.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], new Row(
          Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6]),
          Double.parseDouble(f[7])));
    }
    lines = Files.readAllLines(dir.resolve("check.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      checks.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Double.parseDouble(f[2]));
    }
    Path hc = dir.resolve("hessian-check.tsv");
    if (Files.exists(hc)) {
      lines = Files.readAllLines(hc);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t");
        hessianChecks.computeIfAbsent(f[0], k -> new HashMap<>())
            .put(f[1], Double.parseDouble(f[2]));
      }
    }
    try (Reader rd = Files.newBufferedReader(dir.resolve("meta.properties"))) {
      meta.load(rd);
    }
    Path cp = dir.resolve("compile.properties");
    if (Files.exists(cp)) {
      try (Reader rd = Files.newBufferedReader(cp)) {
        compile.load(rd);
      }
    }
  }

  // ---------------------------------------------------------------- numbers

  /** The measured cases, in suite order. */
  List<Cases.Case> cases() {
    List<Cases.Case> out = new ArrayList<>();
    for (Cases.Case c : Cases.all()) {
      if (results.containsKey(c.id())) {
        out.add(c);
      }
    }
    return out;
  }

  Row row(Cases.Case c, String method) {
    return results.get(c.id()).get(method);
  }

  double score(Cases.Case c, String method) {
    Row r = row(c, method);
    return r == null ? Double.NaN : r.score();
  }

  double ratio(Cases.Case c, String num, String den) {
    return score(c, num) / score(c, den);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.removeIf(d -> Double.isNaN(d));
    if (s.isEmpty()) {
      return Double.NaN;
    }
    s.sort(null);
    int m = s.size();
    return m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2.0;
  }

  static String ns(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String x(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f×", v)
        : v >= 10 ? String.format(Locale.ROOT, "%.1f×", v)
        : String.format(Locale.ROOT, "%.2f×", v);
  }

  /** Bytes per operation: below 1 B/op is JMH's own noise, shown as 0. */
  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "–";
    }
    if (b < 1.0) {
      return "0";
    }
    return String.format(Locale.ROOT, "%,.0f", b).replace(',', ' ');
  }

  static String err(double e) {
    return String.format(Locale.ROOT, "%.1e", e);
  }

  static String variantLabel(Cases.Case c, String m) {
    return switch (m) {
      case Cases.PRIMAL -> "primal (`double`)";
      case Cases.TANGENT -> "generated scalar tangent (unboxed core)";
      case Cases.GENERATED -> "generated " + (c.jacobian() ? "Jacobian" : "gradient")
          + ", default chunk (p = " + c.defaultChunk() + ")";
      case Cases.HIP_GRADIENT -> "Hipparchus `Gradient`";
      case Cases.HIP_DS -> "Hipparchus `DerivativeStructure` (order 1)";
      case Cases.FD -> "central finite differences (2n evaluations)";
      default -> {
        int chunk = Integer.parseInt(m.substring("generatedChunk".length()));
        yield "generated, `chunk = " + chunk + "` (p = " + Math.min(chunk, c.n()) + ", "
            + passes(c.n(), Math.min(chunk, c.n())) + " passes)";
      }
    };
  }

  /** Lane passes of one Hessian: row i covers columns i … n − 1, p at a time. */
  static int hessianPasses(int n, int p) {
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += passes(n - i, p);
    }
    return total;
  }

  static int passes(int n, int p) {
    return (n + p - 1) / p;
  }

  // ---------------------------------------------------------------- markdown

  void line(String s) {
    md.append(s).append('\n');
  }

  void line(String fmt, Object... args) {
    md.append(String.format(Locale.ROOT, fmt, args)).append('\n');
  }

  String markdown(String svgName) {
    List<Cases.Case> cases = cases();
    line("# dualj benchmarks");
    line("");
    line("Written by `benchmarks/run.sh %s` (do not edit by hand; run the script again). The generated"
        + " forward-mode code of dualj against the plain `double` primal, Hipparchus `Gradient`,"
        + " Hipparchus `DerivativeStructure` and central finite differences, all from one run.",
        meta.getProperty("mode"));
    line("");
    line("## Setup");
    line("");
    line("| | |");
    line("|---|---|");
    line("| JDK | %s (%s) |", meta.getProperty("jdk", "?"), meta.getProperty("vm", "?"));
    line("| machine | %s cores (%s), %s GiB, %s |", meta.getProperty("cores"),
        meta.getProperty("cpu"), meta.getProperty("memory.gib"), meta.getProperty("os"));
    line("| JMH | %s, %s |", meta.getProperty("jmh", "?"), meta.getProperty("jmh.settings"));
    line("| forked JVMs | `%s`, one fork per benchmark and n |", meta.getProperty("jvm.args"));
    line("| run | %s mode, %s to %s (%s s of benchmarks) |", meta.getProperty("mode"),
        meta.getProperty("start"), meta.getProperty("end"), meta.getProperty("duration.seconds"));
    line("");
    line("ns/op is JMH's average time; ± is its 99.9% confidence half-width (wide in quick mode, which"
        + " takes few samples on a shared machine). B/op is `gc.alloc.rate.norm` of `-prof gc`;"
        + " below 1 B/op is shown as 0. Ratios are of the means of this run: **÷ primal** is the"
        + " variant's time over the primal's, **÷ generated** its time over the generated"
        + " gradient/Jacobian at the default chunk (so a Hipparchus or finite-difference row reads"
        + " \"how many times slower than dualj\"). Inputs live in `@State` fields and every result"
        + " is returned or stored into state, so nothing is constant-folded or dead.");
    line("");

    targets(cases);
    summary(cases);

    line("## Gradient cost against n");
    line("");
    line("![gradient cost against n, log-log](%s)", svgName);
    line("");
    line("Extended Rosenbrock (solid, n = 2 … 1000) and Ackley (dashed, n = 10, 100): ns per"
        + " gradient for the generated vector mode (default chunk), Hipparchus `Gradient` and"
        + " central finite differences, with the primal for reference.");
    line("");

    details(cases);
    if (!secondOrderCases().isEmpty()) {
      secondOrder();
    }
    compileSection();
    line("## Reproducing");
    line("");
    line("```sh");
    line("cd /path/to/dualj");
    line("benchmarks/run.sh quick   # about 10 minutes on 2 cores (second-order cases alone,"
        + " '^hessian-': about 3)");
    line("benchmarks/run.sh full    # 3 forks, 5 × 1 s warm-up, 10 × 1 s measurement; about 1.5 h");
    line("benchmarks/run-reverse.sh # the section \"Reverse mode\" only; about 20 minutes");
    line("```");
    line("");
    line("The functions are in `benchmarks/src/main/java/org/dualj/benchmarks/functions/` (each"
        + " `@Differentiable` method, its fixed-chunk copies and the same function over Hipparchus"
        + " field elements); the JMH classes are beside them in `org.dualj.benchmarks`.");
    return md.toString();
  }

  void targets(List<Cases.Case> cases) {
    line("## Targets");
    line("");
    line("| target | measured | met |");
    line("|---|---|---|");

    // scalar tangent
    List<Double> tangentRatios = new ArrayList<>();
    Map<String, List<Double>> perFunction = new LinkedHashMap<>();
    for (Cases.Case c : cases) {
      double r = ratio(c, Cases.TANGENT, Cases.PRIMAL);
      tangentRatios.add(r);
      perFunction.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(r);
    }
    List<Double> fnMedians = new ArrayList<>();
    perFunction.values().forEach(l -> fnMedians.add(median(l)));
    double medFn = median(fnMedians);
    double medCases = median(tangentRatios);
    line("| scalar tangent: median over functions ≤ 2.0× the primal | %s over the %d functions"
        + " (%s over all %d function-and-n cases; range %s – %s) | %s |",
        x(medFn), fnMedians.size(), x(medCases), tangentRatios.size(),
        x(tangentRatios.stream().mapToDouble(d -> d).min().orElse(Double.NaN)),
        x(tangentRatios.stream().mapToDouble(d -> d).max().orElse(Double.NaN)),
        medFn <= 2.0 ? "yes" : "**no**");

    List<String> allocating = new ArrayList<>();
    for (Cases.Case c : cases) {
      Row r = row(c, Cases.TANGENT);
      if (r != null && r.bytes() >= 1.0) {
        allocating.add(c.id() + " " + bytes(r.bytes()) + " B/op");
      }
    }
    line("| scalar tangent: 0 B/op on the unboxed entry points | %d of %d cases at 0 B/op%s | %s |",
        cases.size() - allocating.size(), cases.size(),
        allocating.isEmpty() ? "" : "; allocating: " + String.join(", ", allocating),
        allocating.isEmpty() ? "yes" : "**no**");

    targetVsHipparchus(cases, 10, 3.0);
    targetVsHipparchus(cases, 2, 2.0);

    List<String> slower = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (Cases.Case c : cases) {
      double r = ratio(c, Cases.FD, Cases.GENERATED);
      all.add(r);
      if (!(r > 1.0)) {
        slower.add(c.id() + " " + x(r));
      }
    }
    line("| vector mode faster than central finite differences at every n ≥ 2, while exact |"
        + " faster in %d of %d cases (FD ÷ generated %s – %s)%s; finite differences are off by up to"
        + " %s (relative, normwise) where the generated derivatives agree with Hipparchus to %s |"
        + " %s |",
        cases.size() - slower.size(), cases.size(), min(all), max(all),
        slower.isEmpty() ? "" : "; not faster: " + String.join(", ", slower),
        err(maxCheck(Cases.FD)), err(Math.max(maxCheck(Cases.HIP_GRADIENT), maxCheck(Cases.HIP_DS))),
        slower.isEmpty() ? "yes" : "**no**");

    List<String> big = new ArrayList<>();
    double worst = 0.0;
    for (Cases.Case c : cases) {
      Row r = row(c, Cases.GENERATED);
      double lanes = 8.0 * c.n() * c.defaultChunk();
      double over = r.bytes() / lanes;
      worst = Math.max(worst, over);
      if (r.bytes() > 2.0 * lanes + 2048.0) {
        big.add(c.id() + " " + bytes(r.bytes()) + " B/op");
      }
    }
    line("| vector mode: no allocation per operation, workspace only | B/op of the default-chunk"
        + " gradient/Jacobian is at most %.1f× the input lanes (8·n·p bytes)%s; see the B/op column"
        + " | %s |", worst,
        big.isEmpty() ? " (criterion: ≤ 2 × input lanes + 2 KiB)"
            : "; above 2 × input lanes + 2 KiB: " + String.join(", ", big),
        big.isEmpty() ? "yes" : "**no**");

    if (!compile.isEmpty()) {
      double with = Double.parseDouble(compile.getProperty("with.median"));
      double without = Double.parseDouble(compile.getProperty("without.median"));
      line("| compile time: javac with the processor ≤ 2× without, 200 annotated methods |"
          + " %.2f× (median %.0f ms with, %.0f ms without, %s runs each) | %s |", with / without,
          with, without, compile.getProperty("runs"), with / without <= 2.0 ? "yes" : "**no**");
    }
    line("");
    line("Where a target is missed, the README's benchmark section (\"Results and targets\") says"
        + " what stands in the way: what the time is spent on, measured, and what change would be"
        + " needed.");
    line("");
  }

  static String min(List<Double> xs) {
    return x(xs.stream().mapToDouble(d -> d).min().orElse(Double.NaN));
  }

  static String max(List<Double> xs) {
    return x(xs.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
  }

  double maxCheck(String method) {
    double m = 0.0;
    for (Map<String, Double> c : checks.values()) {
      Double e = c.get(method);
      if (e != null) {
        m = Math.max(m, e);
      }
    }
    return m;
  }

  void targetVsHipparchus(List<Cases.Case> cases, int n, double want) {
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (Cases.Case c : cases) {
      if (c.n() == n) {
        double r = ratio(c, Cases.HIP_GRADIENT, Cases.GENERATED);
        parts.add(c.label() + " " + x(r));
        ok &= r >= want;
      }
    }
    line("| vector mode ≥ %.0f× faster than Hipparchus `Gradient` at n = %d | %s | %s |", want, n,
        parts.isEmpty() ? "not measured" : String.join("; ", parts),
        parts.isEmpty() ? "–" : ok ? "yes" : "**no**");
  }

  void summary(List<Cases.Case> cases) {
    line("## Summary");
    line("");
    line("| function | n | primal ns/op | tangent ÷ primal | generated ns/op | generated ÷ primal"
        + " | best fixed chunk | `Gradient` ÷ generated | `DerivativeStructure` ÷ generated"
        + " | FD ÷ generated | FD error | B/op tangent | B/op generated | B/op `Gradient` |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (Cases.Case c : cases) {
      String best = "–";
      double bestScore = score(c, Cases.GENERATED);
      for (int chunk : c.distinctChunks()) {
        double s = score(c, "generatedChunk" + chunk);
        if (s < bestScore) {
          bestScore = s;
          best = "chunk " + chunk + ": " + x(s / score(c, Cases.GENERATED));
        }
      }
      Double fdErr = checks.getOrDefault(c.id(), Map.of()).get(Cases.FD);
      line("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", c.label(),
          c.n(), ns(score(c, Cases.PRIMAL)), x(ratio(c, Cases.TANGENT, Cases.PRIMAL)),
          ns(score(c, Cases.GENERATED)), x(ratio(c, Cases.GENERATED, Cases.PRIMAL)), best,
          x(ratio(c, Cases.HIP_GRADIENT, Cases.GENERATED)),
          x(ratio(c, Cases.HIP_DS, Cases.GENERATED)), x(ratio(c, Cases.FD, Cases.GENERATED)),
          fdErr == null ? "–" : err(fdErr), bytes(row(c, Cases.TANGENT).bytes()),
          bytes(row(c, Cases.GENERATED).bytes()), bytes(row(c, Cases.HIP_GRADIENT).bytes()));
    }
    line("");
    line("FD error: normwise relative difference max|FD − exact| / max|exact| of the"
        + " finite-difference gradient/Jacobian; the generated derivatives equal every fixed chunk"
        + " bit for bit and Hipparchus to rounding (checked before every run).");
    line("");
  }

  void details(List<Cases.Case> cases) {
    line("## Per function");
    line("");
    for (Cases.Case c : cases) {
      line("### %s, n = %d", c.label(), c.n());
      line("");
      line("| variant | ns/op | ± | B/op | ÷ primal | ÷ generated |");
      line("|---|--:|--:|--:|--:|--:|");
      for (String m : c.methods()) {
        Row r = row(c, m);
        if (r == null) {
          continue;
        }
        boolean derivative = !m.equals(Cases.PRIMAL) && !m.equals(Cases.TANGENT);
        line("| %s | %s | %s | %s | %s | %s |", variantLabel(c, m), ns(r.score()), ns(r.error()),
            bytes(r.bytes()), x(r.score() / score(c, Cases.PRIMAL)),
            derivative ? x(r.score() / score(c, Cases.GENERATED)) : "");
      }
      line("");
    }
  }

  void compileSection() {
    if (compile.isEmpty()) {
      return;
    }
    line("## Compile time");
    line("");
    line("A generated source of %s `@Differentiable` methods (%s lines; five shapes in turn: scalar"
        + " expression, loop over an array, Horner loop, vector result with `wrt`, branch) compiled by"
        + " `%s`, wall-clock time of the whole javac process, %s runs of each alternating, after one"
        + " untimed run of each. The processor writes %s lines of derivatives for it.",
        compile.getProperty("methods"), compile.getProperty("source.lines"),
        compile.getProperty("javac"), compile.getProperty("runs"),
        compile.getProperty("generated.lines"));
    line("");
    line("| javac | runs (ms) | median (ms) |");
    line("|---|---|--:|");
    line("| without the processor: `%s` | %s | %.0f |", compile.getProperty("command.without"),
        compile.getProperty("without.ms").replace(",", ", "),
        Double.parseDouble(compile.getProperty("without.median")));
    line("| with the processor: `%s` | %s | %.0f |", compile.getProperty("command.with"),
        compile.getProperty("with.ms").replace(",", ", "),
        Double.parseDouble(compile.getProperty("with.median")));
    compileRow("with the processor, `-Adualj.outputs=GRADIENT`", "gradient");
    compileRow("the source and the generated sources (every output), no processor", "with.sources");
    compileRow("the source and the generated sources (`GRADIENT`), no processor", "gradient.sources");
    line("");
    double without = Double.parseDouble(compile.getProperty("without.median"));
    line("Ratio of the medians: **%.2f×**.", Double.parseDouble(compile.getProperty("with.median"))
        / without);
    if (compile.getProperty("gradient.median") != null) {
      double lines = Double.parseDouble(compile.getProperty("source.lines"));
      line("");
      line("| outputs | generated lines | per source line | javac with the processor | of which"
          + " compiling the generated sources | of which the processor |");
      line("|---|--:|--:|--:|--:|--:|");
      for (String[] v : new String[][] {{"every output (default)", "with", ""},
          {"`GRADIENT`", "gradient", "gradient."}}) {
        double generated = Double.parseDouble(compile.getProperty(v[2] + "generated.lines"));
        line("| %s | %.0f | %.1f | %s | %s | %s |", v[0], generated, generated / lines,
            share(v[1], null, "without"), share(v[1] + ".sources", "without", "without"),
            share(v[1], v[1] + ".sources", "without"));
      }
      line("");
      line("Multiples of javac without the processor, as wall-clock time%s. Compiling the generated"
          + " sources is javac on the source and the generated sources without the processor, less"
          + " javac on the source alone; the processor's share is the rest (reading, transforming,"
          + " writing).", compile.getProperty("without.cpu.median") != null
              ? " / CPU time (user + system of the javac process, all threads)" : "");
    }
    line("");
  }

  /**
   * {@code (a - b) / base} in wall-clock time and, when measured, CPU time; with {@code b} null,
   * {@code a / base}.
   */
  private String share(String a, String b, String base) {
    StringBuilder out = new StringBuilder();
    for (String kind : new String[] {".median", ".cpu.median"}) {
      if (compile.getProperty(a + kind) == null) {
        continue;
      }
      double x = Double.parseDouble(compile.getProperty(a + kind));
      double y = b == null ? 0 : Double.parseDouble(compile.getProperty(b + kind));
      double z = Double.parseDouble(compile.getProperty(base + kind));
      out.append(out.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f×", (x - y) / z));
    }
    return out.toString();
  }

  private void compileRow(String label, String variant) {
    if (compile.getProperty(variant + ".median") != null) {
      line("| %s: `%s` | %s | %.0f |", label, compile.getProperty("command." + variant),
          compile.getProperty(variant + ".ms").replace(",", ", "),
          Double.parseDouble(compile.getProperty(variant + ".median")));
    }
  }

  // ---------------------------------------------------------------- second order

  /** The measured second-order cases, in suite order. */
  List<SecondOrder.Case> secondOrderCases() {
    List<SecondOrder.Case> out = new ArrayList<>();
    for (SecondOrder.Case c : SecondOrder.all()) {
      if (results.containsKey(c.id())) {
        out.add(c);
      }
    }
    return out;
  }

  double score(SecondOrder.Case c, String method) {
    Row r = results.get(c.id()).get(method);
    return r == null ? Double.NaN : r.score();
  }

  double bytesOf(SecondOrder.Case c, String method) {
    Row r = results.get(c.id()).get(method);
    return r == null ? Double.NaN : r.bytes();
  }

  double secondOrderRatio(SecondOrder.Case c, String num, String den) {
    return score(c, num) / score(c, den);
  }

  static String secondOrderLabel(String m) {
    return switch (m) {
      case SecondOrder.PRIMAL -> "primal (`double`)";
      case SecondOrder.GRADIENT -> "generated gradient `fGradient(…, gradientOut)`";
      case SecondOrder.HESSIAN_WS -> "generated Hessian `fHessian(…, g, H, work)`, reused `Workspace`";
      case SecondOrder.HESSIAN -> "generated Hessian `fHessian(…, g, H)`, no workspace";
      case SecondOrder.HV -> "generated H·v `fHessianVector`";
      case SecondOrder.HIP_DS -> "Hipparchus `DerivativeStructure`, `DSFactory(n, 2)`";
      case SecondOrder.HIP_HV -> "Hipparchus H·v, `FieldGradient<Gradient>`";
      case SecondOrder.FD -> "central differences of the generated gradient (2n gradients)";
      default -> m;
    };
  }

  void secondOrder() {
    List<SecondOrder.Case> cases = secondOrderCases();
    line(SECOND_ORDER_HEADING);
    line("");
    line("`@Differentiable(order = 2)` copies of four of the functions above (same bodies, in"
        + " `functions/*2.java`), measured in %s mode (%s), %s to %s, JDK %s,"
        + " %s cores (%s), forked JVMs `%s`, `-prof gc`. The variants:",
        meta.getProperty("mode"), meta.getProperty("jmh.settings"), meta.getProperty("start"),
        meta.getProperty("end"), meta.getProperty("jdk", "?"), meta.getProperty("cores"),
        meta.getProperty("cpu"), meta.getProperty("jvm.args"));
    line("");
    line("- **generated Hessian, workspace**: `fHessian(params, gradientOut, hessianOut, work)` with"
        + " one `org.dualj.runtime.Workspace` reused across calls (the fast path); it returns f and"
        + " fills the gradient and the n × n Hessian in Σᵢ ⌈(n − i)/p⌉ lane passes of `fTangentLanes`"
        + " (p = the default lane width).");
    line("- **generated Hessian, no workspace**: `fHessian(params, gradientOut, hessianOut)`, which"
        + " makes a new workspace per call.");
    line("- **generated H·v**: `fHessianVector(params, v)`, one Hessian-vector product (⌈n/p⌉ lane"
        + " passes), v a fixed unit vector.");
    line("- **Hipparchus `DerivativeStructure`**: the function over `DSFactory(n, 2)` variables,"
        + " one evaluation; gradient and Hessian read from `getAllDerivatives()` at indices"
        + " computed once in setup.");
    line("- **Hipparchus H·v**: forward over forward in Hipparchus, the function over"
        + " `FieldGradient<Gradient>` (outer gradient in the n inputs, each input a one-parameter"
        + " `Gradient` with value xᵢ and derivative vᵢ); (H·v)ᵢ is the inner derivative of outer"
        + " partial i.");
    line("- **FD of gradients**: central differences of the generated gradient"
        + " (`fGradient(…, gradientOut)` of the same function), column j of H ="
        + " (∇f(x + hⱼeⱼ) − ∇f(x − hⱼeⱼ)) / ((xⱼ + hⱼ) − (xⱼ − hⱼ)), hⱼ = ∛ε · max(|xⱼ|, 1), not"
        + " symmetrized: 2n gradient evaluations.");
    line("- **gradient**: the generated `fGradient(…, gradientOut)` of the same order-2 function,"
        + " so Hessian ÷ gradient is from one run.");
    line("");
    line("Before timing, every variant was compared with the `DerivativeStructure` result"
        + " (normwise relative error max|a − b| / max|b| over the Hessian, H·v against the"
        + " `DerivativeStructure` Hessian times v): the exact variants to within %.0e (largest"
        + " measured: %s), central differences of the gradient to within %.0e (largest measured:"
        + " %s).", SecondOrder.TOL_EXACT, err(maxHessianCheck(true)), SecondOrder.TOL_FD,
        err(maxHessianCheck(false)));
    line("");
    line("| function | n | p | passes | gradient ns/op | Hessian ns/op (workspace) | Hessian ÷"
        + " gradient | no workspace ÷ workspace | `DerivativeStructure` ÷ generated | FD of"
        + " gradients ÷ generated | FD error | H·v ns/op | H·v ÷ gradient | Hipparchus H·v ÷"
        + " generated H·v | B/op Hessian (workspace / none) | B/op `DerivativeStructure` |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (SecondOrder.Case c : cases) {
      Double fdErr = hessianChecks.getOrDefault(c.id(), Map.of()).get(SecondOrder.FD);
      line("| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |",
          c.label(), c.n(), c.chunk(), hessianPasses(c.n(), c.chunk()),
          ns(score(c, SecondOrder.GRADIENT)), ns(score(c, SecondOrder.HESSIAN_WS)),
          x(secondOrderRatio(c, SecondOrder.HESSIAN_WS, SecondOrder.GRADIENT)),
          x(secondOrderRatio(c, SecondOrder.HESSIAN, SecondOrder.HESSIAN_WS)),
          x(secondOrderRatio(c, SecondOrder.HIP_DS, SecondOrder.HESSIAN_WS)),
          x(secondOrderRatio(c, SecondOrder.FD, SecondOrder.HESSIAN_WS)),
          fdErr == null ? "–" : err(fdErr), ns(score(c, SecondOrder.HV)),
          x(secondOrderRatio(c, SecondOrder.HV, SecondOrder.GRADIENT)),
          x(secondOrderRatio(c, SecondOrder.HIP_HV, SecondOrder.HV)),
          bytes(bytesOf(c, SecondOrder.HESSIAN_WS)), bytes(bytesOf(c, SecondOrder.HESSIAN)),
          bytes(bytesOf(c, SecondOrder.HIP_DS)));
    }
    line("");
    line("p is the default lane width and passes = Σᵢ ⌈(n − i)/p⌉ the lane passes of one Hessian (row i from column i on, the rest mirrored). The"
        + " Hessian ratios are over the generated Hessian with a reused workspace; \"÷ gradient\""
        + " is over the generated gradient of the same function in the same run.");
    line("");
    for (SecondOrder.Case c : cases) {
      line("### %s, n = %d, order 2", c.label(), c.n());
      line("");
      line("| variant | ns/op | ± | B/op | ÷ gradient | ÷ generated |");
      line("|---|--:|--:|--:|--:|--:|");
      for (String m : SecondOrder.METHODS) {
        Row r = results.get(c.id()).get(m);
        if (r == null) {
          continue;
        }
        String vsGenerated = switch (m) {
          case SecondOrder.HESSIAN, SecondOrder.HIP_DS, SecondOrder.FD, SecondOrder.HESSIAN_WS ->
              x(r.score() / score(c, SecondOrder.HESSIAN_WS)) + " (Hessian)";
          case SecondOrder.HIP_HV, SecondOrder.HV -> x(r.score() / score(c, SecondOrder.HV))
              + " (H·v)";
          default -> "";
        };
        line("| %s | %s | %s | %s | %s | %s |", secondOrderLabel(m), ns(r.score()),
            ns(r.error()), bytes(r.bytes()), x(r.score() / score(c, SecondOrder.GRADIENT)),
            vsGenerated);
      }
      line("");
    }
  }

  /** The largest check error of the exact variants (true) or of central differences (false). */
  double maxHessianCheck(boolean exact) {
    double m = 0.0;
    for (Map<String, Double> c : hessianChecks.values()) {
      for (Map.Entry<String, Double> e : c.entrySet()) {
        if (e.getKey().equals(SecondOrder.FD) != exact) {
          m = Math.max(m, e.getValue());
        }
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- SVG

  String svg() {
    int w = 800;
    int h = 500;
    double left = 80;
    double right = 230;
    double top = 40;
    double bottom = 60;
    double pw = w - left - right;
    double ph = h - top - bottom;
    // data: series per (function, variant)
    String[][] series = {
        {Cases.GENERATED, "generated (dualj)", "#1b6ac9"},
        {Cases.HIP_GRADIENT, "Hipparchus Gradient", "#d1431f"},
        {Cases.FD, "central finite differences", "#2c9c4a"},
        {Cases.PRIMAL, "primal (one evaluation)", "#888888"},
    };
    String[][] functions = {{"rosenbrock", "Rosenbrock", ""}, {"ackley", "Ackley", "6,4"}};
    double minN = Double.MAX_VALUE;
    double maxN = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (String[] f : functions) {
      for (String[] s : series) {
        List<double[]> pts = new ArrayList<>();
        for (Cases.Case c : cases()) {
          if (c.key().equals(f[0])) {
            double v = score(c, s[0]);
            if (!Double.isNaN(v)) {
              pts.add(new double[] {c.n(), v});
              minN = Math.min(minN, c.n());
              maxN = Math.max(maxN, c.n());
              minY = Math.min(minY, v);
              maxY = Math.max(maxY, v);
            }
          }
        }
        points.put(f[0] + "/" + s[0], pts);
      }
    }
    if (maxN == 0) {
      return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n";
    }
    double x0 = Math.floor(Math.log10(minN));
    double x1 = Math.ceil(Math.log10(maxN));
    double y0 = Math.floor(Math.log10(minY));
    double y1 = Math.ceil(Math.log10(maxY));
    if (x1 <= x0) {
      x1 = x0 + 1;
    }
    if (y1 <= y0) {
      y1 = y0 + 1;
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n", w, h, w, h));
    s.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Gradient cost against n"
            + " (log-log; %s mode, %s)</text>%n", left, meta.getProperty("mode"),
        esc(meta.getProperty("jdk", "")).isEmpty() ? "" : "JDK " + esc(meta.getProperty("jdk"))));
    // grid and ticks
    for (int e = (int) x0; e <= (int) x1; e++) {
      for (int m = 1; m < 10; m++) {
        double v = Math.log10(m) + e;
        if (v > x1) {
          break;
        }
        double px = left + (v - x0) / (x1 - x0) * pw;
        s.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", px, top, px,
            top + ph, m == 1 ? "#cccccc" : "#f0f0f0"));
        if (m == 1) {
          s.append(String.format(Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", px, top + ph + 18,
              pow10(e)));
        }
      }
    }
    for (int e = (int) y0; e <= (int) y1; e++) {
      for (int m = 1; m < 10; m++) {
        double v = Math.log10(m) + e;
        if (v > y1) {
          break;
        }
        double py = top + ph - (v - y0) / (y1 - y0) * ph;
        s.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", left, py,
            left + pw, py, m == 1 ? "#cccccc" : "#f0f0f0"));
        if (m == 1) {
          s.append(String.format(Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 8, py + 4,
              pow10(e)));
        }
      }
    }
    s.append(String.format(Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>%n",
        left, top, pw, ph));
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">n (number of inputs)</text>%n",
        left + pw / 2, top + ph + 42));
    s.append(String.format(Locale.ROOT,
        "<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"middle\">ns per gradient"
            + "</text>%n", left - 52, top + ph / 2));
    // series
    for (String[] f : functions) {
      for (String[] ser : series) {
        List<double[]> pts = points.get(f[0] + "/" + ser[0]);
        if (pts.isEmpty()) {
          continue;
        }
        StringBuilder path = new StringBuilder();
        for (double[] p : pts) {
          double px = left + (Math.log10(p[0]) - x0) / (x1 - x0) * pw;
          double py = top + ph - (Math.log10(p[1]) - y0) / (y1 - y0) * ph;
          path.append(path.length() == 0 ? "" : " ")
              .append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
        }
        s.append(String.format(Locale.ROOT,
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", path,
            ser[2], f[2].isEmpty() ? "" : " stroke-dasharray=\"" + f[2] + "\""));
        for (String pt : path.toString().split(" ")) {
          String[] xy = pt.split(",");
          s.append(String.format(Locale.ROOT,
              "<circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\">"
                  + "<title>%s, %s</title></circle>%n", xy[0], xy[1],
              f[2].isEmpty() ? ser[2] : "white", ser[2], f[1], ser[1]));
        }
      }
    }
    // legend
    double lx = left + pw + 16;
    double ly = top + 10;
    for (String[] ser : series) {
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>"
              + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", lx, ly, lx + 26, ly,
          ser[2], lx + 13, ly, ser[2], ser[2]));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 32,
          ly + 4, esc(ser[1])));
      ly += 22;
    }
    ly += 10;
    for (String[] f : functions) {
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-width=\"2\"%s/>"
              + "%n", lx, ly, lx + 26, ly,
          f[2].isEmpty() ? "" : " stroke-dasharray=\"" + f[2] + "\""));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 32,
          ly + 4, f[1]));
      ly += 22;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  static String pow10(int e) {
    return switch (e) {
      case 0 -> "1";
      case 1 -> "10";
      case 2 -> "100";
      case 3 -> "1000";
      default -> "10<tspan dy=\"-6\" font-size=\"10\">" + e + "</tspan>";
    };
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
