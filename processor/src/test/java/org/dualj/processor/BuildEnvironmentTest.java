package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How dualj behaves in a build: strict lint options, other processors generating code the
 * annotated methods use, and sources javac finds on its own.
 */
class BuildEnvironmentTest {
  private static final String PKG = "package test;";
  private static final String IMPORT = "import org.dualj.annotations.Differentiable;";

  /** {@code -Xlint:all -Werror}: no "no processor claimed" warning for dualj's annotations. */
  @Test
  void strictLintBuildSucceeds() {
    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "import org.dualj.annotations.TangentRule;",
            "class Model {",
            "  @TangentRule(of = Math.class, method = \"abs\")",
            "  static double absPartial(double x, double v) {",
            "    return Math.signum(x);",
            "  }",
            "",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return Math.abs(x) * x;",
            "  }",
            "}");
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ModelDerivatives");
  }

  /** Records the elements annotated {@code @Generated} that javac hands it. */
  @SupportedAnnotationTypes(DifferentiableProcessor.GENERATED)
  static final class GeneratedRecorder extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement a : annotations) {
        round.getElementsAnnotatedWith(a).forEach(e -> seen.add(e.getSimpleName().toString()));
      }
      return false;
    }
  }

  /**
   * dualj claims {@code @Generated} only on its own classes: a processor running after it still
   * sees another tool's, and dualj's own class does not fail a strict build.
   */
  @Test
  void anotherToolsGeneratedAnnotationIsLeftUnclaimed() {
    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "@javax.annotation.processing.Generated(\"some.Tool\")",
            "class Model {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return x * x;",
            "  }",
            "}");
    GeneratedRecorder recorder = new GeneratedRecorder();
    Compilation c = javac().withProcessors(new DifferentiableProcessor(), recorder).compile(model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(recorder.seen).containsExactly("Model");
  }

  /** Another processor: writes class {@code test.Gen} when it sees {@code @MakeGen}. */
  @SupportedAnnotationTypes("test.MakeGen")
  static final class GenProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done && !annotations.isEmpty()) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.Gen").openWriter()) {
          w.write(
              String.join(
                  "\n",
                  PKG,
                  IMPORT,
                  "public class Gen {",
                  "  public static final double SCALE = 3;",
                  "  @Differentiable",
                  "  public static double sq(double x) { return x * x; }",
                  "}"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  private static final JavaFileObject USES_GEN =
      source(
          "Model",
          PKG,
          IMPORT,
          "@MakeGen",
          "class Model {",
          "  @Differentiable",
          "  static double f(double x) {",
          "    return Gen.SCALE * Gen.sq(x);",
          "  }",
          "",
          "  @Differentiable",
          "  static double g(double x) {",
          "    return x * x * x;",
          "  }",
          "}",
          "",
          "class User {",
          "  @Differentiable",
          "  static double h(double x) {",
          "    return Model.g(x) + x;",
          "  }",
          "}",
          "",
          "@interface MakeGen {}");

  /**
   * A method using a class another processor generates waits for it, and with it the other
   * methods of its class and their callers; whichever processor runs first.
   */
  @Test
  void methodUsingAGeneratedClassWaitsForIt() throws Exception {
    List<List<Processor>> orders =
        List.of(
            List.of(new DifferentiableProcessor(), new GenProcessor()),
            List.of(new GenProcessor(), new DifferentiableProcessor()));
    for (List<Processor> processors : orders) {
      Compilation c = javac().withProcessors(processors).compile(USES_GEN);
      assertThat(c).succeededWithoutWarnings();
      CompiledClasses classes = new CompiledClasses(c);
      double x = 1.5;
      assertThat(derivative(classes, "test.ModelDerivatives", "f", x)).isWithin(1e-12).of(6 * x);
      assertThat(derivative(classes, "test.ModelDerivatives", "g", x)).isWithin(1e-12).of(3 * x * x);
      assertThat(derivative(classes, "test.UserDerivatives", "h", x)).isWithin(1e-12).of(3 * x * x + 1);
      assertThat(derivative(classes, "test.GenDerivatives", "sq", x)).isWithin(1e-12).of(2 * x);
    }
  }

  private static double derivative(CompiledClasses classes, String type, String method, double x)
      throws Exception {
    Method m = classes.load(type).getMethod(method, Dual.class);
    return ((Dual) m.invoke(null, Dual.of(x, 1))).tangent();
  }

  /** A class nobody generates: javac reports it, once, and dualj says nothing. */
  @Test
  void classThatNeverAppearsIsLeftToJavac() {
    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return Missing.sq(x);",
            "  }",
            "}");
    Compilation c = javac().withProcessors(new DifferentiableProcessor()).compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(model).onLine(6);
    assertThat(c.errors()).hasSize(1);
  }

  /**
   * A callee javac finds through {@code -sourcepath} is compiled without processors: the error at
   * the call says so and what to do.
   */
  @Test
  void calleeFoundThroughTheSourcePathIsExplained(@TempDir Path sources) throws IOException {
    Path lib = sources.resolve("test/Lib.java");
    Files.createDirectories(lib.getParent());
    Files.writeString(
        lib,
        String.join(
            "\n",
            PKG,
            IMPORT,
            "public class Lib {",
            "  @Differentiable",
            "  public static double sq(double x) { return x * x; }",
            "}"));
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
            "}");
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-sourcepath", sources.toString())
            .compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffMissingDerivatives] Lib.sq").inFile(model).onLine(6);
    assertThat(c).hadErrorContaining("javac found Lib.java through the source path").inFile(model).onLine(6);
    assertThat(c).hadErrorContaining("Compile that file in the same compilation");
    assertThat(c.errors()).hasSize(1);
  }

  /**
   * Only unresolved names make a method wait for a later round: with another javac error the
   * class's other methods are generated at once, and javac reports the error.
   */
  @Test
  void otherJavacErrorsDoNotHoldBackTheClass() {
    JavaFileObject model =
        source(
            "Model",
            PKG,
            IMPORT,
            "class Model {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    int k = x;",
            "    return k;",
            "  }",
            "",
            "  @Differentiable",
            "  static double good(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c = javac().withProcessors(new DifferentiableProcessor()).compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("lossy conversion").inFile(model).onLine(6);
    assertThat(c.errors()).hasSize(1);
    assertThat(c.warnings()).isEmpty();
    String generated = DifferentiableErrorsTest.generatedOnDisk(model).get("test.ModelDerivatives");
    assertThat(generated).isNotNull();
    assertThat(generated).contains("public static Dual good(Dual x)");
    assertThat(generated).doesNotContain(" f(");
  }
}
