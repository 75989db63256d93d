package org.dualj.processor.steps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.read.CheckedMethod;
import org.dualj.processor.read.Javac;
import org.dualj.processor.read.MethodChecks;
import org.dualj.processor.read.SourceClass;
import org.dualj.processor.read.SourceMethod;
import org.dualj.processor.transform.AdjointTransform;

/** What the steps of one round share: the methods, what each step found, and javac. */
final class RoundState {
  /** A method transformed without errors, with the entry its class's generated code gets. */
  record Done(CheckedMethod checked, DerivativesGenerator.Entry entry) {
    SourceMethod method() {
      return checked.method();
    }

    Done withEntry(DerivativesGenerator.Entry e) {
      return new Done(checked, e);
    }
  }

  final Javac javac;
  final Progress progress;
  final String processorName;
  final String failOn;
  /** Whether this is the last round, when no method can wait any longer. */
  final boolean last;
  final MethodChecks checks;
  /** The code generator of the round. */
  final Codegen codegen;
  /** Keys of methods being generated in this round. */
  final Set<String> inRound = new HashSet<>();
  /** Methods naming a type javac cannot resolve yet, for the next round. */
  final List<SourceMethod> erroneous = new ArrayList<>();
  /** Methods read and analysed without errors. */
  final List<CheckedMethod> checked = new ArrayList<>();
  /** Successfully transformed methods, by declaring class, in source order. */
  final Map<SourceClass, List<Done>> done = new LinkedHashMap<>();
  /** Which array parameters each checked method of this round may write, by key. */
  final Map<String, ArrayEffects.Summary> summaries = new HashMap<>();
  /**
   * The adjoint cores of this round's methods (and of the tangent code of its order-2 methods,
   * for H·v), or why there is none, by key.
   */
  final Map<String, AdjointTransform.Result> adjoints = new HashMap<>();
  /** For an order-2 method's key, the key of its tangent code's adjoint in {@link #adjoints}. */
  final Map<String, String> hessianVectorKeys = new HashMap<>();
  /**
   * For an order-2 method's key, the adjoint of its tangent code with respect to the inputs alone
   * (the direction fixed), which {@code fHessianVectorReverse} calls.
   */
  final Map<String, AdjointTransform.Result> hessianVectorAlong = new HashMap<>();
  /**
   * The order each private static helper differentiated in place gets, by key: the highest
   * order of the methods calling it for a derivative.
   */
  final Map<String, Integer> helperOrder = new HashMap<>();

  RoundState(Javac javac, Progress progress, String processorName, String failOn, boolean last) {
    this.javac = javac;
    this.progress = progress;
    this.processorName = processorName;
    this.failOn = failOn;
    this.last = last;
    this.checks = javac.checks(inRound, progress.failed, helperOrder, progress.warned);
    this.codegen = new Codegen(processorName);
  }

  /** The order of a method of this round: its annotation's, or a helper's callers'. */
  int orderOf(SourceMethod m) {
    Integer o = m.annotatedOrder();
    return o != null ? o : helperOrder.getOrDefault(m.key(), 1);
  }

  void fail(SourceMethod m) {
    progress.failed.add(m.key());
  }

  boolean failed(String key) {
    return progress.failed.contains(key);
  }
}
