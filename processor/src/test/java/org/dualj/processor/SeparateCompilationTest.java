package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @Differentiable} method calling one compiled earlier (a library jar, or the class an
 * incremental build did not recompile) uses the earlier compilation's generated class.
 */
class SeparateCompilationTest {
  private static final JavaFileObject LIBRARY =
      Compilations.source(
          "Library",
          "package test;",
          "import org.dualj.annotations.Differentiable;",
          "public class Library {",
          "  @Differentiable",
          "  public static double cube(double x) {",
          "    return x * x * x;",
          "  }",
          "}");
  private static final JavaFileObject CLIENT =
      Compilations.source(
          "Client",
          "package test;",
          "import org.dualj.annotations.Differentiable;",
          "class Client {",
          "  @Differentiable",
          "  static double f(double x) {",
          "    return Math.sin(Library.cube(x));",
          "  }",
          "}");

  /**
   * An order-2 method calling an order-2 method of an earlier compilation uses its
   * {@code gTangent} code from the class file; one of order 1 there is {@code [DiffCalleeOrder]}.
   */
  @Test
  void secondOrderAcrossCompilations(@TempDir Path dir) throws Exception {
    JavaFileObject library =
        Compilations.source(
            "Library2",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "public class Library2 {",
            "  @Differentiable(order = 2)",
            "  public static double cube(double x) {",
            "    return x * x * x;",
            "  }",
            "  @Differentiable",
            "  public static double square(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation first = Compilations.compile(library);
    assertThat(first).succeededWithoutWarnings();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    Compilation second =
        compileAgainst(
            classes,
            Compilations.source(
                "Client2",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Client2 {",
                "  @Differentiable(order = 2)",
                "  static double f(double x, double y) {",
                "    return Math.sin(Library2.cube(x) * y);",
                "  }",
                "}"));
    assertThat(second).succeededWithoutWarnings();
    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    try (URLClassLoader loader = loader(classes, secondClasses)) {
      Method hessian =
          loader.loadClass("test.Client2Derivatives").getMethod("fHessian", double.class, double.class);
      for (double[] p : new double[][] {{0.7, 1.1}, {-0.4, 2.0}}) {
        double x = p[0];
        double y = p[1];
        double[][] h = (double[][]) hessian.invoke(null, x, y);
        // f = sin(u), u = x³y: f_xx = -sin(u)(3x²y)² + cos(u)6xy, f_xy = -sin(u)(3x²y)x³ + cos(u)3x²,
        // f_yy = -sin(u)x⁶
        double u = x * x * x * y;
        assertThat(h[0][0]).isWithin(1e-13)
            .of(-Math.sin(u) * 9 * x * x * x * x * y * y + Math.cos(u) * 6 * x * y);
        assertThat(h[0][1]).isWithin(1e-13)
            .of(-Math.sin(u) * 3 * x * x * y * x * x * x + Math.cos(u) * 3 * x * x);
        assertThat(h[1][1]).isWithin(1e-13).of(-Math.sin(u) * Math.pow(x, 6));
      }
    }

    JavaFileObject badClient =
        Compilations.source(
            "Client3",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Client3 {",
            "  @Differentiable(order = 2)",
            "  static double f(double x) {",
            "    return Library2.square(x) * x;",
            "  }",
            "}");
    Compilation third = compileAgainst(classes, badClient);
    assertThat(third).failed();
    assertThat(third)
        .hadErrorContaining("[DiffCalleeOrder]")
        .inFile(badClient)
        .onLine(6);
  }

  /**
   * Which array parameters a method writes travels with its generated class: a later compilation
   * may pass a field's array to a callee that only reads it, not to one that writes it.
   */
  @Test
  void arrayWritesOfCalleesFromAnEarlierCompilation(@TempDir Path dir) throws Exception {
    JavaFileObject library =
        Compilations.source(
            "Arrays3",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "public class Arrays3 {",
            "  @Differentiable",
            "  public static double dot(double[] w, double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += w[i] * x[i];",
            "    return s;",
            "  }",
            "  @Differentiable",
            "  public static double scaleFirst(double c, double[] x) {",
            "    x[0] *= c;",
            "    return x[0];",
            "  }",
            "}");
    Compilation first = Compilations.compile(library);
    assertThat(first).succeededWithoutWarnings();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    JavaFileObject client =
        Compilations.source(
            "Client4",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Client4 {",
            "  static final double[] W = {2.0, 3.0};",
            "  @Differentiable",
            "  static double reads(double[] x) {",
            "    return Arrays3.dot(W, x);",
            "  }",
            "  @Differentiable",
            "  static double writes(double c) {",
            "    return Arrays3.scaleFirst(c, W);",
            "  }",
            "}");
    Compilation second = compileAgainst(classes, client);
    assertThat(second).failed();
    assertThat(second).hadErrorContaining("[DiffArrayAlias]").inFile(client).onLine(11);
    assertThat(second.errors()).hasSize(1);
  }

  @Test
  void callsDerivativesFromAnEarlierCompilation(@TempDir Path dir) throws Exception {
    Compilation first =
        Compilations.compile(
            LIBRARY);
    assertThat(first).succeededWithoutWarnings();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    Compilation second =
        compileAgainst(classes, CLIENT);
    assertThat(second).succeededWithoutWarnings();
    assertThat(second)
        .generatedSourceFile("test.ClientDerivatives")
        .contentsAsUtf8String()
        .contains("LibraryDerivatives.cube(x, x_dot)");

    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    try (URLClassLoader loader = loader(classes, secondClasses)) {
      Method f = loader.loadClass("test.ClientDerivatives").getMethod("f", Dual.class);
      for (double x : new double[] {-1.3, 0.4, 2.0}) {
        Dual y = (Dual) f.invoke(null, Dual.variable(x));
        // d/dx sin(x^3) = cos(x^3) * 3x^2
        assertThat(y.value()).isEqualTo(Math.sin(x * x * x));
        assertThat(y.tangent()).isWithin(1e-14).of(Math.cos(x * x * x) * 3 * x * x);
      }
    }
  }

  @Test
  void missingGeneratedClassIsAnError(@TempDir Path dir) throws Exception {
    // The library was compiled without the processor: its derivatives class does not exist.
    Compilation first =
        javac()
            .withOptions("-proc:none")
            .compile(
                LIBRARY);
    assertThat(first).succeeded();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);
    Compilation second =
        compileAgainst(classes, CLIENT);
    assertThat(second).failed();
    assertThat(second)
        .hadErrorContaining("[DiffMissingDerivatives] Library.cube is @Differentiable but its generated class LibraryDerivatives")
        .inFile(CLIENT)
        .onLine(6);
    assertThat(second.errors()).hasSize(1);
  }

  /**
   * An incremental rebuild: A and B call each other's differentiated methods; A changes and only
   * A is recompiled, against B's class files from the first build.
   */
  @Test
  void recompilingOneOfTwoMutuallyCallingClasses(@TempDir Path dir) throws Exception {
    Compilation first =
        Compilations.compile(classA("return Math.sin(x) + B.g(x);"), classB());
    assertThat(first).succeededWithoutWarnings();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    // A changes: h and f now square their argument. Only A is compiled again.
    JavaFileObject changed = classA("return x * x + B.g(x);");
    Compilation second =
        compileAgainst(classes, changed);
    assertThat(second).succeededWithoutWarnings();
    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    // the new A first, B from the first build
    try (URLClassLoader loader = loader(secondClasses, classes)) {
      Method f = loader.loadClass("test.ADerivatives").getMethod("f", Dual.class);
      for (double x : new double[] {-1.1, 0.3, 2.0}) {
        Dual y = (Dual) f.invoke(null, Dual.variable(x));
        // f(x) = x² + B.g(x), B.g(x) = 3·A.h(x), A.h(x) = x²: f = 4x², f' = 8x
        assertThat(y.value()).isWithin(1e-12).of(4 * x * x);
        assertThat(y.tangent()).isWithin(1e-12).of(8 * x);
      }
    }
  }

  // ---------------------------------------------------------------- tangent rules on the classpath

  /** Rules a library ships for a function of another library (Hipparchus's erf), in a class of its own. */
  private static final JavaFileObject ERF_RULES =
      Compilations.source(
          "ErfRules",
          "package rules;",
          "import org.dualj.annotations.TangentRule;",
          "import org.hipparchus.special.Erf;",
          "public final class ErfRules {",
          "  private ErfRules() {}",
          "  @TangentRule(of = Erf.class, method = \"erf\")",
          "  public static double erf(double x, double erfX) {",
          "    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);",
          "  }",
          "}");

  private static final JavaFileObject ERF_CLIENT =
      Compilations.source(
          "ErfClient",
          "package client;",
          "import org.dualj.annotations.Differentiable;",
          "import org.hipparchus.special.Erf;",
          "class ErfClient {",
          "  @Differentiable",
          "  static double f(double x) {",
          "    return x * Erf.erf(x);",
          "  }",
          "}");

  @Test
  void rulesOnTheClasspathAreFoundThroughTheIndex(@TempDir Path dir) throws Exception {
    Compilation first = Compilations.compile(ERF_RULES);
    assertThat(first).succeededWithoutWarnings();
    assertThat(first)
        .generatedSourceFile("org.dualj.rules.index.rules_ErfRules")
        .contentsAsUtf8String()
        .contains("public static final String RULES = \"rules.ErfRules\";");
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    Compilation second =
        compileAgainst(classes, ERF_CLIENT);
    assertThat(second).succeededWithoutWarnings();
    assertThat(second)
        .generatedSourceFile("client.ErfClientDerivatives")
        .contentsAsUtf8String()
        .contains("ErfRules.erf(x, v1) * x_dot");
    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    try (URLClassLoader loader = loader(classes, secondClasses)) {
      Method f = loader.loadClass("client.ErfClientDerivatives").getMethod("f", Dual.class);
      for (double x : new double[] {-1.3, 0.2, 0.9, 2.5}) {
        Dual y = (Dual) f.invoke(null, Dual.variable(x));
        // d/dx x·erf(x) = erf(x) + x·2/√π·exp(−x²)
        double erf = org.hipparchus.special.Erf.erf(x);
        assertThat(y.value()).isEqualTo(x * erf);
        assertThat(y.tangent()).isWithin(1e-15).of(erf + x * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x));
      }
    }
  }

  /** Without its index class the rules class is not found: the index is what finds it. */
  @Test
  void withoutTheIndexTheRulesAreNotFound(@TempDir Path dir) throws Exception {
    Compilation first = Compilations.compile(ERF_RULES);
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);
    Files.delete(classes.resolve("org/dualj/rules/index/rules_ErfRules.class"));
    Compilation second =
        compileAgainst(classes, ERF_CLIENT);
    assertThat(second).failed();
    assertThat(second).hadErrorContaining("[DiffUnsupportedCall] Erf.erf has no derivative");
  }

  /** A library compiled without the processor, with rules next to its functions, still has them. */
  @Test
  void rulesBesideTheTargetNeedNoIndex(@TempDir Path dir) throws Exception {
    JavaFileObject special =
        Compilations.source(
            "Special",
            "package lib;",
            "import org.dualj.annotations.TangentRule;",
            "public final class Special {",
            "  /** log(1 + exp(x)), by a formula the processor never sees. */",
            "  public static double softplus(double x) {",
            "    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));",
            "  }",
            "  @TangentRule(of = Special.class, method = \"softplus\")",
            "  public static double softplusPartial(double x, double v) {",
            "    return 1 / (1 + Math.exp(-x));",
            "  }",
            "}");
    Compilation first = javac().withOptions("-proc:none").compile(special);
    assertThat(first).succeeded();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);
    assertThat(Files.exists(classes.resolve("org/dualj/rules/index"))).isFalse();
    Compilation second =
        compileAgainst(
            classes,
            Compilations.source(
                "Net",
                "package client;",
                "import org.dualj.annotations.Differentiable;",
                "import lib.Special;",
                "class Net {",
                "  @Differentiable",
                "  static double f(double w, double x) {",
                "    return Special.softplus(w * x);",
                "  }",
                "}"));
    assertThat(second).succeededWithoutWarnings();
    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    try (URLClassLoader loader = loader(classes, secondClasses)) {
      Method gradient =
          loader.loadClass("client.NetDerivatives").getMethod("fGradient", double.class, double.class);
      for (double[] wx : new double[][] {{0.5, -2.0}, {1.5, 3.0}, {-0.7, 0.4}}) {
        double[] g = (double[]) gradient.invoke(null, wx[0], wx[1]);
        double sigmoid = 1 / (1 + Math.exp(-wx[0] * wx[1]));
        assertThat(g).usingTolerance(1e-15).containsExactly(sigmoid * wx[1], sigmoid * wx[0]).inOrder();
      }
    }
  }

