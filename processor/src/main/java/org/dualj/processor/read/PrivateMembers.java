package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.tree.MethodTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.analysis.Shadowing;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.model.MethodCopy;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

import static org.dualj.processor.read.JavacTypes.*;

/**
 * Private members a method uses: static helpers differentiated in place, private static final
 * fields copied into the generated class, and one error at the declaration of any other.
 */
final class PrivateMembers {
  private final ReadContext cx;

  PrivateMembers(ReadContext cx) {
    this.cx = cx;
  }

  /**
   * A private static helper of the same class (same compilation) that a {@code @Differentiable}
   * method calls: it is differentiated as if annotated, its derivatives generated into its class's
   * {@code …Derivatives}, since the generated class can call neither it nor a copy of it.
   */
  boolean isImplicitHelper(ExecutableElement m) {
    if (!isImplicitCandidate(m) || m.getReturnType().getKind() == TypeKind.ERROR) {
      return false;
    }
    TypeName returns = TypeName.get(m.getReturnType());
    return Types.isResult(returns) || (TypeName.VOID.equals(returns) && writesDoubleArrays(m));
  }

  /**
   * A void helper with a {@code double[]} parameter whose source writes array elements or hands
   * arrays on ({@code axpy(a, x, y)}, an ODE right-hand side filling {@code dydt}): its outputs
   * are what it writes, so it is differentiated, not copied.
   */
  private boolean writesDoubleArrays(ExecutableElement m) {
    return m.getParameters().stream().anyMatch(p -> Types.DOUBLE_ARRAY.equals(TypeName.get(p.asType())))
        && new CallWrites(cx.trees, null).writesArrayElements(m);
  }

  /** A private static method with a body in this class's file, not annotated, not generic. */
  boolean isImplicitCandidate(ExecutableElement m) {
    return copyable(m) && !isDifferentiable(m);
  }

  /** A private static method with a body in this class's file, not generic: it can be copied. */
  boolean copyable(ExecutableElement m) {
    return m.getKind() == ElementKind.METHOD
        && m.getModifiers().contains(Modifier.PRIVATE)
        && m.getModifiers().contains(Modifier.STATIC)
        && !m.getModifiers().contains(Modifier.NATIVE)
        && m.getTypeParameters().isEmpty()
        && outermost(m).equals(outermost(cx.owner))
        && cx.trees.getTree(m) != null
        && cx.trees.getTree(m).getBody() != null;
  }

  static Element outermost(Element e) {
    Element top = e;
    for (Element up = e; up != null && !(up instanceof javax.lang.model.element.PackageElement);
        up = up.getEnclosingElement()) {
      top = up;
    }
    return top;
  }

