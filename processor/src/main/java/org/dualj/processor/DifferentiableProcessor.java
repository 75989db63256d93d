package org.dualj.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.analysis.CallWrites;
import org.dualj.processor.analysis.CustomRules;
import org.dualj.processor.analysis.MethodReader;
import org.dualj.processor.analysis.Names;
import org.dualj.processor.analysis.Options;
import org.dualj.processor.analysis.Problem;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.codegen.RuleIndexGenerator;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.transform.SecondOrder;
import org.dualj.processor.transform.TangentTransform;

/**
 * Generates forward-mode derivative code for methods annotated {@code @Differentiable}.
 *
 * <p>The round loop is thin: for each annotated method, validate, read its body into a model,
 * analyse activity and transform it; a method with an error is left out and the others still
 * generate. Calls to a method that failed fail too. Then one {@code …Derivatives} class is written
 * per declaring class. Nothing escapes {@link #process}: an unexpected exception becomes an
 * error on the method being processed.
 *
 * <p>Each round first checks and registers the round's tangent rules ({@code @TangentRule}, see
 * {@link CustomRules}) and writes an index class for every class holding them, so that the
 * round's methods, and later compilations, find them.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({DifferentiableProcessor.ANNOTATION, DifferentiableProcessor.RULE_ANNOTATION})
@SupportedOptions(DifferentiableProcessor.FAIL_ON)
public final class DifferentiableProcessor extends AbstractProcessor {
  static final String ANNOTATION = "org.dualj.annotations.Differentiable";
  static final String RULE_ANNOTATION = "org.dualj.annotations.TangentRule";
  /**
   * Test seam: {@code -Adualj.internal.failOn=name} makes processing of methods with that name
   * throw, so tests can check that an internal failure becomes an error on the method and that
   * the other methods still generate.
   */
  static final String FAIL_ON = "dualj.internal.failOn";

  private Trees trees;
  private boolean reportedNoTrees;
  /** Tangent rules, accumulated over the rounds. */
  private CustomRules rules;
  /** The generated classes written so far, over all rounds, with the class each is for. */
  private final Map<String, TypeElement> generatedFor = new HashMap<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (annotations.isEmpty()) {
        return false;
      }
      if (rules == null) {
        rules = new CustomRules(processingEnv);
      }
      // Rules first: the round's @Differentiable methods may call their targets.
      TypeElement ruleAnnotation = processingEnv.getElementUtils().getTypeElement(RULE_ANNOTATION);
      if (ruleAnnotation != null) {
        Set<? extends Element> ruled = round.getElementsAnnotatedWith(ruleAnnotation);
        if (!ruled.isEmpty()) {
          addRules(ruled);
        }
      }
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
      if (annotation == null) {
        return false;
      }
      Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
      if (annotated.isEmpty()) {
        return false;
      }
      if (trees == null) {
        trees = TreesLocator.find(processingEnv);
      }
      if (trees == null) {
        if (!reportedNoTrees) {
          reportedNoTrees = true;
          processingEnv
              .getMessager()
              .printMessage(
                  Diagnostic.Kind.ERROR,
                  Message.NEEDS_JAVAC.format(processingEnv.getClass().getName()),
                  annotated.iterator().next());
        }
        return false;
      }
      new Round(annotated).run();
    } catch (Throwable t) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(describe(t)));
    }
    return false;
  }

  /** Checks and registers the round's rules and writes an index class per class holding them. */
  private void addRules(Set<? extends Element> ruled) throws IOException {
    rules.reportTo(new Diagnostics(processingEnv.getMessager(), trees));
    RuleIndexGenerator generator = new RuleIndexGenerator(DifferentiableProcessor.class.getName());
    for (CustomRules.RulesClass c : rules.addFromSource(ruled)) {
      generator
          .generate(c.type(), c.index(), CustomRules.INDEX_FIELD)
          .writeTo(processingEnv.getFiler());
    }
  }

  private static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    return t + (st.length > 0 ? " at " + st[0] : "");
  }

  /** The work of one processing round. */
  private final class Round {
    private final Diagnostics diag;
    private final Set<? extends Element> annotated;
    /** Successfully transformed methods, by declaring class, in source order. */
    private final Map<TypeElement, List<Done>> done = new LinkedHashMap<>();
    /** Keys of methods that failed, so that their callers fail too. */
    private final Set<String> failed = new HashSet<>();
    /** Which array parameters each checked method of this round may write, by key. */
    private final Map<String, ArrayEffects.Summary> summaries = new HashMap<>();
    /** Keys of methods being generated in this round. */
    private final Set<String> inRound = new HashSet<>();

    /** A method that was read and analysed without errors. */
    private record Checked(
        ExecutableElement element,
        MethodReader.Result read,
        Activity activity,
        CompilationUnitTree unit) {}

    private record Done(
        ExecutableElement element,
        MethodReader.Result read,
        DerivativesGenerator.Entry entry,
        CompilationUnitTree unit) {}

    Round(Set<? extends Element> annotated) {
      this.annotated = annotated;
      this.diag = new Diagnostics(processingEnv.getMessager(), trees);
      rules.reportTo(diag);
    }

    void run() throws IOException {
      List<ExecutableElement> methods = new ArrayList<>();
      for (TypeElement type : declaringTypes()) {
        for (Element member : type.getEnclosedElements()) {
          if (annotated.contains(member) && member instanceof ExecutableElement m) {
            methods.add(m);
            inRound.add(key(m));
          }
        }
      }
      List<Checked> checked = new ArrayList<>();
      for (ExecutableElement m : methods) {
        Checked c = guarded(m, () -> check(m));
        if (c != null) {
          checked.add(c);
        }
      }
      checkArrayEffects(checked);
      for (Checked c : checked) {
        ExecutableElement m = c.element();
        Done d = guarded(m, () -> transform(c));
        if (d != null) {
          done.computeIfAbsent((TypeElement) m.getEnclosingElement(), k -> new ArrayList<>()).add(d);
        }
      }
      dropClashes();
      dropClassNameClashes();
      dropCallersOfFailed();
      DerivativesGenerator generator = new DerivativesGenerator(DifferentiableProcessor.class.getName());
      for (Map.Entry<TypeElement, List<Done>> e : done.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        List<DerivativesGenerator.Entry> entries = new ArrayList<>();
        for (Done d : e.getValue()) {
          entries.add(d.entry());
        }
        TypeElement type = e.getKey();
        ClassName name = Names.derivativesOf(type);
        generatedFor.put(name.canonicalName(), type);
        try {
          generator
              .generate(type, name, entries, arrayWrites(e.getValue()))
              .writeTo(processingEnv.getFiler());
        } catch (FilerException clash) {
          // a file of that name that dropClassNameClashes could not see (another processor's)
          diag.error(type, Message.CLASS_NAME_CLASH, type.getQualifiedName(), name.canonicalName(),
              "the compiler refuses to create it (" + clash.getMessage() + ")");
        }
      }
    }

    /**
     * Two classes whose generated classes would have the same name ({@code A.B} and a top-level
     * {@code A_B} both give {@code A_BDerivatives}), or a generated class that would have the name
     * of a class in the sources: an error at each class, and neither is generated.
     */
    private void dropClassNameClashes() {
      Map<String, TypeElement> byName = new LinkedHashMap<>();
      Set<TypeElement> clashing = new java.util.LinkedHashSet<>();
      for (Map.Entry<TypeElement, List<Done>> e : done.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        TypeElement type = e.getKey();
        String name = Names.derivativesOf(type).canonicalName();
        TypeElement other = byName.putIfAbsent(name, type);
        if (other == null) {
          other = generatedFor.get(name);
        }
        if (other != null && !other.getQualifiedName().contentEquals(type.getQualifiedName())) {
          for (TypeElement[] pair : new TypeElement[][] {{type, other}, {other, type}}) {
            diag.error(pair[0], Message.CLASS_NAME_CLASH, pair[0].getQualifiedName(), name,
                "so would those of " + pair[1].getQualifiedName());
          }
          clashing.add(type);
          clashing.add(other);
          continue;
        }
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(name);
        if (existing != null && !generatedFor.containsKey(name) && trees.getPath(existing) != null) {
          diag.error(type, Message.CLASS_NAME_CLASH, type.getQualifiedName(), name,
              "the sources already declare a class of that name");
          diag.error(existing, Message.CLASS_NAME_CLASH, type.getQualifiedName(), name,
              "the sources already declare this class");
          clashing.add(type);
        }
      }
      for (TypeElement type : clashing) {
        List<Done> dropped = done.get(type);
        if (dropped != null) {
          dropped.forEach(d -> failed.add(key(d.element())));
          dropped.clear();
        }
      }
    }

    /**
     * Runs one step for method {@code m}; null (and {@code m} failed) if it had errors. An
     * unexpected exception becomes an internal error on the method unless an error was reported.
     */
    private <T> T guarded(ExecutableElement m, java.util.function.Supplier<T> step) {
      int before = diag.errorCount();
      try {
        T result = step.get();
        if (result == null) {
          failed.add(key(m));
        }
        return result;
      } catch (MethodReader.Erroneous javacReportsIt) {
        failed.add(key(m));
      } catch (RuntimeException | StackOverflowError e) {
        if (diag.errorCount() == before) {
          diag.error(m, Message.INTERNAL_ERROR, describe(e));
        }
        failed.add(key(m));
      }
      return null;
    }

    private List<TypeElement> declaringTypes() {
      List<TypeElement> types = new ArrayList<>();
      for (Element e : annotated) {
        if (e.getKind() == ElementKind.METHOD
            && e.getEnclosingElement() instanceof TypeElement t
            && !types.contains(t)) {
          types.add(t);
        }
      }
      return types;
    }

    /** Validates, reads and analyses one method; null if it had errors. */
    private Checked check(ExecutableElement m) {
      if (m.getSimpleName().contentEquals(String.valueOf(processingEnv.getOptions().get(FAIL_ON)))) {
        throw new IllegalStateException("failure requested with -A" + FAIL_ON);
      }
      TreePath path = trees.getPath(m);
      if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)
          || path == null) {
        String kind = m.getModifiers().contains(Modifier.NATIVE) ? "native" : "abstract";
        diag.error(m, Message.NO_BODY, kind);
        return null;
      }
      CompilationUnitTree unit = path.getCompilationUnit();
      MethodTree tree = (MethodTree) path.getLeaf();
      for (Element e = m.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
        if (t.getModifiers().contains(Modifier.PRIVATE)) {
          diag.error(
              m,
              Message.INACCESSIBLE,
              "class " + t.getSimpleName(),
              Names.derivativesOf((TypeElement) m.getEnclosingElement()).simpleName());
          return null;
        }
      }

      if (!m.getTypeParameters().isEmpty()) {
        diag.error(tree.getTypeParameters().get(0), unit, Message.GENERIC_METHOD);
        return null;
      }
      TypeName returns = TypeName.get(m.getReturnType());
      if (m.getReturnType().getKind() == TypeKind.ERROR) {
        return null;
      }
      if (!Types.isDifferentiable(returns)) {
        Tree at = tree.getReturnType() == null ? tree : tree.getReturnType();
        diag.error(at, unit, Message.UNSUPPORTED_RETURN_TYPE, returns.toString().replace("java.lang.", ""));
        return null;
      }
      if (!validOptions(m)) {
        return null;
      }
      MethodReader reader = new MethodReader(trees, processingEnv.getTypeUtils(), rules, m);
      CustomRules.Found own =
          m.getModifiers().contains(Modifier.STATIC) ? rules.lookup(m) : null;
      // the method's own tangent rules take precedence over its body
      MethodReader.Result read = own != null ? reader.readWithRules(m, own) : reader.read(m);
      for (Problem p : read.problems()) {
        diag.error(p.tree(), unit, p.message(), p.args());
      }
      if (read.model() == null) {
        return null;
      }
      MethodModel model = read.model();
      Set<String> activeParams = new HashSet<>();
      for (MethodModel.Param p : model.activeParams()) {
        activeParams.add(p.name());
      }
      Activity activity = Activity.of(model, activeParams, read.inaccessibleRules());
      boolean ok = true;
      for (Activity.Finding f : activity.findings()) {
        Tree at = read.origins().get(f.node());
        if (at != null) {
          diag.error(at, unit, f.message(), f.args());
        } else {
          diag.error(m, f.message(), f.args());
        }
        ok = false;
      }
      ok &= checkCallees(m, model.body(), read, unit);
      int order = Options.of(m).order();

      if (ok && !activeParams.isEmpty() && activity.returns() && !activity.returnsActive()) {
        diag.warning(m, Message.ALWAYS_ZERO, String.join(", ", activeParams.stream().sorted().toList()));
      }
      return ok ? new Checked(m, read, activity, unit) : null;
    }

    /** Transforms a checked method; null if it had errors. */
    private Done transform(Checked c) {
      ExecutableElement m = c.element();
      MethodReader.Result read = c.read();
      CompilationUnitTree unit = c.unit();
      MethodModel model = read.model();
      Activity activity = c.activity();
      int order = Options.of(m).order();
      MethodCode core = TangentTransform.transform(model, activity);
      MethodCode lanes = TangentTransform.transformLanes(model, activity);
      SecondOrder second = null;
      if (order == 2 && !model.activeParams().isEmpty()) {
        boolean callable = !m.getModifiers().contains(Modifier.PRIVATE);
        second = SecondOrder.of(model, activity, callable, needs -> checkNeeds(m, needs, read, unit));
        if (second == null) {
          return null;
        }
      }
      DerivativesGenerator.Entry entry =
          new DerivativesGenerator.Entry(
              model, core, lanes, TangentTransform.selfName(model), second);
      Object[] over =
          new DerivativesGenerator(DifferentiableProcessor.class.getName()).overSlotLimit(entry);
      if (over != null) {
        diag.error(m, Message.TOO_MANY_PARAMETERS, over);
        return null;
      }
      return new Done(m, read, entry, unit);
    }

    /** {@code wrt} names double or double[] parameters; {@code chunk} is not negative. */
    private boolean validOptions(ExecutableElement m) {
      Options o = Options.of(m);
      boolean ok = true;
      for (String name : o.wrt()) {
        var param =
            m.getParameters().stream()
                .filter(p -> p.getSimpleName().contentEquals(name))
                .findFirst();
        if (param.isEmpty()) {
          diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_UNKNOWN, name);
          ok = false;
        } else if (!Types.isDifferentiable(TypeName.get(param.get().asType()))) {
          diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_TYPE, name, param.get().asType());
          ok = false;
        }
      }
      if (o.chunk() < 0) {
        diag.error(m, o.mirror(), o.chunkValue(), Message.BAD_CHUNK, o.chunk());
        ok = false;
      }
      if (o.order() != 1 && o.order() != 2) {
        diag.error(
            m, o.mirror(), o.orderValue(), Message.BAD_ORDER, o.order(), "order must be 1 or 2");
        ok = false;
      }
      return ok;
    }

    /** Every differentiated callee must have, or be about to get, a generated class. */
    private boolean checkCallees(
        ExecutableElement m, Stmt body, MethodReader.Result read, CompilationUnitTree unit) {
      boolean ok = true;
      for (Expr.DiffCall call : diffCalls(body)) {
        if (inRound.contains(key(call))) {
          continue;
        }
        if (processingEnv.getElementUtils().getTypeElement(call.derivatives().canonicalName())
            == null) {
          Tree at = read.origins().get(call);
          Object[] args = {call.owner().simpleName() + "." + call.name(), call.derivatives().simpleName()};
          if (at != null) {
            diag.error(at, unit, Message.MISSING_DERIVATIVES, args);
          } else {
            diag.error(m, Message.MISSING_DERIVATIVES, args);
          }
          ok = false;
        }
      }
      return ok;
    }

    /**
     * An order-2 method differentiates again what its tangent code calls: every method it calls
     * for a derivative needs second-order code of its own (order 2), and every tangent rule whose
     * partial it uses must be {@code @Differentiable} with respect to all its double parameters.
     */
    private boolean checkNeeds(
        ExecutableElement m, SecondOrder.Needs needs, MethodReader.Result read, CompilationUnitTree unit) {
      boolean ok = true;
      List<Expr> reported = new ArrayList<>();
      for (Expr.DiffCall call : needs.callees()) {
        int order = calleeOrder(call);
        if (order < 2 && reported.stream().noneMatch(r -> r == call)) {
          reported.add(call);
          reportAt(m, read, unit, call, Message.CALLEE_ORDER, call.owner().simpleName() + "." + call.name(), order);
          ok = false;
        }
      }
      for (SecondOrder.RuleUse use : needs.rules()) {
        Expr.RuleCall call = use.call();
        Rule rule = call.partials().get(use.argument());
        List<TypeName> types = new ArrayList<>(call.parameterTypes());
        types.add(TypeName.DOUBLE);
        Options o = findOptions(rule.owner(), rule.method(), types);
        if (!rule.differentiable() || o == null || !o.wrt().isEmpty()) {
          reportAt(
              m,
              read,
              unit,
              call,
              Message.RULE_ORDER,
              rule.owner().simpleName() + "." + rule.method(),
              call.owner().simpleName() + "." + call.name(),
              use.argument());
          ok = false;
        }
      }
      return ok;
    }

    /** An error at the tree a model node came from, or at the method if it has none. */
    private void reportAt(
        ExecutableElement m, MethodReader.Result read, CompilationUnitTree unit, Expr node, Message message, Object... args) {
      Tree at = read.origins().get(node);
      if (at != null) {
        diag.error(at, unit, message, args);
      } else {
        diag.error(m, message, args);
      }
    }

    /** The {@code order} of a called {@code @Differentiable} method (1 if it cannot be found). */
    private int calleeOrder(Expr.DiffCall call) {
      Options o = findOptions(call.owner(), call.name(), call.parameterTypes());
      return o == null ? 1 : o.order();
    }

    /** The {@code @Differentiable} options of method {@code owner.name(types)}, or null. */
    private Options findOptions(ClassName ownerName, String name, List<TypeName> types) {
      TypeElement owner = processingEnv.getElementUtils().getTypeElement(ownerName.canonicalName());
      if (owner == null) {
        return null;
      }
      for (Element member : owner.getEnclosedElements()) {
        if (member instanceof ExecutableElement e
            && e.getKind() == ElementKind.METHOD
            && e.getSimpleName().contentEquals(name)
            && e.getParameters().size() == types.size()) {
          boolean same = true;
          for (int i = 0; i < e.getParameters().size(); i++) {
            same &= TypeName.get(e.getParameters().get(i).asType()).equals(types.get(i));
          }
          if (same) {
            return Options.of(e);
          }
        }
      }
      return null;
    }

    /**
     * Writes into arrays a method does not own (see {@link ArrayEffects}). Which parameters a
     * method of this round writes depends on its callees, so their summaries are computed together
     * first; those of callees from earlier compilations are read from their generated classes.
     */
    private void checkArrayEffects(List<Checked> checked) {
      CallWrites plain = new CallWrites(trees, processingEnv.getElementUtils());
      ArrayEffects.Callees callees =
          new ArrayEffects.Callees() {
            @Override
            public ArrayEffects.Summary of(Expr.DiffCall call) {
              return inRound.contains(key(call))
                  ? summaries.getOrDefault(key(call), ArrayEffects.Summary.NONE)
                  : compiledSummary(call);
            }

            @Override
            public boolean writes(Expr.PlainCall call, int i) {
              return plain.writes(call, i);
            }
          };
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Checked c : checked) {
          ArrayEffects.Summary s = ArrayEffects.analyse(c.read().model(), callees).summary();
          changed |= !s.equals(summaries.put(key(c.element()), s));
        }
      }
      for (var it = checked.iterator(); it.hasNext(); ) {
        Checked c = it.next();
        List<Activity.Finding> findings = ArrayEffects.analyse(c.read().model(), callees).findings();
        for (Activity.Finding f : findings) {
          reportAt(c.element(), c.read(), c.unit(), (Expr) f.node(), f.message(), f.args());
        }
        if (!findings.isEmpty()) {
          failed.add(key(c.element()));
          it.remove();
        }
      }
    }

    /**
     * The summary of a {@code @Differentiable} method of an earlier compilation, from its generated
     * class's {@link DerivativesGenerator#ARRAY_WRITES} constant; null if that class is missing.
     */
    private ArrayEffects.Summary compiledSummary(Expr.DiffCall call) {
      TypeElement generated =
          processingEnv.getElementUtils().getTypeElement(call.derivatives().canonicalName());
      if (generated == null) {
        return null;
      }
      String signature = key(call).substring(key(call).indexOf('#') + 1);
      for (Element member : generated.getEnclosedElements()) {
        if (member instanceof javax.lang.model.element.VariableElement v
            && v.getSimpleName().contentEquals(DerivativesGenerator.ARRAY_WRITES)
            && v.getConstantValue() instanceof String list) {
          for (String entry : list.split(";")) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.substring(0, colon).equals(signature)) {
              Set<Integer> indices = new java.util.TreeSet<>();
              for (String i : entry.substring(colon + 1).split(",")) {
                indices.add(Integer.parseInt(i));
              }
              return new ArrayEffects.Summary(indices);
            }
          }
        }
      }
      return ArrayEffects.Summary.NONE;
    }

    /** The {@link DerivativesGenerator#ARRAY_WRITES} list of one class's generated methods. */
    private String arrayWrites(List<Done> methods) {
      StringBuilder list = new StringBuilder();
      for (Done d : methods) {
        ArrayEffects.Summary s = summaries.get(key(d.element()));
        if (s != null && !s.writtenParameters().isEmpty()) {
          String k = key(d.element());
          list.append(list.length() == 0 ? "" : ";")
              .append(k.substring(k.indexOf('#') + 1))
              .append(':')
              .append(String.join(",", s.writtenParameters().stream().sorted().map(String::valueOf).toList()));
        }
      }
      return list.toString();
    }

    /** Two methods whose derivatives would have the same signature: the later one is an error. */
    private void dropClashes() {
      for (List<Done> list : done.values()) {
        Set<String> seen = new HashSet<>();
        for (var it = list.iterator(); it.hasNext(); ) {
          Done d = it.next();
          List<String> signatures = DerivativesGenerator.signatures(d.entry());
          String clash = signatures.stream().filter(seen::contains).findFirst().orElse(null);
          if (clash != null) {
            MethodTree tree = trees.getTree(d.element());
            diag.error(tree, d.unit(), Message.NAME_CLASH, clash);
            failed.add(key(d.element()));
            it.remove();
          } else {
            seen.addAll(signatures);
          }
        }
      }
    }

    /** Removes methods that call a failed method, until no more fail. */
    private void dropCallersOfFailed() {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (List<Done> list : done.values()) {
          for (var it = list.iterator(); it.hasNext(); ) {
            Done d = it.next();
            for (Expr.DiffCall call : diffCalls(d.read().model().body())) {
              if (failed.contains(key(call))) {
                Tree at = d.read().origins().get(call);
                Object callee = call.owner().simpleName() + "." + call.name();
                if (at != null) {
                  diag.error(at, d.unit(), Message.CALLEE_FAILED, callee);
                } else {
                  diag.error(d.element(), Message.CALLEE_FAILED, callee);
                }
                failed.add(key(d.element()));
                it.remove();
                changed = true;
                break;
              }
            }
          }
        }
      }
    }
  }

  private static String key(ExecutableElement m) {
    StringBuilder k =
        new StringBuilder(((TypeElement) m.getEnclosingElement()).getQualifiedName())
            .append('#')
            .append(m.getSimpleName())
            .append('(');
    m.getParameters()
        .forEach(p -> k.append(TypeName.get(p.asType()).toString()).append(','));
    return k.append(')').toString();
  }

  private static String key(Expr.DiffCall c) {
    StringBuilder k = new StringBuilder(c.owner().canonicalName()).append('#').append(c.name()).append('(');
    c.parameterTypes().forEach(p -> k.append(p.toString()).append(','));
    return k.append(')').toString();
  }

  private static List<Expr.DiffCall> diffCalls(Stmt s) {
    return nodes(s, Expr.DiffCall.class);
  }

  /** Every expression of kind {@code kind} in {@code s}, in source order. */
  private static <T extends Expr> List<T> nodes(Stmt s, Class<T> kind) {
    List<Expr> all = new ArrayList<>();
    collect(s, all);
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static void collect(Stmt s, List<Expr> out) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.SourceLine l) {
      collect(l.stmt(), out);
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(x -> collect(x, out));
    } else if (s instanceof Stmt.Declare d) {
      collect(d.init(), out);
    } else if (s instanceof Stmt.Assign a) {
      collect(a.target(), out);
      collect(a.value(), out);
    } else if (s instanceof Stmt.CompoundAssign c) {
      collect(c.target(), out);
      collect(c.value(), out);
    } else if (s instanceof Stmt.Eval e) {
      collect(e.expr(), out);
    } else if (s instanceof Stmt.If i) {
      collect(i.cond(), out);
      collect(i.then(), out);
      collect(i.otherwise(), out);
    } else if (s instanceof Stmt.While w) {
      collect(w.cond(), out);
      collect(w.body(), out);
    } else if (s instanceof Stmt.DoWhile d) {
      collect(d.body(), out);
      collect(d.cond(), out);
    } else if (s instanceof Stmt.For f) {
      f.init().forEach(x -> collect(x, out));
      collect(f.cond(), out);
      f.update().forEach(x -> collect(x, out));
      collect(f.body(), out);
    } else if (s instanceof Stmt.ForEach f) {
      collect(f.iterable(), out);
      collect(f.body(), out);
    } else if (s instanceof Stmt.Labeled l) {
      collect(l.body(), out);
    } else if (s instanceof Stmt.Switch sw) {
      collect(sw.selector(), out);
      sw.cases().forEach(c -> c.body().forEach(x -> collect(x, out)));
    } else if (s instanceof Stmt.Return r) {
      collect(r.value(), out);
    } else if (s instanceof Stmt.Try t) {
      org.dualj.processor.model.Stmts.children(t).forEach(x -> collect(x, out));
    } else if (s instanceof Stmt.Throw t) {
      collect(t.value(), out);
    } else if (s instanceof Stmt.Assert a) {
      collect(a.cond(), out);
      collect(a.message(), out);
    } else if (s instanceof Stmt.Break b) {
      {}
    } else if (s instanceof Stmt.Continue c) {
      {}
    } else if (s instanceof Stmt.Comment c) {
      {}
    }
  }

  private static void collect(Expr e, List<Expr> out) {
    if (e == null) {
      return;
    }
    out.add(e);
    for (Expr c : Exprs.children(e)) {
      collect(c, out);
    }
  }
}
