package org.dualj.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.dualj.processor.model.Output;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;

/**
 * What the processor keeps of javac over all rounds: the Compiler Tree API, the tangent rules,
 * which files were searched for methods of local classes and which private members were reported.
 */
public final class JavacState {
  private final ProcessingEnvironment env;
  private Trees trees;
  private CustomRules rules;
  /** The source files searched for methods of local classes, so each is searched once. */
  private final Set<URI> scannedUnits = new HashSet<>();
  /** The source files of the rounds' root elements: those javac hands to processors. */
  final Set<URI> rootUnits = new HashSet<>();
  /** Declarations of private members reported once ({@code DiffInaccessible}), over all rounds. */
  final Set<Tree> reportedMembers = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Lambdas javac 17 would crash on once this processor has attributed their classes. */
  private final LambdaRecovery lambdas = new LambdaRecovery();

  /** The compilation's default outputs, read from the option once. */
  private Set<Output> outputs;

  /**
   * The private helpers copied into generated classes, under {@code <generated class>.<copy
   * name>}: a call of a copy is judged by its helper's source.
   */
  final java.util.Map<String, Set<javax.lang.model.element.ExecutableElement>> copiedFrom =
      new java.util.HashMap<>();

  public JavacState(ProcessingEnvironment env) {
    this.env = env;
  }

  /**
   * The compilation's default outputs ({@link Outputs#OPTION}); an invalid option is a
   * {@code DiffOutputsOption} error, reported once, and every output is generated meanwhile.
   */
  Set<Output> defaultOutputs() {
    if (outputs == null) {
      try {
        outputs = Outputs.parse(env.getOptions().get(Outputs.OPTION));
      } catch (IllegalArgumentException bad) {
        env.getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR, Message.OUTPUTS_OPTION.format(bad.getMessage(), Outputs.names()));
        outputs = EnumSet.allOf(Output.class);
      }
    }
    return outputs;
  }

  /** The Compiler Tree API, found once; null when the compiler is not javac. */
  public Trees trees() {
    if (trees == null) {
      trees = TreesLocator.find(env);
    }
    return trees;
  }

  /** Tangent rules, accumulated over the rounds. */
  public CustomRules rules() {
    if (rules == null) {
      rules = new CustomRules(env);
    }
    return rules;
  }

  /**
   * javac hands processors no method of a local or anonymous class, so a {@code @Differentiable}
   * one there would silently get nothing: each file of the round is searched for them, once.
   */
  public void reportLocalMethods(RoundEnvironment round, String annotation, String ruleAnnotation) {
    if (trees() == null) {
      return;
    }
    for (Element root : round.getRootElements()) {
      TreePath path = root instanceof TypeElement ? trees.getPath(root) : null;
      if (path != null) {
        rootUnits.add(path.getCompilationUnit().getSourceFile().toUri());
        if (LambdaRecovery.applies()) {
          lambdas.record(path.getCompilationUnit());
        }
        reportLocalMethods(path.getCompilationUnit(), annotation, ruleAnnotation);
      }
    }
  }

  /** Searches one file for methods of local classes, unless it was searched before. */
  public void reportLocalMethods(CompilationUnitTree unit, String annotation, String ruleAnnotation) {
    if (trees() == null || !scannedUnits.add(unit.getSourceFile().toUri())) {
      return;
    }
    Diagnostics diag = new Diagnostics(env.getMessager(), trees);
    for (LocalMethods.Found f : LocalMethods.in(unit, annotation)) {
      diag.error(
          f.method(), unit, Message.LOCAL_CLASS, f.method().getName(), f.where(), "it gets no derivatives");
    }
    for (LocalMethods.Found f : LocalMethods.in(unit, ruleAnnotation)) {
      diag.error(
          f.method(), unit, Message.LOCAL_CLASS, f.method().getName(), f.where(), "the rule is never used");
    }
  }

  /**
   * Errors at the lambdas javac 17 would crash on (see {@link LambdaRecovery}), once the round's
   * methods are read; nothing on javac 25 and later.
   */
  public void reportLambdaRecovery() {
    if (trees() != null && LambdaRecovery.applies()) {
      lambdas.report(trees, new Diagnostics(env.getMessager(), trees));
    }
  }

  /** Whether {@code unit} was searched already. */
  public boolean scanned(CompilationUnitTree unit) {
    return scannedUnits.contains(unit.getSourceFile().toUri());
  }

  /** Forgets that {@code unit} was searched, to search it again (on a larger stack). */
  public void forget(CompilationUnitTree unit) {
    scannedUnits.remove(unit.getSourceFile().toUri());
  }

  /**
   * {@code args} with a copy named as the user wrote it: {@code ModelDerivatives.bucket}, a call of
   * the copy of a private helper, is {@code Model.bucket} in messages.
   */
  Object[] namedAsInSource(com.palantir.javapoet.ClassName derivatives, Object[] args) {
    Object[] named = args.clone();
    String prefix = derivatives.simpleName() + ".";
    for (int i = 0; i < named.length; i++) {
      if (named[i] instanceof String s && s.startsWith(prefix)) {
        var helpers = copiedFrom.get(derivatives.canonicalName() + "." + s.substring(prefix.length()));
        if (helpers != null && !helpers.isEmpty()) {
          javax.lang.model.element.ExecutableElement h = helpers.iterator().next();
          named[i] = h.getEnclosingElement().getSimpleName() + "." + h.getSimpleName();
        }
      }
    }
    return named;
  }
}
