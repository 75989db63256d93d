package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dualj.processor.FuzzAst.Program;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzer: random {@code @Differentiable} programs ({@link FuzzGenerator}) compiled
 * through the processor, their derivatives compared with the same programs over Hipparchus {@code
 * DerivativeStructure} and with Richardson-extrapolated central differences ({@link FuzzHarness}
 * lists the checks and tolerances).
 *
 * <p>By default {@value #DEFAULT_COUNT} programs of seed {@value #DEFAULT_SEED} run with the
 * suite. System properties:
 *
 * <ul>
 *   <li>{@code fuzz.seed}, {@code fuzz.count}: the campaign ({@code mvn -B test -pl processor
 *       -Pfuzz -Dfuzz.seed=123 -Dfuzz.count=5000});
 *   <li>{@code fuzz.program}: replay one program by its seed (printed with every failure), printing
 *       both versions of it;
 *   <li>{@code fuzz.dump}: with {@code fuzz.program}, a directory to write both versions to;
 *   <li>{@code fuzz.batch}: programs per compilation (default {@value #DEFAULT_BATCH});
 *   <li>{@code fuzz.threads}: compilations at a time (default: the processors, at most 4);
 *   <li>{@code fuzz.avoid}: shapes of code to leave out while a bug they trigger is being fixed
 *       (see {@link FuzzGenerator#AVOIDED}; by default those of issue #10 not yet fixed: {@code
 *       overriding,fieldAlias,paramState,extremeArgs,longMethods}; {@code none} for nothing);
 *   <li>{@code fuzz.order2}: the percentage of programs whose double-valued methods get {@code
 *       order = 2} where allowed, their Hessian entry points then checked too (default {@value
 *       FuzzGenerator#DEFAULT_ORDER2}, 0 for first order only);
 *   <li>{@code fuzz.verbose}: {@code true} to print methods for which no valid point was found;
 *   <li>{@code fuzz.report}: a file to write the failures to (default {@code
 *       target/fuzz-report.txt}).
 * </ul>
 */
class FuzzTest {
  static final long DEFAULT_SEED = 20240611L;
  static final int DEFAULT_COUNT = 300;
  static final int DEFAULT_BATCH = 20;

  @Test
  void generatedDerivativesAgreeWithTheOracles() throws Exception {
    long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    int count = Integer.getInteger("fuzz.count", DEFAULT_COUNT);
    int batch = Integer.getInteger("fuzz.batch", DEFAULT_BATCH);
    int threads =
        Integer.getInteger("fuzz.threads", Math.min(4, Runtime.getRuntime().availableProcessors()));
    String one = System.getProperty("fuzz.program", "");
    PrintStream log = System.out;

    List<Long> seeds = new ArrayList<>();
    if (!one.isBlank()) {
      for (String s : one.split(",")) {
        long programSeed = Long.parseLong(s.trim().replaceAll("[Ll]$", ""));
        seeds.add(programSeed);
        Program p = FuzzGenerator.generate(programSeed, FuzzHarness.className(programSeed));
        log.println(FuzzWriter.plain(p));
        log.println(FuzzWriter.oracle(p));
        String dump = System.getProperty("fuzz.dump", "");
        if (!dump.isBlank()) {
          Path dir = Path.of(dump, FuzzWriter.PACKAGE);
          Files.createDirectories(dir);
          Files.writeString(dir.resolve(p.className() + ".java"), FuzzWriter.plain(p));
          Files.writeString(dir.resolve(p.className() + "_DS.java"), FuzzWriter.oracle(p));
        }
      }
    } else {
      for (int i = 0; i < count; i++) {
        seeds.add(FuzzHarness.programSeed(seed, i));
      }
    }

    long t0 = System.nanoTime();
    FuzzHarness h = FuzzHarness.run(seeds, batch, threads, log);
    double seconds = (System.nanoTime() - t0) / 1e9;
    String summary =
        String.format(
            Locale.ROOT,
            "fuzz: seed %d, %s; reverse mode checked at %d points, H·v by reverse over forward at %d;"
                + " %.1f s in all; %d failing programs",
            seed,
            h.stats,
            FuzzHarness.REVERSE_CHECKED.get(),
            FuzzHarness.REVERSE_HV_CHECKED.get(),
            seconds,
            h.failures.size());
    log.println(summary);

    Path report = Path.of(System.getProperty("fuzz.report", "target/fuzz-report.txt"));
    if (report.getParent() != null) {
      Files.createDirectories(report.getParent());
    }
    Files.writeString(
        report,
        summary
            + "\n\n"
            + h.failures.stream().map(FuzzHarness.Failure::report).collect(Collectors.joining("\n")),
        StandardCharsets.UTF_8);

    assertWithMessage(
            "%s\nfailing program seeds (replay with -Dfuzz.program=SEED): %s",
            summary,
            h.failures.stream().map(f -> f.seed() + "L " + f.kind()).collect(Collectors.toList()))
        .that(h.failures.size())
        .isEqualTo(0);
  }
}
