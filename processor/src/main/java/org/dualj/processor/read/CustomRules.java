package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Rule;

/**
 * The user's tangent rules ({@code @TangentRule}): finds them, checks them and answers which
 * rules a called method has.
 *
 * <p>Rules come from three places: the sources of the current compilation (each round's
 * annotated methods, registered before the round's {@code @Differentiable} methods are read);
 * classes on the class path or module path named by an index class in {@value
 * Names#RULE_INDEX_PACKAGE} (for a named module, in a package of that module's own, see {@link
 * #indexOf}), which the processor writes for every class of a compilation that holds rules; and
 * the members of a called method's own class, so a library compiled without the index still works when it
 * declares the rules next to its functions. Rules read from class files were checked when they
 * were compiled; one that no longer fits its target (a changed library) is skipped.
 */
public final class CustomRules {
  static final String TANGENT_RULE = "org.dualj.annotations.TangentRule";
  /** The constant of an index class holding the canonical name of the class with the rules. */
  public static final String INDEX_FIELD = "RULES";

  private final Elements elements;
  private final Types types;
  /** Rules by target key, one slot per parameter of the target. */
  private final Map<String, Registered[]> byTarget = new HashMap<>();
  /**
   * Targets with two rules for one parameter, both from class files: reported at the calls, with
   * these arguments of {@link Message#RULE_DUPLICATE}.
   */
  private final Map<String, Object[]> conflicts = new HashMap<>();
  /** Classes whose rules have been read, by qualified name. */
  private final Set<String> scanned = new HashSet<>();
  private boolean indexRead;
  private Diagnostics diag;

  /** A rule and where it came from. */
  private record Registered(ExecutableElement element, Rule rule, boolean fromSource) {}

  /**
   * What a called method has: one rule (or null) per parameter, the rule methods, and when two
   * rules from class files claim the same parameter, the arguments of the error to report.
   */
  public record Found(List<Rule> partials, List<ExecutableElement> elements, Object[] conflict) {}

  /** A class of this compilation holding rules that all passed their checks. */
  public record RulesClass(TypeElement type, ClassName index) {}

