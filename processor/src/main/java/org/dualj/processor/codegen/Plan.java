package org.dualj.processor.codegen;

import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.Output;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

/**
 * What the generated class gets for one method: the families of public methods chosen for it
 * ({@link Output}), and whether its cores (the code other differentiated methods call) are public.
 * A method's cores are always generated; the families of {@code EntryPoints.ALL} decide from the
 * plan which entry points follow.
 *
 * @param outputs the chosen families of public methods
 * @param publicCores whether the cores are public: false for a private helper differentiated in
 *     place, whose cores only its own class's generated code calls (package-private, as a nested
 *     class's generated class may call them)
 * @param writtenParameters the indices of the array parameters the method may write into (itself
 *     or through its callees): its public methods refuse such an array passed for another array
 *     parameter too ({@link AliasGuards})
 */
public record Plan(Set<Output> outputs, boolean publicCores, Set<Integer> writtenParameters) {
  /** Every family, public cores: what an annotated method gets by default. */
  public static final Plan ALL = new Plan(EnumSet.allOf(Output.class), true);
  /** No entry points, package-private cores: a private helper differentiated in place. */
  public static final Plan HELPER = new Plan(EnumSet.noneOf(Output.class), false);

  public Plan {
    outputs = outputs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outputs));
    writtenParameters = Set.copyOf(writtenParameters);
  }

  public Plan(Set<Output> outputs, boolean publicCores) {
    this(outputs, publicCores, Set.of());
  }

  /** This plan for a method that may write into its array parameters {@code written}. */
  public Plan withWrittenParameters(Set<Integer> written) {
    return new Plan(outputs, publicCores, written);
  }

  /** Whether {@code output} is chosen. */
  public boolean has(Output output) {
    return outputs.contains(output);
  }

  /**
   * Whether {@code m} needs its adjoint core for its own entry points: the reverse-mode ones, or a
   * gradient that switches to reverse mode for many columns.
   */
  public boolean needsReverse(MethodModel m) {
    return has(Output.REVERSE) || has(Output.VJP) || (has(Output.GRADIENT) && manyColumns(m));
  }

  /**
   * Whether the gradient of {@code m} may have many columns, and so take reverse mode: a
   * {@code double} result and a differentiated {@code double[]} or {@code double[][]}.
   */
  static boolean manyColumns(MethodModel m) {
    return Types.DOUBLE.equals(m.returnType())
        && m.activeParams().stream()
            .anyMatch(p -> Types.DOUBLE_ARRAY.equals(p.type()) || Types.isMatrix(p.type()));
  }

  /** The modifiers of a core. */
  Modifier[] coreModifiers() {
    return publicCores
        ? new Modifier[] {Modifier.PUBLIC, Modifier.STATIC}
        : new Modifier[] {Modifier.STATIC};
  }
}