  /**
   * A read of a private field: a copy of it in the generated class when it is static, final and
   * has an initializer the generated class can evaluate, and is never changed (an array whose
   * elements the class never writes); otherwise one error at the field's declaration.
   */
  Expr privateField(Tree at, VariableElement f, TypeName type) {
    String way = "Make it package-private";
    if (!f.getModifiers().contains(Modifier.STATIC)) {
      return unreachable(at, f, "an instance field", way + ", or pass its value as a parameter.");
    }
    if (!f.getModifiers().contains(Modifier.FINAL)) {
      return unreachable(
          at, f, "not final (the class may change it)",
          way + ", or make it final with an initializer of constants.");
    }
    TypeMirror t = f.asType();
    boolean scalar = t.getKind().isPrimitive() || ClassName.get(String.class).equals(TypeName.get(t));
    boolean matrix =
        t instanceof javax.lang.model.type.ArrayType a
            && a.getComponentType() instanceof javax.lang.model.type.ArrayType row
            && row.getComponentType().getKind().isPrimitive();
    boolean array =
        matrix
            || t instanceof javax.lang.model.type.ArrayType a && a.getComponentType().getKind().isPrimitive();
    TreePath declaration = cx.trees.getPath(f);
    if (!(scalar || array)
        || declaration == null
        || !(declaration.getLeaf() instanceof VariableTree v)
        || v.getInitializer() == null
        || !outermost(f).equals(outermost(cx.owner))) {
      return unreachable(
          at, f, "not a constant, a string or an array of numbers with an initializer",
          way + ".");
    }
    String name =
        f.getEnclosingElement().equals(cx.owner)
            ? f.getSimpleName().toString()
            : f.getEnclosingElement().getSimpleName() + "_" + f.getSimpleName();
    Expr copy = new Expr.FieldRead(null, cx.derivativesName, name, type);
    if (cx.copies.containsKey(name)) {
      return copy;
    }
    if (!cx.copying.add(f)) {
      return unreachable(at, f, "initialised from itself", way + ".");
    }
    try {
      if (array && !(matrix ? onlyReadMatrix(f) : onlyRead(f, new HashSet<>()))) {
        return unreachable(
            at, f,
            "an array the class may change (it assigns its elements, or passes it on where they"
                + " may be assigned)",
            way + ", or make the method work on a copy passed in as a parameter.");
      }
      int before = cx.problems.size();
      int unreachableBefore = cx.unreachable.size();
      Expr init = cx.exprs.read(v.getInitializer(), declaration);
      if (cx.problems.size() > before || !constantExpression(init)) {
        if (cx.unreachable.size() == unreachableBefore) {
          cx.problems.subList(before, cx.problems.size()).clear();
        }
        return unreachable(
            at, f,
            "its initializer is not made of literals, arithmetic, Math functions and other such"
                + " constants, which the generated class could evaluate",
            way + ".");
      }
      if (init instanceof Expr.ArrayInit ai && ai.type() == null) {
        init = new Expr.ArrayInit(ai.elementType(), ai.elements(), TypeName.get(t));
      }
      cx.copies.put(name, new FieldCopy(name, TypeName.get(t), init));
      return copy;
    } finally {
      cx.copying.remove(f);
    }
  }

  /**
   * True if {@code e} is made of literals, operators, casts, table functions, static fields, their
   * elements and lengths.
   */
  static boolean constantExpression(Expr e) {
    boolean here =
        e instanceof Expr.Literal
            || e instanceof Expr.Unary
            || e instanceof Expr.Binary
            || e instanceof Expr.Conditional
            || e instanceof Expr.Cast
            || e instanceof Expr.MathCall
            || e instanceof Expr.ArrayInit
            || e instanceof Expr.Length
            || e instanceof Expr.Index
            || (e instanceof Expr.FieldRead f && f.receiver() == null);
    if (!here) {
      return false;
    }
    for (Expr c : Exprs.children(e)) {
      if (!constantExpression(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if every use of array variable {@code var} in this file only reads it: element reads,
   * {@code .length}, {@code .clone()}, the array of an enhanced {@code for}, or an argument of a
   * method of this file whose parameter is itself only read.
   */
  boolean onlyRead(Element var, Set<Element> visited) {
    return everyUse(var, path -> {
      Tree use = path.getLeaf();
      TreePath up = path.getParentPath();
      Tree parent = up.getLeaf();
      Tree grand = up.getParentPath() == null ? null : up.getParentPath().getLeaf();
      if (parent instanceof ArrayAccessTree aa && aa.getExpression() == use) {
        return !assigns(grand, aa);
      } else if (parent instanceof MemberSelectTree ms && ms.getExpression() == use) {
        return ms.getIdentifier().contentEquals("length")
            || ms.getIdentifier().contentEquals("clone")
                && grand instanceof MethodInvocationTree call
                && call.getMethodSelect() == ms;
      } else if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == use) {
        return true;
      } else if (parent instanceof MethodInvocationTree call && call.getArguments().contains(use)) {
        Element callee = cx.trees.getElement(up);
        int i = call.getArguments().indexOf(use);
        TreePath calleePath = callee == null ? null : cx.trees.getPath(callee);
        return callee instanceof ExecutableElement m
            && calleePath != null
            && calleePath.getCompilationUnit() == cx.unit
            && i < m.getParameters().size()
            && !(m.isVarArgs() && i >= m.getParameters().size() - 1)
            && (!visited.add(m.getParameters().get(i))
                || onlyRead(m.getParameters().get(i), visited));
      }
      return false;
    });
  }

  /**
   * True if {@code ok} accepts every use of {@code var} in this file: every identifier or member
   * select that names it, given as its path.
   */
  private boolean everyUse(Element var, java.util.function.Predicate<TreePath> ok) {
    boolean[] all = {true};
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        check();
        return super.visitIdentifier(id, unused);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree ms, Void unused) {
        check();
        return super.visitMemberSelect(ms, unused);
      }

      void check() {
        if (all[0] && var.equals(cx.trees.getElement(getCurrentPath()))) {
          all[0] = ok.test(getCurrentPath());
        }
      }
    }.scan(new TreePath(cx.unit), null);
    return all[0];
  }

  /** True if {@code parent} assigns, compound-assigns, increments or decrements element {@code aa}. */
  private static boolean assigns(Tree parent, ArrayAccessTree aa) {
    return parent instanceof AssignmentTree a && a.getVariable() == aa
        || parent instanceof CompoundAssignmentTree c && c.getVariable() == aa
        || parent instanceof UnaryTree u
            && u.getExpression() == aa
            && u.getKind().name().contains("CREMENT");
  }

  /**
   * True if every use of the matrix {@code var} in this file only reads it: {@code var[i][j]} read,
   * {@code var.length}, {@code var[i].length}, and its rows given to a local ({@code double[] row =
   * var[i]}) or to an enhanced {@code for} whose variable is itself only read. Not a shallow
   * {@code clone()}, which would share the rows.
   */
  boolean onlyReadMatrix(Element var) {
    return everyUse(var, path -> {
      Tree use = path.getLeaf();
      TreePath up = path.getParentPath();
      Tree parent = up.getLeaf();
      if (parent instanceof MemberSelectTree ms && ms.getExpression() == use) {
        return ms.getIdentifier().contentEquals("length");
      } else if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == use) {
        Element row = cx.trees.getElement(new TreePath(up, loop.getVariable()));
        return row != null && onlyRead(row, new HashSet<>());
      } else if (parent instanceof ArrayAccessTree aa && aa.getExpression() == use) {
        return rowOnlyRead(up);
      }
      return false;
    });
  }

