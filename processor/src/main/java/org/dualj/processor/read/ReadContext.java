package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.model.MethodCopy;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.read.MethodReader.Erroneous;

import static org.dualj.processor.read.JavacTypes.*;

/**
 * The state of reading one method, shared by its statement, expression and call readers: the
 * problems and origins found so far, the class being read and what it may copy or call.
 */
final class ReadContext {

  final Trees trees;
  final javax.lang.model.util.Types types;
  final CompilationUnitTree unit;
  final TypeElement owner;
  final ClassName ownerName;
  final ClassName derivativesName;
  final CustomRules rules;
  final List<Problem> problems = new ArrayList<>();
  final Set<Rule> inaccessibleRules = new HashSet<>();
  final Map<Object, Tree> origins = new IdentityHashMap<>();
  final ExprReader exprs = new ExprReader(this);
  final StmtReader stmts = new StmtReader(this);
  final Overriding overriding;
  CharSequence source;
  int indexTemps;
  /** Numbers the variables and labels of lowered switch expressions. */
  int switchTemps;
  /**
   * Local classes declared in the method body: each is an error at its declaration, so code that
   * uses them is read no further and reported no more.
   */
  final Set<Element> localClasses = new HashSet<>();
  /**
   * Locals {@code SinCos sc = FastMath.sinCos(u)} read only as {@code sc.sin()} and {@code
   * sc.cos()}: each is a {@code double} local holding u, its reads the table's sin and cos of the
   * FastMath class mapped to.
   */
  final Map<Element, ClassName> sinCosLocals = new java.util.HashMap<>();
  /** Whether a type of a local or anonymous class was met (generated code cannot name it). */
  boolean unnamedTypes;
  /** The name of the method being read, for messages at the declarations of private members. */
  String methodName = "";
  /**
   * Private static final fields copied into the generated class, by name, each after the copies
   * its initializer reads.
   */
  final Map<String, FieldCopy> copies;
  /** Fields whose initializers are being read, against cycles. */
  final Set<Element> copying;
  /** Private members reported at their declarations, once each. */
  final Set<Element> unreachable;
  /**
   * Private static helpers whose results need no derivative, copied into the generated class as
   * they are, by {@link MethodCopy#key}; shared with the contexts that read their bodies.
   */
  final Map<String, MethodCopy> methodCopies;
  /** The copy's name of each helper copied or being copied (a recursive helper calls itself). */
  final Map<ExecutableElement, String> copyNames;
  /**
   * Over the compilation: the helpers each copy in a generated class was made from, under
   * {@code <generated class>.<copy name>}, so that calls of a copy are judged by the helper's
   * source (what it writes, whether it has effects).
   */
  final Map<String, Set<ExecutableElement>> copiedFrom;
  /**
   * True while reading a helper's body to copy it: the copy is plain code, so every call in it is
   * a plain call (of the user's method, or of another copy), never a derivative.
   */
  final boolean copyMode;
  /** Private static helpers called for a derivative, differentiated as if annotated. */
  final List<ExecutableElement> helpers = new ArrayList<>();
  final CallReader calls = new CallReader(this);
  final PrivateMembers members = new PrivateMembers(this);
  final SinCosLocals sinCos = new SinCosLocals(this);
  final Assignments assignments = new Assignments(this);

  ReadContext(
      Trees trees,
      javax.lang.model.util.Types types,
      CustomRules rules,
      ExecutableElement method,
      Map<String, Set<ExecutableElement>> copiedFrom) {
    this.trees = trees;
    this.copies = new java.util.LinkedHashMap<>();
    this.copying = new HashSet<>();
    this.unreachable = new HashSet<>();
    this.methodCopies = new java.util.LinkedHashMap<>();
    this.copyNames = new java.util.HashMap<>();
    this.copiedFrom = copiedFrom;
    this.copyMode = false;
    this.types = types;
    this.overriding = new Overriding(types);
    this.rules = rules;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.ownerName = ClassName.get(owner);
    this.derivativesName = Names.derivativesOf(owner);
    TreePath path = trees.getPath(method);
    this.unit = path.getCompilationUnit();
  }

  /**
   * The context that reads {@code helper}'s body to copy it into {@code parent}'s generated class:
   * the same class and generated class, the same copies, its own problems.
   */
  ReadContext(ReadContext parent, ExecutableElement helper) {
    this.trees = parent.trees;
    this.types = parent.types;
    this.overriding = parent.overriding;
    this.rules = parent.rules;
    this.owner = parent.owner;
    this.ownerName = parent.ownerName;
    this.derivativesName = parent.derivativesName;
    this.unit = trees.getPath(helper).getCompilationUnit();
    this.source = parent.source;
    this.methodName = helper.getSimpleName().toString();
    this.copies = parent.copies;
    this.copying = parent.copying;
    this.unreachable = parent.unreachable;
    this.methodCopies = parent.methodCopies;
    this.copyNames = parent.copyNames;
    this.copiedFrom = parent.copiedFrom;
    this.copyMode = true;
  }

  /**
   * A call of a method with tangent rules, reported at {@code at} if it cannot be generated. Which
   * rules are used depends on activity, so an inaccessible rule is only noted here.
   */
  Expr checkRuleCall(
      Tree at,
      ExecutableElement m,
      CustomRules.Found found,
      List<Expr> args,
      List<TypeName> paramTypes,
      TypeName type) {
    String name = m.getSimpleName().toString();
    if (found.conflict() != null) {
      return problem(at, Message.RULE_DUPLICATE, found.conflict());
    }
    if (isPrivateElsewhere(m)) {
      return problem(at, Message.INACCESSIBLE, "method " + name, derivativesName.simpleName());
    }
    for (int i = 0; i < found.partials().size(); i++) {
      if (found.partials().get(i) != null
          && !rules.accessibleFrom(found.elements().get(i), derivativesName.packageName())) {
        inaccessibleRules.add(found.partials().get(i));
      }
    }
    return new Expr.RuleCall(
        ClassName.get((TypeElement) m.getEnclosingElement()),
        name,
        args,
        paramTypes,
        found.partials(),
        type);
  }

