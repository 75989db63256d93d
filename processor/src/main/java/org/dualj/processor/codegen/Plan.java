package org.dualj.processor.codegen;

import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.dualj.annotations.Output;

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
 */
public record Plan(Set<Output> outputs, boolean publicCores) {
  /** Every family, public cores: what an annotated method gets by default. */
  public static final Plan ALL = new Plan(EnumSet.allOf(Output.class), true);
  /** No entry points, package-private cores: a private helper differentiated in place. */
  public static final Plan HELPER = new Plan(EnumSet.noneOf(Output.class), false);

  public Plan {
    outputs = outputs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outputs));
  }

  /** Whether {@code output} is chosen. */
  public boolean has(Output output) {
    return outputs.contains(output);
  }

  /** Whether the method needs its adjoint core for its own entry points. */
  public boolean needsReverse() {
    return has(Output.REVERSE) || has(Output.VJP);
  }

  /** The modifiers of a core. */
  Modifier[] coreModifiers() {
    return publicCores
        ? new Modifier[] {Modifier.PUBLIC, Modifier.STATIC}
        : new Modifier[] {Modifier.STATIC};
  }
}
