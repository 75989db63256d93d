package org.dualj.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.dualj.processor.analysis.JdkWrites;
import org.dualj.processor.model.Expr;

/**
 * Whether a call of a method without a derivative may write array elements it is not given: an
 * array kept in a field by an earlier call ({@code saved = a;} then {@code saved[0] += 1;} in a
 * method called without arguments), or handed out by a getter. Forward mode is right whatever
 * such a call writes, as it runs the user's code once; reverse mode reads the arrays again in its
 * reverse sweep and only knows of the writes into the arrays a call is given, so a caller with
 * such a call stays in forward mode.
 *
 * <p>A method whose source is in this compilation is read: it writes hidden elements if it
 * writes an element of an array that is neither its parameter nor a local it made with {@code
 * new}, passes such an array to a JDK method that writes it, or calls a method of this
 * compilation that does (given such an array, or by itself). JDK methods write only what they
 * are given, and library methods from class files are taken to read only, as everywhere in the
 * processor. An abstract or overridable {@code void} instance method of a type of the compilation
 * (an interface the compilation implements, a non-final class) may run any body: it counts as
 * writing.
 */
public final class HiddenWrites {
  private final Trees trees;
  private final Elements elements;
  private final Map<ExecutableElement, Boolean> known = new HashMap<>();

  public HiddenWrites(Trees trees, Elements elements) {
    this.trees = trees;
    this.elements = elements;
  }

  /** True if the call may write elements of arrays it is not given. */
  public boolean writesHidden(Expr.PlainCall call) {
    if (call.owner() == null || isJdk(call.owner().canonicalName())) {
      return false;
    }
    TypeElement type = elements.getTypeElement(call.owner().canonicalName());
    if (type == null) {
      return false;
    }
    for (Element e : type.getEnclosedElements()) {
      if (e instanceof ExecutableElement m && m.getSimpleName().contentEquals(call.name())
          && (writesHidden(m) || unseenBody(m))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for an abstract or overridable {@code void} instance method of a type of this compilation
   * (an interface's, say): the bodies that may run are its implementations and overrides, which
   * may be in the compilation, and one that returns nothing is called for what it changes. (One
   * that returns a value is taken, like a library getter, to change nothing.)
   */
  private boolean unseenBody(ExecutableElement m) {
    return overridable(m)
        && m.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID
        && m.getEnclosingElement() instanceof TypeElement owner
        && trees.getTree(owner) != null;
  }

  /** True for an instance method a subclass or an implementation may replace. */
  private static boolean overridable(ExecutableElement m) {
    Set<javax.lang.model.element.Modifier> mods = m.getModifiers();
    if (mods.contains(javax.lang.model.element.Modifier.ABSTRACT)) {
      return true;
    }
    return !mods.contains(javax.lang.model.element.Modifier.STATIC)
        && !mods.contains(javax.lang.model.element.Modifier.PRIVATE)
        && !mods.contains(javax.lang.model.element.Modifier.FINAL)
        && m.getEnclosingElement() instanceof TypeElement owner
        && !owner.getModifiers().contains(javax.lang.model.element.Modifier.FINAL)
        && owner.getKind() != ElementKind.ENUM
        && owner.getKind() != ElementKind.RECORD;
  }

  private static boolean isJdk(String owner) {
    return owner.startsWith("java.") || owner.startsWith("javax.");
  }

  private boolean writesHidden(ExecutableElement m) {
    Boolean k = known.get(m);
    if (k != null) {
      return k;
    }
    known.put(m, false); // a recursive call adds nothing the scan does not find
    boolean found = scan(m);
    known.put(m, found);
    return found;
  }

  private boolean scan(ExecutableElement m) {
    MethodTree tree = trees.getTree(m);
    TreePath path = trees.getPath(m);
    if (tree == null || tree.getBody() == null || path == null) {
      return false;
    }
    trees.getElement(new TreePath(path, tree.getBody())); // attributes the class if need be
    Locals locals = new Locals();
    locals.scan(path, null);
    locals.fresh.removeAll(locals.reassigned);
    Scanner scanner = new Scanner(locals.fresh);
    scanner.scan(path, null);
    return scanner.found;
  }

  /** The locals initialized with {@code new} and never assigned again. */
  private final class Locals extends TreePathScanner<Void, Void> {
    final Set<Element> fresh = new HashSet<>();
    final Set<Element> reassigned = new HashSet<>();

    @Override
    public Void visitVariable(VariableTree t, Void v) {
      if (t.getInitializer() != null && t.getInitializer().getKind() == Tree.Kind.NEW_ARRAY) {
        fresh.add(trees.getElement(getCurrentPath()));
      }
      return super.visitVariable(t, v);
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void v) {
      Element e = trees.getElement(new TreePath(getCurrentPath(), t.getVariable()));
      if (e != null) {
        reassigned.add(e);
      }
      return super.visitAssignment(t, v);
    }
  }

  /** Finds a write into an array the method is not given and did not make. */
  private final class Scanner extends CallWrites.WriteScanner {
    private final Set<Element> fresh;
    boolean found;

    Scanner(Set<Element> fresh) {
      this.fresh = fresh;
    }

    /** True if the array {@code e} evaluates to is the method's own: a parameter or made here. */
    private boolean own(ExpressionTree e) {
      while (e instanceof ParenthesizedTree p) {
        e = p.getExpression();
      }
      if (e instanceof ArrayAccessTree a) {
        return own(a.getExpression());
      }
      if (!(e instanceof IdentifierTree)) {
        return false;
      }
      Element el = trees.getElement(new TreePath(getCurrentPath(), e));
      return el != null && (el.getKind() == ElementKind.PARAMETER || fresh.contains(el));
    }

    @Override
    void written(TreePath variable) {
      Tree target = variable.getLeaf();
      while (target instanceof ParenthesizedTree p) {
        target = p.getExpression();
      }
      if (target instanceof ArrayAccessTree a && !own(a.getExpression())) {
        found = true;
      }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
      call(trees.getElement(getCurrentPath()), t.getArguments());
      return super.visitMethodInvocation(t, v);
    }

    @Override
    public Void visitNewClass(NewClassTree t, Void v) {
      call(trees.getElement(getCurrentPath()), t.getArguments());
      return super.visitNewClass(t, v);
    }

    private void call(Element callee, List<? extends ExpressionTree> args) {
      if (!(callee instanceof ExecutableElement c)) {
        found = true;
        return;
      }
      Element owner = c.getEnclosingElement();
      String ownerName = owner instanceof TypeElement te ? te.getQualifiedName().toString() : "";
      boolean jdk = isJdk(ownerName);
      for (int i = 0; i < args.size(); i++) {
        if (own(args.get(i)) || !isArray(args.get(i))) {
          continue;
        }
        // an array it was not given, handed to a method that may write it
        found |= jdk
            ? !Boolean.FALSE.equals(JdkWrites.writes(ownerName, c.getSimpleName().toString(), i))
            : trees.getTree(c) != null;
      }
      if (!jdk && ((trees.getTree(c) != null && writesHidden(c)) || unseenBody(c))) {
        found = true;
      }
    }

    private boolean isArray(ExpressionTree e) {
      var type = trees.getTypeMirror(new TreePath(getCurrentPath(), e));
      return type == null || type.getKind() == javax.lang.model.type.TypeKind.ARRAY;
    }
  }
}
