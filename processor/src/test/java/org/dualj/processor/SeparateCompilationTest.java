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

  @Test
  void callsDerivativesFromAnEarlierCompilation(@TempDir Path dir) throws Exception {
    Compilation first =
        Compilations.compile(
            LIBRARY);
    assertThat(first).succeededWithoutWarnings();
    Path classes = dir.resolve("classes");
    writeClasses(first, classes);

    Compilation second =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withClasspath(classpathWith(classes))
            .compile(
                CLIENT);
    assertThat(second).succeededWithoutWarnings();
    assertThat(second)
        .generatedSourceFile("test.ClientDerivatives")
        .contentsAsUtf8String()
        .contains("LibraryDerivatives.cube(x, x_dot)");

    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL(), secondClasses.toUri().toURL()},
            getClass().getClassLoader())) {
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
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withClasspath(classpathWith(classes))
            .compile(CLIENT);
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
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withClasspath(classpathWith(classes))
            .compile(changed);
    assertThat(second).succeededWithoutWarnings();
    Path secondClasses = dir.resolve("classes2");
    writeClasses(second, secondClasses);
    // the new A first, B from the first build
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {secondClasses.toUri().toURL(), classes.toUri().toURL()},
            getClass().getClassLoader())) {
      Method f = loader.loadClass("test.ADerivatives").getMethod("f", Dual.class);
      for (double x : new double[] {-1.1, 0.3, 2.0}) {
        Dual y = (Dual) f.invoke(null, Dual.variable(x));
        // f(x) = x² + B.g(x), B.g(x) = 3·A.h(x), A.h(x) = x²: f = 4x², f' = 8x
        assertThat(y.value()).isWithin(1e-12).of(4 * x * x);
        assertThat(y.tangent()).isWithin(1e-12).of(8 * x);
      }
    }
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
