package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/** A class declaring methods to differentiate, as the processor's steps see it. */
public final class SourceClass {
  private final TypeElement element;

  SourceClass(TypeElement element) {
    this.element = element;
  }

  /** The class {@code element} as the steps see it. */
  public static SourceClass of(TypeElement element) {
    return new SourceClass(element);
  }

  TypeElement element() {
    return element;
  }

  /** The class's element, as the generated file's originating element. */
  public TypeElement originatingElement() {
    return element;
  }

  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }

  public String simpleName() {
    return element.getSimpleName().toString();
  }

  public ClassName className() {
    return ClassName.get(element);
  }

  public String packageName() {
    return ClassFacts.packageName(element);
  }

  /** The name of its module; empty in the unnamed module (a class-path build). */
  public String moduleName() {
    return ClassFacts.moduleName(element);
  }

  /** Whether its generated class may carry {@code @Generated} (see {@link ClassFacts}). */
  public boolean generatedFits() {
    return ClassFacts.generatedFits(element);
  }

  /** The warnings suppressed on it or its methods, which its generated class suppresses too. */
  public Set<String> suppressedWarnings() {
    return ClassFacts.suppressedWarnings(element);
  }

  /** The classes of its package that hide a {@code java.lang} class of the same name. */
  public List<String> javaLangShadowed() {
    return ClassFacts.javaLangShadowed(element);
  }

  /** The class generated for it: {@code p.Outer_InnerDerivatives}. */
  public ClassName derivativesName() {
    return Names.derivativesOf(element);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceClass c && c.element.equals(element);
  }

  @Override
  public int hashCode() {
    return element.hashCode();
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
