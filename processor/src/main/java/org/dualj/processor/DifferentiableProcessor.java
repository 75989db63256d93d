package org.dualj.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
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
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.read.CallWrites;
import org.dualj.processor.read.LocalMethods;
import org.dualj.processor.read.TreesLocator;
import org.dualj.processor.codegen.CodeSize;
import org.dualj.processor.read.CustomRules;
import org.dualj.processor.read.MethodReader;
import org.dualj.processor.read.Names;
import org.dualj.processor.read.Options;
import org.dualj.processor.read.Problem;
import org.dualj.processor.codegen.DerivativesGenerator;
import org.dualj.processor.codegen.RuleIndexGenerator;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.SecondOrderCode;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.transform.AdjointTransform;
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
 *
 * <p>A round's work runs on a thread of its own with a large stack (the analyses recurse over
 * expressions as deep as javac compiles), while javac's thread waits. A method naming a type that
 * does not exist yet waits for a later round, with its class and its callers. The round's files
 * are also searched for {@code @Differentiable} methods of local classes, which javac never hands
 * to processors, and so are, when javac analyses them, files whose methods never reached a round.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({
  DifferentiableProcessor.ANNOTATION,
  DifferentiableProcessor.RULE_ANNOTATION,
  DifferentiableProcessor.GENERATED
})
@SupportedOptions(DifferentiableProcessor.FAIL_ON)
public final class DifferentiableProcessor extends AbstractProcessor {
  static final String ANNOTATION = "org.dualj.annotations.Differentiable";
  static final String RULE_ANNOTATION = "org.dualj.annotations.TangentRule";
  /** The annotation on the classes dualj generates; see {@link #claims}. */
  static final String GENERATED = "javax.annotation.processing.Generated";
  /**
   * Test seam: {@code -Adualj.internal.failOn=name} makes processing of methods with that name
   * throw, so tests can check that an internal failure becomes an error on the method and that
   * the other methods still generate.
   */
  static final String FAIL_ON = "dualj.internal.failOn";

  private Trees trees;
  private boolean reportedNoTrees;
  /** The source files searched for methods of local classes, so each is searched once. */
  private final Set<java.net.URI> scannedUnits = new HashSet<>();
  /** The source files of the rounds' root elements: those javac hands to processors. */
  private final Set<java.net.URI> rootUnits = new HashSet<>();
  /**
   * Methods left for a later round: their signature or body names a type javac could not resolve
   * yet (another processor may generate it in this round), or they belong to, or call into, a
   * class with such a method. Processors are expected to wait for such types.
   */
  private final List<Deferred> deferred = new ArrayList<>();
  /** Keys of methods that failed, over all rounds, so that their callers fail too. */
  private final Set<String> failed = new HashSet<>();
  /** Declarations of private members reported once ({@code DiffInaccessible}), over all rounds. */
  private final Set<Tree> reportedMembers =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Keys of methods warned about, so that a deferred method is not warned about twice. */
  private final Set<String> warned = new HashSet<>();

