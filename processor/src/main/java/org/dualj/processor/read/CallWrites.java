package org.dualj.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import org.dualj.processor.analysis.JdkWrites;
import org.dualj.processor.model.Expr;

/**
 * Whether a call of a method without a derivative may write into an array argument.
 *
 * <p>The JDK's writing methods are listed ({@code System.arraycopy} into its third argument,
 * {@code Arrays.fill}, {@code sort}, {@code setAll}, {@code parallelPrefix} into their first); other
 * JDK methods read only. A method whose source is in this compilation is read: it may write an array
 * parameter if its body writes any array element or passes any array on to another call. A library
 * method from a class file cannot be read and is taken to read only.
 */
public final class CallWrites {
  private final Trees trees;
  private final Elements elements;
  /** Whether a method may write (or keep) arrays of a leaf type, by method, kind and leaf. */
  private final Map<Scan, Boolean> scans = new HashMap<>();

  private record Scan(ExecutableElement method, boolean keeps, String leaf) {}
  private final Map<ExecutableElement, Boolean> pureMethods = new HashMap<>();

  /** The helpers behind copies in generated classes, under {@code <generated class>.<name>}. */
  private final Map<String, Set<ExecutableElement>> copiedFrom;

  public CallWrites(Trees trees, Elements elements) {
    this(trees, elements, Map.of());
  }

  public CallWrites(
      Trees trees, Elements elements, Map<String, Set<ExecutableElement>> copiedFrom) {
    this.trees = trees;
    this.elements = elements;
    this.copiedFrom = copiedFrom;
  }

  /**
   * The methods a call may run: the methods of the owner's class with the call's name, or, for a
   * call of a copy in a generated class, the helper it was copied from.
   */
  private List<? extends Element> candidates(Expr.PlainCall call) {
    Set<ExecutableElement> helpers = copiedFrom.get(call.owner().canonicalName() + "." + call.name());
    if (helpers != null) {
      return List.copyOf(helpers);
    }
    TypeElement type = elements.getTypeElement(call.owner().canonicalName());
    if (type == null) {
      return null;
    }
    return type.getEnclosedElements().stream()
        .filter(e -> e.getSimpleName().contentEquals(call.name()))
        .toList();
  }

