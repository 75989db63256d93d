package org.dualj.processor.diag;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dualj.processor.diag.Message;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics as a user meets them: each fits on one line of an IDE's problem view, and the
 * README's catalogue ("When it cannot differentiate") lists every tag, and only real ones, each
 * with its cause and a fix.
 */
class MessageCatalogueTest {
  private static final Pattern TAG = Pattern.compile("`(Diff[A-Za-z]+)`");

  /** The catalogue's rows: the tags of each row's first cell, with the row's cells. */
  private static Map<String, List<String>> catalogue() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int header = lines.indexOf("| Tag | Cause | Fix |");
    assertWithMessage("README.md has no diagnostics catalogue with the header | Tag | Cause | Fix |")
        .that(header).isAtLeast(0);
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i);
      List<String> cells =
          Arrays.stream(line.substring(1, line.length() - 1).split(" \\| ")).map(String::strip).toList();
      Matcher m = TAG.matcher(cells.get(0));
      while (m.find()) {
        rows.put(m.group(1), cells);
      }
    }
    return rows;
  }

  @Test
  void everyTagIsInTheReadmeCatalogueWithCauseAndFix() throws IOException {
    Map<String, List<String>> rows = catalogue();
    Set<String> tags = Arrays.stream(Message.values()).map(Message::tag).collect(Collectors.toCollection(TreeSet::new));
    assertWithMessage("tags missing from the README catalogue").that(rows.keySet()).containsAtLeastElementsIn(tags);
    assertWithMessage("README catalogue rows naming no tag of Message").that(tags).containsAtLeastElementsIn(rows.keySet());
    for (Map.Entry<String, List<String>> row : rows.entrySet()) {
      assertWithMessage("cells of the row of %s", row.getKey()).that(row.getValue()).hasSize(3);
      assertWithMessage("cause of %s", row.getKey()).that(row.getValue().get(1)).isNotEmpty();
      assertWithMessage("fix of %s", row.getKey()).that(row.getValue().get(2)).isNotEmpty();
    }
  }

  @Test
  void everyMessageIsOneLineStartingWithItsTag() {
    for (Message m : Message.values()) {
      Object[] args = new Object[5];
      Arrays.fill(args, "first line\nsecond line\r\n  third");
      String text = m.format(args);
      assertWithMessage("%s", m).that(text).startsWith("[" + m.tag() + "] ");
      assertWithMessage("%s", m).that(text).doesNotContain("\n");
      assertWithMessage("%s", m).that(text).doesNotContain("\r");
      if (m.format("ARG", "ARG", "ARG", "ARG", "ARG").contains("ARG")) {
        assertWithMessage("%s", m).that(text).contains("first line second line third");
      }
    }
  }

  @Test
  void tagsAreStable() {
    for (Message m : Message.values()) {
      assertThat(m.tag()).matches("Diff[A-Z][A-Za-z]+");
    }
  }
}