  /** A deferred method: its class's name and where its declaration starts in its file. */
  private record Deferred(String type, long start) {}
  /** Tangent rules, accumulated over the rounds. */
  private CustomRules rules;
  /** The generated classes written so far, over all rounds, with the class each is for. */
  private final Map<String, TypeElement> generatedFor = new HashMap<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Stack requested for the thread that does a round's work. The model, the analyses, the
   * transforms and JavaPoet's printer recurse over expressions, and javac compiles expressions
   * deeper than a default stack lets them walk (a sum of a thousand terms); the stack is address
   * space reserved, and only the part used is committed.
   */
  static final long STACK_BYTES = 1L << 30;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      // After processing, javac analyses every file: those whose @Differentiable methods are all
      // in local classes never reach process(), so their files are searched then.
      JavacTask.instance(env)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void started(TaskEvent e) {
                  if (e.getKind() != TaskEvent.Kind.ANALYZE
                      || e.getCompilationUnit() == null
                      || scannedUnits.contains(e.getCompilationUnit().getSourceFile().toUri())) {
                    return;
                  }
                  Throwable t;
                  try {
                    // javac attributes this file on this stack next, as deep as this search
                    reportLocalMethods(e.getCompilationUnit());
                    t = null;
                  } catch (StackOverflowError deep) {
                    scannedUnits.remove(e.getCompilationUnit().getSourceFile().toUri());
                    t = onLargeStack(() -> reportLocalMethods(e.getCompilationUnit()));
                  } catch (RuntimeException | Error bug) {
                    t = bug;
                  }
                  if (t != null) {
                    processingEnv
                        .getMessager()
                        .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(describe(t)));
                  }
                }
              });
    } catch (RuntimeException | LinkageError notJavac) {
      // a wrapped environment or another compiler: files are searched in the rounds only
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Throwable failed = onLargeStack(() -> processOnThisThread(annotations, round));
    if (failed != null) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(describe(failed)));
    }
    return claims(annotations, round);
  }

  /** Runs {@code work} on a thread with a stack of {@link #STACK_BYTES}; what it threw, or null. */
  private static Throwable onLargeStack(Runnable work) {
    Throwable[] failed = new Throwable[1];
    Runnable guarded =
        () -> {
          try {
            work.run();
          } catch (Throwable t) {
            failed[0] = t;
          }
        };
    boolean started = false;
    try {
      // javac is used from one thread at a time: this one waits while the worker runs
      Thread worker = new Thread(null, guarded, "dualj", STACK_BYTES);
      worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
      worker.setDaemon(true);
      worker.start();
      started = true;
      boolean interrupted = false;
      while (true) {
        try {
          worker.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    } catch (Throwable noThread) {
      if (!started) {
        // no thread could be started (a restricted environment): work on this one's stack
        guarded.run();
      }
    }
    return failed[0];
  }

  /**
   * Whether to claim the round's annotations, which keeps {@code -Xlint:processing} (part of
   * {@code -Xlint:all}) from warning that no processor claimed them and failing {@code -Werror}
   * builds. dualj's own annotations are always claimed. {@code @Generated} is among the supported
   * types for the classes dualj writes, which carry it (javac would warn about it in the round
   * after): it is claimed only when dualj wrote every class of the round that carries it; when
   * another tool's class carries it too, nothing is claimed, so processors after dualj see it.
   */
  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      for (TypeElement a : annotations) {
        if (!a.getQualifiedName().contentEquals(GENERATED)) {
          continue;
        }
        for (Element e : round.getElementsAnnotatedWith(a)) {
          if (!generatedByDualj(e, a)) {
            return false;
          }
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean generatedByDualj(Element e, TypeElement generated) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (!m.getAnnotationType().asElement().equals(generated)) {
        continue;
      }
      for (var v : m.getElementValues().entrySet()) {
        if (v.getKey().getSimpleName().contentEquals("value")
            && v.getValue().getValue() instanceof List<?> values) {
          for (Object o : values) {
            if (o instanceof AnnotationValue av
                && DifferentiableProcessor.class.getName().equals(av.getValue())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private void processOnThisThread(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (!round.processingOver()) {
        reportLocalMethods(round);
      }
      if (annotations.isEmpty() && deferred.isEmpty()) {
        return;
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
        return;
      }
      Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
      if (annotated.isEmpty() && deferred.isEmpty()) {
        return;
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
        return;
      }
      new Round(annotated, round.processingOver()).run();
    } catch (Throwable t) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(describe(t)));
    }
  }

  /**
   * javac hands processors no method of a local or anonymous class, so a {@code @Differentiable}
   * one there would silently get nothing: each file of the round is searched for them, once.
   */
  private void reportLocalMethods(RoundEnvironment round) {
    if (trees == null) {
      trees = TreesLocator.find(processingEnv);
      if (trees == null) {
        return;
      }
    }
    for (Element root : round.getRootElements()) {
      TreePath path = root instanceof TypeElement ? trees.getPath(root) : null;
      if (path != null) {
        rootUnits.add(path.getCompilationUnit().getSourceFile().toUri());
        reportLocalMethods(path.getCompilationUnit());
      }
    }
  }

  private void reportLocalMethods(CompilationUnitTree unit) {
    if (trees == null) {
      trees = TreesLocator.find(processingEnv);
    }
    if (trees == null || !scannedUnits.add(unit.getSourceFile().toUri())) {
      return;
    }
    Diagnostics diag = new Diagnostics(processingEnv.getMessager(), trees);
    for (LocalMethods.Found f : LocalMethods.in(unit, ANNOTATION)) {
      diag.error(
          f.method(), unit, Message.LOCAL_CLASS, f.method().getName(), f.where(), "it gets no derivatives");
    }
    for (LocalMethods.Found f : LocalMethods.in(unit, RULE_ANNOTATION)) {
      diag.error(
          f.method(), unit, Message.LOCAL_CLASS, f.method().getName(), f.where(), "the rule is never used");
    }
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
    /** Which array parameters each checked method of this round may write, by key. */
    private final Map<String, ArrayEffects.Summary> summaries = new HashMap<>();
    /** Whether this is the last round, when no method can wait any longer. */
    private final boolean last;
    /** Keys of methods being generated in this round. */
    private final Set<String> inRound = new HashSet<>();
    /**
     * The adjoint cores of this round's methods (and of the tangent code of its order-2 methods,
     * for H·v), or why there is none, by key.
     */
    private final Map<String, AdjointTransform.Result> adjoints = new HashMap<>();
    /** For an order-2 method's key, the key of its tangent code's adjoint in {@link #adjoints}. */
    private final Map<String, String> hessianVectorKeys = new HashMap<>();
    /**
     * The order each private static helper differentiated in place gets, by key: the highest
     * order of the methods calling it for a derivative.
     */
    private final Map<String, Integer> helperOrder = new HashMap<>();

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

    Round(Set<? extends Element> annotated, boolean last) {
      this.annotated = annotated;
      this.last = last;
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
      for (ExecutableElement m : takeDeferred()) {
        if (!methods.contains(m)) {
          methods.add(m);
          inRound.add(key(m));
        }
      }
      List<ExecutableElement> erroneous = new ArrayList<>();
      List<Checked> checked = new ArrayList<>();
      for (ExecutableElement m : methods) {
        Checked c = guarded(m, () -> check(m), erroneous);
        if (c != null) {
          checked.add(c);
        }
      }
      // private static helpers the checked methods call for a derivative, and theirs
      for (int next = 0; next < checked.size(); next++) {
        for (ExecutableElement h : checked.get(next).read().helpers()) {
          if (inRound.add(key(h)) && !failed.contains(key(h))) {
            methods.add(h);
            Checked c = guarded(h, () -> check(h), erroneous);
            if (c != null) {
              checked.add(c);
            }
          }
        }
      }
      boolean raised = true;
      while (raised) {
        raised = false;
        for (Checked c : checked) {
          for (ExecutableElement h : c.read().helpers()) {
            int demanded = orderOf(c.element());
            if (demanded > helperOrder.getOrDefault(key(h), 1)) {
              helperOrder.put(key(h), demanded);
              raised = true;
            }
          }
        }
      }
      checkArrayEffects(checked);
      for (Checked c : checked) {
        ExecutableElement m = c.element();
        Done d = guarded(m, () -> transform(c), erroneous);
        if (d != null) {
          done.computeIfAbsent((TypeElement) m.getEnclosingElement(), k -> new ArrayList<>()).add(d);
        }
      }
      defer(erroneous);
      dropClashes();
      dropClassNameClashes();
      DerivativesGenerator generator = new DerivativesGenerator(DifferentiableProcessor.class.getName());
      dropTooLarge(generator);
      dropCallersOfFailed();
      attachAdjoints();
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
              .generate(type, name, entries, arrayWrites(e.getValue()), copies(e.getValue()))
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
     * unexpected exception becomes an internal error on the method unless an error was reported;
     * a method naming a type javac cannot resolve yet goes to {@code erroneous}.
     */
    private <T> T guarded(
        ExecutableElement m, java.util.function.Supplier<T> step, List<ExecutableElement> erroneous) {
      int before = diag.errorCount();
      try {
        T result = step.get();
        if (result == null) {
          failed.add(key(m));
        }
        return result;
      } catch (MethodReader.Erroneous javacReportsIt) {
        if (javacReportsIt.unresolved()) {
          erroneous.add(m); // perhaps generated in this round: wait for the next one
        } else {
          failed.add(key(m));
        }
      } catch (RuntimeException | StackOverflowError e) {
        if (diag.errorCount() == before) {
          diag.error(m, Message.INTERNAL_ERROR, describe(e));
        }
        failed.add(key(m));
      }
      return null;
    }

    /** The methods deferred by earlier rounds, as elements of this round. */
    private List<ExecutableElement> takeDeferred() {
      List<ExecutableElement> found = new ArrayList<>();
      for (Deferred d : deferred) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(d.type());
        if (type == null) {
          continue;
        }
        for (Element member : type.getEnclosedElements()) {
          if (member instanceof ExecutableElement m && start(m) == d.start()) {
            found.add(m);
          }
        }
      }
      deferred.clear();
      return found;
    }

    private long start(ExecutableElement m) {
      TreePath path = trees.getPath(m);
      return path == null
          ? -1
          : trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), path.getLeaf());
    }

    /**
     * Leaves for the next round the erroneous methods, and with them every method of their
     * classes (a class's derivatives are written in one file, once) and every method that calls
     * one of those, until no more are left. In the last round they are dropped instead, without
     * a word: javac reports the erroneous methods' errors, and a file written in the last round
     * would get a warning.
     */
    private void defer(List<ExecutableElement> erroneous) {
      if (erroneous.isEmpty()) {
        return;
      }
      Set<String> types = new HashSet<>();
      for (ExecutableElement m : erroneous) {
        types.add(((TypeElement) m.getEnclosingElement()).getQualifiedName().toString());
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Map.Entry<TypeElement, List<Done>> e : done.entrySet()) {
          String type = e.getKey().getQualifiedName().toString();
          if (types.contains(type)) {
            continue;
          }
          for (Done d : e.getValue()) {
            if (diffCalls(d.read().model().body()).stream()
                .anyMatch(c -> types.contains(c.owner().canonicalName()))) {
              types.add(type);
              changed = true;
              break;
            }
          }
        }
      }
      List<ExecutableElement> later = new ArrayList<>(erroneous);
      for (var it = done.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<TypeElement, List<Done>> e = it.next();
        if (types.contains(e.getKey().getQualifiedName().toString())) {
          e.getValue().forEach(d -> later.add(d.element()));
          it.remove();
        }
      }
      for (ExecutableElement m : later) {
        if (last) {
          failed.add(key(m));
        } else {
          deferred.add(new Deferred(((TypeElement) m.getEnclosingElement()).getQualifiedName().toString(), start(m)));
        }
      }
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
      if (m.getReturnType().getKind() == TypeKind.ERROR
          || m.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR)) {
        throw new MethodReader.Erroneous(true);
      }
      TypeName returns = TypeName.get(m.getReturnType());
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
        if (p.message() == Message.INACCESSIBLE_MEMBER && !reportedMembers.add(p.tree())) {
          continue; // one error per private member, at its declaration
        }
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

      if (ok && Options.of(m) != null && !activeParams.isEmpty() && activity.returns() && !activity.returnsActive()
          && warned.add(key(m))) {
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
      int order = orderOf(m);
      MethodCode core = TangentTransform.transform(model, activity);
      MethodCode lanes = TangentTransform.transformLanes(model, activity);
      SecondOrderCode second = null;
      if (order == 2 && !model.activeParams().isEmpty()) {
        boolean callable = !m.getModifiers().contains(Modifier.PRIVATE);
        second = SecondOrder.of(model, activity, callable, needs -> checkNeeds(m, needs, read, unit));
        if (second == null) {
          return null;
        }
      }
      ArrayEffects.Summary effects = summaries.get(key(m));
      MethodModel entryModel =
          effects != null && effects.effects() ? model.withChunk(MethodModel.ONE_PASS) : model;
      DerivativesGenerator.Entry entry =
          new DerivativesGenerator.Entry(
              entryModel, core, lanes, TangentTransform.selfName(model), second);
      if (second != null && Types.DOUBLE.equals(model.returnType())) {
        // H·v by reverse over forward: the adjoint of fTangent(x, v) with respect to x alone
        MethodModel hv = hessianVectorModel(model, second.model());
        String hvKey = modelKey(hv);
        adjoints.put(hvKey, AdjointTransform.transform(hv, null, false, effects != null && effects.effects()));
        hessianVectorKeys.put(key(m), hvKey);
      }
      if (!model.activeParams().isEmpty() && Types.isDifferentiable(model.returnType())) {
        adjoints.put(
            key(m),
            AdjointTransform.transform(
                model,
                TangentTransform.selfName(model),
                effects != null && !effects.writtenParameters().isEmpty(),
                effects != null && effects.effects()));
      }
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
      Options o = Options.orDefault(m);
      boolean ok = true;
      for (String name : o.wrt()) {
        var param =
            m.getParameters().stream()
                .filter(p -> p.getSimpleName().contentEquals(name))
                .findFirst();
        if (param.isEmpty()) {
          diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_UNKNOWN, name);
          ok = false;
        } else if (!Types.isDifferentiable(TypeName.get(param.get().asType()))
            && !Types.isMatrix(TypeName.get(param.get().asType()))) {
          diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_TYPE, name, param.get().asType());
          ok = false;
        } else if (Types.isMatrix(TypeName.get(param.get().asType())) && o.order() == 2) {
          diag.error(
              m,
              o.mirror(),
              o.orderValue(),
              Message.BAD_ORDER,
              o.order(),
              "second derivatives with respect to a double[][] (" + name + ") are not generated;"
                  + " pass its elements as a double[], or leave it out of wrt");
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
      Set<String> helpers = new HashSet<>();
      read.helpers().forEach(h -> helpers.add(key(h)));
      for (Expr.DiffCall call : diffCalls(body)) {
        if (inRound.contains(key(call)) || failed.contains(key(call)) || helpers.contains(key(call))) {
          continue; // a failed callee is reported at the call, with its callers
        }
        if (processingEnv.getElementUtils().getTypeElement(call.derivatives().canonicalName())
            == null) {
          String implicit = implicitlyCompiled(call.owner());
          String why =
              implicit == null
                  ? "is not on the classpath. Compile that class with the dualj processor."
                  : "does not exist: javac found "
                      + implicit
                      + " through the source path and compiled it implicitly, and annotation"
                      + " processors do not run on implicitly compiled files (-implicit:class does"
                      + " not change that). Compile that file in the same compilation, listed with"
                      + " the other sources, or compile it first with the dualj processor and put"
                      + " the result on the class path.";
          reportAt(
              m,
              read,
              unit,
              call,
              Message.MISSING_DERIVATIVES,
              call.owner().simpleName() + "." + call.name(),
              call.derivatives().simpleName(),
              why);
          ok = false;
        }
      }
      return ok;
    }

    /**
     * The file of class {@code owner} if javac compiles it from source but did not hand it to
     * processors: it found the file through the source path (an implicitly compiled file).
     */
    private String implicitlyCompiled(ClassName owner) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(owner.canonicalName());
      TreePath path = type == null ? null : trees.getPath(type);
      if (path == null) {
        return null;
      }
      java.net.URI file = path.getCompilationUnit().getSourceFile().toUri();
      if (rootUnits.contains(file)) {
        return null;
      }
      String name = file.getPath();
      return name == null ? file.toString() : name.substring(name.lastIndexOf('/') + 1);
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

    /** The order of a method of this round: its annotation's, or a helper's callers'. */
    private int orderOf(ExecutableElement m) {
      Options o = Options.of(m);
      return o != null ? o.order() : helperOrder.getOrDefault(key(m), 1);
    }

    /** The {@code order} of a called {@code @Differentiable} method (1 if it cannot be found). */
    private int calleeOrder(Expr.DiffCall call) {
      if (helperOrder.containsKey(key(call))) {
        return helperOrder.get(key(call));
      }
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

            @Override
            public Boolean pure(Expr.PlainCall call) {
              return plain.pure(call);
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
        ArrayEffects.Result result = ArrayEffects.analyse(c.read().model(), callees);
        List<Activity.Finding> findings = new ArrayList<>(result.findings());
        if (orderOf(c.element()) == 2 && findings.isEmpty()) {
          // the Hessian takes one pass per row: a call with effects would run once per pass
          for (Expr call : result.effectCalls()) {
            String name = call instanceof Expr.PlainCall p ? p.owner().simpleName() + "." + p.name()
                : call instanceof Expr.NewObject n ? "new " + n.type()
                : ((Expr.DiffCall) call).owner().simpleName() + "." + ((Expr.DiffCall) call).name();
            findings.add(new Activity.Finding(call, Message.REPEATED_EFFECT, new Object[] {name}));
          }
        }
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
            String[] parts = entry.split(":", -1);
            if (parts.length >= 2 && parts[0].equals(signature)) {
              Set<Integer> indices = new java.util.TreeSet<>();
              for (String i : parts[1].split(",")) {
                if (!i.isEmpty()) {
                  indices.add(Integer.parseInt(i));
                }
              }
              return new ArrayEffects.Summary(indices, parts.length > 2 && parts[2].equals("effects"));
            }
          }
        }
      }
      return ArrayEffects.Summary.NONE;
    }

    /**
     * The private static final fields the methods of one class read through copies, each once,
     * every copy after those its initializer reads.
     */
    private List<org.dualj.processor.model.FieldCopy> copies(List<Done> methods) {
      Map<String, org.dualj.processor.model.FieldCopy> all = new LinkedHashMap<>();
      for (Done d : methods) {
        d.read().copies().forEach(c -> all.putIfAbsent(c.name(), c));
      }
      return List.copyOf(all.values());
    }

    /** The {@link DerivativesGenerator#ARRAY_WRITES} list of one class's generated methods. */
    private String arrayWrites(List<Done> methods) {
      StringBuilder list = new StringBuilder();
      for (Done d : methods) {
        ArrayEffects.Summary s = summaries.get(key(d.element()));
        if (s != null && (!s.writtenParameters().isEmpty() || s.effects())) {
          String k = key(d.element());
          list.append(list.length() == 0 ? "" : ";")
              .append(k.substring(k.indexOf('#') + 1))
              .append(':')
              .append(String.join(",", s.writtenParameters().stream().sorted().map(String::valueOf).toList()))
              .append(s.effects() ? ":effects" : "");
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

    /**
     * Methods whose generated code javac would reject as too large ("code too large"): an
     * error at the method, before javac meets the generated file.
     */
    private void dropTooLarge(DerivativesGenerator generator) {
      for (Map.Entry<TypeElement, List<Done>> e : done.entrySet()) {
        TypeElement type = e.getKey();
        List<DerivativesGenerator.Entry> entries = new ArrayList<>();
        e.getValue().forEach(d -> entries.add(d.entry()));
        if (largest(generator.generate(type, Names.derivativesOf(type), entries)) == null) {
          continue;
        }
        for (var it = e.getValue().iterator(); it.hasNext(); ) {
          Done d = it.next();
          MethodSpec large =
              largest(generator.generate(type, Names.derivativesOf(type), List.of(d.entry())));
          if (large != null) {
            diag.error(
                trees.getTree(d.element()),
                d.unit(),
                Message.METHOD_TOO_LARGE,
                large.name(),
                String.format("%,d", CodeSize.estimate(large)));
            failed.add(key(d.element()));
            it.remove();
          }
        }
      }
    }

    /** The first method of {@code file} over the JVM's size limit, or null. */
    private static MethodSpec largest(JavaFile file) {
      for (MethodSpec spec : file.typeSpec().methodSpecs()) {
        if (CodeSize.estimate(spec) > CodeSize.LIMIT) {
          return spec;
        }
      }
      return null;
    }

    /** Removes methods that call a failed method, until no more fail. */
    /**
     * Gives each method its adjoint core when reverse mode handles it and every method it calls
     * (callees of this round by their own results, until nothing changes; callees compiled earlier
     * by the adjoint method in their generated class), and a note on the others.
     */
    private void attachAdjoints() {
      Map<String, String> why = new HashMap<>();
      Map<String, Integer> lines = new HashMap<>();
      for (Map.Entry<String, AdjointTransform.Result> r : adjoints.entrySet()) {
        if (!r.getValue().ok()) {
          why.put(r.getKey(), r.getValue().reason());
          lines.put(r.getKey(), r.getValue().line());
        }
      }
      DerivativesGenerator generator = new DerivativesGenerator(DifferentiableProcessor.class.getName());
      for (Map.Entry<TypeElement, List<Done>> e : done.entrySet()) {
        for (Done d : e.getValue()) {
          AdjointTransform.Result r = adjoints.get(key(d.element()));
          if (r == null || !r.ok()) {
            continue;
          }
          JavaFile file = generator.generate(
              e.getKey(), Names.derivativesOf(e.getKey()), List.of(d.entry().withAdjoint(r.code())));
          for (MethodSpec spec : file.typeSpec().methodSpecs()) {
            if (spec.name().equals(r.code().name()) && CodeSize.estimate(spec) > CodeSize.LIMIT) {
              why.put(key(d.element()), "a body too large for one adjoint method");
              lines.put(key(d.element()), 0);
            }
          }
        }
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Map.Entry<String, AdjointTransform.Result> r : adjoints.entrySet()) {
          if (why.containsKey(r.getKey())) {
            continue;
          }
          for (Expr.DiffCall call : r.getValue().calls()) {
            String callee = key(call);
            boolean ok =
                adjoints.containsKey(callee)
                    ? !why.containsKey(callee) && !failed.contains(callee)
                    : !inRound.contains(callee) && hasAdjoint(call);
            if (!ok) {
              why.put(r.getKey(), "a call of " + call.name() + ", which has no reverse mode");
              lines.put(r.getKey(), 0);
              changed = true;
              break;
            }
          }
        }
      }
      for (List<Done> list : done.values()) {
        for (int i = 0; i < list.size(); i++) {
          Done d = list.get(i);
          String k = key(d.element());
          AdjointTransform.Result r = adjoints.get(k);
          if (r == null) {
            continue;
          }
          String hvKey = hessianVectorKeys.get(k);
          if (hvKey != null && !why.containsKey(hvKey) && !why.containsKey(k)) {
            d = new Done(d.element(), d.read(),
                d.entry().withHessianVectorAdjoint(adjoints.get(hvKey).code()), d.unit());
            list.set(i, d);
          }
          if (why.containsKey(k)) {
            int line = lines.get(k);
            String name = d.element().getSimpleName().toString();
            String consequence = Types.DOUBLE.equals(d.entry().source().returnType())
                ? name + "Gradient stays in forward mode (its cost grows with the number of inputs)"
                    + " and " + name + "GradientReverse is not generated"
                : name + "Vjp and " + name + "JacobianReverse are not generated";
            diag.note(d.element(), Message.REVERSE_UNSUPPORTED, why.get(k),
                line > 0 ? line : d.entry().source().line(), consequence);
          } else {
            list.set(i, new Done(d.element(), d.read(), d.entry().withAdjoint(r.code()), d.unit()));
          }
        }
      }
    }

    /**
     * {@code fTangent(x, x_dot, …)} as reverse mode differentiates it: with respect to the inputs
     * and their tangents, as callers' tangent code passes both; with the tangents as a direction
     * v, the adjoints of the inputs are H·v.
     */
    private MethodModel hessianVectorModel(MethodModel method, MethodModel tangent) {
      return tangent;
    }

    private static String modelKey(MethodModel m) {
      StringBuilder k = new StringBuilder(m.owner().canonicalName()).append('#').append(m.name()).append('(');
      m.params().forEach(p -> k.append(p.type().toString()).append(','));
      return k.append(')').toString();
    }

    /** True when the generated class of a callee compiled earlier has its adjoint core. */
    private boolean hasAdjoint(Expr.DiffCall call) {
      TypeElement derivatives =
          processingEnv.getElementUtils().getTypeElement(call.derivatives().canonicalName());
      if (derivatives == null) {
        return false;
      }
      String name = AdjointTransform.adjointName(call.name());
      for (Element member : derivatives.getEnclosedElements()) {
        if (member.getSimpleName().contentEquals(name)) {
          return true;
        }
      }
      return false;
    }

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
        .forEach(
            p ->
                k.append(
                        p.asType().getKind() == TypeKind.ERROR
                            ? p.asType().toString()
                            : TypeName.get(p.asType()).toString())
                    .append(','));
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
    for (Stmt each : org.dualj.processor.model.Stmts.all(s)) {
      org.dualj.processor.model.Stmts.exprs(each).forEach(e -> collect(e, out));
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
