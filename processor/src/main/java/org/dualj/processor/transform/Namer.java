package org.dualj.processor.transform;

import java.util.HashSet;
import java.util.Set;

/** Hands out names that clash with nothing in the user's method or already generated. */
final class Namer {
  private final Set<String> used = new HashSet<>();
  private final String suffix;
  private int temps;

  /** @param suffix what tangent names add to their value's name: {@code _dot}, {@code _dot2} */
  Namer(String suffix) {
    this.suffix = suffix;
  }

  void reserve(String name) {
    used.add(name);
  }

  /** {@code base}, or {@code base_2}, {@code base_3}, ... if taken. */
  String fresh(String base) {
    String name = base;
    for (int i = 2; used.contains(name); i++) {
      name = base + "_" + i;
    }
    used.add(name);
    return name;
  }

  /** The next intermediate: {@code v1, v2, ...}, skipping names the user took. */
  String temp() {
    String name;
    do {
      name = "v" + (++temps);
    } while (used.contains(name));
    used.add(name);
    return name;
  }

  /** The names handed out so far, to go back to with {@link #restore}. */
  record Mark(Set<String> used, int temps) {}

  Mark mark() {
    return new Mark(new HashSet<>(used), temps);
  }

  /** Forgets the names handed out since {@code m}: a repeated emission names alike. */
  void restore(Mark m) {
    used.clear();
    used.addAll(m.used());
    temps = m.temps();
  }

  /** The tangent's name for a value named {@code name}. */
  String tangentOf(String name) {
    return fresh(name + suffix);
  }
}
