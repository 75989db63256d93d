package org.dualj.processor.read;

import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import org.dualj.processor.model.Output;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;

/**
 * javac as one processing round's steps use it: the round's methods, errors at the trees the
 * model came from, what earlier compilations generated, and the files written.
 */
public final class Javac {
  private final ProcessingEnvironment env;
  private final JavacState state;
  private final Trees trees;
  private final Diagnostics diag;

  public Javac(ProcessingEnvironment env, JavacState state) {
    this.env = env;
    this.state = state;
    this.trees = state.trees();
    this.diag = new Diagnostics(env.getMessager(), trees);
    state.rules().reportTo(diag);
  }

  // ---------------------------------------------------------------- the round's methods

  /** The annotated methods of the round, class by class, in source order. */
  public List<SourceMethod> annotatedMethods(Set<? extends Element> annotated) {
    List<TypeElement> types = new ArrayList<>();
    for (Element e : annotated) {
      if (e.getKind() == ElementKind.METHOD
          && e.getEnclosingElement() instanceof TypeElement t
          && !types.contains(t)) {
        types.add(t);
      }
    }
    List<SourceMethod> methods = new ArrayList<>();
    for (TypeElement type : types) {
      for (Element member : type.getEnclosedElements()) {
        if (annotated.contains(member) && member instanceof ExecutableElement m) {
          methods.add(new SourceMethod(m));
        }
      }
    }
    return methods;
  }

  /** The methods of class {@code type} whose declarations start at {@code start}. */
  public List<SourceMethod> methodsAt(String type, long start) {
    TypeElement t = env.getElementUtils().getTypeElement(type);
    List<SourceMethod> found = new ArrayList<>();
    if (t == null) {
      return found;
    }
    for (Element member : t.getEnclosedElements()) {
      if (member instanceof ExecutableElement m && start(m) == start) {
        found.add(new SourceMethod(m));
      }
    }
    return found;
  }

  /** Where the declaration of {@code m} starts in its file; -1 if it has no source. */
  public long start(SourceMethod m) {
    return start(m.element());
  }

  private long start(ExecutableElement m) {
    TreePath path = trees.getPath(m);
    return path == null
        ? -1
        : trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), path.getLeaf());
  }

  /** The checks of one method, against what the round knows of the others. */
  public MethodChecks checks(
      Set<String> inRound, Set<String> failed, Map<String, Integer> helperOrder, Set<String> warned) {
    return new MethodChecks(env, state, diag, inRound, failed, helperOrder, warned);
  }

  /** What plain calls write, read from the sources and class files of the callees. */
  /**
   * The families of public methods {@code m} gets: its annotation's {@code outputs}, or the
   * compilation's default; null for a private helper differentiated in place.
   */
  public Set<Output> outputs(SourceMethod m) {
    return Outputs.of(m.element(), state.defaultOutputs());
  }

  public CallWrites callWrites() {
    return new CallWrites(trees, env.getElementUtils(), state.copiedFrom);
  }

  public HiddenWrites hiddenWrites() {
    return new HiddenWrites(trees, env.getElementUtils());
  }

  // ---------------------------------------------------------------- errors

  /** See {@link JavacState#reportLambdaRecovery()}. */
  public void reportLambdaRecovery() {
    state.reportLambdaRecovery();
  }

  public int errorCount() {
    return diag.errorCount();
  }

  public void error(SourceMethod m, Message message, Object... args) {
    diag.error(m.element(), message, args);
  }

  public void error(SourceClass c, Message message, Object... args) {
    diag.error(c.element(), message, args);
  }

  public void note(SourceMethod m, Message message, Object... args) {
    diag.note(m.element(), message, args);
  }

  /** An error at the declaration of {@code c}'s method (its whole tree). */
  public void errorAtDeclaration(CheckedMethod c, Message message, Object... args) {
    diag.error(trees.getTree(c.method().element()), c.unit(), message, args);
  }

  /** An error at the tree a model node of {@code c} came from, or at the method if it has none. */
  public void errorAt(CheckedMethod c, Expr node, Message message, Object... given) {
    Object[] args = state.namedAsInSource(c.read().model().derivatives(), given);
    Tree at = c.read().origins().get(node);
    if (at != null) {
      diag.error(at, c.unit(), message, args);
    } else {
      diag.error(c.method().element(), message, args);
    }
  }

  // ---------------------------------------------------------------- other compilations

  /**
   * The summary of a {@code @Differentiable} method of an earlier compilation, from its generated
   * class's {@code ARRAY_WRITES} constant named {@code constant}; null if that class is missing.
   */
  public ArrayEffects.Summary compiledSummary(Expr.DiffCall call, String constant) {
    TypeElement generated = env.getElementUtils().getTypeElement(call.derivatives().canonicalName());
    if (generated == null) {
      return null;
    }
    String key = SourceMethod.keyOf(call);
    String signature = key.substring(key.indexOf('#') + 1);
    for (Element member : generated.getEnclosedElements()) {
      if (member instanceof VariableElement v
          && v.getSimpleName().contentEquals(constant)
          && v.getConstantValue() instanceof String list) {
        for (String entry : list.split(";")) {
          String[] parts = entry.split(":", -1);
          if (parts.length >= 2 && parts[0].equals(signature)) {
            Set<Integer> indices = new TreeSet<>();
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

  /** True when the generated class of a callee compiled earlier has a member named {@code name}. */
  public boolean hasMember(Expr.DiffCall call, String name) {
    TypeElement derivatives = env.getElementUtils().getTypeElement(call.derivatives().canonicalName());
    if (derivatives == null) {
      return false;
    }
    for (Element member : derivatives.getEnclosedElements()) {
      if (member.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class of that name the sources declare (not one generated in this compilation), or null.
   */
  public SourceClass declaredInSources(String name) {
    TypeElement existing = env.getElementUtils().getTypeElement(name);
    return existing != null && trees.getPath(existing) != null ? new SourceClass(existing) : null;
  }

  /** Writes a generated file; null, or why the compiler refused to create it. */
  public String write(JavaFile file) throws IOException {
    try {
      file.writeTo(env.getFiler());
      return null;
    } catch (FilerException clash) {
      return clash.getMessage();
    }
  }
}
