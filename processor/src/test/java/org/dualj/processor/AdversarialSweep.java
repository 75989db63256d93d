package org.dualj.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;

/**
 * The adversarial sweep: small hand-shaped programs ({@link AdversarialSweepPrograms}) compiled
 * through the processor, each classified as
 *
 * <ul>
 *   <li>{@link Outcome#OK}: it compiled, and at every sample point every entry point of every
 *       checked method agrees with an oracle that shares no code with the processor
 *       (Richardson-extrapolated central differences of the plain method, or analytic formulas),
 *       the entry points agree with each other, and the program's state after each entry point
 *       (static fields of its classes, the receiver's fields, the contents of {@code double[]}
 *       arguments) equals the state one call of the plain method leaves;
 *   <li>{@link Outcome#REJECTED}: compilation failed with only tagged dualj errors ({@code
 *       [DiffXxx]}, not {@code [DiffInternalError]}), each at a line of a user file;
 *   <li>{@link Outcome#BAD}: anything else: a wrong derivative or final state, an internal error,
 *       an error in a generated file or an untagged error that plain javac does not give, an
 *       exception of the processor or of generated code, a missing entry point (an annotation
 *       silently ignored);
 *   <li>{@link Outcome#INVALID}: the program itself is wrong (plain javac rejects it without the
 *       processor, or the plain method throws): a bug of the sweep, reported so it gets fixed.
 * </ul>
 *
 * Every run of a plain method or an entry point happens in a fresh class loader, so static fields
 * start from their initial values each time.
 */
final class AdversarialSweep {
  private AdversarialSweep() {}

  enum Outcome {
    OK,
    REJECTED,
    BAD,
    INVALID
  }

  enum K {
    D,
    A,
    I,
    O
  }

  /**
   * A parameter: {@code double} (D), {@code double[]} (A, {@code len} elements), {@code int} (I,
   * fixed {@code intValue}) or an object (O, of class {@code type}, made by the static no-argument
   * method {@code factory} = "SimpleBinaryName#method" of the program). {@code wrt}: differentiated.
   */
  record P(K kind, String name, boolean wrt, int len, int intValue, String type, String factory) {}

  static P d(String name) {
    return new P(K.D, name, true, 0, 0, null, null);
  }

  static P dConst(String name) {
    return new P(K.D, name, false, 0, 0, null, null);
  }

  static P a(String name, int len) {
    return new P(K.A, name, true, len, 0, null, null);
  }

  static P aConst(String name, int len) {
    return new P(K.A, name, false, len, 0, null, null);
  }

  static P i(String name, int value) {
    return new P(K.I, name, false, 0, value, null, null);
  }

  static P o(String name, String type, String factory) {
    return new P(K.O, name, false, 0, 0, type, factory);
  }

  /** Analytic derivatives of a method of double parameters, all differentiated. */
  record Analytic(Function<double[], double[]> gradient, Function<double[], double[][]> hessian) {}

  /**
   * A method to check. {@code cls}: the declaring class's binary name without the package ({@code
   * Outer$Inner}); {@code receiver}: null for a static method, else the class to instantiate
   * (no-argument constructor) or a factory "Cls#method"; {@code points}: the values of the double
   * inputs (D and A parameters flattened, in order), or null for two random points in [0.3, 1.2].
   */
  record Check(
      String cls,
      String method,
      int order,
      boolean returnsArray,
      List<P> params,
      String receiver,
      List<double[]> points,
      Analytic analytic) {}

  /** A source file: its binary name without the package, and its text with %PKG% for the package. */
  record Src(String name, String text) {}

  /**
   * A program: its sources and the methods to check. {@code errorLines}: if not empty, a dualj
   * error must be reported at one of these lines (of the first source).
   */
  record Prog(String category, String name, List<Src> sources, List<Check> checks, List<Integer> errorLines) {
    Prog(String category, String name, List<Src> sources, List<Check> checks) {
      this(category, name, sources, checks, List.of());
    }
  }