  /** A rule in the sources for a target that a classpath rule covers: an error at the source one. */
  @Test
  void sourceRuleDuplicatingAClasspathRule(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    writeClasses(Compilations.compile(ERF_RULES), classes);
    JavaFileObject mine =
        Compilations.source(
            "MyErfRules",
            "package client;",
            "import org.dualj.annotations.Differentiable;",
            "import org.dualj.annotations.TangentRule;",
            "import org.hipparchus.special.Erf;",
            "class MyErfRules {",
            "  @TangentRule(of = Erf.class, method = \"erf\")",
            "  static double erf(double x, double v) {",
            "    return 1.1283791670955126 * Math.exp(-x * x);",
            "  }",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return Erf.erf(x);",
            "  }",
            "}");
    Compilation second =
        compileAgainst(classes, mine);
    assertThat(second).failed();
    assertThat(second)
        .hadErrorContaining(
            "[DiffRuleDuplicate] Erf.erf(double) already has a tangent rule with argument = 0:"
                + " rules.ErfRules.erf")
        .inFile(mine)
        .onLine(7);
    assertThat(second.errors()).hasSize(1);
  }

  /** Two libraries with rules for one target: an error at each call that would use them. */
  @Test
  void twoClasspathRulesForOneTarget(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    writeClasses(Compilations.compile(ERF_RULES), classes);
    writeClasses(
        Compilations.compile(
            Compilations.source(
                "OtherErfRules",
                "package other;",
                "import org.dualj.annotations.TangentRule;",
                "import org.hipparchus.special.Erf;",
                "public final class OtherErfRules {",
                "  @TangentRule(of = Erf.class, method = \"erf\")",
                "  public static double erf(double x, double v) {",
                "    return 1.1283791670955126 * Math.exp(-x * x);",
                "  }",
                "}")),
        classes);
    Compilation second =
        compileAgainst(classes, ERF_CLIENT);
    assertThat(second).failed();
    assertThat(second)
        .hadErrorContaining(
            "[DiffRuleDuplicate] Erf.erf(double) already has a tangent rule with argument = 0:"
                + " other.OtherErfRules.erf, and so has rules.ErfRules.erf (both on the classpath)")
        .inFile(ERF_CLIENT)
        .onLine(7);
    assertThat(second.errors()).hasSize(1);
  }

