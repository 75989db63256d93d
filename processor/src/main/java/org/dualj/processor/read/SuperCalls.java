package org.dualj.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * {@code super.m(…)} and {@code Iface.super.m(…)} calls: which qualifier names an interface's
 * default method, and when a plain call on the receiver runs the same body.
 */
final class SuperCalls {
  private final ReadContext cx;

  SuperCalls(ReadContext cx) {
    this.cx = cx;
  }

  /**
   * True if {@code self.m(…)} on a receiver of this class runs the body {@code super.m(…)} runs:
   * no class overrides m below the superclass (this class does not, and it is final or m is), and
   * the generated class, in this package, may call m (public, or not private in this package).
   */
  boolean dispatchesToSuper(ExecutableElement m) {
    boolean sealedOff =
        cx.owner.getModifiers().contains(Modifier.FINAL) || m.getModifiers().contains(Modifier.FINAL);
    boolean reachable =
        m.getModifiers().contains(Modifier.PUBLIC)
            || !m.getModifiers().contains(Modifier.PRIVATE)
                && packageOf(m).equals(packageOf(cx.owner));
    if (!sealedOff || !reachable || superclassHidesDefault(m)) {
      return false;
    }
    for (Element e : cx.owner.getEnclosedElements()) {
      if (e instanceof ExecutableElement other
          && e.getKind() == ElementKind.METHOD
          && other.getSimpleName().contentEquals(m.getSimpleName())
          && other.getParameters().size() == m.getParameters().size()) {
        return false; // an override or an overload of the same arity: not worth telling apart
      }
    }
    return true;
  }

  /** True for the qualifier {@code Iface.super} of a call of an interface's default method. */
  boolean isInterfaceSuper(ExpressionTree qualifier, TreePath selectPath) {
    if (!(qualifier instanceof MemberSelectTree q) || !q.getIdentifier().contentEquals("super")) {
      return false;
    }
    TreePath qPath = new TreePath(selectPath, qualifier);
    Element iface = cx.trees.getElement(new TreePath(qPath, q.getExpression()));
    return iface != null && iface.getKind() == ElementKind.INTERFACE;
  }

  /**
   * True if a class between this class and {@code Object} declares a method named like the
   * interface method m with its arity: {@code this.m(…)} then runs that method, not m's default
   * body, which {@code Iface.super.m(…)} runs.
   */
  private boolean superclassHidesDefault(ExecutableElement m) {
    if (m.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      return false;
    }
    TypeMirror sup = cx.owner.getSuperclass();
    while (sup.getKind() == TypeKind.DECLARED) {
      TypeElement s = (TypeElement) ((javax.lang.model.type.DeclaredType) sup).asElement();
      for (Element e : s.getEnclosedElements()) {
        if (e instanceof ExecutableElement other
            && e.getKind() == ElementKind.METHOD
            && other.getSimpleName().contentEquals(m.getSimpleName())
            && other.getParameters().size() == m.getParameters().size()) {
          return true;
        }
      }
      sup = s.getSuperclass();
    }
    return false;
  }

  private static String packageOf(Element e) {
    Element p = e;
    while (p != null && !(p instanceof javax.lang.model.element.PackageElement)) {
      p = p.getEnclosingElement();
    }
    return p == null ? "" : ((javax.lang.model.element.PackageElement) p).getQualifiedName().toString();
  }
}
