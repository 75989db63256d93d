package org.dualj.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.dualj.processor.FuzzAst.Kind;
import org.dualj.processor.FuzzAst.Param;
import org.dualj.processor.FuzzAst.Program;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Runs the differential fuzzer: generates programs ({@link FuzzGenerator}), compiles each with its
 * {@code DerivativeStructure} twin ({@link FuzzWriter}) through the processor in one in-process
 * compilation (several programs per compilation), and at random points compares every entry point
 * of the generated {@code …Derivatives} class with the oracles.
 *
 * <p>Checks, per method and sample point (inputs uniform in [-2, 2], ints in [0, 3]):
 *
 * <ul>
 *   <li>the gradient / Jacobian ({@code fGradient}, {@code gJacobian}) against Hipparchus {@code
 *       DerivativeStructure} running the same program: {@code |dualj - DS| <= 1e-9 * max(1,
 *       |DS|)}, i.e. relative 1e-9 with an absolute floor of 1e-9 for entries below 1 in
 *       magnitude (rounding differs between the two: Hipparchus divides through reciprocals,
 *       takes powers through exp and log, and so on);
 *   <li>the same against Richardson-extrapolated central differences of the plain method ({@code
 *       (4 D(h/2) - D(h)) / 3}) at steps h = 1e-3, 1e-4 and 1e-5, skipping a step whose four
 *       evaluations do not take the same branches as the point: it passes when one step agrees
 *       within {@code 1e-6 * max(1, |FD|)}, fails when none does although two steps agree with
 *       each other, and is counted as unreliable otherwise (truncation at the large step, rounding
 *       at the small one);
 *   <li>exactly: every scalar tangent ({@code Dual} entry point, one unit seed per column) equals
 *       its Jacobian column, the {@code DualVector} form and the out-parameter forms equal the
 *       Jacobian, {@code fJvp} along a random direction equals the scalar tangent along it, and
 *       every value equals the plain method's; the oracle's values, pinned to the plain functions'
 *       results, equal the plain method's too (a self-check of the fuzzer);
 *   <li>for {@code order = 2} methods ({@link FuzzGenerator} marks them), the Hessian ({@code
 *       fHessian}) against the same twin run with {@code DSFactory(n, 2)} (second partials by
 *       {@code getPartialDerivative}): {@code |dualj - DS| <= 1e-9 * max(1, |DS|)}, the tolerance
 *       of first order. Forward-over-forward differentiates dualj's tangent expressions again
 *       while Hipparchus composes Taylor coefficients, so the two round differently but neither
 *       loses more than a few digits at the points kept (values below 1e6, first and second
 *       derivatives below 1e8, intermediates below 1e12): campaigns saw scaled differences of at
 *       most 1.5e-11 (the {@code largest scaled differences} of the summary), 2.4e-14 for
 *       symmetry and 3.1e-11 for H·v below;
 *   <li>the Hessian is symmetric within rounding, {@code |H[i][j] - H[j][i]| <= 1e-9 * max(1,
 *       |H[i][j]|, |H[j][i]|)}: row i is the gradient of ∇f·eᵢ, a pass of its own, so H[i][j]
 *       and H[j][i] come from different arithmetic;
 *   <li>{@code fHessianVector} along a random direction v equals {@code Σⱼ H[i][j] vⱼ} within
 *       {@code 1e-9 * max(1, Σⱼ |H[i][j] vⱼ|)}: it is one pass with ẋ = v, which computes (Hᵀ v)
 *       with the sum inside the tangent code instead of after it (so symmetry's rounding and the
 *       sum's, relative to the sum of magnitudes);
 *   <li>exactly: the out-parameter form {@code fHessian(…, gradientOut, hessianOut)} returns the
 *       plain method's value, fills the Hessian of {@code fHessian(…)} and fills the gradient of
 *       {@code fGradient}: entry i is the value of the tangent code in row i's pass, ẋ = eᵢ, the
 *       same expressions as lane i of {@code fGradient} with the same unit seed (multiplying by 1
 *       and adding 0 are exact), and dead-code removal and the copies of array arguments change
 *       no arithmetic; {@code fSecondDerivative} equals the 1×1 Hessian (the same pass, scalar
 *       instead of lanes).
 *   <li>a {@code void} method (shape {@code voidCallee}) has no entry points: only its callers are
 *       compared, in every form above; of its own generated members there must be exactly its
 *       cores (its name, {@code …Lanes}, at most {@code …Tangent}, {@code …TangentLanes} and
 *       {@code …Adjoint}).
 * </ul>
 *
 * Points are drawn again (up to {@value #TRIES} times, then the method is skipped) where a branch
 * condition's operands, or the arguments of {@code abs}, {@code min}, {@code %}, {@code floor},
 * an {@code (int)} cast, …, are within 1e-6 of each other (relative to max(1, |operands|)) and
 * their difference depends on the inputs; where an operand is within 1e-3 of a singularity
 * ({@code cbrt}, a raw divisor, {@code atan2} and {@code hypot} at the origin); or where values
 * exceed 1e6 or derivatives 1e8 in magnitude, an operand of a comparison or a jump ({@code %},
 * {@code floor}, {@code (int)}) 1e8 or any intermediate value 1e12 (where rounding makes kinks of
 * its own: {@code hypot(x, 0.75) == |x|}, so {@code x % hypot(x, 0.75)} jumps), or an active
 * intermediate overflows ({@code cosh(1e3)}, whose tangent is then inf * 0 or inf / inf). At
 * {@code order = 2} the point is drawn with the order-2 twin and also redrawn where a second
 * derivative exceeds 1e8 or is not finite, or where a first or second derivative of any
 * intermediate does: where such derivatives cancel ({@code x * (j / x + s)} at x = 1.2e-3, the
 * second derivative of {@code j / x} about 1e9, the result's about 1), two computations of the
 * same second derivative along different directions ({@code fHessianVector} and the Hessian times
 * v) differed by 1.8e-9 relative, rounding amplified by the cancellation, not a bug (DS and the
 * Hessian agreed to 1e-15). No rule for kinks is added: every kink of a first
 * derivative in these programs is a kink or branch point of the program itself ({@code abs},
 * {@code min}/{@code max}, {@code copySign}, {@code %}, branches, jumps) or a singularity already
 * kept 1e-3 away, so the existing distances cover the second derivatives too.
 */
final class FuzzHarness {
  static final double DS_RELATIVE = 1e-9;
  static final double DS2_RELATIVE = 1e-9;
  static final double SYMMETRY = 1e-9;
  static final double HESSIAN_VECTOR = 1e-9;
  static final double FD_RELATIVE = 1e-6;
  static final double KINK = 1e-6;
  static final double SINGULAR = 1e-3;
  static final double MAX_VALUE = 1e6;
  static final double MAX_DERIVATIVE = 1e8;
  static final double MAX_INTERMEDIATE = 1e8;
  static final double MAX_INTERMEDIATE_DERIVATIVE = 1e8;
  static final double[] STEPS = {1e-3, 1e-4, 1e-5};
  static final int POINTS = 2;
  static final int TRIES = 25;
  static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");
  /** Reverse-mode gradients agree with forward-mode ones to this relative difference. */
  static final double REVERSE_RELATIVE = 1e-13;
  /**
   * Where partial products cancel, reverse and forward mode may differ by the rounding of the
   * products rather than of the entry: at most this much, absolute (seen: 2.8e-13 for
   * {@code x / nextDown(x)} at x = 0.0044, products of about 1,300).
   */
  static final double REVERSE_CANCELLATION = 1e-12;
  /** Programs whose reverse-mode gradient was checked. */
  static final java.util.concurrent.atomic.AtomicInteger REVERSE_CHECKED = new java.util.concurrent.atomic.AtomicInteger();
  /** Methods whose H·v by reverse over forward was checked. */
  static final java.util.concurrent.atomic.AtomicInteger REVERSE_HV_CHECKED = new java.util.concurrent.atomic.AtomicInteger();

  /** Whether the check of array arguments' final state is off ({@link FuzzGenerator#AVOIDED}). */
  static final boolean AVOID_PARAM_STATE = FuzzGenerator.avoid("paramState");

  /** The entry points that take the plain arguments (whose double[] arguments are checked). */
  static final Set<String> PLAIN_ARGUMENTS =
      Set.of("Jacobian", "Gradient", "Jacobian(out)", "Gradient(out)", "Jvp", "Hessian", "Hessian(out)",
          "HessianVector", "SecondDerivative", "GradientReverse", "JacobianReverse");

  /** A mismatch or failure of one program. */
  record Failure(long seed, String kind, String detail, String source) {
    String report() {
      return "=== fuzz failure: "
          + kind
          + " (program seed "
          + seed
          + "L; replay with -Dfuzz.program="
          + seed
          + ")\n"
          + detail
          + "\n--- program:\n"
          + source;
    }
  }

  /** Counters of one campaign. */
  static final class Stats {
    int programs;
    int methods;
    int points;
    int skippedMethods;
    int redraws;
    int richardsonChecks;
    int richardsonSkipped;
    int columns;
    int richardsonUnreliable;
    int secondOrderPrograms;
    int secondOrderMethods;
    int secondOrderPoints;
    long hessianEntries;
    int secondDerivatives;
    int rejected; // programs rejected with an error their shapes may rightly get
    int subReceivers; // instance methods checked with a receiver of the overriding subclass
    int matrixMethods; // methods checked that have double[][] locals (shape matrix)
    int arrayLibraryMethods; // methods checked that call arraycopy, fill, copyOf (shape arrayLibrary)
    int reverseMethods; // methods whose reverse mode was compared with forward mode
    int reverseMatrixMethods; // of those, with double[][] locals
    int reverseArrayLibraryMethods; // of those, with array library calls
    int reverseWritingMethods; // of those, writing into their array arguments at a sample point
    int voidMethods; // void methods (shape voidCallee): not checked themselves, their callers are
    int voidCallers; // methods checked that call a void method
    int reverseVoidCallers; // of those, compared in reverse mode
    // the largest differences seen, relative to each check's scale (the tolerances' margins)
    double worstHessian;
    double worstSymmetry;
    double worstHessianVector;
    long compileNanos;
    long runNanos;
    final Map<String, Integer> redrawReasons = new TreeMap<>();
    /** Methods left to forward mode, by the reason of their [DiffReverseUnsupported] note. */
    final Map<String, Integer> reverseUnsupported = new TreeMap<>();

    void add(Stats o) {
      programs += o.programs;
      methods += o.methods;
      points += o.points;
      skippedMethods += o.skippedMethods;
      redraws += o.redraws;
      richardsonChecks += o.richardsonChecks;
      richardsonSkipped += o.richardsonSkipped;
      richardsonUnreliable += o.richardsonUnreliable;
      secondOrderPrograms += o.secondOrderPrograms;
      secondOrderMethods += o.secondOrderMethods;
      secondOrderPoints += o.secondOrderPoints;
      hessianEntries += o.hessianEntries;
      secondDerivatives += o.secondDerivatives;
      rejected += o.rejected;
      subReceivers += o.subReceivers;
      matrixMethods += o.matrixMethods;
      arrayLibraryMethods += o.arrayLibraryMethods;
      reverseMethods += o.reverseMethods;
      reverseMatrixMethods += o.reverseMatrixMethods;
      reverseArrayLibraryMethods += o.reverseArrayLibraryMethods;
      reverseWritingMethods += o.reverseWritingMethods;
      voidMethods += o.voidMethods;
      voidCallers += o.voidCallers;
      reverseVoidCallers += o.reverseVoidCallers;
      worstHessian = Math.max(worstHessian, o.worstHessian);
      worstSymmetry = Math.max(worstSymmetry, o.worstSymmetry);
      worstHessianVector = Math.max(worstHessianVector, o.worstHessianVector);
      columns += o.columns;
      compileNanos += o.compileNanos;
      runNanos += o.runNanos;
      o.redrawReasons.forEach((k, v) -> redrawReasons.merge(k, v, Integer::sum));
      o.reverseUnsupported.forEach((k, v) -> reverseUnsupported.merge(k, v, Integer::sum));
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d programs, %d methods, %d points (%d Jacobian columns), %d points redrawn, %d methods"
              + " without a valid point, %d Richardson checks (%d skipped: a branch changes within"
              + " the step, %d where the step sizes disagree); order 2: %d programs, %d methods, %d points (%d"
              + " Hessian entries, %d points with fSecondDerivative; largest scaled differences: vs DS %.2g, symmetry %.2g, H·v %.2g);"
              + " redraws: %s; compile %.1f s, run %.1f s (summed over threads); %d programs rejected"
              + " as their shapes allow, %d methods checked with a Sub receiver too; methods checked with"
              + " double[][] locals %d, with array library calls %d; methods compared in reverse mode %d"
              + " (with double[][] locals %d, with array library calls %d, writing into their array"
              + " arguments %d, calling void methods %d); void methods %d, methods checked calling them %d;"
              + " left to forward mode: %s",
          programs,
          methods,
          points,
          columns,
          redraws,
          skippedMethods,
          richardsonChecks,
          richardsonSkipped,
          richardsonUnreliable,
          secondOrderPrograms,
          secondOrderMethods,
          secondOrderPoints,
          hessianEntries,
          secondDerivatives,
          worstHessian,
          worstSymmetry,
          worstHessianVector,
          redrawReasons,
          compileNanos / 1e9,
          runNanos / 1e9,
          rejected,
          subReceivers,
          matrixMethods,
          arrayLibraryMethods,
          reverseMethods,
          reverseMatrixMethods,
          reverseArrayLibraryMethods,
          reverseWritingMethods,
          reverseVoidCallers,
          voidMethods,
          voidCallers,
          reverseUnsupported);
    }
  }

  final Stats stats = new Stats();
  final List<Failure> failures = new ArrayList<>();
  private final PrintStream log;

  FuzzHarness(PrintStream log) {
    this.log = log;
  }

  /** The seed of program {@code index} of the campaign with seed {@code seed}. */
  static long programSeed(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  static String className(long programSeed) {
    return "Fuzz" + Long.toString(programSeed, 36);
  }

  /**
   * Generates, compiles and checks the programs of the given seeds, {@code batch} per compilation,
   * on {@code threads} threads (each compilation has its own processor instance and class loader).
   */
  static FuzzHarness run(List<Long> seeds, int batch, int threads, PrintStream log)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<FuzzHarness>> parts = new ArrayList<>();
      for (int i = 0; i < seeds.size(); i += batch) {
        List<Long> part = seeds.subList(i, Math.min(seeds.size(), i + batch));
        parts.add(
            pool.submit(
                () -> {
                  FuzzHarness h = new FuzzHarness(log);
                  List<Program> programs = new ArrayList<>();
                  for (long s : part) {
                    programs.add(FuzzGenerator.generate(s, className(s)));
                  }
                  h.runBatch(programs);
                  return h;
                }));
      }
      FuzzHarness all = new FuzzHarness(log);
      for (Future<FuzzHarness> f : parts) {
        FuzzHarness h = f.get();
        all.stats.add(h.stats);
        all.failures.addAll(h.failures);
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private void runBatch(List<Program> programs) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Program p : programs) {
      sources.addAll(sources(p));
    }
    Compilation c = compile(sources);
    if (c != null && c.status() == Compilation.Status.SUCCESS && c.errors().isEmpty()) {
      CompiledClasses classes = new CompiledClasses(c);
      countReverseNotes(c);
      for (Program p : programs) {
        checkWarnings(p, c);
        check(p, classes);
      }
      return;
    }
    // Find the program(s) at fault one by one.
    for (Program p : programs) {
      Compilation single;
      try {
        long t0 = System.nanoTime();
        single = Compilations.compile(sources(p).toArray(JavaFileObject[]::new));
        stats.compileNanos += System.nanoTime() - t0;
      } catch (RuntimeException | Error e) {
        // compile-testing rethrows what a processor throws
        stats.programs++;
        fail(p, "processor exception", stackTrace(e));
        continue;
      }
      if (single.status() != Compilation.Status.SUCCESS || !single.errors().isEmpty()) {
        stats.programs++;
        if (acceptablyRejected(p, single)) {
          stats.rejected++;
        } else {
          fail(p, "compile error", "compilation failed:\n" + diagnostics(single.diagnostics()));
        }
      } else {
        countReverseNotes(single);
        checkWarnings(p, single);
        check(p, new CompiledClasses(single));
      }
    }
  }

  /**
   * Whether every error is a dualj tag that the program's shapes may rightly get ({@link
   * Program#acceptableErrors()}), at a line of the plain program, and one of them more than {@code
   * [DiffCalleeFailed]}.
   */
  static boolean acceptablyRejected(Program p, Compilation c) {
    boolean primary = false;
    for (Diagnostic<? extends JavaFileObject> e : c.errors()) {
      String msg = e.getMessage(Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(Diff[A-Za-z]+)\\]").matcher(msg);
      String file = e.getSource() == null ? "" : e.getSource().getName();
      if (!m.find() || !p.acceptableErrors().contains(m.group(1)) || !file.endsWith("/" + p.className() + ".java")
          || e.getLineNumber() < 1) {
        return false;
      }
      primary |= !m.group(1).equals("DiffCalleeFailed");
    }
    return primary;
  }

  /** The batch compilation, or null if the processor threw (the programs are then compiled alone). */
  private Compilation compile(List<JavaFileObject> sources) {
    long t0 = System.nanoTime();
    try {
      return Compilations.compile(sources.toArray(JavaFileObject[]::new));
    } catch (RuntimeException | Error e) {
      return null;
    } finally {
      stats.compileNanos += System.nanoTime() - t0;
    }
  }

  /** Counts the [DiffReverseUnsupported] notes of {@code c} by what reverse mode does not handle. */
  private void countReverseNotes(Compilation c) {
    java.util.regex.Pattern reason =
        java.util.regex.Pattern.compile("\\[DiffReverseUnsupported\\] reverse mode does not handle (.*) \\(line");
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        java.util.regex.Matcher m = reason.matcher(d.getMessage(Locale.ROOT));
        if (m.find()) {
          String why = m.group(1).replaceAll("a call of \\w+, which", "a call of a method which");
          stats.reverseUnsupported.merge(why, 1, Integer::sum);
        }
      }
    }
  }

  /** Any warning but [DiffAlwaysZero] (a method whose result is constant) is unexpected. */
  private void checkWarnings(Program p, Compilation c) {
    List<Diagnostic<? extends JavaFileObject>> unexpected = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> w : c.warnings()) {
      String file = w.getSource() == null ? "" : w.getSource().getName();
      String base = file.substring(file.lastIndexOf('/') + 1);
      boolean ours =
          List.of("", "_DS", "Derivatives").stream().anyMatch(s -> base.equals(p.className() + s + ".java"));
      if (ours && !w.getMessage(Locale.ROOT).contains("[DiffAlwaysZero]")) {
        unexpected.add(w);
      }
    }
    if (!unexpected.isEmpty()) {
      fail(p, "unexpected warning", diagnostics(unexpected));
    }
  }

  private static String diagnostics(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    StringBuilder d = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> e : diagnostics) {
      d.append("  ").append(e.getKind()).append(": ").append(e.getMessage(Locale.ROOT));
      if (e.getSource() != null) {
        d.append(" [").append(e.getSource().getName()).append(':').append(e.getLineNumber()).append(']');
      }
      d.append('\n');
    }
    return d.toString();
  }

  static List<JavaFileObject> sources(Program p) {
    return List.of(
        JavaFileObjects.forSourceString(FuzzWriter.PACKAGE + "." + p.className(), FuzzWriter.plain(p)),
        JavaFileObjects.forSourceString(
            FuzzWriter.PACKAGE + "." + p.className() + "_DS", FuzzWriter.oracle(p)));
  }

  private final Set<String> reported = new LinkedHashSet<>();

  private void fail(Program p, String kind, String detail) {
    // One report per program and family of check ("derivative …", "not exact …", "compile …"):
    // the first is enough to minimise from.
    if (!reported.add(p.seed() + "/" + kind.replaceAll(" .*", ""))) {
      return;
    }
    Failure f = new Failure(p.seed(), kind, detail, FuzzWriter.plain(p));
    failures.add(f);
    log.println(f.report());
  }

  // ---------------------------------------------------------------------------------------------

  private void check(Program p, CompiledClasses classes) {
    stats.programs++;
    long t0 = System.nanoTime();
    try {
      String name = FuzzWriter.PACKAGE + "." + p.className();
      Class<?> plain = classes.load(name);
      Class<?> derivatives = classes.load(name + "Derivatives");
      Class<?> oracle = classes.load(name + "_DS");
      SplittableRandom rnd = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
      if (p.methods().stream().anyMatch(x -> x.order() == 2)) {
        stats.secondOrderPrograms++;
      }
      for (FuzzAst.Method m : p.methods()) {
        if (m.isVoid()) {
          // no entry points of its own (shape voidCallee): its callers are checked
          stats.voidMethods++;
          checkVoidCores(p, m, derivatives);
          continue;
        }
        stats.methods++;
        if (FuzzVoidShape.callsVoid(p, m)) {
          stats.voidCallers++;
        }
        if (m.order() == 2) {
          stats.secondOrderMethods++;
        }
        if (FuzzGenerator.contains(m.body(), FuzzAst.DeclM.class)) {
          stats.matrixMethods++;
        }
        if (hasArrayLibraryCalls(m)) {
          stats.arrayLibraryMethods++;
        }
        try {
          new MethodCheck(p, m, plain, derivatives, oracle, rnd, false).run();
        } catch (Mismatch e) {
          fail(p, e.kind, "method " + m.name() + ": " + e.getMessage());
        }
        if (!m.isStatic() && !p.overrides().isEmpty() && p.overrides().stream().noneMatch(o -> o.name().equals(m.name()))) {
          // the same method with a receiver of the subclass, whose calls dispatch to its overrides
          // (a method the subclass overrides is its override there: the entry point of the base
          // method differentiates the base method's body, what a static call of it means)
          stats.subReceivers++;
          try {
            new MethodCheck(p, m, plain, derivatives, oracle, rnd, true).run();
          } catch (Mismatch e) {
            fail(p, e.kind, "method " + m.name() + " (receiver: Sub): " + e.getMessage());
          }
        }
      }
    } catch (RuntimeException | LinkageError e) {
      fail(p, "harness exception", stackTrace(e));
    } finally {
      stats.runNanos += System.nanoTime() - t0;
    }
  }

  /**
   * A {@code void} method's generated members are its cores only: the tangent core under its own
   * name, the lanes, the adjoint core (where reverse mode was generated), and no Dual, gradient,
   * Jacobian, J·v or Hessian entry point.
   */
  private void checkVoidCores(Program p, FuzzAst.Method m, Class<?> derivatives) {
    Set<String> names = new java.util.TreeSet<>();
    for (Method d : derivatives.getMethods()) {
      if (d.getName().startsWith(m.name()) && d.getName().substring(m.name().length()).matches("[A-Z].*|")) {
        names.add(d.getName());
      }
    }
    Set<String> cores = Set.of(m.name(), m.name() + "Lanes", m.name() + "Tangent", m.name() + "TangentLanes",
        m.name() + "Adjoint");
    boolean ok = names.containsAll(Set.of(m.name(), m.name() + "Lanes")) && cores.containsAll(names);
    for (Method d : derivatives.getMethods()) {
      // the tangent core takes a tangent array after each differentiated array: never Dual arguments
      ok &= !(d.getName().equals(m.name()) && Arrays.stream(d.getParameterTypes()).anyMatch(
          t -> t == Dual.class || t == Dual[].class || t == DualVector.class || t == DualVector[].class));
    }
    if (!ok) {
      fail(p, "void method entry points", "method " + m.name() + ": generated " + names + ", expected only cores of " + cores);
    }
  }

  private static boolean hasArrayLibraryCalls(FuzzAst.Method m) {
    return FuzzGenerator.contains(m.body(), FuzzAst.ArrayCopy.class)
        || FuzzGenerator.contains(m.body(), FuzzAst.Fill.class)
        || FuzzGenerator.contains(m.body(), FuzzAst.ACopyOf.class);
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    String s = w.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "\n…" : s;
  }

  private static final class Mismatch extends Exception {
    final String kind;

    Mismatch(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  /** The oracle's result at one point. */
  private record OracleResult(
      double[] values,
      double[][] jacobian,
      double[][] hessian, // of out[0], at order 2 only
      double kink,
      double sing,
      long trace,
      String where,
      boolean nan,
      double big,
      double bigDerivative) {}

  /** All checks of one method. */
  private final class MethodCheck {
    private final Program program;
    private final FuzzAst.Method m;
    private final Method plainMethod;
    private final Method oracleMethod;
    private final Class<?> oracleClass;
    private final Class<?> derivatives;
    private final SplittableRandom rnd;
    private final int columns;
    private final Class<?> plainClass;
    private final Object receiver; // instances for instance methods, else null
    private final Object oracleReceiver;
    private String lastReason;
    private String lastWhere;
    private boolean reverseCounted;
    private boolean writingCounted;

    MethodCheck(
        Program program,
        FuzzAst.Method m,
        Class<?> plain,
        Class<?> derivatives,
        Class<?> oracle,
        SplittableRandom rnd,
        boolean subReceiver)
        throws Mismatch {
      this.program = program;
      this.m = m;
      this.derivatives = derivatives;
      this.oracleClass = oracle;
      this.rnd = rnd;
      this.plainClass = plain;
      try {
        ClassLoader loader = plain.getClassLoader();
        Class<?> plainType = subReceiver ? Class.forName(plain.getName() + "$Sub", true, loader) : plain;
        Class<?> oracleType = subReceiver ? Class.forName(oracle.getName() + "$Sub", true, loader) : oracle;
        this.receiver = m.isStatic() ? null : plainType.getDeclaredConstructor().newInstance();
        this.oracleReceiver = m.isStatic() ? null : oracleType.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new Mismatch("harness exception", stackTrace(e));
      }
      int n = 0;
      for (Param q : m.params()) {
        if (m.differentiates(q)) {
          n += q.kind() == Kind.ARRAY ? program.arrayLength() : 1;
        }
      }
      this.columns = n;
      try {
        plainMethod = plain.getDeclaredMethod(m.name(), plainTypes());
        plainMethod.setAccessible(true);
        Class<?>[] ot = new Class<?>[m.params().size()];
        for (int i = 0; i < ot.length; i++) {
          Kind k = m.params().get(i).kind();
          ot[i] = k == Kind.DOUBLE ? DerivativeStructure.class : k == Kind.ARRAY ? DerivativeStructure[].class : int.class;
        }
        oracleMethod = oracle.getMethod(m.name(), ot);
      } catch (NoSuchMethodException e) {
        throw new Mismatch("harness exception", e.toString());
      }
    }

    private Class<?>[] plainTypes() {
      Class<?>[] t = new Class<?>[m.params().size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = switch (m.params().get(i).kind()) {
          case DOUBLE -> double.class;
          case ARRAY -> double[].class;
          case INT -> int.class;
        };
      }
      return t;
    }

    void run() throws Mismatch {
      for (int k = 0; k < POINTS; k++) {
        Object[] point = null;
        OracleResult o = null;
        for (int t = 0; t < TRIES; t++) {
          Object[] candidate = sample();
          OracleResult r = oracle(candidate, m.order());
          if (r != null && valid(r)) {
            point = candidate;
            o = r;
            break;
          }
          stats.redraws++;
        }
        if (point == null) {
          stats.skippedMethods++;
          if (VERBOSE) {
            log.println("no valid point: " + program.seed() + " " + m.name() + " (" + lastReason + " at " + lastWhere + ")");
          }
          return;
        }
        stats.points++;
        stats.columns += columns;
        checkPoint(point, o);
      }
    }

    private Object[] sample() {
      Object[] a = new Object[m.params().size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = switch (m.params().get(i).kind()) {
          case DOUBLE -> coordinate();
          case ARRAY -> {
            double[] xs = new double[program.arrayLength()];
            for (int j = 0; j < xs.length; j++) {
              xs[j] = coordinate();
            }
            yield xs;
          }
          case INT -> rnd.nextInt(4);
        };
      }
      return a;
    }

    private double coordinate() {
      return rnd.nextDouble(-2.0, 2.0);
    }

    private boolean valid(OracleResult r) {
      String why = null;
      if (r.nan()) {
        why = "NaN inside";
      } else if (r.big() > MAX_INTERMEDIATE) {
        why = "large intermediate";
      } else if (!(r.bigDerivative() <= MAX_INTERMEDIATE_DERIVATIVE)) {
        why = "large intermediate derivative (order 2)";
      } else if (!(r.kink() >= KINK)) {
        why = "branch point or kink";
      } else if (!(r.sing() >= SINGULAR)) {
        why = "singularity";
      } else {
        for (int i = 0; i < r.values().length && why == null; i++) {
          if (!(Math.abs(r.values()[i]) <= MAX_VALUE)) {
            why = Double.isFinite(r.values()[i]) ? "large value" : "value not finite";
          }
          for (double d : r.jacobian()[i]) {
            if (why == null && !(Math.abs(d) <= MAX_DERIVATIVE)) {
              why = Double.isFinite(d) ? "large derivative" : "derivative not finite";
            }
          }
        }
        for (int i = 0; r.hessian() != null && i < columns; i++) {
          for (double d : r.hessian()[i]) {
            if (why == null && !(Math.abs(d) <= MAX_DERIVATIVE)) {
              why = Double.isFinite(d) ? "large second derivative" : "second derivative not finite";
            }
          }
        }
      }
      if (why != null) {
        stats.redrawReasons.merge(why, 1, Integer::sum);
        lastReason = why;
        lastWhere = r.where();
      }
      return why == null;
    }

    /** Runs the DerivativeStructure twin at the point, to the given order. */
    private OracleResult oracle(Object[] point, int order) throws Mismatch {
      DSFactory f = new DSFactory(columns, order);
      Object[] args = new Object[point.length];
      int col = 0;
      for (int i = 0; i < point.length; i++) {
        Param q = m.params().get(i);
        boolean active = m.differentiates(q);
        switch (q.kind()) {
          case DOUBLE -> args[i] = active ? f.variable(col++, (double) point[i]) : f.constant((double) point[i]);
          case ARRAY -> {
            double[] xs = (double[]) point[i];
            DerivativeStructure[] d = new DerivativeStructure[xs.length];
            for (int j = 0; j < xs.length; j++) {
              d[j] = active ? f.variable(col++, xs[j]) : f.constant(xs[j]);
            }
            args[i] = d;
          }
          case INT -> args[i] = point[i];
        }
      }
      Object result;
      try {
        oracleClass.getMethod("$reset", DSFactory.class).invoke(null, f);
        oracleClass.getField("$debug").setBoolean(null, VERBOSE);
        if (oracleReceiver != null) {
          oracleClass.getMethod("$initInstance").invoke(oracleReceiver);
        }
        result = oracleMethod.invoke(oracleReceiver, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof IllegalStateException check
            && check.getMessage() != null
            && check.getMessage().startsWith("NaN: ")) {
          return null; // the program's own argument check (FuzzAst.ThrowIfNaN) fired: redraw
        }
        throw new Mismatch("oracle exception", "at " + show(point) + "\n" + stackTrace(e.getCause()));
      } catch (ReflectiveOperationException e) {
        throw new Mismatch("harness exception", stackTrace(e));
      }
      DerivativeStructure[] out =
          result instanceof DerivativeStructure d ? new DerivativeStructure[] {d} : (DerivativeStructure[]) result;
      double[] values = new double[out.length];
      double[][] jac = new double[out.length][columns];
      for (int i = 0; i < out.length; i++) {
        values[i] = out[i].getValue();
        for (int j = 0; j < columns; j++) {
          int[] orders = new int[columns];
          orders[j] = 1;
          jac[i][j] = out[i].getPartialDerivative(orders);
        }
      }
      double[][] hessian = null;
      if (order == 2) {
        hessian = new double[columns][columns];
        for (int i = 0; i < columns; i++) {
          for (int j = 0; j < columns; j++) {
            int[] orders = new int[columns];
            orders[i]++;
            orders[j]++;
            hessian[i][j] = out[0].getPartialDerivative(orders);
          }
        }
      }
      try {
        return new OracleResult(
            values,
            jac,
            hessian,
            oracleClass.getField("$kink").getDouble(null),
            oracleClass.getField("$sing").getDouble(null),
            oracleClass.getField("$trace").getLong(null),
            (String) oracleClass.getField("$where").get(null),
            oracleClass.getField("$nan").getBoolean(null),
            oracleClass.getField("$big").getDouble(null),
            oracleClass.getField("$bigDerivative").getDouble(null));
      } catch (ReflectiveOperationException e) {
        throw new Mismatch("harness exception", stackTrace(e));
      }
    }

    private Object[] copy(Object[] point) {
      Object[] c = point.clone();
      for (int i = 0; i < c.length; i++) {
        if (c[i] instanceof double[] a) {
          c[i] = a.clone();
        }
      }
      return c;
    }

    private Object call(Method method, Object[] args, String what, Object[] point) throws Mismatch {
      Object target = null;
      Object[] all = args;
      if (method == plainMethod) {
        target = receiver;
      } else if (receiver != null) {
        // the generated entry points take the receiver first
        all = new Object[args.length + 1];
        all[0] = receiver;
        System.arraycopy(args, 0, all, 1, args.length);
      }
      try {
        resetFields();
        Object result = method.invoke(target, all);
        lastFields = fieldState();
        lastArgs = arrayArgs(args);
        if (!what.equals("plain") && primalFields != null && !primalFields.equals(lastFields)) {
          throw new Mismatch(
              "final state: field arrays",
              what + " at " + show(point) + " leaves the field arrays " + lastFields + ", one plain call " + primalFields);
        }
        if (!AVOID_PARAM_STATE && primalArgs != null && PLAIN_ARGUMENTS.contains(what) && !primalArgs.equals(lastArgs)) {
          throw new Mismatch(
              "final state: array arguments",
              what + " at " + show(point) + " leaves the array arguments " + lastArgs + ", one plain call " + primalArgs);
        }
        return result;
      } catch (InvocationTargetException e) {
        throw new Mismatch(
            what.equals("plain") ? "plain method exception" : "exception in generated code",
            what + " threw at " + show(point) + "\n" + stackTrace(e.getCause()));
      } catch (ReflectiveOperationException e) {
        throw new Mismatch("harness exception", stackTrace(e));
      }
    }

    // The state one plain call leaves at the current point (field arrays, array arguments).
    private String lastFields;
    private String lastArgs;
    private String primalFields;
    private String primalArgs;

    /** The field arrays' initial contents, restored in place before every call. */
    private void resetFields() throws ReflectiveOperationException {
      for (FuzzAst.ArrayField f : program.arrayFields()) {
        if (!f.isStatic() && receiver == null) {
          continue;
        }
        java.lang.reflect.Field field = plainClass.getDeclaredField(f.name());
        field.setAccessible(true);
        double[] a = (double[]) field.get(f.isStatic() ? null : receiver);
        for (int i = 0; i < a.length; i++) {
          a[i] = f.values().get(i);
        }
      }
    }

    private String fieldState() throws ReflectiveOperationException {
      StringBuilder b = new StringBuilder();
      for (FuzzAst.ArrayField f : program.arrayFields()) {
        if (!f.isStatic() && receiver == null) {
          continue;
        }
        java.lang.reflect.Field field = plainClass.getDeclaredField(f.name());
        field.setAccessible(true);
        b.append(f.name()).append('=').append(Arrays.toString((double[]) field.get(f.isStatic() ? null : receiver))).append(' ');
      }
      return b.toString();
    }

    private String arrayArgs(Object[] args) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < m.params().size() && i < args.length; i++) {
        if (m.params().get(i).kind() == Kind.ARRAY && args[i] instanceof double[] a) {
          b.append(m.params().get(i).name()).append('=').append(Arrays.toString(a)).append(' ');
        }
      }
      return b.toString();
    }

    private Method derivative(String name, Class<?>... types) throws Mismatch {
      Class<?>[] all = types;
      if (receiver != null) {
        all = new Class<?>[types.length + 1];
        all[0] = plainClass;
        System.arraycopy(types, 0, all, 1, types.length);
      }
      try {
        return derivatives.getMethod(name, all);
      } catch (NoSuchMethodException e) {
        throw new Mismatch("missing entry point", e.toString());
      }
    }

    private double[] plainValues(Object[] point) throws Mismatch {
      Object r = call(plainMethod, copy(point), "plain", point);
      return r instanceof Double d ? new double[] {d} : (double[]) r;
    }

    private void checkPoint(Object[] point, OracleResult o) throws Mismatch {
      primalFields = null;
      primalArgs = null;
      double[] value = plainValues(point);
      primalFields = lastFields;
      primalArgs = lastArgs;
      int rows = value.length;
      String at = "at " + show(point);
      // The oracle must compute the same function (a self-check of the fuzzer).
      if (o.values().length != rows) {
        throw new Mismatch("oracle mismatch", at + ": oracle has " + o.values().length + " outputs, plain " + rows);
      }
      // Its values are pinned to the plain functions' results, so they agree exactly.
      for (int i = 0; i < rows; i++) {
        if (Double.compare(value[i], o.values()[i]) != 0) {
          throw new Mismatch(
              "oracle mismatch (a bug of the fuzzer)",
              at + ": value[" + i + "] plain " + value[i] + ", oracle " + o.values()[i]);
        }
      }

      // Gradient or Jacobian.
      Class<?>[] pt = plainTypes();
      double[][] jac;
      double[] automatic = null;
      if (m.returnsArray()) {
        jac = (double[][]) call(derivative(m.name() + "Jacobian", pt), copy(point), "Jacobian", point);
      } else {
        double[] g = (double[]) call(derivative(m.name() + "Gradient", pt), copy(point), "Gradient", point);
        jac = new double[][] {g};
        // with reverse mode, fGradient picks a mode by the number of columns; the exact
        // comparisons below are with forward mode, fGradientForward
        Class<?>[] forwardTypes = Arrays.copyOf(pt, pt.length + 2);
        forwardTypes[pt.length] = double[].class;
        forwardTypes[pt.length + 1] = org.dualj.runtime.Workspace.class;
        Method forward = optionalDerivative(m.name() + "GradientForward", forwardTypes);
        if (forward != null) {
          automatic = g;
          double[] f = new double[g.length];
          Object[] args = Arrays.copyOf(copy(point), pt.length + 2);
          args[pt.length] = f;
          call(forward, args, "GradientForward", point);
          jac = new double[][] {f};
        }
      }
      if (jac.length != rows) {
        throw new Mismatch("shape", at + ": Jacobian has " + jac.length + " rows, result " + rows);
      }
      for (double[] row : jac) {
        if (row.length != columns) {
          throw new Mismatch("shape", at + ": Jacobian row has " + row.length + " columns, expected " + columns);
        }
      }

      // Against DerivativeStructure.
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < columns; j++) {
          double e = o.jacobian()[i][j];
          double a = jac[i][j];
          if (!(Math.abs(a - e) <= DS_RELATIVE * Math.max(1, Math.abs(e)))) {
            throw new Mismatch(
                "derivative mismatch vs DerivativeStructure",
                String.format(
                    Locale.ROOT,
                    "%s: d out[%d] / d %s: dualj %s, DerivativeStructure %s (difference %.3g)\n%s",
                    at, i, columnName(j), a, e, a - e, matrices(jac, o.jacobian())));
          }
        }
      }

      // Out-parameter forms.
      Class<?>[] outTypes = Arrays.copyOf(pt, pt.length + 1);
      Object[] outArgs = Arrays.copyOf(copy(point), pt.length + 1);
      if (m.returnsArray()) {
        outTypes[pt.length] = double[][].class;
        double[][] filled = new double[rows][columns];
        outArgs[pt.length] = filled;
        double[] v = (double[]) call(derivative(m.name() + "Jacobian", outTypes), outArgs, "Jacobian(out)", point);
        same("Jacobian(jacobianOut) value", at, value, v);
        for (int i = 0; i < rows; i++) {
          same("Jacobian(jacobianOut) row " + i, at, jac[i], filled[i]);
        }
      } else {
        outTypes[pt.length] = double[].class;
        double[] filled = new double[columns];
        outArgs[pt.length] = filled;
        double v = (double) call(derivative(m.name() + "Gradient", outTypes), outArgs, "Gradient(out)", point);
        same("Gradient(gradientOut) value", at, value, new double[] {v});
        same("Gradient(gradientOut)", at, automatic != null ? automatic : jac[0], filled);
      }

      // Reverse mode, where it was generated: the same value, the gradient to rounding, a
      // workspace reused (its tape empty after each call).
      if (!m.returnsArray()) {
        checkReverse(point, value[0], jac[0], o.jacobian()[0], automatic, pt, at);
      } else {
        checkReverseJacobian(point, jac, o.jacobian(), pt, at);
      }

      // Scalar tangents, one unit seed per column.
      Class<?>[] dualTypes = new Class<?>[pt.length];
      for (int i = 0; i < pt.length; i++) {
        Param q = m.params().get(i);
        dualTypes[i] = !m.differentiates(q) ? pt[i] : q.kind() == Kind.ARRAY ? Dual[].class : Dual.class;
      }
      Method scalar = derivative(m.name(), dualTypes);
      for (int j = 0; j < columns; j++) {
        double[] dir = new double[columns];
        dir[j] = 1;
        double[][] r = scalarRun(scalar, point, dir);
        same("scalar value (seed " + columnName(j) + ")", at, value, r[0]);
        double[] column = new double[rows];
        for (int i = 0; i < rows; i++) {
          column[i] = jac[i][j];
        }
        same("scalar tangent (seed " + columnName(j) + ") vs Jacobian column", at, column, r[1]);
      }

      // DualVector form, one lane per column.
      Class<?>[] vecTypes = new Class<?>[pt.length];
      Object[] vecArgs = new Object[pt.length];
      int col = 0;
      for (int i = 0; i < pt.length; i++) {
        Param q = m.params().get(i);
        if (!m.differentiates(q)) {
          vecTypes[i] = pt[i];
          vecArgs[i] = copy(point)[i];
        } else if (q.kind() == Kind.ARRAY) {
          vecTypes[i] = DualVector[].class;
          double[] xs = (double[]) point[i];
          DualVector[] d = new DualVector[xs.length];
          for (int k = 0; k < xs.length; k++) {
            d[k] = DualVector.variable(xs[k], col++, columns);
          }
          vecArgs[i] = d;
        } else {
          vecTypes[i] = DualVector.class;
          vecArgs[i] = DualVector.variable((double) point[i], col++, columns);
        }
      }
      Object vr = call(derivative(m.name(), vecTypes), vecArgs, "DualVector form", point);
      DualVector[] lanes = vr instanceof DualVector d ? new DualVector[] {d} : (DualVector[]) vr;
      if (lanes.length != rows) {
        throw new Mismatch("shape", at + ": DualVector form has " + lanes.length + " outputs");
      }
      for (int i = 0; i < rows; i++) {
        same("DualVector value", at, new double[] {value[i]}, new double[] {lanes[i].value()});
        double[] t = new double[columns];
        for (int k = 0; k < columns; k++) {
          t[k] = lanes[i].tangent(k);
        }
        same("DualVector lanes of out[" + i + "] vs Jacobian row", at, jac[i], t);
      }

      // Jvp along a random direction equals the scalar tangent along it.
      double[] dir = new double[columns];
      for (int k = 0; k < columns; k++) {
        dir[k] = rnd.nextDouble(-1, 1);
      }
      double[][] along = scalarRun(scalar, point, dir);
      List<Class<?>> jt = new ArrayList<>(Arrays.asList(pt));
      List<Object> ja = new ArrayList<>(Arrays.asList(copy(point)));
      col = 0;
      for (Param q : m.params()) {
        if (!m.differentiates(q)) {
          continue;
        }
        if (q.kind() == Kind.ARRAY) {
          jt.add(double[].class);
          ja.add(Arrays.copyOfRange(dir, col, col + program.arrayLength()));
          col += program.arrayLength();
        } else {
          jt.add(double.class);
          ja.add(dir[col++]);
        }
      }
      Object jr = call(derivative(m.name() + "Jvp", jt.toArray(Class<?>[]::new)), ja.toArray(), "Jvp", point);
      if (jr instanceof Dual d) {
        same("Jvp value", at, value, new double[] {d.value()});
        same("Jvp vs scalar tangent along the same direction", at, along[1], new double[] {d.tangent()});
      } else {
        same("Jvp vs scalar tangent along the same direction", at, along[1], (double[]) jr);
      }

      // Richardson-extrapolated central differences of the plain method, at three step sizes:
      // it passes when one of them agrees; it fails when none does although two of them agree
      // with each other (the differences are then reliable); otherwise it is counted as
      // unreliable (rounding at the small step, truncation at the large one).
      for (int j = 0; j < columns; j++) {
        List<double[]> estimates = new ArrayList<>();
        for (double h : STEPS) {
          double[] fd = richardson(point, j, o.trace(), h);
          if (fd != null) {
            estimates.add(fd);
          }
        }
        if (estimates.isEmpty()) {
          stats.richardsonSkipped++;
          continue;
        }
        for (int i = 0; i < rows; i++) {
          double a = jac[i][j];
          boolean agrees = false;
          for (double[] fd : estimates) {
            agrees |= close(a, fd[i]);
          }
          if (agrees) {
            continue;
          }
          boolean consistent = false;
          for (int x = 0; x < estimates.size(); x++) {
            for (int y = x + 1; y < estimates.size(); y++) {
              consistent |= close(estimates.get(x)[i], estimates.get(y)[i]);
            }
          }
          if (!consistent) {
            stats.richardsonUnreliable++;
            continue;
          }
          StringBuilder all = new StringBuilder();
          for (double[] fd : estimates) {
            all.append(' ').append(fd[i]);
          }
          throw new Mismatch(
              "derivative mismatch vs Richardson",
              String.format(
                  Locale.ROOT,
                  "%s: d out[%d] / d %s: dualj %s, Richardson (steps %s):%s, DerivativeStructure %s",
                  at, i, columnName(j), a, Arrays.toString(STEPS), all, o.jacobian()[i][j]));
        }
        stats.richardsonChecks++;
      }

      if (m.order() == 2) {
        checkSecondOrder(point, value[0], jac[0], o, at);
      }
    }

    /** The entry points of {@code order = 2}: see the class comment. */
    private void checkSecondOrder(Object[] point, double value, double[] gradient, OracleResult o, String at)
        throws Mismatch {
      stats.secondOrderPoints++;
      Class<?>[] pt = plainTypes();
      double[][] h = (double[][]) call(derivative(m.name() + "Hessian", pt), copy(point), "Hessian", point);
      if (h.length != columns) {
        throw new Mismatch("shape", at + ": Hessian has " + h.length + " rows, expected " + columns);
      }
      for (double[] row : h) {
        if (row.length != columns) {
          throw new Mismatch("shape", at + ": Hessian row has " + row.length + " columns, expected " + columns);
        }
      }
      stats.hessianEntries += columns * columns;

      // Against DerivativeStructure at order 2.
      for (int i = 0; i < columns; i++) {
        for (int j = 0; j < columns; j++) {
          double e = o.hessian()[i][j];
          double a = h[i][j];
          stats.worstHessian = Math.max(stats.worstHessian, Math.abs(a - e) / Math.max(1, Math.abs(e)));
          if (!(Math.abs(a - e) <= DS2_RELATIVE * Math.max(1, Math.abs(e)))) {
            throw new Mismatch(
                "second derivative mismatch vs DerivativeStructure",
                String.format(
                    Locale.ROOT,
                    "%s: d2 out / d %s d %s: dualj %s, DerivativeStructure %s (difference %.3g)\n%s",
                    at, columnName(i), columnName(j), a, e, a - e, matrices(h, o.hessian())));
          }
        }
      }

      // Symmetry: row i and column i come from different passes, so only within rounding.
      for (int i = 0; i < columns; i++) {
        for (int j = i + 1; j < columns; j++) {
          double scale = Math.max(1, Math.max(Math.abs(h[i][j]), Math.abs(h[j][i])));
          stats.worstSymmetry = Math.max(stats.worstSymmetry, Math.abs(h[i][j] - h[j][i]) / scale);
          if (!(Math.abs(h[i][j] - h[j][i]) <= SYMMETRY * scale)) {
            throw new Mismatch(
                "second derivative: Hessian not symmetric",
                String.format(
                    Locale.ROOT,
                    "%s: H[%s][%s] = %s, H[%s][%s] = %s\n%s",
                    at, columnName(i), columnName(j), h[i][j], columnName(j), columnName(i), h[j][i],
                    matrices(h, o.hessian())));
          }
        }
      }

      // The out-parameter form: the value and the Hessian exactly, the gradient exactly too (it
      // is the value of the tangent code in row i's pass, the same arithmetic as fGradient's).
      Class<?>[] outTypes = Arrays.copyOf(pt, pt.length + 2);
      outTypes[pt.length] = double[].class;
      outTypes[pt.length + 1] = double[][].class;
      Object[] outArgs = Arrays.copyOf(copy(point), pt.length + 2);
      double[] g = new double[columns];
      double[][] filled = new double[columns][columns];
      outArgs[pt.length] = g;
      outArgs[pt.length + 1] = filled;
      double v = (double) call(derivative(m.name() + "Hessian", outTypes), outArgs, "Hessian(out)", point);
      same("Hessian(gradientOut, hessianOut) value", at, new double[] {value}, new double[] {v});
      same("Hessian(gradientOut, hessianOut) gradient vs Gradient", at, gradient, g);
      for (int i = 0; i < columns; i++) {
        same("Hessian(gradientOut, hessianOut) row " + i, at, h[i], filled[i]);
      }

      // H·v along a random direction, against the product with the Hessian.
      double[] dir = new double[columns];
      for (int k = 0; k < columns; k++) {
        dir[k] = rnd.nextDouble(-1, 1);
      }
      List<Class<?>> ht = new ArrayList<>(Arrays.asList(pt));
      List<Object> ha = new ArrayList<>(Arrays.asList(copy(point)));
      int col = 0;
      for (Param q : m.params()) {
        if (!m.differentiates(q)) {
          continue;
        }
        if (q.kind() == Kind.ARRAY) {
          ht.add(double[].class);
          ha.add(Arrays.copyOfRange(dir, col, col + program.arrayLength()));
          col += program.arrayLength();
        } else {
          ht.add(double.class);
          ha.add(dir[col++]);
        }
      }
      double[] hv =
          (double[]) call(derivative(m.name() + "HessianVector", ht.toArray(Class<?>[]::new)), ha.toArray(), "HessianVector", point);
      if (hv.length != columns) {
        throw new Mismatch("shape", at + ": HessianVector has " + hv.length + " entries, expected " + columns);
      }
      for (int i = 0; i < columns; i++) {
        double sum = 0;
        double scale = 0;
        for (int j = 0; j < columns; j++) {
          sum += h[i][j] * dir[j];
          scale += Math.abs(h[i][j] * dir[j]);
        }
        stats.worstHessianVector = Math.max(stats.worstHessianVector, Math.abs(hv[i] - sum) / Math.max(1, scale));
        if (!(Math.abs(hv[i] - sum) <= HESSIAN_VECTOR * Math.max(1, scale))) {
          throw new Mismatch(
              "second derivative: HessianVector vs Hessian times the direction",
              String.format(
                  Locale.ROOT,
                  "%s: direction %s: (H v)[%s]: HessianVector %s, from the Hessian %s\n%s",
                  at, Arrays.toString(dir), columnName(i), hv[i], sum, matrices(h, o.hessian())));
        }
      }

      // H·v by reverse over forward, where reverse mode was generated: the same as forward over
      // forward to rounding.
      Method reverseHv = optionalDerivative(m.name() + "HessianVectorReverse", ht.toArray(Class<?>[]::new));
      if (reverseHv != null) {
        REVERSE_HV_CHECKED.incrementAndGet();
        double[] rhv = (double[]) call(reverseHv, ha.toArray(), "HessianVectorReverse", point);
        for (int i = 0; i < columns; i++) {
          double scale = 0;
          for (int j = 0; j < columns; j++) {
            scale += Math.abs(h[i][j] * dir[j]);
          }
          if (!(Math.abs(rhv[i] - hv[i]) <= HESSIAN_VECTOR * Math.max(1, scale))) {
            throw new Mismatch(
                "second derivative: HessianVectorReverse vs HessianVector",
                String.format(Locale.ROOT, "%s: direction %s: (H v)[%s]: reverse %s, forward %s",
                    at, Arrays.toString(dir), columnName(i), rhv[i], hv[i]));
          }
        }
      }

      // f'' when there is one differentiated double: the Hessian's one entry, exactly (the same
      // pass, scalar instead of lanes).
      if (columns == 1 && m.params().stream().anyMatch(q -> m.differentiates(q) && q.kind() == Kind.DOUBLE)) {
        double d2 = (double) call(derivative(m.name() + "SecondDerivative", pt), copy(point), "SecondDerivative", point);
        same("SecondDerivative vs Hessian", at, h[0], new double[] {d2});
        stats.secondDerivatives++;
      }
    }

    private boolean close(double a, double fd) {
      return Math.abs(a - fd) <= FD_RELATIVE * Math.max(1, Math.abs(fd));
    }

    /** The scalar entry point along {@code dir}: {values, tangents}. */
    private double[][] scalarRun(Method scalar, Object[] point, double[] dir) throws Mismatch {
      Object[] args = new Object[point.length];
      int col = 0;
      for (int i = 0; i < point.length; i++) {
        Param q = m.params().get(i);
        if (!m.differentiates(q)) {
          args[i] = q.kind() == Kind.ARRAY ? ((double[]) point[i]).clone() : point[i];
        } else if (q.kind() == Kind.ARRAY) {
          double[] xs = (double[]) point[i];
          Dual[] d = new Dual[xs.length];
          for (int k = 0; k < xs.length; k++) {
            d[k] = Dual.of(xs[k], dir[col++]);
          }
          args[i] = d;
        } else {
          args[i] = Dual.of((double) point[i], dir[col++]);
        }
      }
      Object r = call(scalar, args, "Dual form", point);
      Dual[] d = r instanceof Dual one ? new Dual[] {one} : (Dual[]) r;
      double[][] out = new double[2][d.length];
      for (int i = 0; i < d.length; i++) {
        out[0][i] = d[i].value();
        out[1][i] = d[i].tangent();
      }
      return out;
    }

    /**
     * Richardson-extrapolated central difference along column j: {derivatives}; null when an
     * evaluation takes other branches than the point (the oracle's decision trace differs).
     */
    private double[] richardson(Object[] point, int column, long trace, double step) throws Mismatch {
      double[] steps = {step, -step, step / 2, -step / 2};
      double[][] f = new double[4][];
      for (int s = 0; s < 4; s++) {
        Object[] moved = shifted(point, column, steps[s]);
        OracleResult o = oracle(moved, 1);
        if (o == null || o.trace() != trace || !(o.kink() >= KINK)) {
          return null;
        }
        f[s] = plainValues(moved);
      }
      double[] d = new double[f[0].length];
      for (int i = 0; i < d.length; i++) {
        double d1 = (f[0][i] - f[1][i]) / (2 * step);
        double d2 = (f[2][i] - f[3][i]) / step;
        d[i] = (4 * d2 - d1) / 3;
      }
      return d;
    }

    private Object[] shifted(Object[] point, int column, double h) {
      Object[] c = copy(point);
      int col = 0;
      for (int i = 0; i < c.length; i++) {
        Param q = m.params().get(i);
        if (!m.differentiates(q)) {
          continue;
        }
        if (q.kind() == Kind.ARRAY) {
          double[] xs = (double[]) c[i];
          for (int k = 0; k < xs.length; k++, col++) {
            if (col == column) {
              xs[k] += h;
            }
          }
        } else {
          if (col == column) {
            c[i] = (double) c[i] + h;
          }
          col++;
        }
      }
      return c;
    }

    private String columnName(int column) {
      int col = 0;
      for (Param q : m.params()) {
        if (!m.differentiates(q)) {
          continue;
        }
        if (q.kind() == Kind.ARRAY) {
          if (column < col + program.arrayLength()) {
            return q.name() + "[" + (column - col) + "]";
          }
          col += program.arrayLength();
        } else {
          if (column == col) {
            return q.name();
          }
          col++;
        }
      }
      return "#" + column;
    }

    private String show(Object[] point) {
      StringBuilder b = new StringBuilder(m.name()).append('(');
      for (int i = 0; i < point.length; i++) {
        if (i > 0) {
          b.append(", ");
        }
        Object v = point[i];
        b.append(m.params().get(i).name()).append(" = ");
        b.append(v instanceof double[] a ? Arrays.toString(a) : String.valueOf(v));
      }
      return b.append(')').toString();
    }

    private Method optionalDerivative(String name, Class<?>... types) {
      try {
        return derivative(name, types);
      } catch (Mismatch none) {
        return null;
      }
    }

    private void checkReverse(
        Object[] point, double value, double[] forward, double[] ds, double[] automatic, Class<?>[] pt,
        String at)
        throws Mismatch {
      Class<?>[] types = Arrays.copyOf(pt, pt.length + 2);
      types[pt.length] = double[].class;
      types[pt.length + 1] = org.dualj.runtime.Workspace.class;
      Method reverse;
      try {
        reverse = derivative(m.name() + "GradientReverse", types);
      } catch (Mismatch none) {
        return; // a [DiffReverseUnsupported] note: forward mode only
      }
      REVERSE_CHECKED.incrementAndGet();
      countReverse();
      if (!writingCounted && primalArgs != null && !primalArgs.equals(arrayArgs(point))) {
        writingCounted = true; // one plain call changed an array argument
        stats.reverseWritingMethods++;
      }
      org.dualj.runtime.Workspace work = new org.dualj.runtime.Workspace();
      for (int rep = 0; rep < 2; rep++) {
        Object[] args = Arrays.copyOf(copy(point), pt.length + 2);
        double[] filled = new double[forward.length];
        args[pt.length] = filled;
        args[pt.length + 1] = work;
        double v = (double) call(reverse, args, "GradientReverse", point);
        same("GradientReverse value", at, new double[] {value}, new double[] {v});
        if (!work.tape().isEmpty()) {
          throw new Mismatch("tape not empty", at + ": the tape holds records after GradientReverse");
        }
        if (automatic != null) {
          // fGradient is one of the two modes, bit for bit
          boolean arrays = m.params().stream().anyMatch(q -> m.differentiates(q) && q.kind() == Kind.ARRAY);
          // the threshold is the method's own, one of two: between them, either mode
          boolean reverseMode = arrays && forward.length >= org.dualj.runtime.Tape.REVERSE_FROM;
          boolean either = arrays && !reverseMode
              && forward.length >= org.dualj.runtime.Tape.REVERSE_FROM_UNRECORDED_LOOPS;
          if (either && java.util.Arrays.equals(filled, automatic)) {
            reverseMode = true;
          }
          same("Gradient (automatic) vs its mode", at, reverseMode ? filled : forward, automatic);
        }
        closeToForward(at, "out", forward, ds, filled);
      }
    }

    /**
     * The reverse mode's gradient {@code reverse} equals {@code forward} to rounding: relative to
     * the entry, or, where partial products cancel to a tiny entry ({@code x / nextDown(x)}, whose
     * derivative is one ulp's worth), within {@link #REVERSE_CANCELLATION} and as close to the
     * DerivativeStructure oracle {@code ds} as forward mode must be.
     */
    private void closeToForward(String at, String out, double[] forward, double[] ds, double[] reverse)
        throws Mismatch {
      for (int j = 0; j < forward.length; j++) {
        double e = forward[j];
        double a = reverse[j];
        boolean ok =
            Double.compare(a, e) == 0
                || Math.abs(a - e) <= REVERSE_RELATIVE * Math.max(1, Math.max(Math.abs(e), Math.abs(a)))
                || (Math.abs(a - e) <= REVERSE_CANCELLATION
                    && Math.abs(a - ds[j]) <= DS_RELATIVE * Math.max(1, Math.abs(ds[j])));
        if (!ok) {
          throw new Mismatch(
              "reverse mismatch vs forward",
              String.format(Locale.ROOT, "%s: d %s / d %s: reverse %s, forward %s (difference %.3g)",
                  at, out, columnName(j), a, e, a - e));
        }
      }
    }

    /** For a double[]-valued method with reverse mode: gJacobianReverse, row by row. */
    private void checkReverseJacobian(
        Object[] point, double[][] forward, double[][] ds, Class<?>[] pt, String at)
        throws Mismatch {
      Method reverse = optionalDerivative(m.name() + "JacobianReverse", pt);
      if (reverse == null) {
        return; // a [DiffReverseUnsupported] note: forward mode only
      }
      REVERSE_CHECKED.incrementAndGet();
      countReverse();
      double[][] jac = (double[][]) call(reverse, copy(point), "JacobianReverse", point);
      if (jac.length != forward.length) {
        throw new Mismatch("shape", at + ": JacobianReverse has " + jac.length + " rows, Jacobian " + forward.length);
      }
      for (int i = 0; i < jac.length; i++) {
        closeToForward(at, "out[" + i + "]", forward[i], ds[i], jac[i]);
      }
    }

    private void countReverse() {
      if (reverseCounted) {
        return;
      }
      reverseCounted = true;
      stats.reverseMethods++;
      if (FuzzVoidShape.callsVoid(program, m)) {
        stats.reverseVoidCallers++;
      }
      if (FuzzGenerator.contains(m.body(), FuzzAst.DeclM.class)) {
        stats.reverseMatrixMethods++;
      }
      if (hasArrayLibraryCalls(m)) {
        stats.reverseArrayLibraryMethods++;
      }
    }

    private void same(String what, String at, double[] expected, double[] actual) throws Mismatch {
      boolean ok = expected.length == actual.length;
      for (int i = 0; ok && i < expected.length; i++) {
        ok = expected[i] == actual[i] || (Double.isNaN(expected[i]) && Double.isNaN(actual[i]));
      }
      if (!ok) {
        throw new Mismatch(
            "not exact: " + what,
            at + ": " + what + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
      }
    }
  }

  private static String matrices(double[][] dualj, double[][] ds) {
    StringBuilder b = new StringBuilder("  dualj:\n");
    for (double[] row : dualj) {
      b.append("    ").append(Arrays.toString(row)).append('\n');
    }
    b.append("  DerivativeStructure:\n");
    for (double[] row : ds) {
      b.append("    ").append(Arrays.toString(row)).append('\n');
    }
    return b.toString();
  }
}