  private static JavaFileObject classA(String fBody) {
    String h = fBody.startsWith("return Math.sin") ? "return Math.sin(x);" : "return x * x;";
    return Compilations.source(
        "A",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "public class A {",
        "  @Differentiable",
        "  public static double f(double x) {",
        "    " + fBody,
        "  }",
        "  @Differentiable",
        "  public static double h(double x) {",
        "    " + h,
        "  }",
        "}");
  }

  private static JavaFileObject classB() {
    return Compilations.source(
        "B",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "public class B {",
        "  @Differentiable",
        "  public static double g(double x) {",
        "    return 3 * A.h(x);",
        "  }",
        "}");
  }

  /** A class loader over class directories, in this order, then the test's classpath. */
  private URLClassLoader loader(Path... dirs) throws IOException {
    URL[] urls = new URL[dirs.length];
    for (int i = 0; i < dirs.length; i++) {
      urls[i] = dirs[i].toUri().toURL();
    }
    return new URLClassLoader(urls, getClass().getClassLoader());
  }

  /** Compiles {@code sources} with the processor against {@code classes} and the test classpath. */
  private static Compilation compileAgainst(Path classes, JavaFileObject... sources) {
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(classpathWith(classes))
        .compile(sources);
  }

  private static List<File> classpathWith(Path classes) {
    List<File> cp = new ArrayList<>();
    cp.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      cp.add(new File(entry));
    }
    return cp;
  }

  private static void writeClasses(Compilation c, Path root) throws IOException {
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String rel = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
      Path out = root.resolve(rel);
      Files.createDirectories(out.getParent());
      try (InputStream in = f.openInputStream()) {
        Files.write(out, in.readAllBytes());
      }
    }
  }
}
