package org.dualj.processor.structure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layering rules of issue 13 checked on the processor's main sources, as a sorted set of
 * violation keys (stable strings without line numbers or sizes, so an allow-list can name them):
 * <ul>
 *   <li>{@code cycle read -> model}: a package edge inside a dependency cycle among the layers;
 *   <li>{@code javac-api transform/X.java}: a file of a model-only package that uses javac's trees,
 *       elements or the processing API;
 *   <li>{@code codegen->transform codegen/X.java};
 *   <li>{@code class read/X.java}: a file over {@link #MAX_CLASS_LINES} lines;
 *   <li>{@code method read/X.java#Owner.name}: a method or constructor body over
 *       {@link #MAX_METHOD_LINES} lines (overloads share one key).
 * </ul>
 * Dependencies are imports plus fully qualified references in the code (comments and literals
 * are skipped).
 */
final class Structure {
  static final int MAX_CLASS_LINES = 600;
  static final int MAX_METHOD_LINES = 80;

  /** The layers whose package graph must be acyclic. */
  static final Set<String> LAYERS = Set.of("read", "analysis", "model", "rules", "transform", "codegen", "diag");
  /** The layers that see the model only, never javac. */
  static final Set<String> MODEL_ONLY = Set.of("analysis", "transform", "codegen", "model", "rules");

  private static final String BASE = "org.dualj.processor.";
  static final String ROOT = "(root)";
  private static final Pattern PROCESSOR_REF = Pattern.compile("\\borg\\s*\\.\\s*dualj\\s*\\.\\s*processor\\s*\\.\\s*(\\w+)");
  private static final Pattern JAVAC_REF = Pattern.compile(
      "\\b(?:com\\.sun\\.source|com\\.sun\\.tools\\.javac|javax\\.lang\\.model|javax\\.annotation\\.processing)"
          + "(?:\\.\\w+)*(?:\\.\\*)?");
  private static final String ALLOWED_IN_CODEGEN = "javax.lang.model.element.Modifier";

  /** One source file: its path relative to the source root's processor package, and its text. */
  record Source(String path, String text) {
    /** The layer: the first directory under org/dualj/processor, or "" for the root package. */
    String layer() {
      int slash = path.indexOf('/');
      return slash < 0 ? "" : path.substring(0, slash);
    }
  }

  private Structure() {}

  /** Every .java file under {@code root}/org/dualj/processor, in path order. */
  static List<Source> read(Path root) {
    Path base = root.resolve("org/dualj/processor");
    try (Stream<Path> files = Files.walk(base)) {
      List<Source> sources = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String rel = base.relativize(p).toString().replace('\\', '/');
        sources.add(new Source(rel, Files.readString(p, StandardCharsets.UTF_8)));
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violation keys of the sources, each with a human-readable detail. */
  static Map<String, String> violations(List<Source> sources) {
    Map<String, String> found = new TreeMap<>();
    Map<String, Map<String, String>> edges = new TreeMap<>(); // layer -> layer -> a witness file
    for (Source s : sources) {
      String code = JavaSourceScan.code(s.text());
      String layer = s.layer();
      dependencies(s, code, layer, edges, found);
      int lines = s.text().split("\n", -1).length;
      if (lines > MAX_CLASS_LINES) {
        found.put("class " + s.path(), lines + " lines");
      }
      for (JavaSourceScan.MethodSpan m : JavaSourceScan.methods(JavaSourceScan.tokens(code))) {
        if (m.lines() > MAX_METHOD_LINES) {
          found.merge(
              "method " + s.path() + "#" + m.owner() + "." + m.name(),
              m.lines() + " lines at line " + m.firstLine(),
              (a, b) -> a + "; " + b);
        }
      }
    }
    for (List<String> cycle : cycles(edges)) {
      for (String from : cycle) {
        for (String to : edges.getOrDefault(from, Map.of()).keySet()) {
          if (cycle.contains(to)) {
            found.put("cycle " + from + " -> " + to, "in the cycle " + cycle + ", e.g. " + edges.get(from).get(to));
          }
        }
      }
    }
    return found;
  }

  private static void dependencies(
      Source s, String code, String layer, Map<String, Map<String, String>> edges, Map<String, String> found) {
    String packageFree = code.replaceFirst("\\bpackage\\s[^;]*;", " ");
    Matcher m = PROCESSOR_REF.matcher(packageFree);
    while (m.find()) {
      String target = node(m.group(1));
      if (!target.equals(node(layer))) {
        edges.computeIfAbsent(node(layer), k -> new TreeMap<>()).putIfAbsent(target, s.path());
      }
      if (layer.equals("codegen") && target.equals("transform")) {
        found.put("codegen->transform " + s.path(), "refers to " + BASE + "transform");
      }
    }
    if (!MODEL_ONLY.contains(layer)) {
      return;
    }
    Set<String> javac = new TreeSet<>();
    Matcher j = JAVAC_REF.matcher(code);
    while (j.find()) {
      String name = j.group().replaceAll("\\s+", "");
      if (!(layer.equals("codegen") && name.equals(ALLOWED_IN_CODEGEN))) {
        javac.add(name);
      }
    }
    if (!javac.isEmpty()) {
      found.put("javac-api " + s.path(), String.join(", ", javac));
    }
  }

  /**
   * The graph node of a package segment under org.dualj.processor: a layer, or {@link #ROOT} for
   * the root package (where the processor's entry point lives: any layer that refers back to it
   * closes a cycle too).
   */
  private static String node(String segment) {
    return segment.isEmpty() || Character.isUpperCase(segment.charAt(0)) ? ROOT : segment;
  }

  /** The strongly connected components with more than one layer (Tarjan), each sorted. */
  static List<List<String>> cycles(Map<String, Map<String, String>> edges) {
    Set<String> nodes = new TreeSet<>(edges.keySet());
    edges.values().forEach(targets -> nodes.addAll(targets.keySet()));
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> components = new ArrayList<>();
    for (String n : nodes) {
      if (!index.containsKey(n)) {
        connect(n, edges, index, low, stack, components);
      }
    }
    return components;
  }

  private static void connect(
      String v,
      Map<String, Map<String, String>> edges,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      List<List<String>> components) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        connect(w, edges, index, low, stack, components);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        components.add(component);
      }
    }
  }
}