  // ---------------------------------------------------------------- helpers

  <T> T origin(T node, Tree tree) {
    // the innermost tree wins: (f(x)) reports at the call, not at the parenthesis
    origins.putIfAbsent(node, tree);
    return node;
  }

  Expr problem(Tree tree, Message message, Object... args) {
    problems.add(Problem.of(tree, message, args));
    return new Expr.Literal("0.0", Types.DOUBLE);
  }

  Stmt problemStmt(Tree tree, Message message, Object... args) {
    problems.add(Problem.of(tree, message, args));
    return new Stmt.Block(List.of());
  }

  TypeName typeOf(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    if (t == null) {
      Element e = trees.getElement(path);
      t = e == null ? null : e.asType();
    }
    return typeName(t);
  }

  TypeName typeName(TypeMirror t) {
    if (t == null || t.getKind() == TypeKind.ERROR) {
      throw new Erroneous(namesAMissingType(t));
    }
    if (t.getKind() == TypeKind.NULL) {
      return ClassName.OBJECT;
    }
    if (t.getKind() == TypeKind.UNION) {
      // the variable of a multi-catch: an exception, never differentiated; the catch clause
      // itself keeps the alternatives
      return ClassName.get(Throwable.class);
    }
    if (namesUnnamedClass(t)) {
      // a local or anonymous class, reported where it is declared or created
      unnamedTypes = true;
      return ClassName.OBJECT;
    }
    return TypeName.get(t);
  }

  /**
   * Stops reading, silently, where javac itself reports an error: a floating or array value
   * assigned where its type does not fit ({@code int k = x;}) is javac's to report, not ours.
   */
  void requireAssignable(TreePath value, TypeMirror target) {
    TypeMirror t = trees.getTypeMirror(value);
    if (t != null && t.getKind() == TypeKind.ERROR) {
      throw new Erroneous(namesAMissingType(t));
    }
    if (t == null || target == null) {
      return;
    }
    if (t.getKind().isPrimitive() || t.getKind() == TypeKind.ARRAY) {
      if (!types.isAssignable(t, target)
          && !(t.getKind().isPrimitive() && target.getKind().isPrimitive()
              && isIntegralConstant(value))) {
        throw new Erroneous(false);
      }
    }
  }

  int line(Tree tree) {
    SourcePositions pos = trees.getSourcePositions();
    long start = pos.getStartPosition(unit, tree);
    return start < 0 ? 0 : (int) unit.getLineMap().getLineNumber(start);
  }

  /** The first source line of a statement, trimmed, for comments in generated code. */
  String firstLine(Tree tree) {
    if (source == null) {
      return tree.toString().lines().findFirst().orElse("").trim(); // lines() knows \r too
    }
    long start = trees.getSourcePositions().getStartPosition(unit, tree);
    long end = trees.getSourcePositions().getEndPosition(unit, tree);
    if (start < 0 || end < start) {
      return "";
    }
    String text = source.subSequence((int) start, (int) end).toString();
    String first = text.split("\r\n|\r|\n", 2)[0].trim(); // any of Java's line terminators
    if (first.endsWith("{")) {
      first = first.substring(0, first.length() - 1).trim();
    }
    return first;
  }

  /** The static type of a call's receiver: the selected expression's, or this class's. */
  TypeMirror receiverType(ExpressionTree select, TreePath call) {
    if (select instanceof MemberSelectTree ms) {
      return trees.getTypeMirror(new TreePath(new TreePath(call, select), ms.getExpression()));
    }
    return owner.asType();
  }

  boolean isPrivateElsewhere(Element member) {
    return member.getModifiers().contains(Modifier.PRIVATE);
  }

  /** True if an implicit {@code this.member} refers to this class (or a supertype), not an outer one. */
  boolean memberOfThis(Element member) {
    TypeElement declaring = (TypeElement) member.getEnclosingElement();
    return types.isSubtype(types.erasure(owner.asType()), types.erasure(declaring.asType()));
  }

  Expr enclosingInstance(Tree tree, String what) {
    return problem(
        tree,
        Message.UNSUPPORTED_EXPRESSION,
        "members of an enclosing instance (" + what + ")",
        "The generated class cannot reach the outer object: pass the value as a parameter, or"
            + " make the nested class static.");
  }

  /** True if {@code t} is, or is nested in, a local class declared in the method body. */
  boolean usesLocalClass(TypeMirror t) {
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return usesLocalClass(a.getComponentType());
    }
    return t instanceof javax.lang.model.type.DeclaredType d && usesLocalClass(d.asElement());
  }

  boolean usesLocalClass(Element e) {
    for (; e != null; e = e.getEnclosingElement()) {
      if (localClasses.contains(e)) {
        return true;
      }
    }
    return false;
  }

  Expr thisRef() {
    return new Expr.Var(MethodModel.THIS, receiverType());
  }

  /** The type of {@code this}: {@code P<T>} in a generic class {@code P<T>}, else the class. */
  TypeName receiverType() {
    return TypeName.get(owner.asType());
  }
}
