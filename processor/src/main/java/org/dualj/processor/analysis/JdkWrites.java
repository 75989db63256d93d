package org.dualj.processor.analysis;

import java.util.Map;

/**
 * Which JDK methods write into an array argument: {@code System.arraycopy} into its third argument,
 * {@code Arrays.fill}, {@code sort}, {@code setAll}, {@code parallelPrefix} into their first; every
 * other JDK method reads only. Keyed by owner and method name, so that analyses over the model can
 * ask without javac.
 */
public final class JdkWrites {
  private static final Map<String, Integer> WRITERS =
      Map.of(
          "java.lang.System#arraycopy", 2,
          "java.util.Arrays#fill", 0,
          "java.util.Arrays#sort", 0,
          "java.util.Arrays#parallelSort", 0,
          "java.util.Arrays#setAll", 0,
          "java.util.Arrays#parallelSetAll", 0,
          "java.util.Arrays#parallelPrefix", 0);

  private JdkWrites() {}

  /**
   * For a JDK method (in {@code java.} or {@code javax.}): whether it writes into its argument
   * {@code i}; null for other methods.
   */
  public static Boolean writes(String owner, String name, int i) {
    Integer written = WRITERS.get(owner + "#" + name);
    if (written != null) {
      return written == i;
    }
    return owner.startsWith("java.") || owner.startsWith("javax.") ? Boolean.FALSE : null;
  }
}
