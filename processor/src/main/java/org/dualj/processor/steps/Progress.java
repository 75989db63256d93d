package org.dualj.processor.steps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.read.SourceClass;

/** What the rounds of one compilation pass on to the next. */
public final class Progress {
  /** A deferred method: its class's name and where its declaration starts in its file. */
  record Deferred(String type, long start) {}

  /**
   * Methods left for a later round: their signature or body names a type javac could not resolve
   * yet (another processor may generate it in this round), or they belong to, or call into, a
   * class with such a method. Processors are expected to wait for such types.
   */
  final List<Deferred> deferred = new ArrayList<>();
  /** Keys of methods that failed, over all rounds, so that their callers fail too. */
  final Set<String> failed = new HashSet<>();
  /** Keys of methods warned about, so that a deferred method is not warned about twice. */
  final Set<String> warned = new HashSet<>();
  /** The generated classes written so far, over all rounds, with the class each is for. */
  final Map<String, SourceClass> generatedFor = new HashMap<>();

  /** Whether methods wait for a later round. */
  public boolean hasDeferred() {
    return !deferred.isEmpty();
  }
}
