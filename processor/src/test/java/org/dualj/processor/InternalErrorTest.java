package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.dualj.processor.diag.Message;
import org.junit.jupiter.api.Test;

/**
 * An unexpected failure while processing one method becomes an error on that method; the
 * exception never escapes and the other methods still generate. And every diagnostic of the
 * catalogue is exercised by some test.
 */
class InternalErrorTest {

  @Test
  void failureInOneMethodIsAnErrorOnThatMethod() {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable",
            "  static double broken(double x) {",
            "    return x * x;",
            "  }",
            "  @Differentiable",
            "  static double good(double x) {",
            "    return x * x;",
            "  }",
            "}");
    Compilation c =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-A" + DifferentiableProcessor.FAIL_ON + "=broken")
            .compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffInternalError] dualj failed while processing this method")
        .inFile(src)
        .onLine(5);
    assertThat(c).hadErrorContaining("failure requested with -Adualj.internal.failOn");
    assertThat(c).hadErrorCount(1);
  }

  /** Every tag in {@link Message} appears in at least one test source besides this one. */
  @Test
  void everyDiagnosticHasATest() throws IOException {
    Path tests = Path.of("src/test/java/org/dualj/processor");
    String all;
    try (Stream<Path> files = Files.walk(tests)) {
      all =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().equals("InternalErrorTest.java"))
              .map(InternalErrorTest::read)
              .collect(Collectors.joining("\n"));
    }
    Set<String> untested = new HashSet<>();
    for (Message m : Message.values()) {
      if (!all.contains("[" + m.tag() + "]") && !all.contains("\"" + m.tag() + "\"")) {
        untested.add(m.tag());
      }
    }
    untested.remove(Message.INTERNAL_ERROR.tag()); // tested above
    assertThat(untested).isEmpty();
    // one tag, one message, except: DiffArrayAlias (active values, and writes), DiffOverridable
    // (an overridable method, and a call through an open interface), DiffFieldWrite (an
    // assignment, and a call that keeps an active value in a field) with two texts each;
    // DiffInaccessible with
    // three (at a use, once at a private member's declaration, once at an enclosing instance's
    // member's declaration)
    java.util.Map<String, Integer> texts =
        java.util.Map.of(
            "DiffArrayAlias", 2, "DiffOverridable", 2, "DiffInaccessible", 3, "DiffFieldWrite", 2);
    assertThat(Arrays.stream(Message.values()).map(Message::tag).distinct().count())
        .isEqualTo(Message.values().length - 5);
    for (var e : texts.entrySet()) {
      assertThat(Arrays.stream(Message.values()).filter(m -> m.tag().equals(e.getKey())).count())
          .isEqualTo((long) e.getValue());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
