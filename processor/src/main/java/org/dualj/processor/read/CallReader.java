package org.dualj.processor.read;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Types;
import org.dualj.processor.read.MethodReader.Erroneous;
import org.dualj.processor.model.Elementary;

import static org.dualj.processor.read.JavacTypes.*;

/** Reads method invocations: table functions, tangent rules, differentiated and plain calls. */
final class CallReader {
  private final ReadContext cx;

  CallReader(ReadContext cx) {
    this.cx = cx;
  }

  /**
   * A call that does not resolve waits for a later round only if its receiver or an argument
   * has a type javac cannot resolve yet (a class another processor may generate); a wrong
   * argument type or an unknown method of a known class is javac's error now.
   */
  private boolean namesAnUnresolvedType(MethodInvocationTree tree, TreePath path) {
    List<TreePath> parts = new ArrayList<>();
    if (tree.getMethodSelect() instanceof MemberSelectTree ms) {
      parts.add(new TreePath(new TreePath(path, ms), ms.getExpression()));
    }
    for (ExpressionTree a : tree.getArguments()) {
      parts.add(new TreePath(path, a));
    }
    for (TreePath part : parts) {
      TypeMirror t = cx.trees.getTypeMirror(part);
      if (t == null || t.getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return false;
  }

  /** One call being read: its tree and path, the method it resolves to, its arguments and type. */
  private record Call(
      MethodInvocationTree tree,
      TreePath path,
      ExecutableElement m,
      String name,
      TypeElement calleeOwner,
      List<Expr> args,
      TypeName type) {}

  Expr read(MethodInvocationTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    Element el = cx.trees.getElement(path);
    if (!(el instanceof ExecutableElement m)) {
      throw new Erroneous(namesAnUnresolvedType(tree, path));
    }
    TypeName type = cx.typeOf(path);
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : tree.getArguments()) {
      args.add(cx.exprs.read(a, path));
    }
    Call c = new Call(
        tree, path, m, m.getSimpleName().toString(), (TypeElement) m.getEnclosingElement(), args, type);
    if (isLocalOrAnonymous(c.calleeOwner())) {
      int before = cx.problems.size();
      if (tree.getMethodSelect() instanceof MemberSelectTree ms) {
        cx.exprs.read(ms.getExpression(), new TreePath(path, ms)); // new Object() {...}.g(x)
      }
      return cx.problems.size() > before ? new Expr.Literal("0.0", Types.DOUBLE) : unnamedClass(tree);
    }
    Expr sinOrCos = sinCosRead(c);
    if (sinOrCos != null) {
      return sinOrCos;
    }
    Expr receiver = null;
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      if (tree.getMethodSelect() instanceof MemberSelectTree ms) {
        if (ms.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super")) {
          return superCall(c);
        }
        if (new SuperCalls(cx).isInterfaceSuper(ms.getExpression(), new TreePath(path, ms))) {
          return superCall(c); // Iface.super.g(x): a default method, dispatched statically too
        }
        receiver = cx.exprs.read(ms.getExpression(), new TreePath(path, tree.getMethodSelect()));
      } else if (!cx.memberOfThis(m)) {
        return cx.members.enclosingMember(tree, m);
      } else {
        receiver = cx.thisRef();
      }
    }
    return staticOrInstance(c, receiver);
  }

