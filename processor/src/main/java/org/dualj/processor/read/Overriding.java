package org.dualj.processor.read;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Whether a call of an instance method can reach a body other than the one javac resolved.
 *
 * <p>The generated code calls the derivative of the resolved method's body, whatever the
 * receiver's class at run time. That is only right when no subclass can override the method: it
 * is private, final or static, or the receiver's static type is final, or sealed with no permitted
 * subclass that overrides it or is open to further subclasses.
 */
final class Overriding {
  private final Types types;

  Overriding(Types types) {
    this.types = types;
  }

  /**
   * True if {@code m}, called on a receiver of static type {@code receiver}, may dispatch to an
   * override.
   */
  boolean mayDispatchElsewhere(ExecutableElement m, TypeMirror receiver) {
    java.util.Set<Modifier> mods = m.getModifiers();
    if (mods.contains(Modifier.PRIVATE)
        || mods.contains(Modifier.FINAL)
        || mods.contains(Modifier.STATIC)) {
      return false;
    }
    TypeElement type =
        receiver instanceof DeclaredType d && d.asElement() instanceof TypeElement t
            ? t
            : (TypeElement) m.getEnclosingElement();
    return !closed(type, m, 0);
  }

  /** True if no class at or below {@code type} can hold an override of {@code m}. */
  private boolean closed(TypeElement type, ExecutableElement m, int depth) {
    java.util.Set<Modifier> mods = type.getModifiers();
    if (mods.contains(Modifier.FINAL)) {
      return true;
    }
    if (!mods.contains(Modifier.SEALED) || depth > 64) {
      return false;
    }
    List<? extends TypeMirror> permitted = type.getPermittedSubclasses();
    if (permitted.isEmpty()) {
      return false;
    }
    for (TypeMirror p : permitted) {
      if (!(types.asElement(p) instanceof TypeElement sub)
          || overrides(sub, m)
          || !closed(sub, m, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code sub} declares a method with {@code m}'s name and parameter types (erased). */
  private boolean overrides(TypeElement sub, ExecutableElement m) {
    for (Element e : sub.getEnclosedElements()) {
      if (e instanceof ExecutableElement other
          && other.getSimpleName().contentEquals(m.getSimpleName())
          && other.getParameters().size() == m.getParameters().size()) {
        boolean same = true;
        for (int i = 0; i < m.getParameters().size() && same; i++) {
          same =
              types.isSameType(
                  types.erasure(other.getParameters().get(i).asType()),
                  types.erasure(m.getParameters().get(i).asType()));
        }
        if (same) {
          return true;
        }
      }
    }
    return false;
  }
}
