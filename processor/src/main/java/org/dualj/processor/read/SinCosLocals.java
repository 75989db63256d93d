package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Elementary;

import static org.dualj.processor.read.JavacTypes.*;

/**
 * Locals {@code SinCos sc = FastMath.sinCos(u)} read only as {@code sc.sin()} and {@code sc.cos()}.
 */
final class SinCosLocals {
  private final ReadContext cx;

  SinCosLocals(ReadContext cx) {
    this.cx = cx;
  }

  static final String SIN_COS = "org.hipparchus.util.SinCos";

  /** The FastMath class of {@code tree} when it is a call {@code FastMath.sinCos(double)}, else null. */
  ClassName sinCosOwner(ExpressionTree tree, TreePath parent) {
    if (!(tree instanceof MethodInvocationTree)) {
      return null;
    }
    Element e = cx.trees.getElement(new TreePath(parent, tree));
    if (e instanceof ExecutableElement m
        && m.getSimpleName().contentEquals("sinCos")
        && m.getModifiers().contains(Modifier.STATIC)
        && m.getParameters().size() == 1
        && m.getParameters().get(0).asType().getKind() == TypeKind.DOUBLE
        && m.getReturnType() instanceof javax.lang.model.type.DeclaredType rt
        && ((TypeElement) rt.asElement()).getQualifiedName().contentEquals(SIN_COS)
        && Elementary.FAST_MATH_OWNERS.contains(
            ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString())) {
      return ClassName.get((TypeElement) m.getEnclosingElement());
    }
    return null;
  }

  /** The argument u of a call {@code FastMath.sinCos(u)}. */
  Expr sinCosArgument(ExpressionTree call, TreePath parent) {
    MethodInvocationTree c = (MethodInvocationTree) call;
    return cx.exprs.read(c.getArguments().get(0), new TreePath(parent, c));
  }

  /**
   * True when every use of the local {@code v} in the method is {@code v.sin()}, {@code v.cos()}
   * or an assignment {@code v = FastMath.sinCos(u)} of the same FastMath class.
   */
  boolean onlySinAndCosRead(Element v, TreePath declaration, ClassName owner) {
    TreePath method = declaration;
    while (method != null && !(method.getLeaf() instanceof MethodTree)) {
      method = method.getParentPath();
    }
    if (method == null) {
      return false;
    }
    boolean[] ok = {true};
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        if (v.equals(cx.trees.getElement(getCurrentPath()))) {
          TreePath up = getCurrentPath().getParentPath();
          Tree parent = up.getLeaf();
          boolean read =
              parent instanceof MemberSelectTree ms
                  && (ms.getIdentifier().contentEquals("sin") || ms.getIdentifier().contentEquals("cos"))
                  && up.getParentPath().getLeaf() instanceof MethodInvocationTree call
                  && call.getMethodSelect() == ms
                  && call.getArguments().isEmpty();
          boolean written =
              parent instanceof AssignmentTree a
                  && a.getVariable() == id
                  && up.getParentPath().getLeaf() instanceof ExpressionStatementTree
                  && owner.equals(sinCosOwner(a.getExpression(), up));
          ok[0] &= read || written;
        }
        return super.visitIdentifier(id, unused);
      }
    }.scan(method, null);
    return ok[0];
  }
}
