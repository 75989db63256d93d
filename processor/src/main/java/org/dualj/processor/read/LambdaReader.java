package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

import static org.dualj.processor.read.JavacTypes.*;

/**
 * Reads a lambda or a method reference as its source text ({@link Expr.Lambda}), with what the
 * generated class must spell differently taken out of the text: the method's variables and
 * receiver it reads (model expressions, so that activity sees them and renaming follows), the
 * types and owners it names (qualified), private helpers (their copies) and private constants
 * (inlined or copied). What the generated class cannot reach, and writes into the method's double
 * arrays, are problems at their trees.
 */
final class LambdaReader {
  private final ReadContext cx;

  LambdaReader(ReadContext cx) {
    this.cx = cx;
  }

  /** A piece of text replaced: by a model expression ({@code $nL}) or a name ({@code $nT}). */
  private record Part(long end, String text, Expr captured, TypeName name) {}

  Expr read(ExpressionTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    SourcePositions pos = cx.trees.getSourcePositions();
    long start = pos.getStartPosition(cx.unit, tree);
    long end = pos.getEndPosition(cx.unit, tree);
    if (cx.source == null || start < 0 || end <= start) {
      return cx.problem(
          tree, Message.UNSUPPORTED_EXPRESSION, "lambdas whose source text is not available",
          "Compile from source files.");
    }
    int before = cx.problems.size();
    TreeMap<Long, Part> parts = new TreeMap<>();
    Set<Element> declared = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void unused) {
        declared.add(cx.trees.getElement(getCurrentPath()));
        return super.visitVariable(v, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        identifier(id, getCurrentPath(), declared, parts);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree ms, Void unused) {
        if (!memberSelect(ms, getCurrentPath(), parts)) {
          return super.visitMemberSelect(ms, unused);
        }
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree mr, Void unused) {
        return memberReference(mr, getCurrentPath(), parts) ? null : super.visitMemberReference(mr, unused);
      }

      @Override
      public Void visitNewClass(NewClassTree nc, Void unused) {
        newClass(nc, getCurrentPath());
        return super.visitNewClass(nc, unused);
      }

      @Override
      public Void visitClass(ClassTree c, Void unused) {
        cx.problem(c, Message.UNSUPPORTED_EXPRESSION, "classes declared inside lambdas",
            "Declare the class outside the @Differentiable method.");
        return null;
      }
    }.scan(path, null);
    if (cx.problems.size() > before) {
      return new Expr.Literal("0.0", Types.DOUBLE);
    }
    return lambda(tree, path, start, end, parts);
  }

  /** The text from {@code start} to {@code end} as a format, each part by its placeholder. */
  private Expr lambda(Tree tree, TreePath path, long start, long end, TreeMap<Long, Part> parts) {
    String text = cx.source.subSequence((int) start, (int) end).toString();
    StringBuilder format = new StringBuilder();
    List<Expr> captured = new ArrayList<>();
    List<TypeName> names = new ArrayList<>();
    for (Part p : parts.values()) {
      if (p.captured() != null) {
        captured.add(p.captured());
      } else {
        names.add(p.name());
      }
    }
    long at = start;
    int nextCaptured = 1;
    int nextName = captured.size() + 1;
    for (var e : parts.entrySet()) {
      format.append(escape(text.substring((int) (at - start), (int) (e.getKey() - start))));
      Part p = e.getValue();
      format.append(p.text().replace("@", p.captured() != null ? "$" + nextCaptured++ + "L" : "$" + nextName++ + "T"));
      at = p.end();
    }
    format.append(escape(text.substring((int) (at - start))));
    TypeMirror t = cx.trees.getTypeMirror(path);
    TypeName type =
        t instanceof javax.lang.model.type.DeclaredType ? cx.typeName(t) : ClassName.OBJECT;
    return cx.origin(new Expr.Lambda(format.toString(), captured, names, type), tree);
  }

  private static String escape(String s) {
    return s.replace("$", "$$");
  }

  private void put(TreeMap<Long, Part> parts, Tree t, String text, Expr captured, TypeName name) {
    SourcePositions pos = cx.trees.getSourcePositions();
    parts.put(
        pos.getStartPosition(cx.unit, t),
        new Part(pos.getEndPosition(cx.unit, t), text, captured, name));
  }

  private void identifier(IdentifierTree id, TreePath path, Set<Element> declared, TreeMap<Long, Part> parts) {
    String name = id.getName().toString();
    Element e = cx.trees.getElement(path);
    if (name.equals("this")) {
      put(parts, id, "@", cx.thisRef(), null);
      return;
    }
    if (e == null || name.equals("super")) {
      cx.problem(id, Message.UNSUPPORTED_EXPRESSION, "super inside lambdas", "Use this.");
      return;
    }
    switch (e.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE -> {
        if (!declared.contains(e)) {
          if (isDoubleArray(e.asType()) && !onlyElementsRead(path, e.asType())) {
            cx.problem(id, Message.UNSUPPORTED_EXPRESSION,
                "lambdas that write into, or hand on, a double array of the method",
                "Write the loop out in the method, where the array's derivative is kept.");
          } else {
            put(parts, id, "@", cx.exprs.read(id, path.getParentPath()), null);
          }
        }
      }
      case FIELD, ENUM_CONSTANT ->
          put(parts, id, "@", cx.exprs.read(id, path.getParentPath()), null);
      case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> type(id, (TypeElement) e, parts);
      case METHOD -> method(id, (ExecutableElement) e, parts);
      default -> { } // packages, type variables: spelled alike in the generated class
    }
  }

  private void type(Tree at, TypeElement t, TreeMap<Long, Part> parts) {
    TypeElement hidden = privateClass(t.asType());
    if (hidden != null) {
      cx.problem(at, Message.INACCESSIBLE, "class " + hidden.getSimpleName(), cx.derivativesName.simpleName());
    } else if (isLocalOrAnonymous(t) || cx.usesLocalClass(t)) {
      cx.problem(at, Message.UNSUPPORTED_EXPRESSION, "local classes inside lambdas",
          "Declare the class outside the @Differentiable method.");
    } else {
      put(parts, at, "@", null, ClassName.get(t));
    }
  }

  /** {@code helper(a)} inside a lambda: qualified by its class, its copy's or the receiver. */
  private void method(IdentifierTree id, ExecutableElement m, TreeMap<Long, Part> parts) {
    String name = m.getSimpleName().toString();
    if (m.getModifiers().contains(Modifier.STATIC)) {
      if (!m.getModifiers().contains(Modifier.PRIVATE)) {
        put(parts, id, "@." + name, null, ClassName.get((TypeElement) m.getEnclosingElement()));
      } else if (cx.members.copyable(m)) {
        String copy = cx.members.copy(id, m);
        if (copy != null) {
          put(parts, id, "@." + escape(copy), null, cx.derivativesName);
        }
      } else {
        cx.members.unreachable(id, m, "not a static method of this file", "Make it package-private.");
      }
    } else if (!cx.memberOfThis(m)) {
      cx.members.enclosingMember(id, m);
    } else if (m.getModifiers().contains(Modifier.PRIVATE)) {
      cx.members.unreachable(id, m, "not static, so the generated class cannot call it",
          "Make it package-private.");
    } else {
      put(parts, id, "@." + name, cx.thisRef(), null);
    }
  }

  /** {@code Owner.CONSTANT}, {@code other.field}: private members read through the reader. */
  private boolean memberSelect(MemberSelectTree ms, TreePath path, TreeMap<Long, Part> parts) {
    Element e = cx.trees.getElement(path);
    if (e != null
        && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)
        && e.getModifiers().contains(Modifier.PRIVATE)) {
      put(parts, ms, "@", cx.exprs.read(ms, path.getParentPath()), null);
      return true;
    }
    if (e instanceof ExecutableElement m && m.getModifiers().contains(Modifier.PRIVATE)) {
      if (m.getModifiers().contains(Modifier.STATIC) && cx.members.copyable(m)) {
        String copy = cx.members.copy(ms, m);
        if (copy != null) {
          put(parts, ms, "@." + escape(copy), null, cx.derivativesName);
        }
      } else {
        cx.members.unreachable(ms, m, "not a static method of this file", "Make it package-private.");
      }
      return true;
    }
    return false;
  }

  /**
   * {@code Owner::helper}: a private static helper becomes its copy's reference; true if the
   * whole reference was replaced or reported.
   */
  private boolean memberReference(MemberReferenceTree mr, TreePath path, TreeMap<Long, Part> parts) {
    Element e = cx.trees.getElement(path);
    if (!(e instanceof ExecutableElement m) || !m.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    if (m.getModifiers().contains(Modifier.STATIC) && cx.members.copyable(m)) {
      String copy = cx.members.copy(mr, m);
      if (copy != null) {
        put(parts, mr, "@::" + escape(copy), null, cx.derivativesName); // the whole reference
      }
    } else {
      cx.members.unreachable(mr, m, "a private method the generated class cannot refer to",
          "Make it package-private.");
    }
    return true;
  }

  private void newClass(NewClassTree nc, TreePath path) {
    if (nc.getClassBody() != null) {
      cx.problem(nc, Message.UNSUPPORTED_EXPRESSION, "anonymous classes inside lambdas",
          "Use a lambda, or a class declared outside the method.");
      return;
    }
    Element c = cx.trees.getElement(path);
    if (c instanceof ExecutableElement k && k.getEnclosingElement() instanceof TypeElement created) {
      if (k.getModifiers().contains(Modifier.PRIVATE)) {
        cx.problem(nc, Message.INACCESSIBLE, "constructor of " + created.getSimpleName(),
            cx.derivativesName.simpleName());
      } else if (nc.getEnclosingExpression() != null
          || created.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
              && !created.getModifiers().contains(Modifier.STATIC)
              && created.getKind() == ElementKind.CLASS) {
        cx.problem(nc, Message.UNSUPPORTED_EXPRESSION, "inner classes of an enclosing instance inside lambdas",
            "Make the class a static nested class.");
      }
    }
  }

  private static boolean isDoubleArray(TypeMirror t) {
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((javax.lang.model.type.ArrayType) t).getComponentType();
      if (t.getKind() == TypeKind.DOUBLE) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the array variable at {@code path} is only read here: indexed down to a double that
   * is not assigned, or its {@code length}.
   */
  private static boolean onlyElementsRead(TreePath path, TypeMirror type) {
    int rank = 0;
    for (TypeMirror t = type; t.getKind() == TypeKind.ARRAY; t = ((javax.lang.model.type.ArrayType) t).getComponentType()) {
      rank++;
    }
    TreePath at = path;
    int depth = 0;
    while (at.getParentPath().getLeaf() instanceof ArrayAccessTree a && a.getExpression() == at.getLeaf()) {
      at = at.getParentPath();
      depth++;
    }
    Tree parent = at.getParentPath().getLeaf();
    if (parent instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("length")) {
      return true;
    }
    boolean written =
        parent instanceof AssignmentTree a && a.getVariable() == at.getLeaf()
            || parent instanceof CompoundAssignmentTree c && c.getVariable() == at.getLeaf()
            || parent instanceof UnaryTree u && u.getKind().name().contains("CREMENT");
    return depth == rank && !written;
  }
}