  /** True if the call may write into its argument {@code i}. */
  public boolean writes(Expr.PlainCall call, int i) {
    String owner = call.owner().canonicalName();
    Boolean jdk = JdkWrites.writes(owner, call.name(), i);
    if (jdk != null) {
      return jdk;
    }
    List<? extends Element> candidates = candidates(call);
    if (candidates == null) {
      return true;
    }
    for (Element e : candidates) {
      if (e instanceof ExecutableElement m
          && m.getSimpleName().contentEquals(call.name())
          && (m.getParameters().size() == call.args().size() || m.isVarArgs())
          && parameterIsArray(m, i)
          && writesArrays(m, parameterLeaf(m, i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the call surely only reads its array argument {@code i}: every method it may run has
   * its source in this compilation (or is a copy of such a helper), and none writes an array
   * element or hands an array on. False for library methods, whose bodies are not known.
   */
  public boolean readsOnly(Expr.PlainCall call, int i) {
    return everyCandidateReadsOnly(call, i, false);
  }

  /**
   * {@link #readsOnly(Expr.PlainCall, int)}, and no method the call may run keeps an array where
   * code that is not given it could write it later (a field, a constructed object, its result):
   * what reverse mode needs to leave the elements' records to the calls it sees.
   */
  public boolean readsWithoutKeeping(Expr.PlainCall call, int i) {
    return everyCandidateReadsOnly(call, i, true);
  }

  private boolean everyCandidateReadsOnly(Expr.PlainCall call, int i, boolean keeping) {
    if (call.receiver() != null) {
      return false; // an instance method may be overridden by a body that writes
    }
    List<? extends Element> candidates = candidates(call);
    if (candidates == null || candidates.isEmpty()) {
      return false;
    }
    for (Element e : candidates) {
      if (!(e instanceof ExecutableElement m)
          || trees.getTree(m) == null
          || trees.getTree(m).getBody() == null
          || (parameterIsArray(m, i)
              && (keeping ? mayKeepArrays(m, parameterLeaf(m, i)) : writesArrays(m, parameterLeaf(m, i))))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if a call of a differentiated method surely only reads its array argument {@code i}:
   * every method of the owner with the call's name has its source in this compilation, and none
   * that takes an array there writes an array element or hands an array on.
   */
  public boolean readsOnly(Expr.DiffCall call, int i) {
    TypeElement type = elements.getTypeElement(call.owner().canonicalName());
    if (type == null) {
      return false;
    }
    boolean any = false;
    for (Element e : type.getEnclosedElements()) {
      if (!e.getSimpleName().contentEquals(call.name())) {
        continue;
      }
      if (!(e instanceof ExecutableElement m)
          || trees.getTree(m) == null
          || trees.getTree(m).getBody() == null
          || (parameterIsArray(m, i) && writesArrays(m, parameterLeaf(m, i)))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /**
   * True if the called method's source is in this compilation and has no effects a second run
   * would repeat: it assigns no field and no array element, creates objects only to throw them,
   * and calls only methods of the same kind or of {@code java.lang}'s value classes and
   * {@code Math}. Methods from class files are not known to be pure.
   */
  public Boolean pure(Expr.PlainCall call) {
    List<? extends Element> candidates = candidates(call);
    if (candidates == null) {
      return null;
    }
    boolean source = false;
    for (Element e : candidates) {
      if (e instanceof ExecutableElement m && m.getSimpleName().contentEquals(call.name())) {
        boolean readable = trees.getTree(m) != null || isRecordAccessor(m);
        source |= readable;
        if (readable && !pure(m, new java.util.HashSet<>())) {
          return false;
        }
      }
    }
    return source ? Boolean.TRUE : null;
  }

  /**
   * True if a method the call may run has its source here and may keep a value in a field where
   * later code reads it: it assigns a field that is not an integer or a boolean (a counter keeps no
   * value), or hands values to a method of an object held in a field ({@code history.add(v)}), or
   * calls a method of this compilation that does.
   */
  public boolean storesInFields(Expr.PlainCall call) {
    List<? extends Element> candidates = candidates(call);
    if (candidates == null) {
      return false;
    }
    for (Element e : candidates) {
      if (e instanceof ExecutableElement m
          && m.getSimpleName().contentEquals(call.name())
          && stores(m, new java.util.HashSet<>())) {
        return true;
      }
    }
    return false;
  }

  /** Field types that keep no value of the inputs: counters and flags. */
  private static final Set<TypeKind> COUNTERS =
      Set.of(TypeKind.BOOLEAN, TypeKind.BYTE, TypeKind.SHORT, TypeKind.INT, TypeKind.LONG, TypeKind.CHAR);

  /** Objects in fields that values are written out to, not kept in: strings, streams, loggers. */
  private static final List<String> OUTPUTS =
      List.of("java.lang.String", "java.io.", "java.util.logging.", "org.slf4j.", "org.apache.logging.",
          "java.lang.System.Logger");

  private boolean stores(ExecutableElement m, Set<ExecutableElement> seen) {
    MethodTree tree = trees.getTree(m);
    if (!seen.add(m) || tree == null || tree.getBody() == null) {
      return false;
    }
    var path = trees.getPath(m);
    trees.getElement(new com.sun.source.util.TreePath(path, tree.getBody()));
    boolean[] found = {false};
    new WriteScanner() {
      @Override
      void written(com.sun.source.util.TreePath variable) {
        Element e = trees.getElement(variable);
        found[0] |= e != null
            && e.getKind() == javax.lang.model.element.ElementKind.FIELD
            && !COUNTERS.contains(e.asType().getKind());
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        if (!t.getArguments().isEmpty()
            && t.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree ms) {
          var receiver = new com.sun.source.util.TreePath(
              new com.sun.source.util.TreePath(getCurrentPath(), ms), ms.getExpression());
          Element r = trees.getElement(receiver);
          found[0] |= r != null
              && r.getKind() == javax.lang.model.element.ElementKind.FIELD
              && r.asType().getKind() == TypeKind.DECLARED
              && !OUTPUTS.stream().anyMatch(r.asType().toString()::startsWith);
        }
        if (trees.getElement(getCurrentPath()) instanceof ExecutableElement c) {
          found[0] |= stores(c, seen);
        }
        return super.visitMethodInvocation(t, v);
      }
    }.scan(path, null);
    return found[0];
  }

  private static boolean isRecordAccessor(ExecutableElement m) {
    return m.getEnclosingElement().getKind() == javax.lang.model.element.ElementKind.RECORD
        && m.getParameters().isEmpty()
        && m.getEnclosingElement().getEnclosedElements().stream()
            .anyMatch(c -> c.getKind() == javax.lang.model.element.ElementKind.RECORD_COMPONENT
                && c.getSimpleName().contentEquals(m.getSimpleName()));
  }

  private static final Set<String> PURE_JDK =
      Set.of(
          "java.lang.Math", "java.lang.StrictMath", "java.lang.Double", "java.lang.Float",
          "java.lang.Integer", "java.lang.Long", "java.lang.String", "java.lang.Character",
          "java.lang.Boolean", "java.util.Objects", "java.lang.StringBuilder");

  private boolean pure(ExecutableElement m, Set<ExecutableElement> seen) {
    if (!seen.add(m)) {
      return true; // recursion: judged by the rest of the body
    }
    Boolean known = pureMethods.get(m);
    if (known != null) {
      return known;
    }
    if (isRecordAccessor(m) && (trees.getTree(m) == null || trees.getTree(m).getBody() == null)) {
      return true; // a record's implicit accessor
    }
    MethodTree tree = trees.getTree(m);
    if (tree == null || tree.getBody() == null) {
      return false;
    }
    var path = trees.getPath(m);
    trees.getElement(new com.sun.source.util.TreePath(path, tree.getBody()));
    boolean[] ok = {true};
    new WriteScanner() {
      @Override
      void written(com.sun.source.util.TreePath variable) {
        ok[0] &= isLocal(variable);
      }

      @Override
      public Void visitNewClass(com.sun.source.tree.NewClassTree t, Void v) {
        ok[0] &= getCurrentPath().getParentPath().getLeaf() instanceof com.sun.source.tree.ThrowTree;
        return super.visitNewClass(t, v);
      }

      @Override
      public Void visitSynchronized(com.sun.source.tree.SynchronizedTree t, Void v) {
        ok[0] = false;
        return super.visitSynchronized(t, v);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        Element callee = trees.getElement(getCurrentPath());
        if (!(callee instanceof ExecutableElement c)) {
          ok[0] = false;
        } else {
          String owner = ((TypeElement) c.getEnclosingElement()).getQualifiedName().toString();
          ok[0] &= PURE_JDK.contains(owner) || pure(c, seen);
        }
        return super.visitMethodInvocation(t, v);
      }
    }.scan(path, null);
    pureMethods.put(m, ok[0]);
    return ok[0];
  }

  /** True if the assigned variable is a local or a parameter (not a field, not an element). */
  private boolean isLocal(com.sun.source.util.TreePath variable) {
    Tree leaf = variable.getLeaf();
    while (leaf instanceof ParenthesizedTree p) {
      variable = new com.sun.source.util.TreePath(variable, p.getExpression());
      leaf = p.getExpression();
    }
    if (leaf instanceof ArrayAccessTree a) {
      // an element of an array the method was given or made: its writes are checked as writes
      return isLocal(new com.sun.source.util.TreePath(variable, a.getExpression()));
    }
    Element e = trees.getElement(variable);
    return e != null
        && (e.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE
            || e.getKind() == javax.lang.model.element.ElementKind.PARAMETER
            || e.getKind() == javax.lang.model.element.ElementKind.RESOURCE_VARIABLE
            || e.getKind() == javax.lang.model.element.ElementKind.EXCEPTION_PARAMETER);
  }

  private static boolean parameterIsArray(ExecutableElement m, int i) {
    int last = m.getParameters().size() - 1;
    if (last < 0) {
      return false;
    }
    return m.getParameters().get(Math.min(i, last)).asType().getKind() == TypeKind.ARRAY;
  }

  /** True if the method's source is here and may write an array element or pass an array on. */
  public boolean writesArrayElements(ExecutableElement m) {
    return writesArrays(m, null);
  }

  /**
   * True if the method's source is here and may write an element of an array that may share
   * storage with an array of leaf type {@code leaf} (null: any), or pass such an array on. Arrays
   * of different primitive leaves never share storage: an argsort writing an {@code int[]} of
   * indices leaves the {@code double[]} it sorts by as it was.
   */
  private boolean writesArrays(ExecutableElement m, String leaf) {
    return scans.computeIfAbsent(new Scan(m, false, leaf), x -> scan(x.method(), false, leaf));
  }

  /**
   * {@link #writesArrays}, or hands an array on in any other way: to a constructor, into a field,
   * as its result (code that does not take the array as an argument may then write it later).
   */
  private boolean mayKeepArrays(ExecutableElement m, String leaf) {
    return scans.computeIfAbsent(new Scan(m, true, leaf), x -> scan(x.method(), true, leaf));
  }

  /** The primitive leaf of parameter {@code i}'s array type ("DOUBLE" for double[][]), or "object". */
  private static String parameterLeaf(ExecutableElement m, int i) {
    int last = m.getParameters().size() - 1;
    return leaf(m.getParameters().get(Math.min(i, last)).asType());
  }

  private static String leaf(javax.lang.model.type.TypeMirror t) {
    if (t == null) {
      return null;
    }
    while (t instanceof javax.lang.model.type.ArrayType a) {
      t = a.getComponentType();
    }
    return t.getKind().isPrimitive() ? t.getKind().name() : "object";
  }

  /** Whether arrays of these leaves may share storage (null: unknown, so they may). */
  private static boolean mayShare(String a, String b) {
    return a == null || b == null || a.equals(b) || a.equals("object") || b.equals("object");
  }

  private boolean scan(ExecutableElement m, boolean keeps, String leaf) {
    MethodTree tree = trees.getTree(m);
    if (tree == null || tree.getBody() == null) {
      return false;
    }
    var path = trees.getPath(m);
    // attributes the method's class if javac has not yet done so, giving the trees their types
    trees.getElement(new com.sun.source.util.TreePath(path, tree.getBody()));
    boolean[] found = {false};
    new WriteScanner() {
      @Override
      void written(com.sun.source.util.TreePath variable) {
        Tree t = variable.getLeaf();
        while (t instanceof ParenthesizedTree p) {
          t = p.getExpression();
        }
        found[0] |= t instanceof ArrayAccessTree access
            && mayShare(leaf, leaf(trees.getTypeMirror(new com.sun.source.util.TreePath(variable, access.getExpression()))));
      }

      private boolean isArray(ExpressionTree e) {
        var type = trees.getTypeMirror(new com.sun.source.util.TreePath(getCurrentPath(), e));
        return type == null || (type.getKind() == TypeKind.ARRAY && mayShare(leaf, leaf(type)));
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        for (ExpressionTree a : t.getArguments()) {
          found[0] |= isArray(a);
        }
        return super.visitMethodInvocation(t, v);
      }

      // an array handed to a constructor, kept in a variable that outlives the call or returned
      // may be written later by code that does not take it as an argument
      @Override
      public Void visitNewClass(NewClassTree t, Void v) {
        for (ExpressionTree a : t.getArguments()) {
          found[0] |= keeps && isArray(a);
        }
        return super.visitNewClass(t, v);
      }

      @Override
      public Void visitAssignment(AssignmentTree t, Void v) {
        found[0] |= keeps && isArray(t.getExpression())
            && !isLocal(new com.sun.source.util.TreePath(getCurrentPath(), t.getVariable()));
        return super.visitAssignment(t, v);
      }

      @Override
      public Void visitReturn(ReturnTree t, Void v) {
        found[0] |= keeps && t.getExpression() != null && isArray(t.getExpression());
        return super.visitReturn(t, v);
      }
    }.scan(path, null);
    return found[0];
  }

  /** Hands {@link #written} the target of every assignment, compound assignment and ++/--. */
  abstract static class WriteScanner extends TreePathScanner<Void, Void> {
    private static final Set<Tree.Kind> STEPS =
        Set.of(
            Tree.Kind.PREFIX_INCREMENT, Tree.Kind.PREFIX_DECREMENT,
            Tree.Kind.POSTFIX_INCREMENT, Tree.Kind.POSTFIX_DECREMENT);

    abstract void written(com.sun.source.util.TreePath variable);

    private void target(ExpressionTree t) {
      written(new com.sun.source.util.TreePath(getCurrentPath(), t));
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void v) {
      target(t.getVariable());
      return super.visitAssignment(t, v);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree t, Void v) {
      target(t.getVariable());
      return super.visitCompoundAssignment(t, v);
    }

    @Override
    public Void visitUnary(UnaryTree t, Void v) {
      if (STEPS.contains(t.getKind())) {
        target(t.getExpression());
      }
      return super.visitUnary(t, v);
    }
  }
}
