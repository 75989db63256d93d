package org.dualj.processor.read;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SimpleTreeVisitor;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.analysis.Shadowing;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.Elementary;

/**
 * Reads one annotated method's body through the Compiler Tree API into a {@link MethodModel}.
 *
 * <p>One {@code visitX} per supported tree kind; every other kind falls to {@code defaultAction},
 * which records a tagged problem at that tree and returns a placeholder so that reading goes on
 * and all problems of a method are reported in one compilation. The class is attributed on demand
 * ({@link Trees#getElement} does that for unattributed classes), so names resolve to elements and
 * expressions have types.
 */
public final class MethodReader {
  static final String DIFFERENTIABLE = "org.dualj.annotations.Differentiable";

  private final Trees trees;
  private final javax.lang.model.util.Types types;
  private final CompilationUnitTree unit;
  private final TypeElement owner;
  private final ClassName ownerName;
  private final ClassName derivativesName;
  private final CustomRules rules;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Rule> inaccessibleRules = new HashSet<>();
  private final Map<Object, Tree> origins = new IdentityHashMap<>();
  private final ExprReader exprs = new ExprReader();
  private final StmtReader stmts = new StmtReader();
  private final Overriding overriding;
  private CharSequence source;
  private int indexTemps;
  /** Numbers the variables and labels of lowered switch expressions. */
  private int switchTemps;
  /**
   * Local classes declared in the method body: each is an error at its declaration, so code that
   * uses them is read no further and reported no more.
   */
  private final Set<Element> localClasses = new HashSet<>();
  /**
   * Locals {@code SinCos sc = FastMath.sinCos(u)} read only as {@code sc.sin()} and {@code
   * sc.cos()}: each is a {@code double} local holding u, its reads the table's sin and cos of the
   * FastMath class mapped to.
   */
  private final Map<Element, ClassName> sinCosLocals = new java.util.HashMap<>();
  /** Whether a type of a local or anonymous class was met (generated code cannot name it). */
  private boolean unnamedTypes;
  /** The name of the method being read, for messages at the declarations of private members. */
  private String methodName = "";
  /**
   * Private static final fields copied into the generated class, by name, each after the copies
   * its initializer reads.
   */
  private final Map<String, FieldCopy> copies = new java.util.LinkedHashMap<>();
  /** Fields whose initializers are being read, against cycles. */
  private final Set<Element> copying = new HashSet<>();
  /** Private members reported at their declarations, once each. */
  private final Set<Element> unreachable = new HashSet<>();
  /** Private static helpers called for a derivative, differentiated as if annotated. */
  private final List<ExecutableElement> helpers = new ArrayList<>();

  /**
   * The outcome: a model when there were no problems, and the problems otherwise.
   * {@code inaccessibleRules} are tangent rules the generated class could not call; using one
   * for an active argument is an error, found with activity.
   */
  public record Result(
      MethodModel model,
      List<Problem> problems,
      Map<Object, Tree> origins,
      Set<Rule> inaccessibleRules,
      List<FieldCopy> copies,
      List<ExecutableElement> helpers) {}

  /**
   * Thrown when javac itself reported errors in the method; javac's messages are enough.
   * {@code unresolved}: a name or type javac could not resolve, which a later processing round
   * may bring (a class another processor generates).
   */
  public static final class Erroneous extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean unresolved;

    public Erroneous(boolean unresolved) {
      super(null, null, false, false);
      this.unresolved = unresolved;
    }