  /** A call after its receiver is read: a clone, a rule, a table function, or a method call. */
  private Expr staticOrInstance(Call c, Expr receiver) {
    ExecutableElement m = c.m();
    boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
    // double[].clone()
    if (c.name().equals("clone") && c.args().isEmpty() && receiver != null
        && (Types.DOUBLE_ARRAY.equals(receiver.type()) || Types.isMatrix(receiver.type()))) {
      return new Expr.ArrayClone(receiver, receiver.type()); // a double[][]'s clone is shallow
    }
    if (isStatic && cx.rules != null && !cx.copyMode) {
      // a user's tangent rule wins over the Math table and over a @Differentiable body
      CustomRules.Found found = cx.rules.lookup(m);
      if (found != null) {
        return ruleCall(c.tree(), c.path(), m, found, c.args(), c.type());
      }
    }
    String ownerQualified = c.calleeOwner().getQualifiedName().toString();
    if ((ownerQualified.equals("java.lang.Math") || ownerQualified.equals("java.lang.StrictMath")
            || Elementary.FAST_MATH_OWNERS.contains(ownerQualified))
        && isStatic) {
      var fn = Elementary.mathFunction(c.name(), c.args().size());
      ClassName owner = ClassName.get(c.calleeOwner());
      if (fn.isPresent()
          && doubleSignature(m, fn.get())
          && (!fn.get().fastMathOnly() || Elementary.FAST_MATH_OWNERS.contains(ownerQualified))) {
        return new Expr.MathCall(owner, fn.get(), c.args(), c.type());
      }
      return new Expr.PlainCall(owner, null, c.name(), c.args(), c.type());
    }
    if (receiver != null
        && !cx.copyMode
        && (m.getModifiers().contains(Modifier.ABSTRACT) || isDifferentiable(m))) {
      Expr dispatched = dispatched(c, receiver);
      if (dispatched != null) {
        return dispatched;
      }
    }
    return methodCall(c, receiver);
  }

  /**
   * {@code sc.sin()} of a sinCos local, or {@code FastMath.sinCos(u).sin()}: the table's
   * {@code FastMath.sin(u)}; null for any other call.
   */
  private Expr sinCosRead(Call c) {
    String name = c.name();
    if (c.calleeOwner().getQualifiedName().contentEquals(SinCosLocals.SIN_COS)
        && (name.equals("sin") || name.equals("cos"))
        && c.args().isEmpty()
        && c.tree().getMethodSelect() instanceof MemberSelectTree ms) {
      Elementary fn = name.equals("sin") ? Elementary.SIN : Elementary.COS;
      TreePath sp = new TreePath(c.path(), ms);
      Element r = cx.trees.getElement(new TreePath(sp, ms.getExpression()));
      if (ms.getExpression() instanceof IdentifierTree id && r != null && cx.sinCosLocals.containsKey(r)) {
        return new Expr.MathCall(
            cx.sinCosLocals.get(r), fn, List.of(new Expr.Var(id.getName().toString(), Types.DOUBLE)), Types.DOUBLE);
      }
      ClassName sinCos = cx.sinCos.sinCosOwner(ms.getExpression(), sp);
      if (sinCos != null) {
        return new Expr.MathCall(
            sinCos, fn, List.of(cx.sinCos.sinCosArgument(ms.getExpression(), sp)), Types.DOUBLE);
      }
    }
    return null;
  }

  /**
   * {@code super.g(x)}: Java dispatches statically, and so does the generated code, which calls
   * the derivative of g's body in its class (as it does for private callees).
   */
  private Expr superCall(Call c) {
    ExecutableElement m = c.m();
    if (!isDifferentiable(m) && new SuperCalls(cx).dispatchesToSuper(m)) {
      // the receiver's class is this class, which inherits m: a plain call runs the same body
      return new Expr.PlainCall(ClassName.get(c.calleeOwner()), cx.thisRef(), c.name(), c.args(), c.type());
    }
    if (!isDifferentiable(m) || (cx.rules != null && cx.rules.lookup(m) != null)) {
      return cx.problem(
          c.tree(),
          Message.UNSUPPORTED_EXPRESSION,
          "super calls of methods that are not @Differentiable",
          "Annotate " + c.calleeOwner().getSimpleName() + "." + c.name() + " with @Differentiable"
              + " (a super call then runs its derivative), or call a @Differentiable"
              + " method of this class instead.");
    }
    List<TypeName> paramTypes = paramTypes(m);
    return new Expr.DiffCall(
        ClassName.get(c.calleeOwner()),
        Names.derivativesOf(c.calleeOwner()),
        c.name(),
        cx.thisRef(),
        packVarArgs(c.tree(), c.path(), m, paramTypes, c.args()),
        paramTypes,
        Options.orDefault(m).activeParameters(m),
        true,
        c.type());
  }

