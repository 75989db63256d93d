package org.dualj.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code @Differentiable} methods that javac never hands to annotation processors: those of
 * local classes, anonymous classes and enum constants' bodies, and of the classes nested in them.
 *
 * <p>The trees are read as parsed, without attributing them: the annotation's name is resolved
 * through the file's imports and package.
 */
public final class LocalMethods {
  /** A method found, and what kind of class it is in ("a local class", ...). */
  public record Found(MethodTree method, String where) {}

  private LocalMethods() {}

  public static List<Found> in(CompilationUnitTree unit, String annotation) {
    List<Found> found = new ArrayList<>();
    boolean imported = importsByName(unit, annotation);
    new TreePathScanner<Void, String>() {
      @Override
      public Void visitClass(ClassTree node, String where) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (where == null
            && !(parent instanceof CompilationUnitTree)
            && !(parent instanceof ClassTree)) {
          where = kind(getCurrentPath());
        }
        return super.visitClass(node, where);
      }

      @Override
      public Void visitMethod(MethodTree node, String where) {
        if (where != null) {
          for (AnnotationTree a : node.getModifiers().getAnnotations()) {
            if (names(a.getAnnotationType(), annotation, imported)) {
              found.add(new Found(node, where));
              break;
            }
          }
        }
        return super.visitMethod(node, where);
      }
    }.scan(new TreePath(unit), null);
    return found;
  }

  /** What kind of class the class at {@code path}, not a member class, is. */
  private static String kind(TreePath path) {
    TreePath parent = path.getParentPath();
    if (!(parent.getLeaf() instanceof NewClassTree)) {
      return "a local class";
    }
    TreePath grand = parent.getParentPath();
    if (grand != null
        && grand.getLeaf() instanceof VariableTree
        && grand.getParentPath() != null
        && grand.getParentPath().getLeaf() instanceof ClassTree c
        && c.getKind() == Tree.Kind.ENUM) {
      return "the body of an enum constant";
    }
    return "an anonymous class";
  }

  /** Whether the annotation type written as {@code type} is {@code annotation}. */
  private static boolean names(Tree type, String annotation, boolean imported) {
    if (type instanceof MemberSelectTree) {
      return type.toString().equals(annotation);
    }
    return type instanceof IdentifierTree id
        && imported
        && annotation.endsWith("." + id.getName());
  }

  /** Whether the simple name of {@code annotation} refers to it in {@code unit}. */
  private static boolean importsByName(CompilationUnitTree unit, String annotation) {
    int dot = annotation.lastIndexOf('.');
    String pkg = annotation.substring(0, dot);
    String simple = annotation.substring(dot + 1);
    boolean onDemand = unit.getPackageName() != null && unit.getPackageName().toString().equals(pkg);
    for (ImportTree i : unit.getImports()) {
      if (i.isStatic()) {
        continue;
      }
      String name = i.getQualifiedIdentifier().toString();
      if (name.equals(annotation)) {
        return true;
      }
      if (name.endsWith("." + simple)) {
        return false; // another type of that name is imported
      }
      if (name.equals(pkg + ".*")) {
        onDemand = true;
      }
    }
    return onDemand;
  }
}