    public boolean unresolved() {
      return unresolved;
    }
  }

  public MethodReader(
      Trees trees,
      javax.lang.model.util.Types types,
      CustomRules rules,
      ExecutableElement method) {
    this.trees = trees;
    this.types = types;
    this.overriding = new Overriding(types);
    this.rules = rules;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.ownerName = ClassName.get(owner);
    this.derivativesName = Names.derivativesOf(owner);
    TreePath path = trees.getPath(method);
    this.unit = path.getCompilationUnit();
  }

  public Result read(ExecutableElement method) {
    methodName = method.getSimpleName().toString();
    TreePath methodPath = trees.getPath(method);
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    try {
      source = unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      source = null;
    }
    // Attributes the enclosing class if javac has not yet done so, giving trees types and symbols.
    trees.getElement(new TreePath(methodPath, tree.getBody()));

    List<MethodModel.Param> params = params(method, methodPath, tree);
    Stmt.Block body = (Stmt.Block) stmts.visit(tree.getBody(), methodPath);
    return result(method, tree, params, body);
  }

  /**
   * The model of a {@code @Differentiable} method that has tangent rules of its own: the rules
   * take precedence over its body, so its derivative is that of one call of it,
   * {@code return Owner.method(params)}, and the body is not read at all (it may use what the
   * processor cannot differentiate, or an iterative solver whose derivative is not that of its
   * iterations).
   */
  public Result readWithRules(ExecutableElement method, CustomRules.Found found) {
    TreePath methodPath = trees.getPath(method);
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    List<MethodModel.Param> params = params(method, methodPath, tree);
    List<Expr> args = new ArrayList<>();
    List<TypeName> paramTypes = new ArrayList<>();
    for (MethodModel.Param p : params) {
      args.add(new Expr.Var(p.name(), p.type()));
      paramTypes.add(p.type());
    }
    Expr call = checkRuleCall(tree, method, found, args, paramTypes, TypeName.get(method.getReturnType()));
    Stmt.Block body =
        new Stmt.Block(
            List.of(
                new Stmt.Comment(
                    "from the tangent rules of " + method.getSimpleName() + ", not from its body"),
                new Stmt.Return(call)));
    return result(method, tree, params, body);
  }

  private List<MethodModel.Param> params(ExecutableElement method, TreePath methodPath, MethodTree tree) {
    List<Boolean> active = Options.orDefault(method).activeParameters(method);
    List<MethodModel.Param> params = new ArrayList<>();
    for (int i = 0; i < tree.getParameters().size(); i++) {
      VariableTree p = tree.getParameters().get(i);
      params.add(
          new MethodModel.Param(
              p.getName().toString(), typeOf(new TreePath(methodPath, p)), active.get(i)));
    }
    return params;
  }

  private Result result(
      ExecutableElement method, MethodTree tree, List<MethodModel.Param> params, Stmt.Block body) {
    if (unnamedTypes && problems.isEmpty()) {
      unnamedClass(tree);
    }
    if (problems.isEmpty()) {
      Shadowing.Renamed renamed =
          Shadowing.rename(params, body, List.of(ownerName, derivativesName, receiverType()), origins);
      params = renamed.params();
      body = renamed.body();
    }
    MethodModel model =
        new MethodModel(
            ownerName,
            derivativesName,
            method.getSimpleName().toString(),
            method.getModifiers().contains(Modifier.STATIC),
            params,
            TypeName.get(method.getReturnType()),
            body,
            unit.getSourceFile().getName(),
            line(tree.getReturnType() == null ? tree : tree.getReturnType()),
            Options.orDefault(method).chunk(),
            method.getThrownTypes().stream().map(TypeName::get).toList(),
            method.getModifiers().contains(Modifier.STATIC) ? List.of() : typeVariables(owner),
            receiverType());
    return new Result(
        problems.isEmpty() ? model : null,
        List.copyOf(problems),
        origins,
        Set.copyOf(inaccessibleRules),
        List.copyOf(copies.values()),
        List.copyOf(helpers));
  }

  /**
   * A call of a method with tangent rules, reported at {@code at} if it cannot be generated. Which
   * rules are used depends on activity, so an inaccessible rule is only noted here.
   */
  private Expr checkRuleCall(
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

  private <T> T origin(T node, Tree tree) {
    // the innermost tree wins: (f(x)) reports at the call, not at the parenthesis
    origins.putIfAbsent(node, tree);
    return node;
  }

  private Expr problem(Tree tree, Message message, Object... args) {
    problems.add(Problem.of(tree, message, args));
    return new Expr.Literal("0.0", Types.DOUBLE);
  }

  private Stmt problemStmt(Tree tree, Message message, Object... args) {
    problems.add(Problem.of(tree, message, args));
    return new Stmt.Block(List.of());
  }

  private TypeName typeOf(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    if (t == null) {
      Element e = trees.getElement(path);
      t = e == null ? null : e.asType();
    }
    return typeName(t);
  }

  private TypeName typeName(TypeMirror t) {
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
   * Whether error type {@code t} stands for a type javac could not find, rather than for the
   * type of an expression javac rejected (an error type without a name).
   */
  private static boolean namesAMissingType(TypeMirror t) {
    return t instanceof javax.lang.model.type.DeclaredType d
        && d.asElement() != null
        && javax.lang.model.SourceVersion.isIdentifier(d.asElement().getSimpleName());
  }

  /**
   * Stops reading, silently, where javac itself reports an error: a floating or array value
   * assigned where its type does not fit ({@code int k = x;}) is javac's to report, not ours.
   */
  private void requireAssignable(TreePath value, TypeMirror target) {
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

  /** {@code byte b = 1;} narrows a constant, which javac allows. */
  private static boolean isIntegralConstant(TreePath value) {
    return value.getLeaf() instanceof LiteralTree l && l.getValue() instanceof Integer;
  }

  private int line(Tree tree) {
    SourcePositions pos = trees.getSourcePositions();
    long start = pos.getStartPosition(unit, tree);
    return start < 0 ? 0 : (int) unit.getLineMap().getLineNumber(start);
  }

  /** The first source line of a statement, trimmed, for comments in generated code. */
  private String firstLine(Tree tree) {
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

  static boolean isDifferentiable(Element e) {
    return Options.mirror(e, DIFFERENTIABLE) != null;
  }


  /** The static type of a call's receiver: the selected expression's, or this class's. */
  private TypeMirror receiverType(ExpressionTree select, TreePath call) {
    if (select instanceof MemberSelectTree ms) {
      return trees.getTypeMirror(new TreePath(new TreePath(call, select), ms.getExpression()));
    }
    return owner.asType();
  }

  private boolean isPrivateElsewhere(Element member) {
    return member.getModifiers().contains(Modifier.PRIVATE);
  }

  /** True if an implicit {@code this.member} refers to this class (or a supertype), not an outer one. */
  private boolean memberOfThis(Element member) {
    TypeElement declaring = (TypeElement) member.getEnclosingElement();
    return types.isSubtype(types.erasure(owner.asType()), types.erasure(declaring.asType()));
  }

  private Expr enclosingInstance(Tree tree, String what) {
    return problem(
        tree,
        Message.UNSUPPORTED_EXPRESSION,
        "members of an enclosing instance (" + what + ")",
        "The generated class cannot reach the outer object: pass the value as a parameter, or"
            + " make the nested class static.");
  }

  private static boolean isRecordComponent(VariableElement f) {
    Element owner = f.getEnclosingElement();
    if (owner.getKind() != ElementKind.RECORD) {
      return false;
    }
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.RECORD_COMPONENT && e.getSimpleName().equals(f.getSimpleName())) {
        return true;
      }
    }
    return false;
  }

  /** True for a local or anonymous class, which generated code cannot name. */
  private static boolean isLocalOrAnonymous(Element e) {
    return e instanceof TypeElement t
        && (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS);
  }

  /**
   * A local or anonymous class met where its declaration or creation was not reported: that
   * cannot happen in a method of a named class, whose body holds both.
   */
  private static Expr unnamedClass(Tree tree) {
    throw new IllegalStateException("unreported local or anonymous class at " + tree);
  }

  /** The private class that {@code t} is or is nested in, which generated code cannot name; or null. */
  private static TypeElement privateClass(TypeMirror t) {
    if (!(t instanceof javax.lang.model.type.DeclaredType d)) {
      return null;
    }
    for (Element e = d.asElement(); e instanceof TypeElement c; e = e.getEnclosingElement()) {
      if (c.getModifiers().contains(Modifier.PRIVATE)) {
        return c;
      }
    }
    return null;
  }

  /** True if {@code t} mentions a local or anonymous class (or a class nested in one). */
  private static boolean namesUnnamedClass(TypeMirror t) {
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return namesUnnamedClass(a.getComponentType());
    }
    if (!(t instanceof javax.lang.model.type.DeclaredType d)) {
      return false;
    }
    for (Element e = d.asElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (isLocalOrAnonymous(e)) {
        return true;
      }
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      if (namesUnnamedClass(arg)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code t} is, or is nested in, a local class declared in the method body. */
  private boolean usesLocalClass(TypeMirror t) {
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return usesLocalClass(a.getComponentType());
    }
    return t instanceof javax.lang.model.type.DeclaredType d && usesLocalClass(d.asElement());
  }

  private boolean usesLocalClass(Element e) {
    for (; e != null; e = e.getEnclosingElement()) {
      if (localClasses.contains(e)) {
        return true;
      }
    }
    return false;
  }

  private static final String SIN_COS = "org.hipparchus.util.SinCos";

  /** The FastMath class of {@code tree} when it is a call {@code FastMath.sinCos(double)}, else null. */
  private ClassName sinCosOwner(ExpressionTree tree, TreePath parent) {
    if (!(tree instanceof MethodInvocationTree)) {
      return null;
    }
    Element e = trees.getElement(new TreePath(parent, tree));
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
  private Expr sinCosArgument(ExpressionTree call, TreePath parent) {
    MethodInvocationTree c = (MethodInvocationTree) call;
    return exprs.read(c.getArguments().get(0), new TreePath(parent, c));
  }

  /**
   * True when every use of the local {@code v} in the method is {@code v.sin()}, {@code v.cos()}
   * or an assignment {@code v = FastMath.sinCos(u)} of the same FastMath class.
   */
  private boolean onlySinAndCosRead(Element v, TreePath declaration, ClassName owner) {
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
        if (v.equals(trees.getElement(getCurrentPath()))) {
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

  // ---------------------------------------------------------------- private members

  /**
   * A private static helper of the same class (same compilation) that a {@code @Differentiable}
   * method calls: it is differentiated as if annotated, its derivatives generated into its class's
   * {@code …Derivatives}, since the generated class can call neither it nor a copy of it.
   */
  boolean isImplicitHelper(ExecutableElement m) {
    return isImplicitCandidate(m)
        && m.getReturnType().getKind() != TypeKind.ERROR
        && Types.isDifferentiable(TypeName.get(m.getReturnType()));
  }

  /** A private static method with a body in this class's file, not annotated, not generic. */
  private boolean isImplicitCandidate(ExecutableElement m) {
    return m.getKind() == ElementKind.METHOD
        && m.getModifiers().contains(Modifier.PRIVATE)
        && m.getModifiers().contains(Modifier.STATIC)
        && !m.getModifiers().contains(Modifier.NATIVE)
        && !isDifferentiable(m)
        && m.getTypeParameters().isEmpty()
        && outermost(m).equals(outermost(owner))
        && trees.getTree(m) != null
        && trees.getTree(m).getBody() != null;
  }

  private static Element outermost(Element e) {
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
  private Expr privateField(Tree at, VariableElement f, TypeName type) {
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
    boolean array =
        t instanceof javax.lang.model.type.ArrayType a && a.getComponentType().getKind().isPrimitive();
    TreePath declaration = trees.getPath(f);
    if (!(scalar || array)
        || declaration == null
        || !(declaration.getLeaf() instanceof VariableTree v)
        || v.getInitializer() == null
        || !outermost(f).equals(outermost(owner))) {
      return unreachable(
          at, f, "not a constant, a string or an array of numbers with an initializer",
          way + ".");
    }
    String name =
        f.getEnclosingElement().equals(owner)
            ? f.getSimpleName().toString()
            : f.getEnclosingElement().getSimpleName() + "_" + f.getSimpleName();
    Expr copy = new Expr.FieldRead(null, derivativesName, name, type);
    if (copies.containsKey(name)) {
      return copy;
    }
    if (!copying.add(f)) {
      return unreachable(at, f, "initialised from itself", way + ".");
    }
    try {
      if (array && !onlyRead(f, new HashSet<>())) {
        return unreachable(
            at, f,
            "an array the class may change (it assigns its elements, or passes it on where they"
                + " may be assigned)",
            way + ", or make the method work on a copy passed in as a parameter.");
      }
      int before = problems.size();
      int unreachableBefore = unreachable.size();
      Expr init = exprs.read(v.getInitializer(), declaration);
      if (problems.size() > before || !constantExpression(init)) {
        if (unreachable.size() == unreachableBefore) {
          problems.subList(before, problems.size()).clear();
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
      copies.put(name, new FieldCopy(name, TypeName.get(t), init));
      return copy;
    } finally {
      copying.remove(f);
    }
  }

  /**
   * True if {@code e} is made of literals, operators, casts, table functions, static fields, their
   * elements and lengths.
   */
  private static boolean constantExpression(Expr e) {
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
  private boolean onlyRead(Element var, Set<Element> visited) {
    boolean[] ok = {true};
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

      private void check() {
        if (!ok[0] || !var.equals(trees.getElement(getCurrentPath()))) {
          return;
        }
        Tree use = getCurrentPath().getLeaf();
        TreePath up = getCurrentPath().getParentPath();
        Tree parent = up.getLeaf();
        Tree grand = up.getParentPath() == null ? null : up.getParentPath().getLeaf();
        if (parent instanceof ArrayAccessTree aa && aa.getExpression() == use) {
          boolean written =
              grand instanceof AssignmentTree a && a.getVariable() == aa
                  || grand instanceof CompoundAssignmentTree c && c.getVariable() == aa
                  || grand instanceof UnaryTree u
                      && u.getExpression() == aa
                      && u.getKind().name().contains("CREMENT");
          ok[0] = !written;
        } else if (parent instanceof MemberSelectTree ms && ms.getExpression() == use) {
          ok[0] =
              ms.getIdentifier().contentEquals("length")
                  || ms.getIdentifier().contentEquals("clone")
                      && grand instanceof MethodInvocationTree call
                      && call.getMethodSelect() == ms;
        } else if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == use) {
          ok[0] = true;
        } else if (parent instanceof MethodInvocationTree call && call.getArguments().contains(use)) {
          Element callee = trees.getElement(up);
          int i = call.getArguments().indexOf(use);
          TreePath calleePath = callee == null ? null : trees.getPath(callee);
          ok[0] =
              callee instanceof ExecutableElement c
                  && calleePath != null
                  && calleePath.getCompilationUnit() == unit
                  && i < c.getParameters().size()
                  && !(c.isVarArgs() && i >= c.getParameters().size() - 1)
                  && (!visited.add(c.getParameters().get(i))
                      || onlyRead(c.getParameters().get(i), visited));
        } else {
          ok[0] = false;
        }
      }
    }.scan(new TreePath(unit), null);
    return ok[0];
  }

  /**
   * A private member the generated class can neither use nor copy: one error at its declaration
   * (whatever the number of uses), saying why and what to do.
   */
  private Expr unreachable(Tree use, Element member, String why, String way) {
    if (unreachable.add(member)) {
      Tree declaration = trees.getTree(member);
      TreePath path = trees.getPath(member);
      boolean here = declaration != null && path != null && path.getCompilationUnit() == unit;
      String what =
          (member instanceof ExecutableElement ? "method " : "field ") + member.getSimpleName();
      problems.add(
          Problem.of(
              here ? declaration : use,
              Message.INACCESSIBLE_MEMBER,
              what,
              why,
              derivativesName.simpleName(),
              methodName,
              way));
    }
    return new Expr.Literal("0.0", Types.DOUBLE);
  }

  private Expr thisRef() {
    return new Expr.Var(MethodModel.THIS, receiverType());
  }

  /** The type of {@code this}: {@code P<T>} in a generic class {@code P<T>}, else the class. */
  private TypeName receiverType() {
    return TypeName.get(owner.asType());
  }

  /**
   * The type variables in scope in an instance method of {@code type}: its own, then, for an
   * inner (non-static) class, those of the classes enclosing it, outermost first.
   */
  private static List<TypeVariableName> typeVariables(TypeElement type) {
    List<TypeVariableName> out = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      List<TypeVariableName> own = new ArrayList<>();
      for (TypeParameterElement p : t.getTypeParameters()) {
        own.add(TypeVariableName.get(p));
      }
      out.addAll(0, own);
      if (t.getModifiers().contains(Modifier.STATIC) || t.getNestingKind() != NestingKind.MEMBER) {
        break;
      }
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- statements

  private final class StmtReader extends SimpleTreeVisitor<Stmt, TreePath> {

    Stmt read(StatementTree tree, TreePath parent) {
      Stmt s = visit(tree, parent);
      if (tree.getKind() == Tree.Kind.BLOCK || tree.getKind() == Tree.Kind.EMPTY_STATEMENT) {
        return s;
      }
      return new Stmt.SourceLine(line(tree), firstLine(tree), s);
    }

    /**
     * Reads {@code tree} into {@code body}. A local declared from a switch expression is two
     * statements, the declaration and the switch, both in the enclosing block, where the local is
     * in scope.
     */
    void add(List<Stmt> body, StatementTree tree, TreePath parent) {
      Stmt s = read(tree, parent);
      if (tree instanceof VariableTree
          && s instanceof Stmt.SourceLine l
          && l.stmt() instanceof Stmt.Block b
          && !b.body().isEmpty()) {
        body.add(new Stmt.SourceLine(l.line(), l.text(), b.body().get(0)));
        body.addAll(b.body().subList(1, b.body().size()));
      } else {
        body.add(s);
      }
    }

    private Stmt body(StatementTree tree, TreePath parent) {
      return tree == null ? null : read(tree, parent);
    }

    @Override
    protected Stmt defaultAction(Tree tree, TreePath parent) {
      String what =
          switch (tree.getKind()) {
            case TRY -> "try";
            case SYNCHRONIZED -> "synchronized";
            case THROW -> "throw";
            case ASSERT -> "assert";
            case CLASS, INTERFACE, ENUM, RECORD -> "local class";
            case YIELD -> "yield";
            default -> tree.getKind().toString().toLowerCase().replace('_', ' ');
          };
      if (what.equals("local class")) {
        Element declared = trees.getElement(new TreePath(parent, tree));
        if (declared != null) {
          localClasses.add(declared);
        }
      }
      String advice =
          switch (tree.getKind()) {
            case SYNCHRONIZED -> "Synchronize in the caller.";
            default -> "Rewrite it with local variables, if/else and loops.";
          };
      return problemStmt(tree, Message.UNSUPPORTED_STATEMENT, what, advice);
    }

    @Override
    public Stmt visitBlock(BlockTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      List<Stmt> body = new ArrayList<>();
      for (StatementTree s : tree.getStatements()) {
        add(body, s, path);
      }
      return new Stmt.Block(body);
    }

    @Override
    public Stmt visitEmptyStatement(com.sun.source.tree.EmptyStatementTree tree, TreePath parent) {
      return new Stmt.Block(List.of());
    }

    @Override
    public Stmt visitVariable(VariableTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      TypeMirror declared = trees.getElement(path).asType();
      if (usesLocalClass(declared)) {
        return new Stmt.Block(List.of());
      }
      TypeName type = typeName(declared);
      ClassName sinCos = sinCosOwner(tree.getInitializer(), path);
      if (sinCos != null && onlySinAndCosRead(trees.getElement(path), path, sinCos)) {
        sinCosLocals.put(trees.getElement(path), sinCos);
        return origin(
            new Stmt.Declare(
                Types.DOUBLE, tree.getName().toString(), sinCosArgument(tree.getInitializer(), path)),
            tree);
      }
      if (unparenthesized(tree.getInitializer()) instanceof SwitchExpressionTree sw) {
        // double y = switch (k) { ... };  becomes  double y = 0.0; switch (k) { ... y = ...; }
        Expr.Var target = new Expr.Var(tree.getName().toString(), type);
        return new Stmt.Block(
            List.of(
                origin(new Stmt.Declare(type, target.name(), zeroOf(type)), tree),
                switchExpression(sw, switchPath(path, tree.getInitializer()), target)));
      }
      if (tree.getInitializer() != null) {
        requireAssignable(new TreePath(path, tree.getInitializer()), declared);
      }
      Expr init = tree.getInitializer() == null ? null : exprs.read(tree.getInitializer(), path);
      if (init instanceof Expr.ArrayInit ai && ai.type() == null) {
        init = new Expr.ArrayInit(ai.elementType(), ai.elements(), type);
      }
      return origin(new Stmt.Declare(type, tree.getName().toString(), init), tree);
    }

    @Override
    public Stmt visitExpressionStatement(ExpressionStatementTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      ExpressionTree e = tree.getExpression();
      TreePath ep = new TreePath(path, e);
      switch (e.getKind()) {
        case ASSIGNMENT -> {
          AssignmentTree a = (AssignmentTree) e;
          Element assigned = trees.getElement(new TreePath(ep, a.getVariable()));
          if (assigned != null && sinCosLocals.containsKey(assigned)) {
            // sc = FastMath.sinCos(u), checked by onlySinAndCosRead
            return origin(
                new Stmt.Assign(
                    new Expr.Var(assigned.getSimpleName().toString(), Types.DOUBLE),
                    sinCosArgument(a.getExpression(), ep)),
                a);
          }
          if (unparenthesized(a.getExpression()) instanceof SwitchExpressionTree sw) {
            Expr target = exprs.target(a.getVariable(), ep);
            if (target instanceof Expr.Var v) {
              return switchExpression(sw, switchPath(ep, a.getExpression()), v);
            }
            exprs.read(a.getExpression(), ep); // reported at the switch expression
            return new Stmt.Block(List.of());
          }
          requireAssignable(
              new TreePath(ep, a.getExpression()), trees.getTypeMirror(new TreePath(ep, a.getVariable())));
          Expr target = exprs.target(a.getVariable(), ep);
          Expr value = exprs.read(a.getExpression(), ep);
          return origin(new Stmt.Assign(target, value), a);
        }
        case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
            REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT,
            LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
          CompoundAssignmentTree a = (CompoundAssignmentTree) e;
          Expr target = exprs.target(a.getVariable(), ep);
          Expr value = exprs.read(a.getExpression(), ep);
          String op = compoundOperator(e.getKind());
          if (Types.DOUBLE.equals(target.type()) && "+-*/%".contains(op)) {
            if (target instanceof Expr.Index ix
                && (!Exprs.isSimple(ix.index())
                    || (ix.array() instanceof Expr.Index row && !Exprs.isSimple(row.index())))) {
              // a[f(i)] op= e, m[f(i)][g(j)] op= e: each index is evaluated once, into a
              // temporary, as Java does
              List<Stmt> block = new ArrayList<>();
              Expr array = ix.array();
              if (array instanceof Expr.Index row && !Exprs.isSimple(row.index())) {
                String rowTemp = "index$" + (++indexTemps);
                block.add(new Stmt.Declare(row.index().type(), rowTemp, row.index()));
                array =
                    new Expr.Index(row.array(), new Expr.Var(rowTemp, row.index().type()), row.type());
              }
              Expr index = ix.index();
              if (!Exprs.isSimple(index)) {
                String temp = "index$" + (++indexTemps);
                block.add(new Stmt.Declare(index.type(), temp, index));
                index = new Expr.Var(temp, index.type());
              }
              Expr.Index element = new Expr.Index(array, index, ix.type());
              block.add(
                  origin(
                      new Stmt.Assign(element, new Expr.Binary(op, element, value, Types.DOUBLE)),
                      a));
              return new Stmt.Block(block);
            }
            // x op= e is x = x op (e) for double targets: no narrowing cast is involved.
            return origin(
                new Stmt.Assign(target, new Expr.Binary(op, target, value, Types.DOUBLE)), a);
          }
          if (target.type() != null
              && target.type().isPrimitive()
              && !Types.DOUBLE.equals(target.type())
              && !TypeName.BOOLEAN.equals(target.type())
              && (Types.DOUBLE.equals(value.type()) || TypeName.FLOAT.equals(value.type()))
              && "+-*/%".contains(op)) {
            // i op= x with a floating x: i = (int) (i op x), an implicit narrowing cast, inactive
            // like (int) x; the index of an element target is evaluated once, as Java does
            List<Stmt> pre = new ArrayList<>();
            if (target instanceof Expr.Index ix && !Exprs.isSimple(ix.index())) {
              String temp = "index$" + (++indexTemps);
              Expr.Var index = new Expr.Var(temp, ix.index().type());
              pre.add(new Stmt.Declare(index.type(), temp, ix.index()));
              target = new Expr.Index(ix.array(), index, ix.type());
            }
            TypeName wide = Types.DOUBLE.equals(value.type()) ? Types.DOUBLE : TypeName.FLOAT;
            pre.add(
                origin(
                    new Stmt.Assign(
                        target,
                        origin(
                            new Expr.Cast(
                                target.type(), origin(new Expr.Binary(op, target, value, wide), a)),
                            a)),
                    a));
            return pre.size() == 1 ? pre.get(0) : new Stmt.Block(pre);
          }
          return origin(new Stmt.CompoundAssign(op, target, value), a);
        }
        default -> {
          Expr expr = exprs.readTop(e, path);
          return origin(new Stmt.Eval(expr), e);
        }
      }
    }

    @Override
    public Stmt visitIf(IfTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Stmt.If(
          exprs.read(tree.getCondition(), path),
          body(tree.getThenStatement(), path),
          body(tree.getElseStatement(), path));
    }

    @Override
    public Stmt visitWhileLoop(WhileLoopTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Stmt.While(exprs.read(tree.getCondition(), path), body(tree.getStatement(), path));
    }

    @Override
    public Stmt visitDoWhileLoop(DoWhileLoopTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Stmt.DoWhile(body(tree.getStatement(), path), exprs.read(tree.getCondition(), path));
    }

    @Override
    public Stmt visitForLoop(ForLoopTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      List<Stmt> init = new ArrayList<>();
      for (StatementTree s : tree.getInitializer()) {
        Stmt i = visit(s, path);
        if (s instanceof VariableTree v
            && unparenthesized(v.getInitializer()) instanceof SwitchExpressionTree sw) {
          i = problemStmt(
              sw,
              Message.UNSUPPORTED_EXPRESSION,
              "switch expressions in a for initializer",
              "Declare the variable before the loop.");
        }
        init.add(i);
      }
      Expr cond = tree.getCondition() == null ? null : exprs.read(tree.getCondition(), path);
      List<Stmt> update = new ArrayList<>();
      for (ExpressionStatementTree s : tree.getUpdate()) {
        update.add(visit(s, path));
      }
      return new Stmt.For(init, cond, update, body(tree.getStatement(), path));
    }

    @Override
    public Stmt visitEnhancedForLoop(EnhancedForLoopTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      TreePath varPath = new TreePath(path, tree.getVariable());
      TypeName type = typeName(trees.getElement(varPath).asType());
      return origin(
          new Stmt.ForEach(
              type,
              tree.getVariable().getName().toString(),
              exprs.read(tree.getExpression(), path),
              body(tree.getStatement(), path)),
          tree);
    }

    @Override
    public Stmt visitLabeledStatement(LabeledStatementTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Stmt.Labeled(tree.getLabel().toString(), visit(tree.getStatement(), path));
    }

    @Override
    public Stmt visitBreak(BreakTree tree, TreePath parent) {
      return new Stmt.Break(tree.getLabel() == null ? null : tree.getLabel().toString());
    }

    @Override
    public Stmt visitContinue(ContinueTree tree, TreePath parent) {
      return new Stmt.Continue(tree.getLabel() == null ? null : tree.getLabel().toString());
    }

    @Override
    public Stmt visitReturn(ReturnTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      if (unparenthesized(tree.getExpression()) instanceof SwitchExpressionTree sw) {
        TreePath sp = switchPath(path, tree.getExpression());
        TypeName type = typeOf(sp);
        Expr.Var result = new Expr.Var("switch$" + (++switchTemps), type);
        return new Stmt.Block(
            List.of(
                new Stmt.Declare(type, result.name(), zeroOf(type)),
                switchExpression(sw, sp, result),
                origin(new Stmt.Return(result), tree)));
      }
      Expr value = tree.getExpression() == null ? null : exprs.read(tree.getExpression(), path);
      if (value instanceof Expr.ArrayInit ai && ai.type() == null) {
        value = new Expr.ArrayInit(ai.elementType(), ai.elements(), Types.DOUBLE_ARRAY);
      }
      return origin(new Stmt.Return(value), tree);
    }

    @Override
    public Stmt visitThrow(ThrowTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return origin(new Stmt.Throw(exprs.readValueOnly(tree.getExpression(), path)), tree);
    }

    @Override
    public Stmt visitTry(TryTree tree, TreePath parent) {
      if (!tree.getResources().isEmpty()) {
        return problemStmt(
            tree,
            Message.UNSUPPORTED_STATEMENT,
            "try-with-resources",
            "Open and close resources in a plain method that calls the @Differentiable one.");
      }
      TreePath path = new TreePath(parent, tree);
      Stmt.Block body = (Stmt.Block) visit(tree.getBlock(), path);
      List<Stmt.Catch> catches = new ArrayList<>();
      for (CatchTree c : tree.getCatches()) {
        TreePath cp = new TreePath(path, c);
        VariableTree param = c.getParameter();
        TreePath pp = new TreePath(cp, param);
        List<TypeName> caught = new ArrayList<>();
        List<Tree> alternatives =
            param.getType() instanceof UnionTypeTree u
                ? List.copyOf(u.getTypeAlternatives())
                : List.of(param.getType());
        for (Tree alternative : alternatives) {
          TreePath at =
              alternative == param.getType()
                  ? new TreePath(pp, alternative)
                  : new TreePath(new TreePath(pp, param.getType()), alternative);
          TypeMirror type = trees.getTypeMirror(at);
          TypeElement hidden = privateClass(type);
          if (hidden != null) {
            problemStmt(
                alternative,
                Message.INACCESSIBLE,
                "class " + hidden.getSimpleName(),
                derivativesName.simpleName());
          }
          caught.add(typeName(type));
        }
        catches.add(
            new Stmt.Catch(
                caught, param.getName().toString(), (Stmt.Block) visit(c.getBlock(), cp)));
      }
      Stmt.Block fin =
          tree.getFinallyBlock() == null ? null : (Stmt.Block) visit(tree.getFinallyBlock(), path);
      return new Stmt.Try(body, catches, fin);
    }

    @Override
    public Stmt visitAssert(AssertTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Expr cond = exprs.read(tree.getCondition(), path);
      Expr message =
          tree.getDetail() == null ? null : exprs.readValueOnly(tree.getDetail(), path);
      return origin(new Stmt.Assert(cond, message), tree);
    }

    /** Where a yield of the switch expression being read goes: its variable, and its label. */
    private final java.util.ArrayDeque<Object[]> yields = new java.util.ArrayDeque<>();

    /**
     * A switch expression whose value goes to {@code target}, as a switch statement assigning it:
     * only the taken arm runs, as for a ternary. {@code yield v;} at the end of an arm's block is
     * {@code target = v;}; elsewhere (in a loop, in the middle of an arm, in a classic case) it
     * also leaves the switch, through a label.
     */
    Stmt switchExpression(SwitchExpressionTree tree, TreePath path, Expr.Var target) {
      Expr selector = exprs.read(tree.getExpression(), path);
      String label = "switch_" + (++switchTemps); // a label: no '$', which JavaPoet formats
      Object[] frame = {target, label, Boolean.FALSE};
      yields.push(frame);
      List<Stmt.Case> cases = new ArrayList<>();
      boolean arrows = false;
      try {
        for (CaseTree c : tree.getCases()) {
          TreePath cp = new TreePath(path, c);
          List<Expr> labels = new ArrayList<>();
          for (ExpressionTree l : c.getExpressions()) {
            labels.add(caseLabel(l, cp));
          }
          List<Stmt> body = new ArrayList<>();
          if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            arrows = true;
            Tree b = c.getBody();
            if (b instanceof BlockTree block) {
              TreePath bp = new TreePath(cp, block);
              List<? extends StatementTree> statements = block.getStatements();
              for (int i = 0; i < statements.size(); i++) {
                StatementTree st = statements.get(i);
                if (i == statements.size() - 1 && st instanceof YieldTree y) {
                  body.add(yieldInto(y, bp, target, null));
                } else {
                  add(body, st, bp);
                }
              }
            } else if (b instanceof StatementTree st) {
              body.add(read(st, cp)); // a throw
            } else {
              ExpressionTree e = (ExpressionTree) b;
              body.add(
                  new Stmt.SourceLine(
                      line(e),
                      firstLine(e),
                      origin(new Stmt.Assign(target, exprs.read(e, cp)), e)));
            }
          } else {
            for (StatementTree st : c.getStatements()) {
              add(body, st, cp);
            }
          }
          cases.add(new Stmt.Case(labels, body));
        }
      } finally {
        yields.pop();
      }
      Stmt sw = new Stmt.Switch(selector, cases, arrows);
      return frame[2] == Boolean.TRUE ? new Stmt.Labeled(label, sw) : sw;
    }

    /** {@code yield v;}: {@code target = v;}, then {@code break label;} unless label is null. */
    private Stmt yieldInto(YieldTree tree, TreePath parent, Expr.Var target, String label) {
      TreePath path = new TreePath(parent, tree);
      Stmt assign = origin(new Stmt.Assign(target, exprs.read(tree.getValue(), path)), tree);
      Stmt s = label == null ? assign : new Stmt.Block(List.of(assign, new Stmt.Break(label)));
      return new Stmt.SourceLine(line(tree), firstLine(tree), s);
    }

    @Override
    public Stmt visitYield(YieldTree tree, TreePath parent) {
      Object[] frame = yields.peek();
      if (frame == null) {
        return defaultAction(tree, parent);
      }
      frame[2] = Boolean.TRUE;
      return yieldInto(tree, parent, (Expr.Var) frame[0], (String) frame[1]);
    }

    @Override
    public Stmt visitSwitch(SwitchTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Expr selector = exprs.read(tree.getExpression(), path);
      List<Stmt.Case> cases = new ArrayList<>();
      boolean arrows = false;
      for (CaseTree c : tree.getCases()) {
        TreePath cp = new TreePath(path, c);
        List<Expr> labels = new ArrayList<>();
        for (ExpressionTree label : c.getExpressions()) {
          labels.add(caseLabel(label, cp));
        }
        List<Stmt> body = new ArrayList<>();
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
          arrows = true;
          Tree b = c.getBody();
          if (b instanceof StatementTree st) {
            body.add(read(st, cp));
          } else {
            // case X -> expression;  is an expression statement without the semicolon tree
            body.add(new Stmt.Eval(exprs.readTop((ExpressionTree) b, cp)));
          }
        } else {
          for (StatementTree s : c.getStatements()) {
            add(body, s, cp);
          }
        }
        cases.add(new Stmt.Case(labels, body));
      }
      return new Stmt.Switch(selector, cases, arrows);
    }

    private Expr caseLabel(ExpressionTree label, TreePath parent) {
      TreePath path = new TreePath(parent, label);
      Element e = trees.getElement(path);
      if (e != null && e.getKind() == ElementKind.ENUM_CONSTANT) {
        return new Expr.Literal(e.getSimpleName().toString(), TypeName.get(e.asType()));
      }
      if (e instanceof VariableElement v && v.getConstantValue() != null) {
        return new Expr.Literal(literal(v.getConstantValue()), TypeName.get(v.asType()));
      }
      return exprs.read(label, parent);
    }
  }

  /** {@code e} without enclosing parentheses. */
  private static ExpressionTree unparenthesized(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  /** The path of the switch expression inside {@code e}, a child of {@code parent}. */
  private static TreePath switchPath(TreePath parent, ExpressionTree e) {
    TreePath path = new TreePath(parent, e);
    while (path.getLeaf() instanceof ParenthesizedTree p) {
      path = new TreePath(path, p.getExpression());
    }
    return path;
  }

  /** The initial value of a variable a switch expression assigns in every arm. */
  private static Expr zeroOf(TypeName type) {
    String code;
    if (Types.DOUBLE.equals(type)) {
      code = "0.0";
    } else if (TypeName.BOOLEAN.equals(type)) {
      code = "false";
    } else if (TypeName.LONG.equals(type)) {
      code = "0L";
    } else if (TypeName.FLOAT.equals(type)) {
      code = "0.0f";
    } else if (TypeName.CHAR.equals(type)) {
      code = "'\\0'";
    } else if (type.isPrimitive()) {
      code = "0";
    } else {
      code = "null";
    }
    return new Expr.Literal(code, type);
  }

  private static String compoundOperator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> "+";
      case MINUS_ASSIGNMENT -> "-";
      case MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE_ASSIGNMENT -> "/";
      case REMAINDER_ASSIGNMENT -> "%";
      case AND_ASSIGNMENT -> "&";
      case OR_ASSIGNMENT -> "|";
      case XOR_ASSIGNMENT -> "^";
      case LEFT_SHIFT_ASSIGNMENT -> "<<";
      case RIGHT_SHIFT_ASSIGNMENT -> ">>";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  /** Java source for a compile-time constant. */
  static String literal(Object value) {
    if (value instanceof String s) {
      return com.palantir.javapoet.CodeBlock.of("$S", s).toString();
    }
    if (value instanceof Character c) {
      return c == '\'' ? "'\\''" : c == '\\' ? "'\\\\'" : "'" + c + "'";
    }
    if (value instanceof Double d) {
      // qualified: the generated class's package may have a class named Double
      if (d.isNaN()) {
        return "java.lang.Double.NaN";
      }
      if (d.isInfinite()) {
        return d > 0 ? "java.lang.Double.POSITIVE_INFINITY" : "java.lang.Double.NEGATIVE_INFINITY";
      }
      return d.toString();
    }
    if (value instanceof Float f) {
      if (f.isNaN() || f.isInfinite()) {
        return "((float) " + literal(f.doubleValue()) + ")";
      }
      return f + "f";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    return String.valueOf(value);
  }

  // ---------------------------------------------------------------- expressions

  private final class ExprReader extends SimpleTreeVisitor<Expr, TreePath> {

    Expr read(ExpressionTree tree, TreePath parent) {
      if (!localClasses.isEmpty()) {
        TreePath path = new TreePath(parent, tree);
        Element e = trees.getElement(path);
        if (usesLocalClass(trees.getTypeMirror(path))
            || e != null && usesLocalClass(e.getEnclosingElement())) {
          return new Expr.Literal("0.0", Types.DOUBLE); // reported at the class declaration
        }
      }
      Expr e = visit(tree, parent);
      if (e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Literal) {
        return e;
      }
      return origin(e, tree);
    }

    /**
     * Nesting depth of expressions whose value is never differentiated and may create objects:
     * the operand of {@code throw}, the message of {@code assert}.
     */
    private int valueOnly;

    /** The operand of {@code throw} or an assert's message: object creations are allowed there. */
    Expr readValueOnly(ExpressionTree tree, TreePath parent) {
      valueOnly++;
      try {
        return read(tree, parent);
      } finally {
        valueOnly--;
      }
    }

    @Override
    public Expr visitNewClass(NewClassTree tree, TreePath parent) {
      // an object creation anywhere: like a call without a derivative, an error only where a
      // value that depends on the inputs flows through it into the derivative (see Activity)
      if (tree.getClassBody() != null) {
        return defaultAction(tree, parent);
      }
      TreePath path = new TreePath(parent, tree);
      if (tree.getEnclosingExpression() != null) {
        return enclosingInstance(tree, "new " + tree.getIdentifier());
      }
      Element c = trees.getElement(path);
      if (!(c instanceof ExecutableElement constructor)
          || !(constructor.getEnclosingElement() instanceof TypeElement created)) {
        throw new Erroneous(true);
      }
      TypeElement hidden = privateClass(created.asType());
      if (hidden != null) {
        return problem(
            tree, Message.INACCESSIBLE, "class " + hidden.getSimpleName(), derivativesName.simpleName());
      }
      if (isPrivateElsewhere(constructor)) {
        return problem(
            tree, Message.INACCESSIBLE, "constructor of " + created.getSimpleName(), derivativesName.simpleName());
      }
      if (created.getNestingKind() == NestingKind.MEMBER
          && !created.getModifiers().contains(Modifier.STATIC)
          && created.getKind() == ElementKind.CLASS) {
        return enclosingInstance(tree, "new " + created.getSimpleName());
      }
      TypeName type = typeOf(path);
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree a : tree.getArguments()) {
        args.add(read(a, path));
      }
      return new Expr.NewObject(type, args);
    }

    /** An expression used as a statement: increments and calls are fine there. */
    Expr readTop(ExpressionTree tree, TreePath parent) {
      return read(tree, parent);
    }

    /** The left side of an assignment. */
    Expr target(ExpressionTree tree, TreePath parent) {
      Expr t = read(tree, parent);
      if (t instanceof Expr.FieldRead) {
        return problem(tree, Message.FIELD_WRITE, tree.toString());
      }
      if (!(t instanceof Expr.Var || t instanceof Expr.Index)) {
        return problem(
            tree, Message.UNSUPPORTED_EXPRESSION, "assignments to " + tree, "Assign a local.");
      }
      return t;
    }

    @Override
    protected Expr defaultAction(Tree tree, TreePath parent) {
      String what =
          switch (tree.getKind()) {
            case LAMBDA_EXPRESSION -> "lambdas";
            case MEMBER_REFERENCE -> "method references";
            case NEW_CLASS -> "object creations";
            case INSTANCE_OF -> "instanceof tests";
            case SWITCH_EXPRESSION -> "switch expressions inside other expressions";
            case ASSIGNMENT -> "assignments inside expressions";
            default -> tree.getKind().toString().toLowerCase().replace('_', ' ') + " expressions";
          };
      String advice =
          switch (tree.getKind()) {
            case LAMBDA_EXPRESSION, MEMBER_REFERENCE ->
                "Write the function as a @Differentiable method and call it directly.";
            case SWITCH_EXPRESSION ->
                "Assign it to a local variable first (double y = switch ...;), or return it:"
                    + " switch expressions are supported there.";
            case ASSIGNMENT -> "Make the assignment a statement of its own.";
            default -> "Compute it outside the @Differentiable method and pass it in.";
          };
      if (tree.getKind().name().endsWith("_ASSIGNMENT")) {
        what = "assignments inside expressions";
        advice = "Make the assignment a statement of its own.";
      }
      return problem(tree, Message.UNSUPPORTED_EXPRESSION, what, advice);
    }

    @Override
    public Expr visitParenthesized(ParenthesizedTree tree, TreePath parent) {
      return read(tree.getExpression(), new TreePath(parent, tree));
    }

    @Override
    public Expr visitLiteral(LiteralTree tree, TreePath parent) {
      TypeName type = typeOf(new TreePath(parent, tree));
      Object v = tree.getValue();
      if (v == null) {
        return new Expr.Literal("null", type);
      }
      return new Expr.Literal(literal(v), type);
    }

    @Override
    public Expr visitIdentifier(IdentifierTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Element e = trees.getElement(path);
      if (e == null) {
        throw new Erroneous(true);
      }
      String name = tree.getName().toString();
      if (name.equals("this")) {
        return thisRef();
      }
      if (name.equals("super")) {
        return problem(
            tree, Message.UNSUPPORTED_EXPRESSION, "super references", "Use this instead.");
      }
      return switch (e.getKind()) {
        case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
            new Expr.Var(name, typeName(e.asType()));
        case FIELD, ENUM_CONSTANT -> field(tree, trees.getTypeMirror(path), (VariableElement) e, null);
        default -> problem(
            tree, Message.UNSUPPORTED_EXPRESSION, "references to " + e.getKind(), "");
      };
    }

    /** A field read; {@code seen} is its type where it is read ({@code Double} for a {@code T}). */
    private Expr field(Tree tree, TypeMirror seen, VariableElement f, Expr receiver) {
      if (isLocalOrAnonymous(f.getEnclosingElement())) {
        // the receiver, a new anonymous object or a variable of its type, is reported
        return receiver != null ? new Expr.Literal("0.0", Types.DOUBLE) : unnamedClass(tree);
      }
      TypeName type = typeName(seen == null || seen.toString().contains("capture#") ? f.asType() : seen);
      boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
      if (!isStatic && receiver == null && !memberOfThis(f)) {
        return enclosingInstance(tree, "field " + f.getSimpleName());
      }
      Object constant = f.getConstantValue();
      if (constant != null && isPrivateElsewhere(f)) {
        return new Expr.Literal(literal(constant), type);
      }
      if (isPrivateElsewhere(f) && !(isRecordComponent(f) && !isStatic)) {
        return privateField(tree, f, type);
      }
      if (isPrivateElsewhere(f) && isRecordComponent(f) && !isStatic) {
        // A record's fields are private; its accessors are not.
        return new Expr.PlainCall(
            ClassName.get((TypeElement) f.getEnclosingElement()),
            receiver == null ? thisRef() : receiver,
            f.getSimpleName().toString(),
            List.of(),
            type);
      }
      ClassName fieldOwner = ClassName.get((TypeElement) f.getEnclosingElement());
      if (isStatic) {
        return new Expr.FieldRead(null, fieldOwner, f.getSimpleName().toString(), type);
      }
      return new Expr.FieldRead(
          receiver == null ? thisRef() : receiver, fieldOwner, f.getSimpleName().toString(), type);
    }

    @Override
    public Expr visitMemberSelect(MemberSelectTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      TypeMirror qualifierType = trees.getTypeMirror(new TreePath(path, tree.getExpression()));
      if (qualifierType != null && qualifierType.getKind().isPrimitive()) {
        throw new Erroneous(false); // x.length on a double: javac reports it
      }
      if (qualifierType != null
          && qualifierType.getKind() == TypeKind.ARRAY
          && tree.getIdentifier().contentEquals("length")) {
        return new Expr.Length(read(tree.getExpression(), path), Types.INT);
      }
      Element e = trees.getElement(path);
      if (e == null) {
        throw new Erroneous(true);
      }
      if (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT) {
        VariableElement f = (VariableElement) e;
        Expr receiver =
            f.getModifiers().contains(Modifier.STATIC) ? null : read(tree.getExpression(), path);
        return field(tree, trees.getTypeMirror(path), f, receiver);
      }
      return problem(
          tree,
          Message.UNSUPPORTED_EXPRESSION,
          "references to " + e.getKind().toString().toLowerCase(),
          "");
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
        TypeMirror t = trees.getTypeMirror(part);
        if (t == null || t.getKind() == TypeKind.ERROR) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Expr visitMethodInvocation(MethodInvocationTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Element el = trees.getElement(path);
      if (!(el instanceof ExecutableElement m)) {
        throw new Erroneous(namesAnUnresolvedType(tree, path));
      }
      TypeName type = typeOf(path);
      String name = m.getSimpleName().toString();
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree a : tree.getArguments()) {
        args.add(read(a, path));
      }
      TypeElement calleeOwner = (TypeElement) m.getEnclosingElement();
      if (isLocalOrAnonymous(calleeOwner)) {
        int before = problems.size();
        if (tree.getMethodSelect() instanceof MemberSelectTree ms) {
          read(ms.getExpression(), new TreePath(path, ms)); // new Object() {...}.g(x)
        }
        return problems.size() > before ? new Expr.Literal("0.0", Types.DOUBLE) : unnamedClass(tree);
      }
      if (calleeOwner.getQualifiedName().contentEquals(SIN_COS)
          && (name.equals("sin") || name.equals("cos"))
          && args.isEmpty()
          && tree.getMethodSelect() instanceof MemberSelectTree ms) {
        // sc.sin() of a sinCos local, or FastMath.sinCos(u).sin(): the table's FastMath.sin(u)
        Elementary fn = name.equals("sin") ? Elementary.SIN : Elementary.COS;
        TreePath sp = new TreePath(path, ms);
        Element r = trees.getElement(new TreePath(sp, ms.getExpression()));
        if (ms.getExpression() instanceof IdentifierTree id && r != null && sinCosLocals.containsKey(r)) {
          return new Expr.MathCall(
              sinCosLocals.get(r), fn, List.of(new Expr.Var(id.getName().toString(), Types.DOUBLE)), Types.DOUBLE);
        }
        ClassName sinCos = sinCosOwner(ms.getExpression(), sp);
        if (sinCos != null) {
          return new Expr.MathCall(
              sinCos, fn, List.of(sinCosArgument(ms.getExpression(), sp)), Types.DOUBLE);
        }
      }
      ClassName calleeOwnerName = ClassName.get(calleeOwner);
      boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
      ExpressionTree select = tree.getMethodSelect();
      Expr receiver = null;
      if (!isStatic) {
        if (select instanceof MemberSelectTree ms) {
          TreePath sp = new TreePath(path, select);
          if (ms.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super")) {
            if (!isDifferentiable(m) || (rules != null && rules.lookup(m) != null)) {
              return problem(
                  tree,
                  Message.UNSUPPORTED_EXPRESSION,
                  "super calls of methods that are not @Differentiable",
                  "Annotate " + calleeOwner.getSimpleName() + "." + name + " with @Differentiable"
                      + " (a super call then runs its derivative), or call a @Differentiable"
                      + " method of this class instead.");
            }
            // super.g(x): Java dispatches statically, and so does the generated code, which calls
            // the derivative of g's body in its class (as it does for private callees)
            List<TypeName> paramTypes = new ArrayList<>();
            for (VariableElement p : m.getParameters()) {
              paramTypes.add(typeName(p.asType()));
            }
            return new Expr.DiffCall(
                calleeOwnerName,
                Names.derivativesOf(calleeOwner),
                name,
                thisRef(),
                packVarArgs(tree, path, m, paramTypes, args),
                paramTypes,
                Options.orDefault(m).activeParameters(m),
                true,
                type);
          }
          receiver = read(ms.getExpression(), sp);
        } else if (!memberOfThis(m)) {
          return enclosingInstance(tree, "method " + name);
        } else {
          receiver = thisRef();
        }
      }
      // double[].clone()
      if (name.equals("clone") && args.isEmpty() && receiver != null
          && (Types.DOUBLE_ARRAY.equals(receiver.type()) || Types.isMatrix(receiver.type()))) {
        return new Expr.ArrayClone(receiver, receiver.type()); // a double[][]'s clone is shallow
      }
      if (isStatic && rules != null) {
        // a user's tangent rule wins over the Math table and over a @Differentiable body
        CustomRules.Found found = rules.lookup(m);
        if (found != null) {
          return ruleCall(tree, path, m, found, args, type);
        }
      }
      String ownerQualified = calleeOwner.getQualifiedName().toString();
      if ((ownerQualified.equals("java.lang.Math") || ownerQualified.equals("java.lang.StrictMath")
              || Elementary.FAST_MATH_OWNERS.contains(ownerQualified))
          && isStatic) {
        var fn = Elementary.mathFunction(name, args.size());
        if (fn.isPresent()
            && doubleSignature(m, fn.get())
            && (!fn.get().fastMathOnly() || Elementary.FAST_MATH_OWNERS.contains(ownerQualified))) {
          return new Expr.MathCall(calleeOwnerName, fn.get(), args, type);
        }
        return new Expr.PlainCall(calleeOwnerName, null, name, args, type);
      }
      if (receiver != null
          && (m.getModifiers().contains(Modifier.ABSTRACT) || isDifferentiable(m))) {
        TypeMirror static_ = receiverType(select, path);
        if (m.getModifiers().contains(Modifier.ABSTRACT)
            || overriding.mayDispatchElsewhere(m, static_)) {
          Expr dispatched = sealedDispatch(tree, path, m, static_, receiver, args, type);
          if (dispatched != null) {
            return dispatched;
          }
          if (isDifferentiable(m)
              && static_ instanceof javax.lang.model.type.DeclaredType dt
              && dt.asElement().getKind() == ElementKind.INTERFACE) {
            return problem(
                tree,
                Message.INTERFACE_CALL,
                calleeOwner.getSimpleName() + "." + name,
                dt.asElement().getSimpleName(),
                dt.asElement().getSimpleName(),
                name);
          }
        }
      }
      boolean helper = isImplicitHelper(m);
      if (helper && !helpers.contains(m)) {
        helpers.add(m);
      }
      if (isDifferentiable(m) || helper) {
        if (receiver != null && overriding.mayDispatchElsewhere(m, receiverType(select, path))) {
          return problem(
              tree,
              Message.OVERRIDABLE,
              calleeOwner.getSimpleName() + "." + name,
              calleeOwner.getSimpleName(),
              name);
        }
        List<TypeName> paramTypes = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
          paramTypes.add(typeName(p.asType()));
        }
        args = packVarArgs(tree, path, m, paramTypes, args);
        return new Expr.DiffCall(
            calleeOwnerName,
            Names.derivativesOf(calleeOwner),
            name,
            receiver,
            args,
            paramTypes,
            Options.orDefault(m).activeParameters(m),
            m.getModifiers().contains(Modifier.PRIVATE),
            type);
      }
      if (isPrivateElsewhere(m)) {
        String why;
        if (!m.getModifiers().contains(Modifier.STATIC)) {
          why = "not static, so the generated class cannot call it or differentiate it in its place";
        } else if (!m.getTypeParameters().isEmpty()) {
          why = "generic, and dualj does not differentiate generic methods in place";
        } else if (isImplicitCandidate(m)) {
          why = "it does not return double or double[], so no derivative of it can compute its"
              + " result";
        } else {
          why = "its body is not in this file";
        }
        return unreachable(
            tree,
            m,
            why,
            "Make it package-private (or static, returning double or double[], to have it"
                + " differentiated in place).");
      }
      return new Expr.PlainCall(calleeOwnerName, receiver, name, args, type);
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
          paramTypes.add(typeName(p.asType()));
        }
        Expr call =
            origin(
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
        if (!(types.asElement(p) instanceof TypeElement sub) || sub.getKind() == ElementKind.ENUM) {
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
          queue.add((TypeElement) types.asElement(i));
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
          queue.add((TypeElement) types.asElement(sup));
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
                types.isSameType(
                    types.erasure(other.getParameters().get(i).asType()),
                    types.erasure(m.getParameters().get(i).asType()));
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
        paramTypes.add(typeName(p.asType()));
      }
      return checkRuleCall(
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
          trees.getTypeMirror(new TreePath(path, tree.getArguments().get(n - 1)));
      return last == null
          || !types.isAssignable(last, m.getParameters().get(n - 1).asType());
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

    @Override
    public Expr visitBinary(BinaryTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Expr l = read(tree.getLeftOperand(), path);
      Expr r = read(tree.getRightOperand(), path);
      String op =
          switch (tree.getKind()) {
            case PLUS -> "+";
            case MINUS -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case REMAINDER -> "%";
            case LESS_THAN -> "<";
            case GREATER_THAN -> ">";
            case LESS_THAN_EQUAL -> "<=";
            case GREATER_THAN_EQUAL -> ">=";
            case EQUAL_TO -> "==";
            case NOT_EQUAL_TO -> "!=";
            case CONDITIONAL_AND -> "&&";
            case CONDITIONAL_OR -> "||";
            case AND -> "&";
            case OR -> "|";
            case XOR -> "^";
            case LEFT_SHIFT -> "<<";
            case RIGHT_SHIFT -> ">>";
            case UNSIGNED_RIGHT_SHIFT -> ">>>";
            default -> throw new IllegalStateException(tree.getKind().toString());
          };
      return origin(new Expr.Binary(op, l, r, typeOf(path)), tree);
    }

    @Override
    public Expr visitUnary(UnaryTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      TypeName type = typeOf(path);
      return switch (tree.getKind()) {
        case UNARY_MINUS -> origin(new Expr.Unary("-", read(tree.getExpression(), path), type), tree);
        case UNARY_PLUS -> read(tree.getExpression(), path);
        case LOGICAL_COMPLEMENT -> new Expr.Unary("!", read(tree.getExpression(), path), type);
        case BITWISE_COMPLEMENT -> new Expr.Unary("~", read(tree.getExpression(), path), type);
        case PREFIX_INCREMENT -> new Expr.IncDec("++", true, target(tree.getExpression(), path), type);
        case PREFIX_DECREMENT -> new Expr.IncDec("--", true, target(tree.getExpression(), path), type);
        case POSTFIX_INCREMENT -> new Expr.IncDec("++", false, target(tree.getExpression(), path), type);
        case POSTFIX_DECREMENT -> new Expr.IncDec("--", false, target(tree.getExpression(), path), type);
        default -> defaultAction(tree, parent);
      };
    }

    /**
     * {@code o instanceof T} and {@code o instanceof T t}: a boolean, never active; the right
     * operand is a literal holding the pattern variable's name (empty without one) with type T.
     */
    @Override
    public Expr visitInstanceOf(InstanceOfTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      Expr operand = read(tree.getExpression(), path);
      String binding = "";
      TypeMirror tested;
      if (tree.getPattern() instanceof BindingPatternTree b) {
        binding = b.getVariable().getName().toString();
        Element v = trees.getElement(new TreePath(new TreePath(path, b), b.getVariable()));
        tested = v == null ? null : v.asType();
      } else if (tree.getPattern() != null) {
        return defaultAction(tree, parent); // record and other patterns
      } else {
        tested = trees.getTypeMirror(new TreePath(path, tree.getType()));
      }
      TypeElement hidden = privateClass(tested);
      if (hidden != null) {
        return problem(
            tree, Message.INACCESSIBLE, "class " + hidden.getSimpleName(), derivativesName.simpleName());
      }
      TypeName type = typeName(tested);
      return origin(
          new Expr.Binary("instanceof", operand, new Expr.Literal(binding, type), Types.BOOLEAN),
          tree);
    }

    @Override
    public Expr visitConditionalExpression(ConditionalExpressionTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Expr.Conditional(
          read(tree.getCondition(), path),
          read(tree.getTrueExpression(), path),
          read(tree.getFalseExpression(), path),
          typeOf(path));
    }

    @Override
    public Expr visitTypeCast(TypeCastTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Expr.Cast(typeOf(path), read(tree.getExpression(), path));
    }

    @Override
    public Expr visitArrayAccess(ArrayAccessTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      return new Expr.Index(
          read(tree.getExpression(), path), read(tree.getIndex(), path), typeOf(path));
    }

    @Override
    public Expr visitNewArray(NewArrayTree tree, TreePath parent) {
      TreePath path = new TreePath(parent, tree);
      TypeMirror t = trees.getTypeMirror(path);
      TypeName type = t == null ? null : typeName(t);
      TypeName elem = type instanceof ArrayTypeName at ? at.componentType() : null;
      if (tree.getInitializers() == null && elem instanceof ArrayTypeName) {
        // new double[m][n], new double[m][]: the dimensions given, the innermost element type
        TypeName base = elem;
        while (base instanceof ArrayTypeName at) {
          base = at.componentType();
        }
        List<Expr> dims = new ArrayList<>();
        for (ExpressionTree d : tree.getDimensions()) {
          dims.add(read(d, path));
        }
        return new Expr.NewMatrix(base, dims, type);
      }
      if (tree.getInitializers() != null) {
        List<Expr> elems = new ArrayList<>();
        for (ExpressionTree e : tree.getInitializers()) {
          elems.add(read(e, path));
        }
        return new Expr.ArrayInit(elem, elems, type);
      }
      return new Expr.NewArray(elem, read(tree.getDimensions().get(0), path), type);
    }
  }
}
