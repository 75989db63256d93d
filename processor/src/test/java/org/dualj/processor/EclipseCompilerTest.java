package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Eclipse compiler (ECJ) has no Compiler Tree API: the processor reports one clear error and
 * does not crash the build.
 */
class EclipseCompilerTest {

  @Test
  void eclipseCompilerGetsOneClearError(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("test/Model.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        String.join(
            "\n",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "  @Differentiable",
            "  static double g(double x) {",
            "    return Math.sin(x);",
            "  }",
            "}",
            ""));
    Path out = dir.resolve("out");
    Files.createDirectories(out);

    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task =
          ecj.getTask(
              new StringWriter(),
              files,
              diagnostics,
              List.of(
                  "-17",
                  "-proc:only",
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-d",
                  out.toString(),
                  "-s",
                  out.toString()),
              null,
              files.getJavaFileObjectsFromFiles(List.of(new File(src.toString()))));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      task.call();
    }
    List<Diagnostic<? extends JavaFileObject>> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .toList();
    assertThat(errors).hasSize(1);
    String message = errors.get(0).getMessage(Locale.ROOT);
    assertThat(message).startsWith("[DiffNeedsJavac]");
    assertThat(message).contains("Compile with javac");
    try (var generated = Files.walk(out)) {
      assertThat(generated.filter(p -> p.toString().endsWith("Derivatives.java")).count())
          .isEqualTo(0);
    }
  }
}
