package org.dualj.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import org.dualj.processor.model.Types;

/**
 * The values of one method's {@code @Differentiable} annotation, read from its mirror (so they are
 * available for methods of earlier compilations too).
 *
 * @param mirror the annotation, for error positions
 * @param wrtValue the {@code wrt} value as written, or null when absent
 * @param wrt the names given in {@code wrt}, empty when absent
 * @param chunk the {@code chunk} value, 0 when absent
 * @param orderValue the {@code order} value as written, or null when absent
 * @param order the {@code order} value, 1 when absent
 */
public record Options(
    AnnotationMirror mirror,
    AnnotationValue wrtValue,
    List<String> wrt,
    AnnotationValue chunkValue,
    int chunk,
    AnnotationValue orderValue,
    int order) {

  /** The options of {@code m}, or null if it is not annotated. */
  public static Options of(ExecutableElement m) {
    AnnotationMirror a = mirror(m, JavacTypes.DIFFERENTIABLE);
    if (a == null) {
      return null;
    }
    AnnotationValue wrtValue = null;
    AnnotationValue chunkValue = null;
    List<String> wrt = new ArrayList<>();
    int chunk = 0;
    AnnotationValue orderValue = null;
    int order = 1;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        a.getElementValues().entrySet()) {
      String name = e.getKey().getSimpleName().toString();
      if (name.equals("wrt")) {
        wrtValue = e.getValue();
        for (Object v : (List<?>) e.getValue().getValue()) {
          wrt.add(String.valueOf(((AnnotationValue) v).getValue()));
        }
      } else if (name.equals("chunk")) {
        chunkValue = e.getValue();
        chunk = (Integer) e.getValue().getValue();
      } else if (name.equals("order")) {
        orderValue = e.getValue();
        order = (Integer) e.getValue().getValue();
      }
    }
    return new Options(a, wrtValue, List.copyOf(wrt), chunkValue, chunk, orderValue, order);
  }

  /**
   * The options of {@code m}: its annotation's, or, for a private static helper differentiated
   * because an annotated method calls it (see {@link MethodReader#isImplicitHelper}), the defaults
   * (every {@code double} and {@code double[]} parameter, default chunk, order 1; callers decide
   * the order a helper gets).
   */
  public static Options orDefault(ExecutableElement m) {
    Options o = of(m);
    return o != null ? o : new Options(null, null, List.of(), null, 0, null, 1);
  }

  /** The annotation of type {@code qualifiedName} on {@code e}, or null. */
  static AnnotationMirror mirror(Element e, String qualifiedName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(qualifiedName)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Whether each parameter of {@code m} is differentiated: of type {@code double} or
   * {@code double[]} and named in {@code wrt} (every such parameter without {@code wrt}), or of type
   * {@code double[][]} and named in {@code wrt}.
   */
  public List<Boolean> activeParameters(ExecutableElement m) {
    List<Boolean> active = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      com.palantir.javapoet.TypeName type = com.palantir.javapoet.TypeName.get(p.asType());
      boolean named = wrt.contains(p.getSimpleName().toString());
      active.add(
          (Types.isDifferentiable(type) && (wrt.isEmpty() || named))
              || (Types.isMatrix(type) && named));
    }
    return active;
  }
}
