package org.dualj.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.dualj.processor.codegen.ClassFacts;
import org.dualj.processor.codegen.RuleIndexGenerator;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.read.CustomRules;
import org.dualj.processor.read.Javac;
import org.dualj.processor.read.JavacState;
import org.dualj.processor.read.Outputs;
import org.dualj.processor.read.SourceClass;
import org.dualj.processor.steps.Progress;
import org.dualj.processor.steps.Round;

/**
 * Generates forward- and reverse-mode derivative code for methods annotated {@code @Differentiable}.
 *
 * <p>The processor is the javac entry point only: each round, it hands the round's methods to a
 * {@link Round}, the list of steps (check, transform, drop what cannot be generated, attach
 * adjoints, generate) run over the immutable model, with javac reached through {@code read/}
 * ({@link JavacState} over all rounds, {@link Javac} for one). A method with an error is left out
 * and the others still generate. Nothing escapes {@link #process}: an unexpected exception becomes
 * an error on the method being processed.
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
@SupportedOptions({DifferentiableProcessor.FAIL_ON, Outputs.OPTION})
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

  /** The processor's name, which generated classes carry in their {@code @Generated}. */
  private static final String NAME = DifferentiableProcessor.class.getName();

  private JavacState javac;
  private boolean reportedNoTrees;
  /** What the rounds pass on to the next: deferred and failed methods, classes generated. */
  private final Progress progress = new Progress();

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
    javac = new JavacState(env);
    try {
      // After processing, javac analyses every file: those whose @Differentiable methods are all
      // in local classes never reach process(), so their files are searched then.
      JavacTask.instance(env)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void started(TaskEvent e) {
                  CompilationUnitTree unit = e.getCompilationUnit();
                  if (e.getKind() != TaskEvent.Kind.ANALYZE || unit == null || javac.scanned(unit)) {
                    return;
                  }
                  Throwable t;
                  try {
                    // javac attributes this file on this stack next, as deep as this search
                    javac.reportLocalMethods(unit, ANNOTATION, RULE_ANNOTATION);
                    t = null;
                  } catch (StackOverflowError deep) {
                    javac.forget(unit);
                    t = onLargeStack(() -> javac.reportLocalMethods(unit, ANNOTATION, RULE_ANNOTATION));
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
                && NAME.equals(av.getValue())) {
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
        javac.reportLocalMethods(round, ANNOTATION, RULE_ANNOTATION);
      }
      if (annotations.isEmpty() && !progress.hasDeferred()) {
        return;
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
      if (annotated.isEmpty() && !progress.hasDeferred()) {
        return;
      }
      if (javac.trees() == null) {
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
      Javac reader = new Javac(processingEnv, javac);
      new Round(reader, progress, NAME, FAIL_ON, round.processingOver())
          .run(reader.annotatedMethods(annotated));
    } catch (Throwable t) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(describe(t)));
    }
  }

  /** Checks and registers the round's rules and writes an index class per class holding them. */
  private void addRules(Set<? extends Element> ruled) throws IOException {
    CustomRules rules = javac.rules();
    rules.reportTo(new Diagnostics(processingEnv.getMessager(), javac.trees()));
    RuleIndexGenerator generator = new RuleIndexGenerator(NAME);
    for (CustomRules.RulesClass c : rules.addFromSource(ruled)) {
      SourceClass type = SourceClass.of(c.type());
      ClassFacts facts =
          new ClassFacts(
              type.className(),
              c.index(),
              type.generatedFits(),
              type.suppressedWarnings(),
              type.javaLangShadowed(),
              spec -> spec.addOriginatingElement(c.type()));
      generator.generate(facts, CustomRules.INDEX_FIELD).writeTo(processingEnv.getFiler());
    }
  }

  private static String describe(Throwable t) {
    return Round.describe(t);
  }
}
