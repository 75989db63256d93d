package org.dualj.processor.read;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import org.dualj.processor.model.Output;

/**
 * Which families of public methods a method gets: its {@code @Differentiable(outputs = …)} when
 * written, otherwise the compilation's default, the processor option {@value #OPTION} (every
 * family without it).
 */
public final class Outputs {
  /** The processor option giving the compilation's default: {@code -Adualj.outputs=GRADIENT,JVP}. */
  public static final String OPTION = "dualj.outputs";

  private Outputs() {}

  /**
   * The outputs listed in the option's {@code value} (comma-separated names of {@link Output},
   * case and spaces ignored; {@code ALL} for every one), every output when {@code value} is null.
   *
   * @throws IllegalArgumentException naming the first entry that is not an output
   */
  static Set<Output> parse(String value) {
    if (value == null) {
      return EnumSet.allOf(Output.class);
    }
    Set<Output> out = EnumSet.noneOf(Output.class);
    for (String part : value.split(",", -1)) {
      String name = part.trim().toUpperCase(java.util.Locale.ROOT);
      if (name.equals("ALL")) {
        out.addAll(EnumSet.allOf(Output.class));
        continue;
      }
      try {
        out.add(Output.valueOf(name));
      } catch (IllegalArgumentException notAnOutput) {
        throw new IllegalArgumentException(part.trim().isEmpty() ? "an empty entry" : "\"" + part.trim() + "\"");
      }
    }
    return out;
  }

  /** The names {@link #parse} accepts, for advice. */
  static String names() {
    List<String> names = new ArrayList<>();
    for (Output o : Output.values()) {
      names.add(o.name());
    }
    return String.join(", ", names);
  }

  /**
   * The outputs of {@code m}: the {@code outputs} of its {@code @Differentiable} when written
   * (possibly none), otherwise {@code defaults}; null when {@code m} is not annotated (a private
   * helper differentiated in place, which gets no public methods).
   */
  static Set<Output> of(ExecutableElement m, Set<Output> defaults) {
    AnnotationMirror a = Options.mirror(m, JavacTypes.DIFFERENTIABLE);
    if (a == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        a.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("outputs")) {
        Set<Output> out = EnumSet.noneOf(Output.class);
        for (Object v : (List<?>) e.getValue().getValue()) {
          String name = String.valueOf(((AnnotationValue) v).getValue());
          for (Output o : Output.values()) {
            if (o.name().equals(name)) {
              out.add(o);
            }
          }
        }
        return out;
      }
    }
    return defaults;
  }
}
