package org.dualj.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code the Maven build generated for the seed example, kept as a golden source: it follows
 * the seed's evaluation trace pair by pair (v1 = x1/x2 with v̇1, v2 = sin v1 with v̇2 = cos(v1)·v̇1,
 * …).
 */
class SeedExampleGoldenTest {
  private static final Path GENERATED =
      Path.of("target/generated-sources/annotations/org/dualj/it/SeedExampleDerivatives.java");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/SeedExampleDerivatives.java");

  @Test
  void generatedCodeEqualsTheGolden() throws IOException {
    assertWithMessage("generated %s vs golden %s", GENERATED, GOLDEN)
        .that(Files.readString(GENERATED, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void tracePairsAppearInTheSeedsOrder() throws IOException {
    List<String> lines =
        Files.readAllLines(GENERATED, StandardCharsets.UTF_8).stream().map(String::trim).toList();
    // the seed's table: v1 = v-1 / v0, v2 = sin v1, v3 = exp v0, v4 = v1 - v3, v5 = v2 + v4,
    // v6 = v5 * v4, each followed by its tangent by the tangent table
    List<String> pairs =
        List.of(
            "double v1 = x1 / x2;",
            "double v1_dot = (x1_dot - v1 * x2_dot) / x2;",
            "double v2 = Math.sin(v1);",
            "double v2_dot = Math.cos(v1) * v1_dot;",
            "double v3 = Math.exp(x2);",
            "double v3_dot = v3 * x2_dot;",
            "double v4 = v1 - v3;",
            "double v4_dot = v1_dot - v3_dot;",
            "double v5 = v2 + v4;",
            "double v5_dot = v2_dot + v4_dot;",
            "double v6 = v5 * v4;",
            "double v6_dot = v4 * v5_dot + v5 * v4_dot;",
            "return Dual.of(v6, v6_dot);");
    int at = lines.indexOf("public static Dual f(double x1, double x1_dot, double x2, double x2_dot) {");
    assertThat(at).isAtLeast(0);
    List<String> body =
        lines.subList(at + 1, lines.size()).stream().filter(l -> !l.startsWith("//")).toList();
    assertThat(body.subList(0, pairs.size())).containsExactlyElementsIn(pairs).inOrder();
  }
}
