package org.dualj.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics at the exact tree when trees are available, otherwise at the element, and
 * counts errors so that nothing is generated for a method that had one.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  public void error(Element element, Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  /** An error at an annotation value (or at the annotation when {@code value} is null). */
  public void error(
      Element element,
      javax.lang.model.element.AnnotationMirror annotation,
      javax.lang.model.element.AnnotationValue value,
      Message message,
      Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
  }

  /** A note: what the processor chose, where it is worth knowing; never fails a build. */
  public void note(Element element, Message message, Object... args) {
    messager.printMessage(Diagnostic.Kind.NOTE, message.format(args), element);
  }

  public void warning(Element element, Message message, Object... args) {
    messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element);
  }

  public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
  }

  /** The number of errors reported so far; compare before and after a step to see if it failed. */
  public int errorCount() {
    return errors;
  }
}
