package org.dualj.runtime.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dualj.processor.model.Elementary;
import org.dualj.runtime.build.RuntimeApi.Overload;

/**
 * Writes {@code Dual.java} and {@code DualVector.java} of {@code dual-runtime} at build time: the
 * hand-written skeleton of each class (in {@code src/build/skeletons}) with, in place of its
 * {@code // @elementary-functions@} line, one method per overload of every elementary function,
 * in the order of {@link Elementary}, each following its row of the processor's tangent table. So
 * the runtime and the processor's generated code cannot disagree on a rule: both are made from the
 * one table.
 *
 * <p>Run by {@code dual-runtime}'s build in {@code generate-sources}: {@code RuntimeGenerator
 * <skeletons> <output>}. A file is written only when its text changes, so that an unchanged
 * table does not make the runtime compile again.
 */
public final class RuntimeGenerator {
  private static final String MARKER = "    // @elementary-functions@\n";

  private RuntimeGenerator() {}

  public static void main(String[] args) throws IOException {
    Path skeletons = Path.of(args[0]);
    Path output = Path.of(args[1]);
    write(skeletons, output, "Dual", false);
    write(skeletons, output, "DualVector", true);
  }

  private static void write(Path skeletons, Path output, String name, boolean lanes)
      throws IOException {
    Path relative = Path.of("org", "dualj", "runtime", name + ".java");
    String skeleton = Files.readString(skeletons.resolve(relative), StandardCharsets.UTF_8);
    if (!skeleton.contains(MARKER)) {
      throw new IllegalStateException(relative + " has no line " + MARKER.trim());
    }
    String text = "// Generated when dual-runtime is built, from src/build/skeletons/" + relative
        + "\n// and the tangent table (processor: org.dualj.processor.rules.TangentTable)."
        + " Edit those, not this file.\n"
        + skeleton.replace(MARKER, methods(lanes));
    Path target = output.resolve(relative);
    if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, text, StandardCharsets.UTF_8);
  }

  /** Every overload of every function, separated by blank lines. */
  static String methods(boolean lanes) {
    StringBuilder b = new StringBuilder();
    for (Elementary fn : Elementary.values()) {
      if (fn.internal()) {
        continue; // written by the processor only; the runtime has it as Terms.times
      }
      for (Overload o : RuntimeApi.overloads(fn)) {
        if (b.length() > 0) {
          b.append('\n');
        }
        b.append(new MethodText(o, lanes).text());
      }
    }
    return b.toString();
  }
}
