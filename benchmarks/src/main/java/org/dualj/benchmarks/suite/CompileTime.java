package org.dualj.benchmarks.suite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Compile-time cost of the processor: writes a source of 200 {@code @Differentiable} methods (five
 * shapes: scalar expression, loop over an array, Horner loop, vector result, branch), then times
 * {@code javac} on it without the processor, with it (every output, and {@code
 * -Adualj.outputs=GRADIENT}), and on the source with the processor's generated sources and no
 * processor (what compiling the generated code costs), alternating, and reports medians.
 * Wall-clock time of the whole javac process, as a build sees it.
 *
 * <p>Usage: {@code CompileTime LIB_DIR OUT_DIR RUNS}; LIB_DIR holds dualj-annotations.jar,
 * dualj-runtime.jar, dualj-processor.jar and javapoet.jar.
 */
public final class CompileTime {
  private CompileTime() {}

  static final int METHODS = 200;

  static String source() {
    StringBuilder s = new StringBuilder();
    s.append("package gen;\n\nimport org.dualj.annotations.Differentiable;\n\n");
    s.append("public final class Generated200 {\n");
    for (int i = 0; i < METHODS; i++) {
      double c = 1.0 + i / 100.0;
      String body = switch (i % 5) {
        case 0 -> String.format(Locale.ROOT, """
              @Differentiable
              public static double m%d(double x, double y) {
                double a = x / (y + %s);
                double b = Math.sin(a) + Math.exp(-y * %s);
                return a * b - Math.log1p(x * x);
              }
            """, i, c, c);
        case 1 -> String.format(Locale.ROOT, """
              @Differentiable
              public static double m%d(double[] v) {
                double s = 0.0;
                for (int k = 0; k < v.length; k++) {
                  double t = v[k] - %s;
                  s += t * t * Math.cos(t);
                }
                return Math.sqrt(s + 1.0);
              }
            """, i, c);
        case 2 -> String.format(Locale.ROOT, """
              @Differentiable
              public static double m%d(double[] c, double x) {
                double r = c[c.length - 1];
                for (int k = c.length - 2; k >= 0; k--) {
                  r = r * x + c[k];
                }
                return r * %s;
              }
            """, i, c);
        case 3 -> String.format(Locale.ROOT, """
              @Differentiable(wrt = "q")
              public static double[] m%d(double[] q, double[] l) {
                double angle = 0.0;
                double x = 0.0;
                double y = 0.0;
                for (int k = 0; k < q.length; k++) {
                  angle += q[k] * %s;
                  x += l[k] * Math.cos(angle);
                  y += l[k] * Math.sin(angle);
                }
                return new double[] {x, y};
              }
            """, i, c);
        default -> String.format(Locale.ROOT, """
              @Differentiable
              public static double m%d(double x, double y, double z) {
                double r;
                if (x > y) {
                  r = Math.hypot(x, z) * %s;
                } else {
                  r = Math.atan2(y, z + %s);
                }
                return r + Math.tanh(x * y);
              }
            """, i, c, c);
      };
      s.append(body).append('\n');
    }
    s.append("}\n");
    return s.toString();
  }

  /** Where GNU time is, to read the CPU time of javac; absent, only wall-clock time is kept. */
  static final Path TIME = Path.of("/usr/bin/time");

  static long javac(Path javac, List<String> args, Path work, Path log) throws Exception {
    return javac(javac, args, work, log, null);
  }

