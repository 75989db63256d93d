package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import org.dualj.processor.model.Derived;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** How generated classes are named: {@code p.Outer.Inner} gives {@code p.Outer_InnerDerivatives}. */
public final class Names {
  /** The package of the index classes that name the classes holding tangent rules. */
  public static final String RULE_INDEX_PACKAGE = "org.dualj.rules.index";

  private Names() {}

  /**
   * The index class naming {@code rulesClass}, from its binary name mangled as JNI does
   * ({@code _} becomes {@code _1}, then {@code .} becomes {@code _}), so distinct classes get
   * distinct index classes: {@code p.Rules$Inner} gives {@code org.dualj.rules.index.p_Rules$Inner}.
   */
  public static ClassName ruleIndexOf(String binaryName) {
    return ClassName.get(RULE_INDEX_PACKAGE, binaryName.replace("_", "_1").replace('.', '_'));
  }

  public static ClassName derivativesOf(TypeElement type) {
    StringBuilder simple = new StringBuilder(type.getSimpleName());
    Element e = type.getEnclosingElement();
    while (e.getKind() != ElementKind.PACKAGE) {
      simple.insert(0, e.getSimpleName() + "_");
      e = e.getEnclosingElement();
    }
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), simple + Derived.CLASS_SUFFIX);
  }
}
