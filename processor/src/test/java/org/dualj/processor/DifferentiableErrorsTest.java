package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plausible user mistakes in {@code @Differentiable} code: each must fail the compilation with one
 * tagged error, at the offending line of the offending file, saying what to do, and nothing else.
 *
 * <p>Sources mark the line where the error is expected with {@value #HERE}.
 */
class DifferentiableErrorsTest {
  /** Marks the source line on which a case expects its error. */
  static final String HERE = "// <- error";

  // ------------------------------------------------------------------ the corpus

  /**
   * One mistake: the tag expected, a piece of the advice the message must give, and the source,
   * one of whose lines carries {@link #HERE}. {@code errors} is the exact number of errors
   * expected, or 0 to check only that every error is the expected one on the marked line.
   */
  record Mistake(String name, String tag, String advice, int errors, String[] lines) {
    @Override
    public String toString() {
      return name;
    }

    int line() {
      int found = -1;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(HERE)) {
          assertWithMessage("two markers in %s", name).that(found).isEqualTo(-1);
          found = i + 1;
        }
      }
      assertWithMessage("no marker in %s", name).that(found).isGreaterThan(0);
      return found;
    }
  }

  /**
   * A class with the members the mistakes use, and an instance method {@code f} whose body is
   * given: {@code x} and {@code a} are differentiated inputs ({@code double} and {@code double[]}),
   * {@code m}, {@code i} and {@code other} are not.
   */
  private static String[] inMethod(String... body) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "",
                "import java.util.Arrays;",
                "import java.util.List;",
                "import org.dualj.annotations.Differentiable;",
                "",
                "class Model extends Base {",
                "  static double S;",
                "  static double[] ARR = new double[2];",
                "  static double[][] GRID = new double[2][2];",
                "  double inst;",
                "  private static double hidden = Math.random();",
                "  static double helper(double t) { return t; }",
                "  private static double secret(double t) { return t; }",
                "  double ihelper(double t) { return t; }",
                "  static void touch(double[] t) { t[0] = 0; }",
                "  class Failure extends RuntimeException {",
                "    Failure(String m) { super(m); }",
                "  }",
                "  private static class Hidden extends RuntimeException {}",
                "  static class Closed extends RuntimeException {",
                "    private Closed() {}",
                "  }",
                "",
                "  @Differentiable",
                "  double f(double x, double[] a, double[][] m, int i, Model other) {"));
    lines.addAll(List.of(body));
    lines.addAll(
        List.of(
            "  }",
            "}",
            "",
            "class Base {",
            "  double base(double t) { return t; }",
            "",
            "  @Differentiable",
            "  final double bd(double t) { return t * t; }",
            "",
            "  @Differentiable",
            "  double bo(double t) { return 2 * t; }",
            "}"));
    return lines.toArray(String[]::new);
  }

  private static Mistake body(String name, String tag, String advice, String... body) {
    return new Mistake(name, tag, advice, 1, inMethod(body));
  }

  private static Mistake whole(String name, String tag, String advice, String... lines) {
    return new Mistake(name, tag, advice, 1, lines);
  }

  private static final String PKG = "package test;";
  private static final String IMPORT = "import org.dualj.annotations.Differentiable;";

  static Stream<Mistake> mistakes() {
    return Stream.of(
        // ---------------------------------------------------------------- declarations
        whole("abstract method", "DiffNoBody", "Annotate a concrete method",
            PKG, IMPORT, "abstract class Model {", "  @Differentiable",
            "  abstract double f(double x); " + HERE, "}"),
        whole("native method", "DiffNoBody", "Annotate a concrete method",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  native double f(double x); " + HERE, "}"),
        whole("abstract interface method", "DiffNoBody", "Annotate a concrete method",
            PKG, IMPORT, "interface Model {", "  @Differentiable",
            "  double f(double x); " + HERE, "}"),
        whole("generic method", "DiffGenericMethod", "Remove the type parameters",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static <T> double f(double x, T t) { " + HERE, "    return x;", "  }", "}"),
        whole("void result", "DiffUnsupportedReturnType", "Return the quantity",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static void f(double x) {} " + HERE, "}"),
        whole("int result", "DiffUnsupportedReturnType", "not int",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static int f(double x) { " + HERE, "    return (int) x;", "  }", "}"),
        whole("String result", "DiffUnsupportedReturnType", "not String",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static String f(double x) { " + HERE, "    return \"\" + x;", "  }", "}"),
        whole("float result", "DiffUnsupportedReturnType", "not float",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static float f(double x) { " + HERE, "    return 1f;", "  }", "}"),
        whole("boxed Double result", "DiffUnsupportedReturnType", "not Double",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static Double f(double x) { " + HERE, "    return x;", "  }", "}"),
        whole("an active double[][] argument for a parameter not in wrt", "DiffCallNotWrt",
            "Add it to that method's wrt",
            PKG, IMPORT, "class Model {",
            "  @Differentiable",
            "  static double f(double x) {", "    double[][] m = {{x}};",
            "    return Helper.g(m, x); " + HERE, "  }", "}",
            "class Helper {",
            "  @Differentiable",
            "  static double g(double[][] m, double y) { return m[0][0] * y; }", "}"),
        whole("double[][][] result", "DiffUnsupportedReturnType", "not double[][][]",
            PKG, IMPORT, "class Model {", "  @Differentiable",
            "  static double[][][] f(double x) { " + HERE, "    return new double[][][] {{{x}}};",
            "  }", "}"),
        whole("mistake in a nested class", "DiffUnsupportedCall", "Annotate it with @Differentiable",
            PKG, IMPORT, "class Model {", "  static class Inner {", "    @Differentiable",
            "    static double f(double x) {",
            "      return ((java.util.function.DoubleUnaryOperator) t -> t).applyAsDouble(x); " + HERE,
            "    }", "  }", "}"),

        // ---------------------------------------------------------------- types that cannot carry a derivative
        body("(float) cast into a float local", "DiffUnsupportedType", "Use double here",
            "    float g = (float) x; " + HERE, "    return g;"),
        body("float local accumulating an active value", "DiffUnsupportedType", "Use double here",
            "    float g = 1f;", "    g += x; " + HERE, "    return g;"),
        body("(float) cast in a return", "DiffUnsupportedType", "this float value",
            "    return (float) x; " + HERE),
        body("(float) cast as an argument", "DiffUnsupportedType", "this float value",
            "    return helper((float) x); " + HERE),
        body("boxed Double local", "DiffUnsupportedType", "Double value",
            "    Double b = x; " + HERE, "    return b;"),
        body("Object local", "DiffUnsupportedType", "Object value",
            "    Object o = x; " + HERE, "    return 0.0;"),
        body("boxed for-each variable", "DiffUnsupportedType", "Double value",
            "    double s = 0;", "    for (Double v : a) { " + HERE, "      s += v;", "    }",
            "    return s;"),
        // (int n += x is a narrowing cast, inactive like (int) x: JavaSyntaxTest)
        body("write into a row of a double[][] parameter", "DiffArrayAlias",
            "which may be a row of m", "    m[0][0] = x; " + HERE, "    return x;"),
        body("double[][][] element write", "DiffUnsupportedType", "this double[][][] value",
            "    double[][][] t = new double[2][2][2];", "    t[0][0][0] = x; " + HERE,
            "    return t[0][0][0];"),
        body("an active double[][] as an Object", "DiffUnsupportedType", "this java.lang.Object value",
            "    double[][] g = {{x}};", "    Object o = g; " + HERE, "    return 0.0;"),
        body("double[][] field element write", "DiffFieldWrite", "may read fields but not assign them",
            "    GRID[1][1] = 2 * x; " + HERE, "    return x;"),
        body("double[] field element write", "DiffFieldWrite", "may read fields but not assign them",
            "    ARR[0] = x; " + HERE, "    return x;"),
        body("boxed Double[] initializer", "DiffUnsupportedType", "Double[] value",
            "    Double[] b = {x}; " + HERE, "    return 0.0;"),
        body("Object[] initializer", "DiffUnsupportedType", "Object[] value",
            "    Object[] b = {x, 1}; " + HERE, "    return 0.0;"),

        // ---------------------------------------------------------------- expressions
        body("lambda capturing an active value", "DiffUnsupportedExpression", "No derivative flows through a lambda",
            "    java.util.function.DoubleSupplier op = () -> x * x; " + HERE,
            "    return x;"),
        body("method reference handing on an active array", "DiffUnsupportedExpression", "Write the loop out",
            "    java.util.function.Supplier<double[]> op = a::clone; " + HERE,
            "    return x;"),
        // (objects that no active value flows into are fine: JavaSyntaxTest)
        body("accumulator object holding an active value", "DiffUnsupportedCall", "DoubleAdder.sum",
            "    java.util.concurrent.atomic.DoubleAdder acc = new java.util.concurrent.atomic.DoubleAdder();",
            "    acc.add(x);", "    return acc.sum(); " + HERE),
        body("anonymous class", "DiffUnsupportedExpression", "pass it in",
            "    Runnable r = new Runnable() { public void run() {} }; " + HERE, "    return x;"),
        body("object created from an active value", "DiffUnsupportedCall", "Double.getX has no derivative",
            "    java.awt.geom.Point2D.Double p = new java.awt.geom.Point2D.Double(x, 2 * x);",
            "    return p.getX(); " + HERE),
        body("switch expression inside an expression", "DiffUnsupportedExpression",
            "Assign it to a local variable first",
            "    double y = 2 * switch (i) { " + HERE, "      case 1 -> x;", "      default -> 2 * x;",
            "    };", "    return y;"),
        body("switch expression with yield as an argument", "DiffUnsupportedExpression",
            "Assign it to a local variable first",
            "    return Math.sin(switch (i) { " + HERE, "      case 1: yield x;", "      default: yield 0;",
            "    });"),
        body("switch expression assigned to an array element", "DiffUnsupportedExpression",
            "Assign it to a local variable first",
            "    double[] b = new double[1];", "    b[0] = switch (i) { " + HERE,
            "      case 1 -> x;", "      default -> 2 * x;", "    };", "    return b[0];"),
        body("assignment inside an expression", "DiffUnsupportedExpression",
            "Make the assignment a statement of its own",
            "    double y;", "    double z = (y = x) * 2; " + HERE, "    return z + y;"),
        body("chained assignment", "DiffUnsupportedExpression", "statement of its own",
            "    double y, z;", "    y = z = x; " + HERE, "    return y + z;"),
        body("assignment in a return", "DiffUnsupportedExpression", "statement of its own",
            "    double y;", "    return (y = 2 * x); " + HERE),
        body("compound assignment inside an expression", "DiffUnsupportedExpression",
            "statement of its own",
            "    double y = 1;", "    double z = (y += x) * 2; " + HERE, "    return z;"),
        body("postfix ++ of an active value inside an expression", "DiffUnsupportedExpression",
            "Write x += 1 as a statement of its own",
            "    double y = x;", "    double z = y++ * 2; " + HERE, "    return z;"),
        body("prefix -- of an active value in a return", "DiffUnsupportedExpression",
            "as a statement of its own",
            "    double y = x;", "    return --y; " + HERE),
        body("double[] aliasing a row of a double[][]", "DiffArrayAlias", ".clone()",
            "    double[] row = m[0]; " + HERE, "    row[0] = x;", "    return m[0][0];"),
        body("double[] aliasing a field's array", "DiffArrayAlias", "may share its storage",
            "    double[] a2 = ARR; " + HERE, "    a2[0] = x;", "    return ARR[0];"),
        body("double[][] aliasing a field's matrix", "DiffArrayAlias", "may share its storage",
            "    double[][] g = GRID; " + HERE, "    g[0][0] = x;", "    return GRID[0][0];"),
        body("a local matrix that may alias a field's", "DiffArrayAlias", "may share its storage",
            "    double[][] g = x > 0 ? GRID : new double[2][2]; " + HERE, "    g[1][0] = x;",
            "    return g[1][0];"),
        body("overridable @Differentiable callee on this", "DiffOverridable",
            "Make the method final, private or static",
            "    return bo(x); " + HERE),
        body("overridable @Differentiable callee on another object", "DiffOverridable",
            "Base's bo whatever the receiver's class",
            "    return x * other.bo(x); " + HERE),
        body("super call", "DiffUnsupportedExpression", "Annotate Base.base with @Differentiable",
            "    return super.base(x); " + HERE),
        body("super call with an inactive argument", "DiffUnsupportedExpression", "super calls",
            "    return super.hashCode() * x; " + HERE),

        // ---------------------------------------------------------------- statements
        body("try-with-resources", "DiffUnsupportedStatement",
            "Open and close resources in a plain method",
            "    try (java.io.StringReader r = new java.io.StringReader(\"\")) { " + HERE,
            "      return x;", "    }"),
        body("throw of an anonymous exception", "DiffUnsupportedExpression", "object creations",
            "    if (x < 0) {", "      throw new RuntimeException() {}; " + HERE, "    }",
            "    return x;"),
        body("throw of an inner class's exception", "DiffUnsupportedExpression",
            "members of an enclosing instance (new Failure)",
            "    if (x < 0) {", "      throw new Failure(\"x = \" + x); " + HERE, "    }",
            "    return x;"),
        body("throw of a private exception class", "DiffInaccessible", "class Hidden is private",
            "    if (x < 0) {", "      throw new Hidden(); " + HERE, "    }",
            "    return x;"),
        body("catch of a private exception class", "DiffInaccessible", "class Hidden is private",
            "    try {", "      return x * x;",
            "    } catch (IllegalStateException | Hidden e) { " + HERE, "      return 0;", "    }"),
        body("throw with a private constructor", "DiffInaccessible",
            "constructor of Closed is private",
            "    if (x < 0) {", "      throw new Closed(); " + HERE, "    }",
            "    return x;"),
        body("synchronized", "DiffUnsupportedStatement", "Synchronize in the caller",
            "    synchronized (this) { " + HERE, "      return x;", "    }"),
        body("local class", "DiffUnsupportedStatement", "local class",
            "    class Helper {} " + HERE, "    return x;"),
        body("local record", "DiffUnsupportedStatement", "local class",
            "    record Pair(double a, double b) {} " + HERE, "    return x;"),
        body("local enum", "DiffUnsupportedStatement", "local class",
            "    enum E { A, B } " + HERE, "    return x;"),
        body("local class in use", "DiffUnsupportedStatement", "local class",
            "    class Sq { " + HERE,
            "      double k = 2;",
            "      double sq(double y) { return y * y; }",
            "    }",
            "    Sq s = new Sq();",
            "    Sq[] all = {s};",
            "    return new Sq().sq(x) + s.k * all[0].sq(x);"),
        body("local record in use", "DiffUnsupportedStatement", "local class",
            "    record Pair(double a, double b) {} " + HERE, "    return new Pair(x, x).a();"),
        body("method of an anonymous class", "DiffUnsupportedExpression", "object creations",
            "    return new Object() { " + HERE,
            "      double sq(double y) { return y * y; }",
            "    }.sq(x);"),
        body("variable of an anonymous class", "DiffUnsupportedExpression", "object creations",
            "    var o = new Object() { double k = 2; }; " + HERE, "    return o.k * x;"),

        // ---------------------------------------------------------------- fields
        body("static field write", "DiffFieldWrite", "Use a local variable",
            "    S = x; " + HERE, "    return x;"),
        body("qualified static field write of a constant", "DiffFieldWrite", "(Model.S)",
            "    Model.S = 1.0; " + HERE, "    return x;"),
        body("static field compound assignment", "DiffFieldWrite", "Use a local variable",
            "    S += x; " + HERE, "    return x;"),
        body("instance field write", "DiffFieldWrite", "may read fields but not assign them",
            "    inst = x; " + HERE, "    return x;"),
        body("this.field write", "DiffFieldWrite", "(this.inst)",
            "    this.inst = 2 * x; " + HERE, "    return x;"),
        body("other object's field write", "DiffFieldWrite", "Use a local variable",
            "    other.inst = 0; " + HERE, "    return x;"),
        body("field increment", "DiffFieldWrite", "Use a local variable",
            "    S++; " + HERE, "    return x;"),

        // ---------------------------------------------------------------- private members
        // (reads of private fields and calls of private methods: PrivateMembersTest)

        // ---------------------------------------------------------------- calls without derivatives
        body("Arrays.sort of an active array", "DiffUnsupportedCall",
            "Annotate it with @Differentiable",
            "    Arrays.sort(a); " + HERE, "    return a[0] * x;"),
        body("Arrays.fill of an active value into a ternary", "DiffUnsupportedExpression",
            "Assign the array to a local variable",
            "    double[] b = new double[3];", "    Arrays.fill(x > 0 ? a : b, x); " + HERE,
            "    return b[0];"),
        body("Arrays.stream of an active array", "DiffUnsupportedCall", "DoubleStream.sum",
            "    return Arrays.stream(a).sum() * x; " + HERE),
        body("List.get of a list of active values", "DiffUnsupportedCall", "List.get",
            "    return List.of(x, 2 * x).get(1); " + HERE),
        body("System.arraycopy of an active array into a ternary", "DiffUnsupportedExpression",
            "copies into an array that is not a variable",
            "    double[] b = new double[a.length];",
            "    System.arraycopy(a, 0, a.length > 2 ? b : new double[4], 0, 1); " + HERE,
            "    return b[0];"),
        body("Double.valueOf", "DiffUnsupportedCall", "Double.valueOf",
            "    double y = Double.valueOf(x); " + HERE, "    return y;"),
        body("unannotated static helper", "DiffUnsupportedCall", "Model.helper",
            "    return helper(x); " + HERE),
        body("unannotated helper inside an expression", "DiffUnsupportedCall",
            "make its arguments independent of the differentiated inputs",
            "    double y = 1 + helper(2 * x); " + HERE, "    return y;"),
        body("unannotated instance helper", "DiffUnsupportedCall", "Model.ihelper",
            "    return ihelper(x); " + HERE),
        body("unannotated helper through this", "DiffUnsupportedCall", "Model.ihelper",
            "    return this.ihelper(x); " + HERE),
        body("unannotated helper on another object", "DiffUnsupportedCall", "Model.ihelper",
            "    return other.ihelper(x); " + HERE),
        body("a list of active values read back", "DiffUnsupportedCall", "List.get",
            "    List<Double> l = List.of(x, 2 * x);", "    return l.get(1); " + HERE),
        body("an active value through a string", "DiffUnsupportedCall", "Double.parseDouble",
            "    String s = \"\" + x;", "    return Double.parseDouble(s); " + HERE),
        body("a helper's result kept and used later", "DiffUnsupportedCall",
            "@TangentRule",
            "    double h = helper(x); " + HERE, "    if (h > 0) {", "      return h * x;", "    }",
            "    return x;"),
        body("a helper's result written into an output array", "DiffUnsupportedCall", "Model.helper",
            "    a[0] = helper(x); " + HERE, "    return x;"),
        body("Arrays.fill of an active value into a field's array", "DiffArrayAlias",
            "writes into field ARR", "    Arrays.fill(ARR, x); " + HERE, "    return x;"),
        body("System.arraycopy of an active array into a row", "DiffArrayAlias",
            "which may be a row of m", "    System.arraycopy(a, 0, m[0], 0, 1); " + HERE,
            "    return x;"),
        body("unannotated helper writing an active array", "DiffUnsupportedCall", "Model.touch",
            "    touch(a); " + HERE, "    return x;"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakeIsReportedAtItsLine(Mistake mistake) {
    assertReportedAtItsLine(mistake);
  }

  /**
   * Compiles the mistake's source as {@code test/Model.java} and checks that it fails with the
   * expected tagged errors only, all on the marked line, and generates nothing for {@code Model}.
   */
  static void assertReportedAtItsLine(Mistake mistake) {
    JavaFileObject src = source("Model", mistake.lines());
    Compilation c = compile(src);

    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[" + mistake.tag() + "]")
        .inFile(src)
        .onLine(mistake.line());
    assertThat(c).hadErrorContaining(mistake.advice()).inFile(src).onLine(mistake.line());
    assertThat(c.warnings()).isEmpty();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String text = d.getMessage(Locale.ROOT);
      assertWithMessage("every error of %s", mistake)
          .that(text)
          .startsWith("[" + mistake.tag() + "] ");
      assertWithMessage("line of %s", text).that(d.getLineNumber()).isEqualTo(mistake.line());
      assertWithMessage("file of %s", text).that(d.getSource()).isEqualTo(src);
    }
    if (mistake.errors() > 0) {
      assertWithMessage("errors: %s", messages(c)).that(c.errors()).hasSize(mistake.errors());
    }
    // Nothing is generated for the broken method (Base's valid method still gets BaseDerivatives).
    assertThat(generatedOnDisk(src)).doesNotContainKey("test.ModelDerivatives");
  }

  /** The corpus is as broad as it claims; names are distinct so a failure names its case. */
  @Test
  void corpusIsBroad() {
    List<Mistake> all = mistakes().toList();
    assertThat(all.size()).isAtLeast(40);
    assertThat(all.stream().map(Mistake::name).distinct().count()).isEqualTo(all.size());
    assertThat(all.stream().map(Mistake::tag).collect(Collectors.toSet()))
        .containsAtLeast(
            "DiffNoBody",
            "DiffGenericMethod",
            "DiffUnsupportedReturnType",
            "DiffUnsupportedType",
            "DiffUnsupportedStatement",
            "DiffUnsupportedExpression",
            "DiffUnsupportedCall",
            "DiffFieldWrite",
            "DiffInaccessible");
  }

  // ------------------------------------------------------------------ several errors at once

  @Test
  void allMistakesOfOneMethodAreReportedInOneCompilation() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  static double S;",
            "  @Differentiable",
            "  static double f(double x) {",
            "    S = x;",
            "    double y = java.util.Objects.hash(x);",
            "    synchronized (Model.class) {}",
            "    return y;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffFieldWrite]").inFile(src).onLine(7);
    assertThat(c).hadErrorContaining("[DiffUnsupportedStatement]").inFile(src).onLine(9);
    // The activity analysis only runs on a method that could be read, so the call comes later.
    assertThat(c.errors()).hasSize(2);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void eachFileGetsItsOwnErrors() {
    JavaFileObject first =
        source(
            "First",
            PKG,
            IMPORT,
            "class First {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return Math.sqrt(x);",
            "  }",
            "}");
    JavaFileObject second =
        source(
            "Second",
            PKG,
            IMPORT,
            "class Second {",
            "  static double total;",
            "",
            "  @Differentiable",
            "  static double g(double x) {",
            "    total += x;",
            "    return x;",
            "  }",
            "}");
    JavaFileObject third =
        source(
            "Third",
            PKG,
            IMPORT,
            "class Third {",
            "  @Differentiable",
            "  static float h(double x) {",
            "    return 0f;",
            "  }",
            "}");
    Compilation c = compile(first, second, third);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffFieldWrite]").inFile(second).onLine(8);
    assertThat(c).hadErrorContaining("[DiffUnsupportedReturnType]").inFile(third).onLine(5);
    assertThat(c.errors()).hasSize(2);
    assertThat(c.warnings()).isEmpty();
    Map<String, String> generated = generatedOnDisk(first, second, third);
    assertThat(generated.keySet()).containsExactly("test.FirstDerivatives");
  }

  @Test
  void goodMethodStillGeneratesNextToABrokenOne() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double broken(double x) {",
            "    return Double.sum(x, java.util.Objects.hash(x));",
            "  }",
            "",
            "  @Differentiable",
            "  static double good(double x) {",
            "    return x * x;",
            "  }",
            "",
            "  @Differentiable",
            "  static double alsoBroken(double x) {",
            "    Double b = x;",
            "    return b;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffUnsupportedCall]").inFile(src).onLine(6);
    assertThat(c).hadErrorContaining("[DiffUnsupportedType]").inFile(src).onLine(16);
    assertThat(c.errors()).hasSize(2);
    assertThat(c.warnings()).isEmpty();
    // compile-testing hides generated files of a failed compilation: look at javac's output.
    String generated = generatedOnDisk(src).get("test.ModelDerivatives");
    assertWithMessage("ModelDerivatives generated").that(generated).isNotNull();
    assertThat(generated).contains("public static Dual good(Dual x)");
    assertThat(generated).doesNotContain("broken");
    assertThat(generated).doesNotContain("alsoBroken");
  }

  // ------------------------------------------------------------------ failed callees

  @Test
  void callOfAFailedMethodFailsAtTheCall() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double bad(double x) {",
            "    return Double.sum(x, java.util.Objects.hash(x));",
            "  }",
            "",
            "  @Differentiable",
            "  static double caller(double x) {",
            "    return 3 * bad(x);",
            "  }",
            "",
            "  @Differentiable",
            "  static double good(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffUnsupportedCall]").inFile(src).onLine(6);
    assertThat(c).hadErrorContaining("[DiffCalleeFailed] Model.bad").inFile(src).onLine(11);
    assertThat(c).hadErrorContaining("see the error reported there").inFile(src).onLine(11);
    assertThat(c.errors()).hasSize(2);
    assertThat(c.warnings()).isEmpty();
    String generated = generatedOnDisk(src).get("test.ModelDerivatives");
    assertWithMessage("ModelDerivatives generated").that(generated).isNotNull();
    assertThat(generated).contains("public static Dual good(Dual x)");
    assertThat(generated).doesNotContain("bad");
    assertThat(generated).doesNotContain("caller");
  }

  @Test
  void failureSpreadsAlongAChainOfCallers() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double top(double x) {",
            "    return mid(x) + 1;",
            "  }",
            "",
            "  @Differentiable",
            "  static double mid(double x) {",
            "    return 3 * bad(x);",
            "  }",
            "",
            "  @Differentiable",
            "  static double bad(double x) {",
            "    synchronized (Model.class) {",
            "      return x;",
            "    }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffUnsupportedStatement]").inFile(src).onLine(16);
    assertThat(c).hadErrorContaining("[DiffCalleeFailed] Model.bad").inFile(src).onLine(11);
    assertThat(c).hadErrorContaining("[DiffCalleeFailed] Model.mid").inFile(src).onLine(6);
    assertThat(c.errors()).hasSize(3);
    assertThat(c.warnings()).isEmpty();
    assertThat(generatedOnDisk(src)).isEmpty();
  }

  @Test
  void failedCalleeInAnotherFileIsReportedInEachFile() {
    JavaFileObject lib =
        source(
            "Lib",
            PKG,
            IMPORT,
            "class Lib {",
            "  @Differentiable",
            "  static double bad(double x) {",
            "    return helper(x);",
            "  }",
            "",
            "  static double helper(double t) {",
            "    return t;",
            "  }",
            "}");
    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  double f(double x) {",
            "    double y = Lib.bad(x);",
            "    return y * y;",
            "  }",
            "}");
    Compilation c = compile(model, lib);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffUnsupportedCall] Lib.helper").inFile(lib).onLine(6);
    assertThat(c).hadErrorContaining("[DiffCalleeFailed] Lib.bad").inFile(model).onLine(6);
    assertThat(c.errors()).hasSize(2);
    assertThat(c.warnings()).isEmpty();
  }

  // ------------------------------------------------------------------ missing derivatives

  @Test
  void calleeCompiledWithoutTheProcessorIsReportedAtTheCall(@TempDir Path classes)
      throws IOException {
    JavaFileObject lib =
        source(
            "Lib",
            PKG,
            IMPORT,
            "public class Lib {",
            "  @Differentiable",
            "  public static double sq(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation libOnly = javac().withOptions("-proc:none").compile(lib);
    assertThat(libOnly).succeededWithoutWarnings();
    writeClassFiles(libOnly, classes);

    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return 2 * Lib.sq(x);",
            "  }",
            "",
            "  @Differentiable",
            "  static double g(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withClasspath(classpathWith(classes))
            .compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffMissingDerivatives] Lib.sq").inFile(model).onLine(6);
    assertThat(c).hadErrorContaining("LibDerivatives").inFile(model).onLine(6);
    assertThat(c).hadErrorContaining("Compile that class with the dualj processor");
    assertThat(c.errors()).hasSize(1);
    assertThat(c.warnings()).isEmpty();
    String generated = generatedOnDisk(classpathWith(classes), model).get("test.ModelDerivatives");
    assertWithMessage("ModelDerivatives generated").that(generated).isNotNull();
    assertThat(generated).contains("public static Dual g(Dual x)");
    assertThat(generated).doesNotContain(" f(");
  }

  private static void writeClassFiles(Compilation c, Path dir) throws IOException {
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String uri = f.toUri().getPath();
      String relative = uri.substring(uri.indexOf("/test/") + 1);
      Path out = dir.resolve(relative);
      Files.createDirectories(out.getParent());
      try (InputStream in = f.openInputStream()) {
        Files.write(out, in.readAllBytes());
      }
    }
  }

  private static List<File> classpathWith(Path classes) {
    List<File> cp = new ArrayList<>();
    cp.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        cp.add(new File(entry));
      }
    }
    return cp;
  }

  @Test
  void derivativesWithTheSameSignatureClash() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  double f(double x) {",
            "    return x * x;",
            "  }",
            "",
            "  @Differentiable",
            "  static double f(Model m, double x) {",
            "    return 2 * x;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffNameClash] the derivative of this method would have the signature f(")
        .inFile(src)
        .onLine(10);
    assertThat(c).hadErrorContaining("Rename one of them").inFile(src).onLine(10);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodOfAPrivateClassIsInaccessible() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  private static class Inner {",
            "    @Differentiable",
            "    static double f(double x) {",
            "      return x * x;",
            "    }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffInaccessible] class Inner is private, so the generated class Model_InnerDerivatives")
        .inFile(src)
        .onLine(6);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodWithoutDoubleParametersGetsOnlyItsCore() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double f(int n) {",
            "    return n * 0.5;",
            "  }",
            "",
            "  @Differentiable",
            "  static double g() {",
            "    return 1.0;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.ModelDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual f(int n) {");
  }

  @Test
  void fieldOfAnEnclosingInstanceIsOneErrorAtItsDeclaration() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  double c = 3;",
            "  class Inner {",
            "    @Differentiable",
            "    double g(double x) {",
            "      return c * x + c;",
            "    }",
            "    @Differentiable",
            "    double h(double x) {",
            "      return x / c;",
            "    }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffInaccessible] field c belongs to the enclosing instance of Inner")
        .inFile(src)
        .onLine(4);
    assertThat(c).hadErrorContaining("make Inner a static nested class").inFile(src).onLine(4);
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------------ javac's own errors

  /** A named method body, for parameterized tests. */
  record Snippet(String name, String... lines) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** User code with a type error: javac's message is enough, the processor adds nothing. */
  static Stream<Snippet> javacErrors() {
    return Stream.of(
        new Snippet("undefined variable", "    return x * undefinedVariable; " + HERE),
        new Snippet("undefined method", "    return undefinedMethod(x); " + HERE),
        new Snippet("String returned", "    return \"not a number\"; " + HERE),
        new Snippet("missing return", "    double y = x;", "  } " + HERE),
        new Snippet("undefined type", "    Undefined u = new Undefined(); " + HERE, "    return x;"),
        new Snippet("uninitialized local", "    double y;", "    return y * x; " + HERE),
        new Snippet("wrong argument type", "    return Math.sin(\"a\") * x; " + HERE),
        new Snippet("unreachable statement", "    return x;", "    x = 2; " + HERE),
        new Snippet("undefined method of an active value's result",
            "    double y = Math.sin(x).value(); " + HERE, "    return y;"),
        new Snippet("lossy conversion to int", "    int k = x; " + HERE, "    return k;"),
        new Snippet("lossy conversion to float", "    float g = x; " + HERE, "    return g;"),
        new Snippet("double assigned to a String", "    String s = x; " + HERE, "    return x;"),
        new Snippet("lossy assignment to an int", "    int k = 0;", "    k = x * 2; " + HERE,
            "    return k;"),
        new Snippet("field of a double", "    return x.length; " + HERE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javacErrors")
  void javacErrorsAreLeftToJavac(Snippet snippet) {
    String[] body = snippet.lines();
    List<String> lines =
        new ArrayList<>(
            List.of(PKG, IMPORT, "class Model {", "  @Differentiable", "  static double f(double x) {"));
    lines.addAll(Arrays.asList(body));
    if (!body[body.length - 1].startsWith("  }")) {
      lines.add("  }");
    }
    lines.addAll(
        List.of("", "  @Differentiable", "  static double good(double x) {", "    return x * x;", "  }", "}"));
    String[] source = lines.toArray(String[]::new);
    int line = new Mistake(snippet.name(), "", "", 0, source).line();
    JavaFileObject src = source("Model", source);

    Compilation c = compile(src);
    assertThat(c).failed();
    assertWithMessage("errors: %s", messages(c)).that(c.errors()).isNotEmpty();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertWithMessage("errors: %s", messages(c)).that(d.getMessage(Locale.ROOT)).doesNotContain("[Diff");
      assertWithMessage("errors: %s", messages(c)).that(d.getLineNumber()).isEqualTo((long) line);
    }
    assertThat(c.warnings()).isEmpty();
  }

  // ------------------------------------------------------------------ valid code

  /** Code close to the mistakes above that is fine: no diagnostic at all. */
  static Stream<Snippet> validBodies() {
    return Stream.of(
        new Snippet("inactive float", "    float g = 1f;", "    double y = g * x;", "    return y;"),
        new Snippet("casts to int and long",
            "    int k = (int) x;", "    long l = (long) (2 * x);", "    return k + l + x;"),
        new Snippet("increments as statements",
            "    double y = x;", "    y++;", "    --y;", "    y += 2;", "    return y;"),
        new Snippet("int % in an index",
            "    double[] b = {x, 2 * x};", "    b[i % 2] = x * x;", "    return b[0] + b[1];"),
        new Snippet("for-each over an active array",
            "    double s = 0;", "    for (double v : a) {", "      s += v * x;", "    }", "    return s;"),
        new Snippet("switch statement assigning a local",
            "    double y;", "    switch (i) {", "      case 1 -> y = x;", "      default -> y = 2 * x;",
            "    }", "    return y;"),
        new Snippet("field and double[][] reads",
            "    double y = S + inst + ARR[0] + GRID[0][0] + m[0][0];", "    return y * x;"),
        new Snippet("helpers with inactive arguments",
            "    double y = helper(3.0) + ihelper(i) + other.ihelper(1.0);", "    return y * x;"),
        new Snippet("library calls with inactive arguments",
            "    double y = List.of(1.0, 2.0).get(i) + Arrays.stream(m[0]).sum();", "    return y * x;"),
        new Snippet("Math functions",
            "    return Math.sin(x) * Math.exp(-x) + Math.max(x, 0) + Math.random();"),
        new Snippet("@Differentiable calls",
            "    return bd(x) + this.bd(2 * x) + other.bd(x);"),
        new Snippet("loops",
            "    double y = x;", "    int n = 0;", "    while (y > 1) {", "      y /= 2;", "      n++;",
            "    }", "    return y + n;"),
        new Snippet("String methods", "    String s = \"abc\";", "    return s.length() * x;"),
        new Snippet("calls whose results need no derivative",
            "    List<Double> l = List.of(x);", "    String s = String.valueOf(x) + Arrays.toString(a);",
            "    if (Double.isFinite(helper(x)) && s.length() > 0) {",
            "      System.out.println(\"x = \" + x + \", helper = \" + helper(x) + l);",
            "    }",
            "    int k = (int) Math.floor(helper(x));", "    return k + x;"),
        new Snippet("array clone", "    double[] c = a.clone();", "    c[0] *= x;", "    return c[0];"),
        new Snippet("ternary and comparisons",
            "    double y = x > 0 && i != 2 ? x : -x;", "    return y;"),
        new Snippet("labeled loops with break",
            "    double s = 0;", "    outer:", "    for (int k = 0; k < a.length; k++) {",
            "      for (int j = 0; j < k; j++) {", "        if (a[j] > 9) break outer;",
            "        s += a[j] * a[k];", "      }", "    }", "    return s * x;"),
        new Snippet("% on active values, and %=",
            "    double y = x % 2.0 + 7.0 % x;", "    y %= x;", "    return y;"),
        new Snippet("compound assignment to an element with a side-effecting index",
            "    double[] b = a.clone();", "    int j = 0;", "    b[j++] += x;", "    b[Math.abs(j)] *= x;",
            "    return b[0] + b[1];"),
        new Snippet("comparison methods of Double",
            "    Double d = 1.0;", "    return d.compareTo(x) * x;"),
        new Snippet("predicates of active values",
            "    return Double.isNaN(x) || Double.compare(x, 1.0) > 0 ? 0.0 : x;"),
        new Snippet("labeled loops with continue",
            "    double s = 0;", "    loop:", "    for (int k = 0; k < 3; k++) {",
            "      if (k == 1) continue loop;", "      s += x;", "    }", "    return s;"),
        new Snippet("null arrays",
            "    double[] b = null;", "    if (a == null) return x;", "    b = a.clone();",
            "    b[0] = x;", "    return b[0];"),
        new Snippet("argument checks that throw",
            "    if (x < 0 || Double.isNaN(a[0])) {",
            "      throw new IllegalArgumentException(\"x = \" + x + \", a = \" + Arrays.toString(a));",
            "    }",
            "    if (i > a.length) throw new IndexOutOfBoundsException(i);",
            "    return x * a[0];"),
        new Snippet("try, catch and finally",
            "    double s = x;",
            "    try {", "      s = s * bd(a[i]);", "      if (s > 1) return s;",
            "    } catch (ArrayIndexOutOfBoundsException | NullPointerException e) {",
            "      s = x * x + e.hashCode();", "    } finally {", "      i = 0;", "    }",
            "    return s;"),
        new Snippet("switch arms that throw",
            "    switch (i) {", "      case 0 -> { return x; }",
            "      case 1 -> throw new UnsupportedOperationException(\"i = 1 at \" + x * x);",
            "      default -> { }", "    }",
            "    double r = 2 * x;",
            "    switch (i) {", "      case 5:", "        throw new IllegalStateException(String.valueOf(r));",
            "      default:", "        break;", "    }",
            "    return r;"),
        new Snippet("assertions on active values",
            "    assert x > 0 : \"x = \" + x;", "    assert a.length > 0;", "    return x * x;"),
        new Snippet("integer-valued Math functions of active values",
            "    return Math.round(x) + Math.floor(x) + Math.signum(x) * x;"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validBodies")
  void validCodeCompilesWithoutDiagnostics(Snippet snippet) {
    JavaFileObject src = source("Model", inMethod(snippet.lines()));
    Compilation c = compile(src);
    // a note that reverse mode leaves the method to forward mode is not a problem of the code
    assertWithMessage("diagnostics: %s", messages(c))
        .that(
            c.diagnostics().stream()
                .filter(
                    d ->
                        !(d.getKind() == javax.tools.Diagnostic.Kind.NOTE
                            && d.getMessage(null).startsWith("[DiffReverseUnsupported]")))
                .toList())
        .isEmpty();
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.ModelDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual f(Model self, Dual x, Dual[] a, double[][] m, int i, Model other)");
  }

  @Test
  void validClassesOfAllKindsCompileWithoutDiagnostics() {
    JavaFileObject src =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  private static final double RATE = 0.5;",
            "  final double scale;",
            "",
            "  Model(double scale) {",
            "    this.scale = scale;",
            "  }",
            "",
            "  @Differentiable",
            "  static double sq(double x) {",
            "    return x * x;",
            "  }",
            "",
            "  @Differentiable",
            "  double energy(double x, double[] v) {",
            "    double e = RATE * sq(x);",
            "    for (int k = 0; k < v.length; k++) {",
            "      e += scale * v[k] * v[k];",
            "    }",
            "    return e;",
            "  }",
            "",
            "  @Differentiable",
            "  static double[] grad(double[] v) {",
            "    double[] g = new double[v.length];",
            "    for (int k = 0; k < v.length; k++) {",
            "      g[k] = 2 * v[k];",
            "    }",
            "    return g;",
            "  }",
            "",
            "  static class Inner {",
            "    @Differentiable",
            "    static double cube(double x) {",
            "      return x * Model.sq(x);",
            "    }",
            "  }",
            "}",
            "",
            "interface Shape {",
            "  @Differentiable",
            "  default double area(double r) {",
            "    return Math.PI * r * r;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertWithMessage("diagnostics: %s", c.diagnostics()).that(c.diagnostics()).isEmpty();
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.ModelDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual sq(Dual x)");
    assertThat(c)
        .generatedSourceFile("test.ModelDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual energy(Model self, Dual x, Dual[] v)");
    assertThat(c)
        .generatedSourceFile("test.ModelDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual[] grad(Dual[] v)");
    assertThat(c)
        .generatedSourceFile("test.Model_InnerDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual cube(Dual x)");
    assertThat(c)
        .generatedSourceFile("test.ShapeDerivatives")
        .contentsAsUtf8String()
        .contains("public static Dual area(Shape self, Dual r)");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The sources javac generates for {@code sources}, by qualified name, whether or not the
   * compilation succeeds (compile-testing only shows them for a successful one).
   */
  static Map<String, String> generatedOnDisk(JavaFileObject... sources) {
    return generatedOnDisk(null, sources);
  }

  private static Map<String, String> generatedOnDisk(List<File> classpath, JavaFileObject... sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path dir = null;
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      dir = Files.createTempDirectory("dualj-errors-test");
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Path generated = Files.createDirectories(dir.resolve("generated"));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      if (classpath != null) {
        files.setLocation(StandardLocation.CLASS_PATH, classpath);
      }
      JavaCompiler.CompilationTask task =
          compiler.getTask(null, files, diagnostics, List.of(), null, List.of(sources));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      task.call();
      Map<String, String> out = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(generated)) {
        for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          String name = generated.relativize(p).toString().replace(File.separatorChar, '.');
          out.put(name.substring(0, name.length() - ".java".length()), Files.readString(p));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> messages(Compilation c) {
    return c.diagnostics().stream()
        .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .toList();
  }
}