  /** A row {@code var[i]} at {@code rowPath}: its element read, its length, or a read-only local. */
  private boolean rowOnlyRead(TreePath rowPath) {
    Tree row = rowPath.getLeaf();
    TreePath up = rowPath.getParentPath();
    Tree parent = up.getLeaf();
    Tree grand = up.getParentPath() == null ? null : up.getParentPath().getLeaf();
    if (parent instanceof ArrayAccessTree aa && aa.getExpression() == row) {
      return !assigns(grand, aa);
    }
    if (parent instanceof MemberSelectTree ms && ms.getExpression() == row) {
      return ms.getIdentifier().contentEquals("length");
    }
    if (parent instanceof VariableTree v && v.getInitializer() == row) {
      Element local = cx.trees.getElement(up);
      return local != null && onlyRead(local, new HashSet<>());
    }
    return false;
  }

  /**
   * A call of private static helper {@code m} whose result needs no derivative: a call of its copy
   * in the generated class, made the first time it is called; a zero placeholder after an error
   * at the helper's declaration if its body cannot be copied.
   */
  Expr copiedCall(Tree at, ExecutableElement m, List<Expr> args, TypeName type) {
    String name = copy(at, m);
    return name == null
        ? new Expr.Literal("0.0", Types.DOUBLE)
        : new Expr.PlainCall(cx.derivativesName, null, name, args, type);
  }

