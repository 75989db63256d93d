package org.dualj.processor.analysis;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** How generated classes are named: {@code p.Outer.Inner} gives {@code p.Outer_InnerDerivatives}. */
public final class Names {
  private Names() {}

  public static ClassName derivativesOf(TypeElement type) {
    StringBuilder simple = new StringBuilder(type.getSimpleName());
    Element e = type.getEnclosingElement();
    while (e.getKind() != ElementKind.PACKAGE) {
      simple.insert(0, e.getSimpleName() + "_");
      e = e.getEnclosingElement();
    }
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), simple + "Derivatives");
  }
}