  record Result(Prog prog, String pkg, Outcome outcome, String detail) {
    String source() {
      StringBuilder b = new StringBuilder();
      for (Src s : prog.sources()) {
        b.append("--- ").append(s.name()).append(".java\n").append(s.text().replace("%PKG%", pkg));
        if (!s.text().endsWith("\n")) {
          b.append('\n');
        }
      }
      return b.toString();
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Compiling and classifying

  static List<JavaFileObject> files(Prog p, String pkg) {
    List<JavaFileObject> out = new ArrayList<>();
    for (Src s : p.sources()) {
      String top = s.name().contains("$") ? s.name().substring(0, s.name().indexOf('$')) : s.name();
      out.add(JavaFileObjects.forSourceString(pkg + "." + top, s.text().replace("%PKG%", pkg)));
    }
    return out;
  }

  static Compilation compile(List<JavaFileObject> files) {
    return javac().withProcessors(new DifferentiableProcessor()).compile(files);
  }

  private static final Pattern TAG = Pattern.compile("\\[(Diff[A-Za-z]+)\\]");

  /** Compiles and checks programs, {@code batch} per compilation; results in program order. */
  static List<Result> run(List<Prog> progs, List<String> pkgs, int batch) {
    List<Result> results = new ArrayList<>();
    for (int at = 0; at < progs.size(); at += batch) {
      List<Prog> part = progs.subList(at, Math.min(progs.size(), at + batch));
      List<String> partPkgs = pkgs.subList(at, Math.min(progs.size(), at + batch));
      List<JavaFileObject> all = new ArrayList<>();
      for (int k = 0; k < part.size(); k++) {
        all.addAll(files(part.get(k), partPkgs.get(k)));
      }
      Compilation c = null;
      if (part.size() > 1) {
        try {
          c = compile(all);
        } catch (RuntimeException | Error e) {
          c = null;
        }
      }
      boolean clean = c != null && c.status() == Compilation.Status.SUCCESS && c.errors().isEmpty();
      if (c != null && !clean) {
        // The programs with errors alone, the others again together.
        java.util.Set<String> failing = failingPackages(c, partPkgs);
        if (failing != null && failing.size() < part.size()) {
          List<Prog> rest = new ArrayList<>();
          List<String> restPkgs = new ArrayList<>();
          Map<String, Result> byPkg = new java.util.HashMap<>();
          for (int k = 0; k < part.size(); k++) {
            if (failing.contains(partPkgs.get(k))) {
              byPkg.put(partPkgs.get(k), guarded(part.get(k), partPkgs.get(k), null));
            } else {
              rest.add(part.get(k));
              restPkgs.add(partPkgs.get(k));
            }
          }
          for (Result r : run(rest, restPkgs, batch)) {
            byPkg.put(r.pkg(), r);
          }
          for (String pkg : partPkgs) {
            results.add(byPkg.get(pkg));
          }
          continue;
        }
      }
      for (int k = 0; k < part.size(); k++) {
        Prog p = part.get(k);
        String pkg = partPkgs.get(k);
        Result r;
        try {
          r = clean ? checkAll(p, pkg, c) : one(p, pkg);
        } catch (RuntimeException | Error e) {
          r = new Result(p, pkg, Outcome.BAD, "sweep harness exception: " + trace(e));
        }
        results.add(r);
      }
    }
    return results;
  }

  private static Result guarded(Prog p, String pkg, Compilation clean) {
    try {
      return clean != null ? checkAll(p, pkg, clean) : one(p, pkg);
    } catch (RuntimeException | Error e) {
      return new Result(p, pkg, Outcome.BAD, "sweep harness exception: " + trace(e));
    }
  }

  /** The packages of the programs that errors are reported in, or null if one has no file. */
  private static java.util.Set<String> failingPackages(Compilation c, List<String> pkgs) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Diagnostic<? extends JavaFileObject> e : c.errors()) {
      if (e.getSource() == null) {
        return null;
      }
      String path = "/" + e.getSource().toUri().getPath();
      String found = null;
      for (String pkg : pkgs) {
        if (path.contains("/" + pkg + "/")) {
          found = pkg;
        }
      }
      if (found == null) {
        return null;
      }
      out.add(found);
    }
    return out;
  }

  private static Result one(Prog p, String pkg) {
    Compilation c;
    try {
      c = compile(files(p, pkg));
    } catch (RuntimeException | Error e) {
      if (!plainJavacAccepts(p, pkg)) {
        return new Result(p, pkg, Outcome.INVALID, "plain javac fails too; with the processor: " + trace(e));
      }
      return new Result(p, pkg, Outcome.BAD, "processor threw: " + trace(e));
    }
    if (c.status() == Compilation.Status.SUCCESS && c.errors().isEmpty()) {
      return checkAll(p, pkg, c);
    }
    return classifyErrors(p, pkg, c);
  }

  private static boolean isUserFile(Prog p, String pkg, JavaFileObject f) {
    if (f == null) {
      return false;
    }
    String path = f.toUri().getPath();
    if (path == null || path.contains("SOURCE_OUTPUT")) {
      return false;
    }
    for (Src s : p.sources()) {
      String top = s.name().contains("$") ? s.name().substring(0, s.name().indexOf('$')) : s.name();
      if (("/" + path).endsWith("/" + pkg + "/" + top + ".java")) {
        return true;
      }
    }
    return false;
  }

