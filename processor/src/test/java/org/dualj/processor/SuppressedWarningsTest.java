package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated class repeats the user's statements, so it carries the warnings the user
 * suppressed: a switch that falls through on purpose compiles under -Xlint:all -Werror in the
 * generated code as in the source.
 */
class SuppressedWarningsTest {
  private static JavaFileObject model(String annotation) {
    return source(
        "Model",
        "package test;",
        "import org.dualj.annotations.Differentiable;",
        "class Model {",
        annotation,
        "  @Differentiable",
        "  static double f(double x, int k) {",
        "    double s = x;",
        "    switch (k) {",
        "      case 1:",
        "        s = s * x;",
        "        // falls through",
        "      default:",
        "        s = s + Math.sin(x);",
        "    }",
        "    return s;",
        "  }",
        "}");
  }

  @Test
  void suppressedFallThroughStaysSuppressedInGeneratedCode() throws IOException {
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(model("  @SuppressWarnings(\"fallthrough\")"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("test.ModelDerivatives").orElseThrow().getCharContent(true).toString())
        .contains("@SuppressWarnings(\"fallthrough\")");
  }

  /** Without the user's annotation the source itself warns, and the generated class adds nothing. */
  @Test
  void unsuppressedFallThroughWarnsInTheSource() throws IOException {
    Compilation c = javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(model(""));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("fall-through").inFile(model(""));
    assertThat(c.generatedSourceFile("test.ModelDerivatives").orElseThrow().getCharContent(true).toString())
        .doesNotContain("@SuppressWarnings");
  }
}