  /**
   * Runs javac once: its wall-clock time in ms; its CPU time (user + system, all threads) in ms
   * is added to {@code cpu} when GNU time is there.
   */
  static long javac(Path javac, List<String> args, Path work, Path log, List<Long> cpu)
      throws Exception {
    Path classes = work.resolve("classes");
    Path generated = work.resolve("generated");
    for (Path p : List.of(classes, generated)) {
      deleteTree(p);
      Files.createDirectories(p);
    }
    List<String> cmd = new ArrayList<>();
    Path cpuFile = work.resolve("cpu.txt");
    boolean timed = cpu != null && Files.isExecutable(TIME);
    if (timed) {
      cmd.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
    }
    cmd.add(javac.toString());
    cmd.addAll(args);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (rc != 0) {
      throw new IllegalStateException("javac failed (" + rc + "): " + Files.readString(log));
    }
    if (timed) {
      String[] userSystem = Files.readString(cpuFile).trim().split("\\s+");
      cpu.add(Math.round(1000 * (Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1]))));
    }
    return ms;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    int m = s.size();
    return m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2.0;
  }

  public static void main(String[] args) throws Exception {
    Path lib = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int runs = Integer.parseInt(args[2]);
    Path work = out.resolve("compile");
    Files.createDirectories(work.resolve("gen"));
    Path src = work.resolve("gen/Generated200.java");
    Files.writeString(src, source());
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    String cp = lib.resolve("dualj-annotations.jar") + File.pathSeparator
        + lib.resolve("dualj-runtime.jar");
    String pp = lib.resolve("dualj-processor.jar") + File.pathSeparator
        + lib.resolve("dualj-annotations.jar") + File.pathSeparator + lib.resolve("javapoet.jar");
    List<String> plain = List.of("--release", "17", "-cp", cp, "-d", "classes", "-s", "generated",
        src.toString());
    List<String> withProc = new ArrayList<>(List.of("-processorpath", pp));
    withProc.addAll(plain);
    List<String> gradientOnly = new ArrayList<>(List.of("-processorpath", pp, "-A" + OUTPUTS + "=GRADIENT"));
    gradientOnly.addAll(plain);

    // one untimed run of each (file cache, and a check that all compile); the generated sources
    // of the processor's runs are kept to time javac on them alone (no processor)
    javac(javac, plain, work, work.resolve("without.log"));
    Properties p = new Properties();
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("without", plain));
    variants.add(new Variant("with", withProc));
    variants.add(new Variant("gradient", gradientOnly));
    for (String name : List.of("with", "gradient")) {
      javac(javac, name.equals("with") ? withProc : gradientOnly, work, work.resolve(name + ".log"));
      Path kept = work.resolve("generated-" + name);
      deleteTree(kept);
      Files.move(work.resolve("generated"), kept);
      List<String> sources = new ArrayList<>(List.of("-proc:none", "--release", "17", "-cp", cp,
          "-d", "classes", "-s", "generated", src.toString()));
      try (Stream<Path> s = Files.walk(kept)) {
        s.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.add(f.toString()));
      }
      p.setProperty((name.equals("with") ? "" : name + ".") + "generated.lines", Long.toString(lines(kept)));
      variants.add(new Variant(name + ".sources", sources));
    }
    for (int r = 0; r < runs; r++) {
      // alternate the order so that drift on a shared machine hits all alike
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(r % 2 == 0 ? i : variants.size() - 1 - i);
        v.ms.add(javac(javac, v.args, work, work.resolve(v.name + ".log"), v.cpu));
      }
      System.out.printf(Locale.ROOT, "compile run %d/%d: without %d ms, with %d ms%n", r + 1, runs,
          variants.get(0).ms.get(r), variants.get(1).ms.get(r));
    }
    p.setProperty("methods", Integer.toString(METHODS));
    p.setProperty("source.lines", Long.toString(Files.readAllLines(src).size()));
    p.setProperty("runs", Integer.toString(runs));
    for (Variant v : variants) {
      p.setProperty(v.name + ".ms", join(v.ms));
      p.setProperty(v.name + ".median", Double.toString(median(v.ms)));
      if (!v.cpu.isEmpty()) {
        p.setProperty(v.name + ".cpu.ms", join(v.cpu));
        p.setProperty(v.name + ".cpu.median", Double.toString(median(v.cpu)));
      }
      p.setProperty("command." + v.name, "javac " + String.join(" ", v.args).replace(lib + "/", "")
          .replace(work + "/", ""));
    }
    p.setProperty("javac", javac.toString());
    try (var w = Files.newBufferedWriter(out.resolve("compile.properties"))) {
      p.store(w, "javac with and without the dualj processor");
    }
    System.out.printf(Locale.ROOT, "compile time: median without %.0f ms, with %.0f ms (%.2fx)%n",
        median(variants.get(0).ms), median(variants.get(1).ms),
        median(variants.get(1).ms) / median(variants.get(0).ms));
  }

  /** The processor option choosing the generated methods. */
  static final String OUTPUTS = "dualj.outputs";

  /** One javac command line and its timed runs. */
  private record Variant(String name, List<String> args, List<Long> ms, List<Long> cpu) {
    Variant(String name, List<String> args) {
      this(name, args, new ArrayList<>(), new ArrayList<>());
    }
  }

  /** The lines of the files under {@code dir}. */
  static long lines(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.readAllLines(f).size();
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  static String join(List<Long> xs) {
    List<String> s = new ArrayList<>();
    xs.forEach(x -> s.add(Long.toString(x)));
    return String.join(",", s);
  }

}