  private static Result classifyErrors(Prog p, String pkg, Compilation c) {
    StringBuilder all = new StringBuilder();
    String bad = null;
    boolean untagged = false;
    List<String> tags = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> e : c.errors()) {
      String msg = e.getMessage(Locale.ROOT);
      JavaFileObject src = e.getSource();
      String where = src == null ? "(no file)" : src.toUri().getPath() + ":" + e.getLineNumber();
      all.append("  error: ").append(firstLine(msg)).append(" [").append(where).append("]\n");
      Matcher m = TAG.matcher(msg);
      if (msg.contains("[DiffInternalError]")) {
        bad = bad == null ? "internal error" : bad;
      } else if (src != null && !isUserFile(p, pkg, src)) {
        bad = bad == null ? "error in generated code" : bad;
      } else if (!m.find()) {
        untagged = true;
      } else if (src == null || e.getLineNumber() < 1 || e.getLineNumber() > lines(p.sources().get(0).text())
          && isFirstSource(p, pkg, src)) {
        bad = bad == null ? "dualj error without a valid user line" : bad;
      } else {
        tags.add(m.group(1));
        if (!p.errorLines().isEmpty() && isFirstSource(p, pkg, src) && !p.errorLines().contains((int) e.getLineNumber())) {
          bad = bad == null ? "dualj error at line " + e.getLineNumber() + ", expected one of " + p.errorLines() : bad;
        }
      }
    }
    if (bad == null && untagged) {
      // javac's own error: the program's fault if javac alone rejects it too.
      if (!plainJavacAccepts(p, pkg)) {
        return new Result(p, pkg, Outcome.INVALID, "plain javac rejects the program:\n" + all);
      }
      bad = "untagged error in a user file that plain javac does not give";
    }
    if (bad != null) {
      return new Result(p, pkg, Outcome.BAD, bad + "\n" + all);
    }
    return new Result(p, pkg, Outcome.REJECTED, String.join(",", tags));
  }

  /** Whether javac without annotation processing compiles the program. */
  static boolean plainJavacAccepts(Prog p, String pkg) {
    try {
      return javac().withOptions("-proc:none").compile(files(p, pkg)).status() == Compilation.Status.SUCCESS;
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  private static boolean isFirstSource(Prog p, String pkg, JavaFileObject src) {
    Src s = p.sources().get(0);
    return ("/" + src.toUri().getPath()).endsWith("/" + pkg + "/" + s.name() + ".java");
  }

  /** Lines of a text, any of \n, \r\n and \r ending a line. */
  static int lines(String text) {
    return text.split("\r\n|\r|\n", -1).length;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String trace(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    String s = w.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "\n…" : s;
  }

  // ----------------------------------------------------------------------------------------------
  // Running the compiled program

  /** The class files of a compilation, defined anew by every {@link Loader}. */
  static final class Bytes {
    final Map<String, byte[]> classes = new ConcurrentHashMap<>();

    Bytes(Compilation c) {
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = f.toUri().getPath();
        int at = path.indexOf("CLASS_OUTPUT/");
        String name = path.substring(at + "CLASS_OUTPUT/".length(), path.length() - ".class".length());
        try (InputStream in = f.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  static final class Loader extends ClassLoader {
    private final Bytes bytes;

    Loader(Bytes bytes) {
      super(AdversarialSweep.class.getClassLoader());
      this.bytes = bytes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytes.classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }

    Class<?> get(String name) {
      try {
        return Class.forName(name, true, this);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A failed check. */
  static final class Mismatch extends Exception {
    final Outcome outcome;

    Mismatch(Outcome outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }

  private static Result checkAll(Prog p, String pkg, Compilation c) {
    Bytes bytes = new Bytes(c);
    List<String> user = new ArrayList<>();
    List<String> derivatives = new ArrayList<>();
    for (String n : new TreeMap<>(bytes.classes).keySet()) {
      if (!n.startsWith(pkg + ".")) {
        continue;
      }
      if (n.endsWith("Derivatives")) {
        derivatives.add(n);
      } else {
        user.add(n);
      }
    }
    try {
      for (Check ch : p.checks()) {
        new CheckRun(p, pkg, ch, bytes, user, derivatives).run();
      }
    } catch (Mismatch m) {
      return new Result(p, pkg, m.outcome, m.getMessage());
    }
    return new Result(p, pkg, Outcome.OK, "");
  }

  /** The result of one run: the method's value and the program's state after it. */
  record Run(Object value, String state, String stateWithoutArgs) {}

  static final double FD_TOLERANCE = 1e-6;
  static final double FD2_TOLERANCE = 1e-5;
  static final double ANALYTIC_TOLERANCE = 1e-9;
  static final double AGREE = 1e-10;

  static final class CheckRun {
    final Prog prog;
    final String pkg;
    final Check ch;
    final Bytes bytes;
    final List<String> userClasses;
    final List<String> derivativeClasses;
    final int columns;
    final List<Integer> columnIndex = new ArrayList<>(); // flattened double index of each column
    final int flat;
    final SplittableRandom rnd;
    String at = "";

    CheckRun(Prog prog, String pkg, Check ch, Bytes bytes, List<String> user, List<String> derivatives) {
      this.prog = prog;
      this.pkg = pkg;
      this.ch = ch;
      this.bytes = bytes;
      this.userClasses = user;
      this.derivativeClasses = derivatives;
      int k = 0;
      for (P q : ch.params()) {
        if (q.kind() == K.D) {
          if (q.wrt()) {
            columnIndex.add(k);
          }
          k++;
        } else if (q.kind() == K.A) {
          for (int j = 0; j < q.len(); j++) {
            if (q.wrt()) {
              columnIndex.add(k);
            }
            k++;
          }
        }
      }
      this.flat = k;
      this.columns = columnIndex.size();
      this.rnd = new SplittableRandom(prog.name().hashCode() * 31L + ch.method().hashCode());
    }

    String where() {
      return ch.cls() + "." + ch.method() + " (order " + ch.order() + ", receiver " + ch.receiver() + ") " + at;
    }

    Mismatch bad(String what) {
      return new Mismatch(Outcome.BAD, what + " in " + where());
    }

    void run() throws Mismatch {
      List<double[]> points = ch.points();
      if (points == null) {
        points = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          double[] x = new double[flat];
          for (int j = 0; j < flat; j++) {
            x[j] = 0.3 + 0.9 * rnd.nextDouble();
          }
          points.add(x);
        }
      }
      for (double[] x : points) {
        at = "at " + Arrays.toString(x);
        point(x);
      }
    }

    // --- building arguments -------------------------------------------------------------------

    Class<?> type(Loader l, P q) {
      return switch (q.kind()) {
        case D -> double.class;
        case A -> double[].class;
        case I -> int.class;
        case O -> typeNamed(l, q.type());
      };
    }

    Class<?> typeNamed(Loader l, String name) {
      try {
        return Class.forName(name.contains(".") ? name : pkg + "." + name, false, l);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    Object make(Loader l, String spec) throws Mismatch {
      try {
        if (spec.contains("#")) {
          String[] parts = spec.split("#");
          Method m = l.get(pkg + "." + parts[0]).getDeclaredMethod(parts[1]);
          m.setAccessible(true);
          return m.invoke(null);
        }
        Constructor<?> k = l.get(pkg + "." + spec).getDeclaredConstructor();
        k.setAccessible(true);
        return k.newInstance();
      } catch (InvocationTargetException e) {
        throw new Mismatch(Outcome.INVALID, "making " + spec + " threw: " + trace(e.getCause()));
      } catch (ReflectiveOperationException e) {
        throw new Mismatch(Outcome.INVALID, "cannot make " + spec + ": " + e);
      }
    }

    /** The plain arguments at point x (fresh arrays). */
    Object[] plainArgs(Loader l, double[] x) throws Mismatch {
      Object[] args = new Object[ch.params().size()];
      int k = 0;
      for (int j = 0; j < args.length; j++) {
        P q = ch.params().get(j);
        switch (q.kind()) {
          case D -> args[j] = x[k++];
          case A -> {
            double[] xs = Arrays.copyOfRange(x, k, k + q.len());
            k += q.len();
            args[j] = xs;
          }
          case I -> args[j] = q.intValue();
          case O -> args[j] = make(l, q.factory());
        }
      }
      return args;
    }

    Class<?>[] plainTypes(Loader l) {
      Class<?>[] t = new Class<?>[ch.params().size()];
      for (int j = 0; j < t.length; j++) {
        t[j] = type(l, ch.params().get(j));
      }
      return t;
    }

    // --- state ----------------------------------------------------------------------------------

    String state(Loader l, Object receiver, Object[] args, boolean withArgs) {
      StringBuilder b = new StringBuilder();
      IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
      for (String n : userClasses) {
        Class<?> c;
        try {
          c = Class.forName(n, true, l);
        } catch (Throwable e) {
          b.append(n).append(": init ").append(e.getClass().getSimpleName()).append('\n');
          continue;
        }
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
            continue;
          }
          try {
            f.setAccessible(true);
            b.append(n).append('.').append(f.getName()).append('=');
            describe(b, f.get(null), l, seen, 0);
            b.append('\n');
          } catch (ReflectiveOperationException | RuntimeException e) {
            b.append("?\n");
          }
        }
      }
      b.append("receiver=");
      describe(b, receiver, l, seen, 0);
      b.append('\n');
      if (withArgs) {
        for (int j = 0; j < args.length; j++) {
          if (args[j] instanceof double[] xs) {
            b.append(ch.params().get(j).name()).append('=').append(bits(xs)).append('\n');
          }
        }
      }
      return b.toString();
    }

    static String bits(double[] xs) {
      StringBuilder b = new StringBuilder("[");
      for (double v : xs) {
        b.append(v).append(' ');
      }
      return b.append(']').toString();
    }

    void describe(StringBuilder b, Object v, Loader l, IdentityHashMap<Object, Boolean> seen, int depth) {
      if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof Character) {
        b.append(v);
        return;
      }
      if (v instanceof double[] xs) {
        b.append(bits(xs));
        return;
      }
      if (v instanceof double[][] rows) {
        b.append('[');
        for (double[] row : rows) {
          b.append(row == null ? "null" : bits(row));
        }
        b.append(']');
        return;
      }
      if (v instanceof int[] is) {
        b.append(Arrays.toString(is));
        return;
      }
      Class<?> c = v.getClass();
      if (c.getClassLoader() != l || depth > 3) {
        b.append('<').append(c.getName()).append('>');
        return;
      }
      if (seen.put(v, true) != null) {
        b.append("<seen>");
        return;
      }
      b.append(c.getName()).append('{');
      for (Class<?> k = c; k != null && k.getClassLoader() == l; k = k.getSuperclass()) {
        for (java.lang.reflect.Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          try {
            f.setAccessible(true);
            b.append(f.getName()).append('=');
            describe(b, f.get(v), l, seen, depth + 1);
            b.append(';');
          } catch (ReflectiveOperationException | RuntimeException e) {
            b.append("?;");
          }
        }
      }
      b.append('}');
    }

    // --- running ----------------------------------------------------------------------------------

    Object receiver(Loader l) throws Mismatch {
      return ch.receiver() == null ? null : make(l, ch.receiver());
    }

    /** One call of the plain method at x in a fresh loader. */
    Run primal(double[] x) throws Mismatch {
      Loader l = new Loader(bytes);
      Object recv = receiver(l);
      Object[] args = plainArgs(l, x);
      Method m;
      try {
        m = l.get(pkg + "." + ch.cls()).getDeclaredMethod(ch.method(), plainTypes(l));
        m.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new Mismatch(Outcome.INVALID, "no plain method " + e);
      }
      Object v;
      try {
        v = m.invoke(recv, args);
      } catch (InvocationTargetException e) {
        throw new Mismatch(Outcome.INVALID, "plain method threw " + at + ": " + trace(e.getCause()));
      } catch (ReflectiveOperationException e) {
        throw new Mismatch(Outcome.INVALID, "cannot call plain method: " + e);
      }
      return new Run(v, state(l, recv, args, true), state(l, recv, args, false));
    }

    double[] values(Object v) {
      return v instanceof Double d ? new double[] {d} : ((double[]) v).clone();
    }

    /** An entry point's argument list beyond the plain ones. */
    interface Extra {
      Object[] build(Loader l, Object[] plain) throws Mismatch;
    }

    Method entry(Loader l, String name, Class<?>[] types) throws Mismatch {
      Class<?>[] all = types;
      if (ch.receiver() != null) {
        all = new Class<?>[types.length + 1];
        all[0] = l.get(pkg + "." + ch.cls());
        System.arraycopy(types, 0, all, 1, types.length);
      }
      String conventional = pkg + "." + ch.cls().replace('$', '_') + "Derivatives";
      List<String> order = new ArrayList<>();
      order.add(conventional);
      for (String d : derivativeClasses) {
        if (!d.equals(conventional)) {
          order.add(d);
        }
      }
      for (String d : order) {
        if (!bytes.classes.containsKey(d)) {
          continue;
        }
        try {
          return l.get(d).getMethod(name, all);
        } catch (NoSuchMethodException e) {
          // next
        }
      }
      return null;
    }

    /** Calls an entry point in a fresh loader: returns {result, state with args, state without}. */
    Object[] call(String name, Class<?>[] types, Object[] args, Loader l, Object recv, Object[] plainArgs)
        throws Mismatch {
      Method m = entry(l, name, types);
      if (m == null) {
        throw bad("missing entry point " + name + Arrays.toString(types)
            + (name.equals(ch.method() + (ch.returnsArray() ? "Jacobian" : "Gradient"))
                ? " (the annotated method silently got no derivative)" : ""));
      }
      Object[] all = args;
      if (ch.receiver() != null) {
        all = new Object[args.length + 1];
        all[0] = recv;
        System.arraycopy(args, 0, all, 1, args.length);
      }
      Object r;
      try {
        r = m.invoke(null, all);
      } catch (InvocationTargetException e) {
        throw bad(name + " threw " + trace(e.getCause()));
      } catch (ReflectiveOperationException e) {
        throw bad("cannot call " + name + ": " + e);
      }
      return new Object[] {r, state(l, recv, plainArgs, true), state(l, recv, plainArgs, false)};
    }

    void sameState(String what, String expected, String actual) throws Mismatch {
      if (!expected.equals(actual)) {
        throw bad("state after " + what + " differs from the state after one plain call:\n  plain: "
            + expected.replace("\n", "\n         ") + "\n  " + what + ": " + actual.replace("\n", "\n         "));
      }
    }

    static boolean agree(double a, double b) {
      if (Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b)) || a == b) {
        return true;
      }
      return Math.abs(a - b) <= AGREE * Math.max(Math.abs(a), Math.abs(b)) + Double.MIN_NORMAL;
    }

    void agreeAll(String what, double[] expected, double[] actual) throws Mismatch {
      boolean ok = expected.length == actual.length;
      for (int j = 0; ok && j < expected.length; j++) {
        ok = agree(expected[j], actual[j]);
      }
      if (!ok) {
        throw bad(what + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
      }
    }

    void sameValue(String what, double[] expected, double[] actual) throws Mismatch {
      boolean ok = expected.length == actual.length;
      for (int j = 0; ok && j < expected.length; j++) {
        ok = Double.compare(expected[j], actual[j]) == 0 || expected[j] == actual[j];
      }
      if (!ok) {
        throw bad("value of " + what + ": plain " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
      }
    }

    // --- the checks at one point ---------------------------------------------------------------------

    void point(double[] x) throws Mismatch {
      Run p = primal(x);
      double[] value = values(p.value());
      int rows = value.length;
      boolean finite = Arrays.stream(value).allMatch(Double::isFinite);

      // Jacobian / gradient, plain form.
      double[][] jac = new double[rows][];
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] args = plainArgs(l, x);
        Object[] r = call(ch.method() + (ch.returnsArray() ? "Jacobian" : "Gradient"), plainTypes(l), args, l, recv, args);
        sameState(ch.returnsArray() ? "Jacobian" : "Gradient", p.state(), (String) r[1]);
        if (ch.returnsArray()) {
          jac = (double[][]) r[0];
        } else {
          jac[0] = (double[]) r[0];
        }
        if (jac.length != rows || Arrays.stream(jac).anyMatch(row -> row.length != columns)) {
          throw bad("Jacobian shape " + jac.length + " rows, expected " + rows + " x " + columns);
        }
      }
      if (finite) {
        oracleFirst(x, value, jac);
      }

      // Out form.
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] args = plainArgs(l, x);
        Class<?>[] t = Arrays.copyOf(plainTypes(l), args.length + 1);
        Object[] a = Arrays.copyOf(args, args.length + 1);
        Object out;
        if (ch.returnsArray()) {
          t[args.length] = double[][].class;
          out = new double[rows][columns];
        } else {
          t[args.length] = double[].class;
          out = new double[columns];
        }
        a[args.length] = out;
        String name = ch.method() + (ch.returnsArray() ? "Jacobian" : "Gradient");
        Object[] r = call(name, t, a, l, recv, args);
        sameState(name + "(out)", p.state(), (String) r[1]);
        sameValue(name + "(out)", value, values(r[0]));
        for (int i = 0; i < rows; i++) {
          agreeAll(name + "(out) row " + i, jac[i], ch.returnsArray() ? ((double[][]) out)[i] : (double[]) out);
        }
      }

      // Scalar Dual form along a random direction, and Jvp along it.
      double[] dir = new double[columns];
      for (int j = 0; j < columns; j++) {
        dir[j] = rnd.nextDouble(-1, 1);
      }
      double[] along = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < columns; j++) {
          along[i] += jac[i][j] * dir[j];
        }
      }
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] plain = plainArgs(l, x);
        Class<?>[] t = plainTypes(l);
        Object[] args = plain.clone();
        int col = 0;
        for (int j = 0; j < args.length; j++) {
          P q = ch.params().get(j);
          if (!q.wrt()) {
            continue;
          }
          if (q.kind() == K.D) {
            t[j] = Dual.class;
            args[j] = Dual.of((double) plain[j], dir[col++]);
          } else if (q.kind() == K.A) {
            t[j] = Dual[].class;
            double[] xs = (double[]) plain[j];
            Dual[] ds = new Dual[xs.length];
            for (int e = 0; e < xs.length; e++) {
              ds[e] = Dual.of(xs[e], dir[col++]);
            }
            args[j] = ds;
          }
        }
        Object[] r = call(ch.method(), t, args, l, recv, plain);
        sameState("Dual form", p.stateWithoutArgs(), (String) r[2]);
        Dual[] ds = r[0] instanceof Dual one ? new Dual[] {one} : (Dual[]) r[0];
        double[] v = new double[ds.length];
        double[] tan = new double[ds.length];
        for (int i = 0; i < ds.length; i++) {
          v[i] = ds[i].value();
          tan[i] = ds[i].tangent();
        }
        sameValue("Dual form", value, v);
        agreeAlong("Dual form tangent", along, tan, jac, dir);
      }
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] plain = plainArgs(l, x);
        List<Class<?>> t = new ArrayList<>(Arrays.asList(plainTypes(l)));
        List<Object> args = new ArrayList<>(Arrays.asList(plain));
        int col = 0;
        for (P q : ch.params()) {
          if (!q.wrt()) {
            continue;
          }
          if (q.kind() == K.D) {
            t.add(double.class);
            args.add(dir[col++]);
          } else if (q.kind() == K.A) {
            t.add(double[].class);
            args.add(Arrays.copyOfRange(dir, col, col + q.len()));
            col += q.len();
          }
        }
        Object[] r = call(ch.method() + "Jvp", t.toArray(Class<?>[]::new), args.toArray(), l, recv, plain);
        sameState("Jvp", p.state(), (String) r[1]);
        if (r[0] instanceof Dual d) {
          sameValue("Jvp", value, new double[] {d.value()});
          agreeAlong("Jvp", along, new double[] {d.tangent()}, jac, dir);
        } else {
          agreeAlong("Jvp", along, (double[]) r[0], jac, dir);
        }
      }

      // DualVector form: one lane per column.
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] plain = plainArgs(l, x);
        Class<?>[] t = plainTypes(l);
        Object[] args = plain.clone();
        int col = 0;
        for (int j = 0; j < args.length; j++) {
          P q = ch.params().get(j);
          if (!q.wrt()) {
            continue;
          }
          if (q.kind() == K.D) {
            t[j] = DualVector.class;
            args[j] = DualVector.variable((double) plain[j], col++, columns);
          } else if (q.kind() == K.A) {
            t[j] = DualVector[].class;
            double[] xs = (double[]) plain[j];
            DualVector[] ds = new DualVector[xs.length];
            for (int e = 0; e < xs.length; e++) {
              ds[e] = DualVector.variable(xs[e], col++, columns);
            }
            args[j] = ds;
          }
        }
        Object[] r = call(ch.method(), t, args, l, recv, plain);
        sameState("DualVector form", p.stateWithoutArgs(), (String) r[2]);
        DualVector[] ds = r[0] instanceof DualVector one ? new DualVector[] {one} : (DualVector[]) r[0];
        if (ds.length != rows) {
          throw bad("DualVector form has " + ds.length + " outputs, expected " + rows);
        }
        for (int i = 0; i < rows; i++) {
          sameValue("DualVector form", new double[] {value[i]}, new double[] {ds[i].value()});
          double[] lanes = new double[columns];
          for (int k = 0; k < columns; k++) {
            lanes[k] = ds[i].tangent(k);
          }
          agreeAll("DualVector lanes of output " + i + " vs Jacobian", jac[i], lanes);
        }
      }

      if (ch.order() == 2) {
        secondOrder(x, p, value[0], jac[0], finite);
      }
    }

    void agreeAlong(String what, double[] expected, double[] actual, double[][] jac, double[] dir) throws Mismatch {
      if (expected.length != actual.length) {
        throw bad(what + ": " + actual.length + " outputs, expected " + expected.length);
      }
      for (int i = 0; i < expected.length; i++) {
        double scale = 0;
        for (int j = 0; j < dir.length; j++) {
          scale += Math.abs(jac[i][j] * dir[j]);
        }
        double e = expected[i];
        double a = actual[i];
        boolean ok = agree(e, a) || Math.abs(a - e) <= 1e-12 * scale || (!Double.isFinite(scale) && !Double.isFinite(a));
        if (!ok) {
          throw bad(what + " along " + Arrays.toString(dir) + ": expected J·dir = " + e + ", got " + a);
        }
      }
    }

    // --- oracles -----------------------------------------------------------------------------------

    /** Plain values at a point, in a fresh loader; null if not all finite or the method throws. */
    double[] plainAt(double[] x) {
      try {
        double[] v = values(primal(x).value());
        return Arrays.stream(v).allMatch(Double::isFinite) ? v : null;
      } catch (Mismatch e) {
        return null;
      }
    }

    List<Integer> sampledColumns() {
      List<Integer> out = new ArrayList<>();
      for (int j = 0; j < columns; j++) {
        if (columns <= 16 || j < 3 || j >= columns - 2 || j == columns / 2) {
          out.add(j);
        }
      }
      return out;
    }

    void oracleFirst(double[] x, double[] value, double[][] jac) throws Mismatch {
      if (ch.analytic() != null) {
        double[] g = ch.analytic().gradient().apply(x);
        for (int j = 0; j < columns; j++) {
          if (!analyticAgrees(g[j], jac[0][j])) {
            throw bad("derivative vs analytic: d/d column " + j + ": dualj " + jac[0][j] + ", analytic " + g[j]
                + " (value " + value[0] + ")");
          }
        }
        return;
      }
      for (int j : sampledColumns()) {
        int xi = columnIndex.get(j);
        double[][] estimates = new double[3][];
        int n = 0;
        for (double h0 : new double[] {1e-3, 1e-4, 1e-5}) {
          double h = h0 * Math.max(1, Math.abs(x[xi]));
          double[][] f = new double[4][];
          double[] steps = {h, -h, h / 2, -h / 2};
          boolean ok = true;
          for (int s = 0; s < 4 && ok; s++) {
            double[] y = x.clone();
            y[xi] += steps[s];
            f[s] = plainAt(y);
            ok = f[s] != null;
          }
          if (!ok) {
            continue;
          }
          double[] d = new double[value.length];
          for (int i = 0; i < d.length; i++) {
            double d1 = (f[0][i] - f[1][i]) / (2 * h);
            double d2 = (f[2][i] - f[3][i]) / h;
            d[i] = (4 * d2 - d1) / 3;
          }
          estimates[n++] = d;
        }
        for (int i = 0; i < value.length; i++) {
          boolean agrees = false;
          StringBuilder seen = new StringBuilder();
          for (int e = 0; e < n; e++) {
            agrees |= Math.abs(jac[i][j] - estimates[e][i]) <= FD_TOLERANCE * Math.max(1, Math.abs(estimates[e][i]));
            seen.append(' ').append(estimates[e][i]);
          }
          if (!agrees && n > 0) {
            throw bad("derivative vs Richardson differences: d out[" + i + "] / d column " + j + ": dualj "
                + jac[i][j] + ", Richardson" + seen);
          }
        }
      }
    }

    static boolean analyticAgrees(double e, double a) {
      if (Double.isNaN(e)) {
        return true; // no defined derivative there
      }
      if (Double.isInfinite(e)) {
        return a == e;
      }
      return Math.abs(a - e) <= ANALYTIC_TOLERANCE * Math.abs(e) + Double.MIN_NORMAL;
    }

    void secondOrder(double[] x, Run p, double value, double[] gradient, boolean finite) throws Mismatch {
      double[][] h;
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] args = plainArgs(l, x);
        Object[] r = call(ch.method() + "Hessian", plainTypes(l), args, l, recv, args);
        sameState("Hessian", p.state(), (String) r[1]);
        h = (double[][]) r[0];
        if (h.length != columns || Arrays.stream(h).anyMatch(row -> row.length != columns)) {
          throw bad("Hessian shape");
        }
      }
      for (int i = 0; i < columns; i++) {
        for (int j = i + 1; j < columns; j++) {
          double scale = Math.max(1, Math.max(Math.abs(h[i][j]), Math.abs(h[j][i])));
          if (!(Math.abs(h[i][j] - h[j][i]) <= 1e-9 * scale) && !(Double.isNaN(h[i][j]) && Double.isNaN(h[j][i]))
              && h[i][j] != h[j][i]) {
            throw bad("Hessian not symmetric: H[" + i + "][" + j + "] = " + h[i][j] + ", H[" + j + "][" + i + "] = " + h[j][i]);
          }
        }
      }
      if (finite) {
        oracleSecond(x, h);
      }
      {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] args = plainArgs(l, x);
        Class<?>[] t = Arrays.copyOf(plainTypes(l), args.length + 2);
        t[args.length] = double[].class;
        t[args.length + 1] = double[][].class;
        Object[] a = Arrays.copyOf(args, args.length + 2);
        double[] g = new double[columns];
        double[][] hh = new double[columns][columns];
        a[args.length] = g;
        a[args.length + 1] = hh;
        Object[] r = call(ch.method() + "Hessian", t, a, l, recv, args);
        sameState("Hessian(out)", p.state(), (String) r[1]);
        sameValue("Hessian(out)", new double[] {value}, new double[] {(double) r[0]});
        agreeAll("Hessian(out) gradient vs Gradient", gradient, g);
        for (int i = 0; i < columns; i++) {
          agreeAll("Hessian(out) row " + i, h[i], hh[i]);
        }
      }
      {
        double[] dir = new double[columns];
        for (int j = 0; j < columns; j++) {
          dir[j] = rnd.nextDouble(-1, 1);
        }
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] plain = plainArgs(l, x);
        List<Class<?>> t = new ArrayList<>(Arrays.asList(plainTypes(l)));
        List<Object> args = new ArrayList<>(Arrays.asList(plain));
        int col = 0;
        for (P q : ch.params()) {
          if (!q.wrt()) {
            continue;
          }
          if (q.kind() == K.D) {
            t.add(double.class);
            args.add(dir[col++]);
          } else if (q.kind() == K.A) {
            t.add(double[].class);
            args.add(Arrays.copyOfRange(dir, col, col + q.len()));
            col += q.len();
          }
        }
        Object[] r = call(ch.method() + "HessianVector", t.toArray(Class<?>[]::new), args.toArray(), l, recv, plain);
        sameState("HessianVector", p.state(), (String) r[1]);
        double[] hv = (double[]) r[0];
        double[] expected = new double[columns];
        for (int i = 0; i < columns; i++) {
          for (int j = 0; j < columns; j++) {
            expected[i] += h[i][j] * dir[j];
          }
        }
        agreeAlong("HessianVector", expected, hv, h, dir);
      }
      long doubles = ch.params().stream().filter(q -> q.wrt() && q.kind() == K.D).count();
      long arrays = ch.params().stream().filter(q -> q.wrt() && q.kind() == K.A).count();
      if (doubles == 1 && arrays == 0) {
        Loader l = new Loader(bytes);
        Object recv = receiver(l);
        Object[] args = plainArgs(l, x);
        Object[] r = call(ch.method() + "SecondDerivative", plainTypes(l), args, l, recv, args);
        sameState("SecondDerivative", p.state(), (String) r[1]);
        agreeAll("SecondDerivative vs Hessian", h[0], new double[] {(double) r[0]});
      }
    }

    void oracleSecond(double[] x, double[][] h) throws Mismatch {
      if (ch.analytic() != null) {
        if (ch.analytic().hessian() == null) {
          return;
        }
        double[][] e = ch.analytic().hessian().apply(x);
        for (int i = 0; i < columns; i++) {
          for (int j = 0; j < columns; j++) {
            if (!analyticAgrees(e[i][j], h[i][j])) {
              throw bad("second derivative vs analytic: H[" + i + "][" + j + "]: dualj " + h[i][j] + ", analytic " + e[i][j]);
            }
          }
        }
        return;
      }
      List<int[]> entries = new ArrayList<>();
      if (columns <= 4) {
        for (int i = 0; i < columns; i++) {
          for (int j = i; j < columns; j++) {
            entries.add(new int[] {i, j});
          }
        }
      } else {
        int n = columns;
        entries.add(new int[] {0, 0});
        entries.add(new int[] {0, 1});
        entries.add(new int[] {1, n - 1});
        entries.add(new int[] {n - 1, n - 1});
        entries.add(new int[] {n / 2, n / 2});
        entries.add(new int[] {n / 3, n / 2});
      }
      for (int[] e : entries) {
        int a = columnIndex.get(e[0]);
        int b = columnIndex.get(e[1]);
        List<Double> estimates = new ArrayList<>();
        for (double h0 : new double[] {1e-2, 1e-3}) {
          Double dh = second(x, a, b, h0);
          Double dh2 = second(x, a, b, h0 / 2);
          if (dh != null && dh2 != null) {
            estimates.add((4 * dh2 - dh) / 3);
          }
        }
        double got = h[e[0]][e[1]];
        boolean ok = estimates.isEmpty();
        for (double est : estimates) {
          ok |= Math.abs(got - est) <= FD2_TOLERANCE * Math.max(1, Math.abs(est));
        }
        if (!ok) {
          throw bad("second derivative vs Richardson differences: H[" + e[0] + "][" + e[1] + "]: dualj " + got
              + ", Richardson " + estimates);
        }
      }
    }

    Double second(double[] x, int a, int b, double h0) {
      double ha = h0 * Math.max(1, Math.abs(x[a]));
      double hb = h0 * Math.max(1, Math.abs(x[b]));
      double[] s = {1, 1, 1, -1, -1, 1, -1, -1};
      double[] f = new double[4];
      for (int k = 0; k < 4; k++) {
        double[] y = x.clone();
        y[a] += s[2 * k] * ha;
        y[b] += s[2 * k + 1] * hb;
        double[] v = plainAt(y);
        if (v == null) {
          return null;
        }
        f[k] = v[0];
      }
      return (f[0] - f[1] - f[2] + f[3]) / (4 * ha * hb);
    }
  }
}