  /** The name of {@code m}'s copy, read now unless it was (or is being) read; null on an error. */
  String copy(Tree at, ExecutableElement m) {
    if (cx.copyNames.containsKey(m)) {
      return cx.copyNames.get(m);
    }
    if (cx.unreachable.contains(m)) {
      return null;
    }
    String name = copyName(m);
    cx.copyNames.put(m, name); // before the body, which may call m again
    cx.copiedFrom
        .computeIfAbsent(cx.derivativesName.canonicalName() + "." + name, k -> new HashSet<>())
        .add(m);
    ReadContext h = new ReadContext(cx, m);
    TreePath path = cx.trees.getPath(m);
    MethodTree tree = (MethodTree) path.getLeaf();
    cx.trees.getElement(new TreePath(path, tree.getBody())); // attributes the class if needed
    List<MethodModel.Param> params = new ArrayList<>();
    for (VariableTree p : tree.getParameters()) {
      params.add(new MethodModel.Param(p.getName().toString(), h.typeOf(new TreePath(path, p)), false));
    }
    Stmt.Block body = (Stmt.Block) h.stmts.visit(tree.getBody(), path);
    Problem first = null;
    for (Problem p : h.problems) {
      if (p.message() != Message.INACCESSIBLE_MEMBER && first == null) {
        first = p;
      }
    }
    if (first == null) {
      cx.problems.addAll(h.problems); // private members it reads, each at its declaration
    }
    if (first != null || h.unnamedTypes || !ModelCalls.diffCalls(body).isEmpty()) {
      cx.copyNames.put(m, null);
      String what =
          first == null
              ? "a local or anonymous class"
              : first.message().format(first.args())
                  .replaceFirst("^\\[\\w+\\] ", "")
                  .replaceFirst(" in a @Differentiable method", "")
                  .split("\\. ", 2)[0];
      unreachable(
          at, m,
          "its body cannot be copied into the generated class as it is (line "
              + h.line(first == null ? tree : first.tree()) + ": " + what + ")",
          "Make it package-private, so that the generated code calls it, or rewrite that part.");
      return null;
    }
    Shadowing.Renamed renamed =
        Shadowing.rename(params, body, List.of(cx.ownerName, cx.derivativesName), h.origins);
    MethodCopy copy =
        new MethodCopy(
            name,
            m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName(),
            TypeName.get(m.getReturnType()),
            renamed.params(),
            m.isVarArgs(),
            m.getThrownTypes().stream().map(TypeName::get).toList(),
            MethodCopy.commented(renamed.body()));
    cx.methodCopies.putIfAbsent(copy.key(), copy);
    return name;
  }

  /**
   * The helper's name, under its class's name where it is not the generated class's own
   * ({@code Outer_check}), and with {@code $copy} added where a method of the class that gets
   * derivatives has a name it starts with: the generated methods of {@code f} are {@code f} and
   * {@code f} followed by a capitalised word ({@code fGradient}, {@code fTangent}, …), never
   * {@code f$copy}.
   */
  private String copyName(ExecutableElement m) {
    String name =
        m.getEnclosingElement().equals(cx.owner)
            ? m.getSimpleName().toString()
            : m.getEnclosingElement().getSimpleName() + "_" + m.getSimpleName();
    for (Element e : cx.owner.getEnclosedElements()) {
      if (e instanceof ExecutableElement other
          && (isDifferentiable(other) || isImplicitHelper(other))
          && name.startsWith(other.getSimpleName().toString())) {
        return name + "$copy";
      }
    }
    return name;
  }

  /**
   * A field or method of an enclosing instance, read from an inner class's method: the generated
   * class gets the inner object, whose outer object Java code outside the class cannot reach. One
   * error at the member's declaration.
   */
  Expr enclosingMember(Tree use, Element member) {
    String inner = cx.owner.getSimpleName().toString();
    return report(
        use, member, Message.ENCLOSING_MEMBER,
        inner,
        "Pass what " + cx.methodName + " needs of it as a parameter, or make " + inner
            + " a static nested class that is given what it needs.");
  }

  /**
   * A private member the generated class can neither use nor copy: one error at its declaration
   * (whatever the number of uses), saying why and what to do.
   */
  Expr unreachable(Tree use, Element member, String why, String way) {
    return report(use, member, Message.INACCESSIBLE_MEMBER, why, way);
  }

  /** One error at {@code member}'s declaration (at {@code use} if that is in another file). */
  private Expr report(Tree use, Element member, Message message, String why, String way) {
    if (cx.unreachable.add(member)) {
      Tree declaration = cx.trees.getTree(member);
      TreePath path = cx.trees.getPath(member);
      boolean here = declaration != null && path != null && path.getCompilationUnit() == cx.unit;
      String what =
          (member instanceof ExecutableElement ? "method " : "field ") + member.getSimpleName();
      cx.problems.add(
          Problem.of(
              here ? declaration : use,
              message,
              what,
              why,
              cx.derivativesName.simpleName(),
              cx.methodName,
              way));
    }
    return new Expr.Literal("0.0", Types.DOUBLE);
  }
}