  public CustomRules(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /** The first checked exception type {@code method} declares, or null. */
  private TypeMirror checkedException(ExecutableElement method) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror t : method.getThrownTypes()) {
      if (runtime != null && types.isSubtype(t, runtime.asType())
          || error != null && types.isSubtype(t, error.asType())) {
        continue;
      }
      return t;
    }
    return null;
  }

  /** Errors found from now on are reported to {@code diag} (one per round). */
  public void reportTo(Diagnostics diag) {
    this.diag = diag;
  }

  /**
   * Checks and registers the rules declared in this round's sources, and returns the classes
   * holding them whose rules are all valid: each gets an index class.
   */
  public List<RulesClass> addFromSource(Set<? extends Element> annotated) {
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element e : annotated) {
      if (e instanceof ExecutableElement m && e.getEnclosingElement() instanceof TypeElement t) {
        byClass.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
      }
    }
    List<TypeElement> classes = new ArrayList<>(byClass.keySet());
    classes.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    List<RulesClass> out = new ArrayList<>();
    for (TypeElement t : classes) {
      scanned.add(t.getQualifiedName().toString());
      boolean allValid = true;
      // member order, so that "the second rule" is the later one in the file
      for (Element member : t.getEnclosedElements()) {
        if (member instanceof ExecutableElement m && byClass.get(t).contains(m)) {
          int before = diag.errorCount();
          try {
            allValid &= register(m, true) && diag.errorCount() == before;
          } catch (RuntimeException e) {
            diag.error(m, Message.INTERNAL_ERROR, e.toString());
            allValid = false;
          }
        }
      }
      if (allValid) {
        out.add(new RulesClass(t, indexOf(t)));
      }
    }
    return out;
  }

  /**
   * The rules of {@code target}, or null if it has none. The first question reads the index of
   * rule classes on the classpath; a question about a class not seen before reads its members.
   */
  public Found lookup(ExecutableElement target) {
    if (!indexRead) {
      indexRead = true;
      readIndex();
    }
    if (target.getEnclosingElement() instanceof TypeElement owner) {
      scan(owner);
    }
    String key = key(target);
    Registered[] slots = byTarget.get(key);
    if (slots == null) {
      return null;
    }
    List<Rule> partials = new ArrayList<>();
    List<ExecutableElement> methods = new ArrayList<>();
    for (Registered r : slots) {
      partials.add(r == null ? null : r.rule());
      methods.add(r == null ? null : r.element());
    }
    return new Found(
        Collections.unmodifiableList(partials), Collections.unmodifiableList(methods), conflicts.get(key));
  }

  /**
   * True if code in package {@code pkg} can call the rule method: it is public in public classes,
   * or it and its classes are not private and it is in that package.
   */
  public boolean accessibleFrom(ExecutableElement rule, String pkg) {
    boolean samePackage = elements.getPackageOf(rule).getQualifiedName().contentEquals(pkg);
    for (Element e = rule; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> mods = e.getModifiers();
      if (mods.contains(Modifier.PRIVATE) || (!samePackage && !mods.contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index class of a class holding rules. In the unnamed module (a class-path build) it is in
   * {@value Names#RULE_INDEX_PACKAGE}, which every class-path compilation can list. In a named
   * module it is in {@value Names#RULE_INDEX_PACKAGE}{@code .}<i>module name</i>: a package that
   * module alone holds, so two modules with rules do not split a package (which the module system
   * rejects when the application starts), and that a compilation on the module path finds from
   * the names of the modules it reads.
   */
  private ClassName indexOf(TypeElement t) {
    ClassName flat = Names.ruleIndexOf(elements.getBinaryName(t).toString());
    ModuleElement module = elements.getModuleOf(t);
    if (module == null || module.isUnnamed()) {
      return flat;
    }
    return ClassName.get(moduleIndexPackage(module), flat.simpleName());
  }

  private static String moduleIndexPackage(ModuleElement module) {
    return Names.RULE_INDEX_PACKAGE + "." + module.getQualifiedName();
  }

  private void readIndex() {
    List<PackageElement> packages = new ArrayList<>();
    PackageElement pkg = elements.getPackageElement(Names.RULE_INDEX_PACKAGE);
    if (pkg != null) {
      packages.add(pkg);
    } else {
      packages.addAll(elements.getAllPackageElements(Names.RULE_INDEX_PACKAGE));
    }
    // the index packages of named modules (the JDK's own modules hold none)
    for (ModuleElement module : elements.getAllModuleElements()) {
      String name = module.getQualifiedName().toString();
      if (module.isUnnamed() || name.startsWith("java.") || name.startsWith("jdk.")) {
        continue;
      }
      PackageElement own = elements.getPackageElement(module, moduleIndexPackage(module));
      if (own != null && !packages.contains(own)) {
        packages.add(own);
      }
    }
    List<String> named = new ArrayList<>();
    for (PackageElement p : packages) {
      for (Element e : p.getEnclosedElements()) {
        try {
          for (Element f : e.getEnclosedElements()) {
            if (f instanceof VariableElement v
                && v.getSimpleName().contentEquals(INDEX_FIELD)
                && v.getConstantValue() instanceof String name) {
              named.add(name);
            }
          }
        } catch (RuntimeException unreadable) {
          // a broken index class names nothing
        }
      }
    }
    named.sort(null);
    for (String name : named) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        scan(t);
      }
    }
  }

  /** Registers the rules among the members of a class not read before. */
  private void scan(TypeElement t) {
    if (!scanned.add(t.getQualifiedName().toString())) {
      return;
    }
    try {
      for (Element member : t.getEnclosedElements()) {
        if (member instanceof ExecutableElement m && mirror(m) != null) {
          register(m, false);
        }
      }
    } catch (RuntimeException unreadable) {
      // a class file that refers to classes missing from the classpath: its rules are skipped,
      // and javac reports the missing classes if the compilation needs them
    }
  }

  // ---------------------------------------------------------------- checking one rule

  /** What a {@code @TangentRule} names: the class and method it is a partial of, and the argument. */
  private record Target(
      AnnotationMirror mirror,
      TypeElement owner,
      String methodName,
      int argument,
      AnnotationValue methodValue,
      AnnotationValue argumentValue) {
    String display() {
      return owner.getSimpleName() + "." + methodName;
    }
  }

  /** Checks one rule; registers it and returns true if it is valid. */
  private boolean register(ExecutableElement rule, boolean fromSource) {
    AnnotationMirror mirror = mirror(rule);
    if (mirror == null) {
      return false;
    }
    Target t = target(mirror);
    if (t == null) {
      return false; // javac reports a class that does not resolve, or a value of the wrong kind
    }
    String shape = shapeProblem(rule, t.display());
    if (shape != null) {
      return fail(fromSource, rule, null, null, Message.RULE_SIGNATURE, shape, "");
    }
    ExecutableElement match = match(rule, t, fromSource);
    if (match == null || !validArgument(rule, t, match, fromSource)) {
      return false;
    }
    return store(rule, t, match, fromSource);
  }

  /** The values of a rule's annotation; null if one does not resolve or has the wrong kind. */
  private Target target(AnnotationMirror mirror) {
    AnnotationValue ofValue = null;
    AnnotationValue methodValue = null;
    AnnotationValue argumentValue = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      switch (e.getKey().getSimpleName().toString()) {
        case "of" -> ofValue = e.getValue();
        case "method" -> methodValue = e.getValue();
        case "argument" -> argumentValue = e.getValue();
        default -> {}
      }
    }
    if (ofValue == null
        || methodValue == null
        || argumentValue == null
        || !(ofValue.getValue() instanceof DeclaredType ofType)
        || !(ofType.asElement() instanceof TypeElement owner)
        || !(methodValue.getValue() instanceof String methodName)
        || !(argumentValue.getValue() instanceof Integer argument)) {
      return null;
    }
    return new Target(mirror, owner, methodName, argument, methodValue, argumentValue);
  }

  /** What is wrong with the rule's own shape, or null. */
  private String shapeProblem(ExecutableElement rule, String target) {
    List<? extends VariableElement> params = rule.getParameters();
    if (!rule.getModifiers().contains(Modifier.STATIC)) {
      return "must be static";
    } else if (rule.getModifiers().contains(Modifier.PRIVATE)) {
      return "must not be private: the generated code calls it";
    } else if (rule.getReturnType().getKind() != TypeKind.DOUBLE) {
      return "must return double, the partial derivative, not " + rule.getReturnType();
    } else if (!rule.getTypeParameters().isEmpty()) {
      return "must not be generic";
    } else if (params.isEmpty() || params.get(params.size() - 1).asType().getKind() != TypeKind.DOUBLE) {
      return "must end with a double parameter, the value " + target + " returned";
    } else if (checkedException(rule) != null) {
      return "must not declare the checked exception " + checkedException(rule)
          + ": the generated code that calls it does not declare it";
    }
    return null;
  }

  /**
   * The target: the static double method of that name in the class named by {@code of} whose
   * parameters are the rule's leading ones; null (and reported) if there is none.
   */
  private ExecutableElement match(ExecutableElement rule, Target t, boolean fromSource) {
    List<? extends VariableElement> params = rule.getParameters();
    List<ExecutableElement> named = new ArrayList<>();
    for (Element e : t.owner().getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(t.methodName())) {
        named.add((ExecutableElement) e);
      }
    }
    List<TypeMirror> leading = new ArrayList<>();
    for (int i = 0; i < params.size() - 1; i++) {
      leading.add(params.get(i).asType());
    }
    ExecutableElement match = null;
    for (ExecutableElement m : named) {
      if (sameTypes(m, leading)) {
        match = m;
      }
    }
    if (match == null) {
      List<ExecutableElement> candidates =
          named.stream()
              .filter(m -> m.getModifiers().contains(Modifier.STATIC))
              .filter(m -> m.getReturnType().getKind() == TypeKind.DOUBLE)
              .toList();
      if (candidates.isEmpty()) {
        fail(
            fromSource, rule, t.mirror(), t.methodValue(), Message.RULE_TARGET,
            t.owner().getQualifiedName() + " has no static double method named " + t.methodName());
        return null;
      }
      StringJoiner wanted = new StringJoiner(" or ");
      for (ExecutableElement c : candidates) {
        wanted.add(withValue(c));
      }
      fail(
          fromSource, rule, null, null, Message.RULE_SIGNATURE,
          "for " + t.display() + " takes " + signature(rule.getParameters()) + ", but must take "
              + wanted,
          ", in that order");
      return null;
    }
    if (!match.getModifiers().contains(Modifier.STATIC)
        || match.getReturnType().getKind() != TypeKind.DOUBLE) {
      fail(
          fromSource, rule, t.mirror(), t.methodValue(), Message.RULE_TARGET,
          t.display() + signature(match.getParameters()) + " must be static and return double");
      return null;
    }
    return match;
  }

  /** Whether {@code argument} names a double parameter of the target; reported if not. */
  private boolean validArgument(
      ExecutableElement rule, Target t, ExecutableElement match, boolean fromSource) {
    int argument = t.argument();
    String target = t.display();
    int n = match.getParameters().size();
    if (argument < 0 || argument >= n) {
      return fail(
          fromSource, rule, t.mirror(), t.argumentValue(), Message.RULE_TARGET,
          "argument = " + argument + " is not a parameter of " + target
              + signature(match.getParameters()) + ", which has " + n + " (numbered from 0)");
    }
    if (match.getParameters().get(argument).asType().getKind() != TypeKind.DOUBLE) {
      return fail(
          fromSource, rule, t.mirror(), t.argumentValue(), Message.RULE_TARGET,
          "argument = " + argument + " names a parameter of type "
              + match.getParameters().get(argument).asType() + " of " + target
              + signature(match.getParameters()) + ", not a double, so it has no partial derivative");
    }
    return true;
  }

  /** Registers a checked rule for its target's argument, unless another rule has it already. */
  private boolean store(ExecutableElement rule, Target t, ExecutableElement match, boolean fromSource) {
    int argument = t.argument();
    int n = match.getParameters().size();
    Rule model =
        new Rule(
            ClassName.get((TypeElement) rule.getEnclosingElement()),
            rule.getSimpleName().toString(),
            JavacTypes.isDifferentiable(rule),
            Names.derivativesOf((TypeElement) rule.getEnclosingElement()));
    String key = key(match);
    Registered[] slots = byTarget.computeIfAbsent(key, k -> new Registered[n]);
    Registered first = slots[argument];
    if (first != null) {
      if (first.element().equals(rule)) {
        return true; // the same rule seen twice (its class is also named by the index)
      }
      String what = t.display() + signature(match.getParameters());
      if (fromSource) {
        return fail(true, rule, null, null, Message.RULE_DUPLICATE, what, argument, describe(first.element()));
      }
      if (first.fromSource()) {
        // the other rule is on the classpath: the error goes where the user can act on it
        fail(true, first.element(), null, null, Message.RULE_DUPLICATE, what, argument, describe(rule));
        return false;
      }
      conflicts.putIfAbsent(
          key,
          new Object[] {
            what, argument, describe(first.element()) + ", and so has " + describe(rule) + " (both on the classpath)"
          });
      return false;
    }
    slots[argument] = new Registered(rule, model, fromSource);
    return true;
  }

  private boolean fail(
      boolean report,
      Element at,
      AnnotationMirror mirror,
      AnnotationValue value,
      Message message,
      Object... args) {
    if (report) {
      if (mirror != null) {
        diag.error(at, mirror, value, message, args);
      } else {
        diag.error(at, message, args);
      }
    }
    return false;
  }

  private boolean sameTypes(ExecutableElement m, List<TypeMirror> leading) {
    List<? extends VariableElement> ps = m.getParameters();
    if (ps.size() != leading.size()) {
      return false;
    }
    for (int i = 0; i < ps.size(); i++) {
      if (!types.isSameType(types.erasure(ps.get(i).asType()), types.erasure(leading.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static String signature(List<? extends VariableElement> ps) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (VariableElement p : ps) {
      j.add(p.asType().toString());
    }
    return j.toString();
  }

  /** The parameter list a rule for {@code target} must have: its own and one more double. */
  private static String withValue(ExecutableElement target) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (VariableElement p : target.getParameters()) {
      j.add(p.asType().toString());
    }
    j.add("double");
    return j.toString();
  }

  private static String describe(ExecutableElement rule) {
    return ((TypeElement) rule.getEnclosingElement()).getQualifiedName() + "." + rule.getSimpleName();
  }

  /** The key of a target method: its class, name and erased parameter types. */
  private String key(ExecutableElement target) {
    StringBuilder k =
        new StringBuilder(((TypeElement) target.getEnclosingElement()).getQualifiedName())
            .append('#')
            .append(target.getSimpleName())
            .append('(');
    for (VariableElement p : target.getParameters()) {
      k.append(TypeName.get(types.erasure(p.asType()))).append(',');
    }
    return k.append(')').toString();
  }

  private static AnnotationMirror mirror(Element e) {
    return Options.mirror(e, TANGENT_RULE);
  }

}
