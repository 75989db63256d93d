package org.dualj.processor.structure;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The processor's layering and size rules (issue 13) on its own main sources: no package cycle
 * among read, analysis, model, rules, transform, codegen, diag (and the root package); no javac
 * trees, elements or processing API in analysis, transform, codegen, model, rules (JavaPoet's
 * {@code javax.lang.model.element.Modifier} is allowed in codegen); codegen never refers to
 * transform; no file over 600 lines, no method over 80.
 */
class StructureTest {

  /**
   * Today's violations, exactly: a new violation fails the test, and so does an entry here that
   * no longer violates (delete it when a change fixes it, so the list only shrinks). Overloads of a
   * method share one entry.
   */
  private static final Set<String> KNOWN = Set.of();

  @Test
  void processorSourcesHaveNoViolationsBeyondTheKnownList() {
    List<Structure.Source> sources = Structure.read(Path.of("src", "main", "java"));
    assertWithMessage("processor sources found").that(sources.size()).isAtLeast(30);

    Map<String, String> found = Structure.violations(sources);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> v : found.entrySet()) {
      if (!KNOWN.contains(v.getKey())) {
        problems.add("new violation: \"" + v.getKey() + "\" (" + v.getValue() + ")");
      }
    }
    for (String k : new TreeSet<>(KNOWN)) {
      if (!found.containsKey(k)) {
        problems.add("fixed, remove it from StructureTest.KNOWN: \"" + k + "\"");
      }
    }
    assertWithMessage(String.join("\n", problems)).that(problems).isEmpty();
  }

  @Test
  void commentsAndLiteralsAreBlankedAndLinesKept() {
    String source = String.join("\n",
        "class A { // {",
        "  String s = \"{ \\\" }\"; char c = '{'; char q = '\\'';",
        "  /* } { */ String t = \"\"\"",
        "      { \"\"\";",
        "}");
    String code = JavaSourceScan.code(source);
    assertThat(code.split("\n", -1)).hasLength(5);
    assertThat(code.chars().filter(c -> c == '{').count()).isEqualTo(1);
    assertThat(code.chars().filter(c -> c == '}').count()).isEqualTo(1);
    assertThat(code).contains("String t =");
  }

  @Test
  void methodsAreFoundWithTheirLinesAndOwners() {
    String source = String.join("\n",
        "@SuppressWarnings(value = \"x\")",                  // 1
        "final class A<T> extends B implements C {",          // 2
        "  static final Runnable R = () -> {",               // 3: a field, not a method
        "    System.out.println(\"}\");",                     // 4
        "  };",                                               // 5
        "  static { init(); }",                              // 6
        "  A(int x) {",                                       // 7: constructor
        "    super(x);",                                      // 8
        "  }",                                                // 9
        "  @Override @Deprecated(since = \"1\")",            // 10
        "  public <U> java.util.List<U> f(int[] a, Map<K, V> m) throws E1, E2 {", // 11
        "    for (int i = 0; i < 3; i++) { if (i > 1) { g(); } else if (i < 0) { h(); } }", // 12
        "    Object o = new Object() {",                      // 13
        "      @Override public String toString() {",         // 14: anonymous class method
        "        return \"{\";",                              // 15
        "      }",                                            // 16
        "    };",                                             // 17
        "    return null;",                                   // 18
        "  }",                                                // 19
        "  enum E { P(1) { int k() { return 2; } }, Q(2); E(int v) {} int k() { return 1; } }", // 20
        "  interface I { default double d() { return 0; } double e(); }", // 21
        "  record R(double a) { R { if (a < 0) throw new X(); } double twice() { return 2 * a; } }", // 22
        "}");
    List<String> found = new ArrayList<>();
    for (JavaSourceScan.MethodSpan m : JavaSourceScan.methods(JavaSourceScan.tokens(JavaSourceScan.code(source)))) {
      found.add(m.owner() + "." + m.name() + ":" + m.firstLine() + "-" + m.lastLine());
    }
    assertThat(found).containsExactly(
        "A.A:7-9",
        "A..toString:14-16",
        "A.f:11-19",
        "A.E..k:20-20",
        "A.E.E:20-20",
        "A.E.k:20-20",
        "A.I.d:21-21",
        "A.R.R:22-22",
        "A.R.twice:22-22");
  }

  @Test
  void dependencyRulesAreDetected() {
    List<Structure.Source> sources = List.of(
        new Structure.Source("model/M.java", "package org.dualj.processor.model;\n"
            + "// import org.dualj.processor.codegen.X; in a comment does not count\n"
            + "class M { org.dualj.processor.rules.R r; String s = \"org.dualj.processor.read.Q\"; }"),
        new Structure.Source("rules/R.java", "package org.dualj.processor.rules;\n"
            + "import static org.dualj.processor.model.M.*;\nclass R {}"),
        new Structure.Source("codegen/G.java", "package org.dualj.processor.codegen;\n"
            + "import javax.lang.model.element.Modifier;\nimport org.dualj.processor.transform.T;\n"
            + "class G {}"),
        new Structure.Source("transform/T.java", "package org.dualj.processor.transform;\n"
            + "import org.dualj.processor.model.M;\nclass T { javax.lang.model.type.TypeMirror t; }"),
        new Structure.Source("read/Q.java", "package org.dualj.processor.read;\n"
            + "import com.sun.source.tree.Tree;\nimport javax.annotation.processing.Messager;\n"
            + "import org.dualj.processor.DifferentiableProcessor;\nclass Q {}"),
        new Structure.Source("DifferentiableProcessor.java", "package org.dualj.processor;\n"
            + "import org.dualj.processor.read.Q;\nclass DifferentiableProcessor {}"));
    assertThat(Structure.violations(sources).keySet()).containsExactly(
        "cycle model -> rules",
        "cycle rules -> model",
        "cycle (root) -> read",
        "cycle read -> (root)",
        "codegen->transform codegen/G.java",
        "javac-api transform/T.java");
  }
}