  /** The parameter types of {@code m} as the model names them. */
  private List<TypeName> paramTypes(ExecutableElement m) {
    List<TypeName> paramTypes = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      paramTypes.add(cx.typeName(p.asType()));
    }
    return paramTypes;
  }

  /**
   * An abstract or differentiable method on a receiver whose implementation may be elsewhere:
   * the sealed dispatch chain, or an error for an interface method; null to read it on.
   */
  private Expr dispatched(Call c, Expr receiver) {
    ExecutableElement m = c.m();
    TypeMirror static_ = cx.receiverType(c.tree().getMethodSelect(), c.path());
    if (m.getModifiers().contains(Modifier.ABSTRACT)
        || cx.overriding.mayDispatchElsewhere(m, static_)) {
      Expr dispatched = sealedDispatch(c.tree(), c.path(), m, static_, receiver, c.args(), c.type());
      if (dispatched != null) {
        return dispatched;
      }
      if (isDifferentiable(m)
          && static_ instanceof javax.lang.model.type.DeclaredType dt
          && dt.asElement().getKind() == ElementKind.INTERFACE) {
        return cx.problem(
            c.tree(),
            Message.INTERFACE_CALL,
            c.calleeOwner().getSimpleName() + "." + c.name(),
            dt.asElement().getSimpleName(),
            dt.asElement().getSimpleName(),
            c.name());
      }
    }
    return null;
  }

  /** A call of a differentiated method (annotated, or a helper), or a plain call. */
  private Expr methodCall(Call c, Expr receiver) {
    ExecutableElement m = c.m();
    TypeElement calleeOwner = c.calleeOwner();
    // a copy is plain code: what it calls runs as written, without derivatives
    boolean helper = !cx.copyMode && cx.members.isImplicitHelper(m);
    if (helper && !cx.helpers.contains(m)) {
      cx.helpers.add(m);
    }
    if (!cx.copyMode && (isDifferentiable(m) || helper)) {
      if (receiver != null
          && cx.overriding.mayDispatchElsewhere(m, cx.receiverType(c.tree().getMethodSelect(), c.path()))) {
        return cx.problem(
            c.tree(),
            Message.OVERRIDABLE,
            calleeOwner.getSimpleName() + "." + c.name(),
            calleeOwner.getSimpleName(),
            c.name());
      }
      List<TypeName> paramTypes = paramTypes(m);
      return new Expr.DiffCall(
          ClassName.get(calleeOwner),
          Names.derivativesOf(calleeOwner),
          c.name(),
          receiver,
          packVarArgs(c.tree(), c.path(), m, paramTypes, c.args()),
          paramTypes,
          Options.orDefault(m).activeParameters(m),
          m.getModifiers().contains(Modifier.PRIVATE),
          c.type());
    }
    if (cx.isPrivateElsewhere(m)) {
      return privateCall(c);
    }
    return new Expr.PlainCall(ClassName.get(calleeOwner), receiver, c.name(), c.args(), c.type());
  }

  /**
   * A private method that is neither annotated nor differentiated in place: a call of its copy in
   * the generated class if it is a static method of this file, else one error at its declaration.
   */
  private Expr privateCall(Call c) {
    ExecutableElement m = c.m();
    if (cx.members.copyable(m)) {
      return cx.members.copiedCall(c.tree(), m, c.args(), c.type());
    }
    String why;
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      why = "not static, so the generated class cannot call it or differentiate it in its place";
    } else if (!m.getTypeParameters().isEmpty()) {
      why = "generic, and dualj does not differentiate generic methods in place";
    } else {
      why = "its body is not in this file";
    }
    return cx.members.unreachable(
        c.tree(),
        m,
        why,
        "Make it package-private (or static, to have it differentiated or copied in place).");
  }

  /**
   * {@code shape.area(r)} on a receiver whose static type is sealed, every implementation final
   * and known, each with a {@code @Differentiable} body for the method (its own or one it
   * inherits): the call becomes a chain {@code shape instanceof Circle ? ((Circle) shape).area(r)
   * : …}, each branch a call of that implementation's derivative, so that the derivative is
   * always that of the body Java dispatches to (the last branch checks for null, as the call
   * would). Null where that does not apply: the receiver is not a local or a field, the type is
   * not sealed, or an implementation is open, generic or not differentiable.
   */
  private Expr sealedDispatch(
      MethodInvocationTree tree,
      TreePath path,
      ExecutableElement m,
      TypeMirror static_,
      Expr receiver,
      List<Expr> args,
      TypeName type) {
    if (!(static_ instanceof javax.lang.model.type.DeclaredType d)
        || !(d.asElement() instanceof TypeElement top)
        || !top.getModifiers().contains(Modifier.SEALED)
        || !(receiver instanceof Expr.Var
            || receiver instanceof Expr.FieldRead f
                && (f.receiver() == null || f.receiver() instanceof Expr.Var))) {
      return null;
    }
    List<TypeElement> leaves = new ArrayList<>();
    if (!finalLeaves(top, leaves, 0) || leaves.isEmpty()) {
      return null;
    }
    List<ExecutableElement> impls = new ArrayList<>();
    for (TypeElement leaf : leaves) {
      ExecutableElement impl = implementation(leaf, m);
      if (impl == null
          || !isDifferentiable(impl)
          || !leaf.getTypeParameters().isEmpty()
          || !((TypeElement) impl.getEnclosingElement()).getTypeParameters().isEmpty()) {
        return null;
      }
      impls.add(impl);
    }
    Expr chain = null;
    for (int i = leaves.size() - 1; i >= 0; i--) {
      TypeElement leaf = leaves.get(i);
      ExecutableElement impl = impls.get(i);
      ClassName leafName = ClassName.get(leaf);
      boolean last = i == leaves.size() - 1;
      Expr self =
          last
              ? new Expr.PlainCall(
                  ClassName.get(java.util.Objects.class),
                  null,
                  "requireNonNull",
                  List.of(receiver),
                  TypeName.get(static_))
              : receiver;
      TypeElement implOwner = (TypeElement) impl.getEnclosingElement();
      List<TypeName> paramTypes = new ArrayList<>();
      for (VariableElement p : impl.getParameters()) {
        paramTypes.add(cx.typeName(p.asType()));
      }
      Expr call =
          cx.origin(
              new Expr.DiffCall(
                  ClassName.get(implOwner),
                  Names.derivativesOf(implOwner),
                  impl.getSimpleName().toString(),
                  new Expr.Cast(leafName, self),
                  packVarArgs(tree, path, impl, paramTypes, args),
                  paramTypes,
                  Options.orDefault(impl).activeParameters(impl),
                  false,
                  type),
              tree);
      chain =
          chain == null
              ? call
              : new Expr.Conditional(
                  new Expr.Binary(
                      "instanceof", receiver, new Expr.Literal("", leafName),
                      Types.BOOLEAN),
                  call,
                  chain,
                  type);
    }
    return chain;
  }

  /** The final classes and records below sealed {@code type}; false if one is open. */
  private boolean finalLeaves(TypeElement type, List<TypeElement> out, int depth) {
    if (depth > 64) {
      return false;
    }
    for (TypeMirror p : type.getPermittedSubclasses()) {
      if (!(cx.types.asElement(p) instanceof TypeElement sub) || sub.getKind() == ElementKind.ENUM) {
        return false;
      }
      if (sub.getModifiers().contains(Modifier.FINAL) || sub.getKind() == ElementKind.RECORD) {
        if (!out.contains(sub)) {
          out.add(sub);
        }
      } else if (!sub.getModifiers().contains(Modifier.SEALED) || !finalLeaves(sub, out, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The body of {@code m} that Java runs for a receiver of final class {@code leaf}: a method of
   * the same name and erased parameter types declared in it or a superclass, else a default
   * method of an interface it implements; null if none is found.
   */
  private ExecutableElement implementation(TypeElement leaf, ExecutableElement m) {
    for (TypeElement c = leaf; c != null; ) {
      ExecutableElement found = declared(c, m, false);
      if (found != null) {
        return found;
      }
      TypeMirror sup = c.getSuperclass();
      c = sup instanceof javax.lang.model.type.DeclaredType dt ? (TypeElement) dt.asElement() : null;
    }
    java.util.ArrayDeque<TypeElement> queue = new java.util.ArrayDeque<>();
    for (TypeElement c = leaf; c != null; ) {
      for (TypeMirror i : c.getInterfaces()) {
        queue.add((TypeElement) cx.types.asElement(i));
      }
      TypeMirror sup = c.getSuperclass();
      c = sup instanceof javax.lang.model.type.DeclaredType dt ? (TypeElement) dt.asElement() : null;
    }
    Set<TypeElement> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      TypeElement i = queue.poll();
      if (!seen.add(i)) {
        continue;
      }
      ExecutableElement found = declared(i, m, true);
      if (found != null) {
        return found;
      }
      for (TypeMirror sup : i.getInterfaces()) {
        queue.add((TypeElement) cx.types.asElement(sup));
      }
    }
    return null;
  }

  /** A non-abstract method of {@code type} with {@code m}'s name and erased parameter types. */
  private ExecutableElement declared(TypeElement type, ExecutableElement m, boolean defaults) {
    for (Element e : type.getEnclosedElements()) {
      if (e instanceof ExecutableElement other
          && e.getKind() == ElementKind.METHOD
          && other.getSimpleName().contentEquals(m.getSimpleName())
          && other.getParameters().size() == m.getParameters().size()
          && !other.getModifiers().contains(Modifier.ABSTRACT)
          && !other.getModifiers().contains(Modifier.STATIC)
          && (!defaults || other.getModifiers().contains(Modifier.DEFAULT))) {
        boolean same = true;
        for (int i = 0; i < m.getParameters().size() && same; i++) {
          same =
              cx.types.isSameType(
                  cx.types.erasure(other.getParameters().get(i).asType()),
                  cx.types.erasure(m.getParameters().get(i).asType()));
        }
        if (same) {
          return other;
        }
      }
    }
    return null;
  }

  /** {@code g(x, 2 * x)} for {@code g(double... xs)}: the generated code passes the array. */
  private List<Expr> packVarArgs(
      MethodInvocationTree tree,
      TreePath path,
      ExecutableElement m,
      List<TypeName> paramTypes,
      List<Expr> args) {
    if (!m.isVarArgs() || !isVariableArityCall(tree, path, m)) {
      return args;
    }
    int fixed = m.getParameters().size() - 1;
    TypeName arrayType = paramTypes.get(fixed);
    List<Expr> packed = new ArrayList<>(args.subList(0, fixed));
    packed.add(
        new Expr.ArrayInit(
            ((ArrayTypeName) arrayType).componentType(),
            List.copyOf(args.subList(fixed, args.size())),
            arrayType));
    return packed;
  }

  private Expr ruleCall(
      MethodInvocationTree tree,
      TreePath path,
      ExecutableElement m,
      CustomRules.Found found,
      List<Expr> args,
      TypeName type) {
    List<TypeName> paramTypes = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      paramTypes.add(cx.typeName(p.asType()));
    }
    return cx.checkRuleCall(
        tree, m, found, packVarArgs(tree, path, m, paramTypes, args), paramTypes, type);
  }

  /** True when a varargs method is called with its variable arguments listed, not as an array. */
  private boolean isVariableArityCall(
      MethodInvocationTree tree, TreePath path, ExecutableElement m) {
    int n = m.getParameters().size();
    if (tree.getArguments().size() != n) {
      return true;
    }
    TypeMirror last =
        cx.trees.getTypeMirror(new TreePath(path, tree.getArguments().get(n - 1)));
    return last == null
        || !cx.types.isAssignable(last, m.getParameters().get(n - 1).asType());
  }

  private boolean doubleSignature(ExecutableElement m, Elementary fn) {
    if (m.getReturnType().getKind() != TypeKind.DOUBLE) {
      return false;
    }
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      TypeKind k = ps.get(i).asType().getKind();
      boolean intAllowed = fn == Elementary.SCALB && i == 1;
      // FastMath.pow(double, int) and pow(double, long): the exponent is never active
      boolean integerExponent =
          fn == Elementary.POW && i == 1 && (k == TypeKind.INT || k == TypeKind.LONG);
      if (k != TypeKind.DOUBLE && !(intAllowed && k == TypeKind.INT) && !integerExponent) {
        return false;
      }
    }
    return true;
  }
}
