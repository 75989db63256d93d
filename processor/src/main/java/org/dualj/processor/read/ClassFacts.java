package org.dualj.processor.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * What the generated class of a class needs to know of its surroundings, read from javac's
 * elements as plain values: its package and module, whether it may carry {@code @Generated},
 * the warnings the user suppressed and the {@code java.lang} names its package hides.
 */
final class ClassFacts {
  /** The module of {@code javax.annotation.processing.Generated}. */
  private static final String GENERATED_MODULE = "java.compiler";

  private ClassFacts() {}

  static String packageName(TypeElement type) {
    return packageOf(type).getQualifiedName().toString();
  }

  /** The name of the module of {@code type}; empty in the unnamed module. */
  static String moduleName(TypeElement type) {
    ModuleElement module = moduleOf(type);
    return module == null || module.isUnnamed() ? "" : module.getQualifiedName().toString();
  }

  /**
   * The warnings the user suppressed on {@code type} or on its methods ({@code
   * @SuppressWarnings}), in order.
   */
  static Set<String> suppressedWarnings(TypeElement type) {
    Set<String> out = new TreeSet<>();
    List<Element> elements = new ArrayList<>(ElementFilter.methodsIn(type.getEnclosedElements()));
    elements.add(type);
    for (Element e : elements) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null) {
        out.addAll(List.of(s.value()));
      }
    }
    return out;
  }

  /**
   * True if the generated class can carry {@code @Generated} (of module {@code java.compiler})
   * without the user adding anything: always in the unnamed module; in a named module only if it
   * reads {@code java.compiler}, and, when the class's package is exported, passes that
   * readability on ({@code requires transitive}).
   */
  static boolean generatedFits(TypeElement type) {
    ModuleElement module = moduleOf(type);
    if (module == null || module.isUnnamed()) {
      return true;
    }
    if (!readable(module, false).contains(GENERATED_MODULE)) {
      return false;
    }
    PackageElement pkg = packageOf(type);
    boolean exported = false;
    for (ModuleElement.ExportsDirective x : ElementFilter.exportsIn(module.getDirectives())) {
      exported |= x.getPackage().getQualifiedName().contentEquals(pkg.getQualifiedName());
    }
    return !exported || readable(module, true).contains(GENERATED_MODULE);
  }

  /** The modules {@code module} reads through {@code requires}, then {@code requires transitive}. */
  private static Set<String> readable(ModuleElement module, boolean transitiveOnly) {
    Set<String> seen = new HashSet<>();
    List<ModuleElement> todo = new ArrayList<>();
    for (ModuleElement.RequiresDirective r : ElementFilter.requiresIn(module.getDirectives())) {
      if (r.isTransitive() || !transitiveOnly) {
        todo.add(r.getDependency());
      }
    }
    while (!todo.isEmpty()) {
      ModuleElement m = todo.remove(todo.size() - 1);
      if (!seen.add(m.getQualifiedName().toString())) {
        continue;
      }
      for (ModuleElement.RequiresDirective r : ElementFilter.requiresIn(m.getDirectives())) {
        if (r.isTransitive()) {
          todo.add(r.getDependency());
        }
      }
    }
    return seen;
  }

  /** The classes of the package of {@code type} named like a {@code java.lang} class. */
  static List<String> javaLangShadowed(TypeElement type) {
    List<String> out = new ArrayList<>();
    for (Element e : packageOf(type).getEnclosedElements()) {
      String simple = e.getSimpleName().toString();
      if (ClassLoader.getPlatformClassLoader().getResource("java/lang/" + simple + ".class") != null) {
        out.add(simple);
      }
    }
    return out;
  }

  private static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  private static ModuleElement moduleOf(Element e) {
    while (e != null && !(e instanceof ModuleElement)) {
      e = e.getEnclosingElement();
    }
    return (ModuleElement) e;
  }
}
