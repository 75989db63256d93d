package org.dualj.processor.read;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.SimpleTreeVisitor;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Types;
import org.dualj.processor.read.MethodReader.Erroneous;

import static org.dualj.processor.read.JavacTypes.*;

/** Reads expressions into {@link Expr}s; calls are read by {@link CallReader}. */
final class ExprReader extends SimpleTreeVisitor<Expr, TreePath> {
  private final ReadContext cx;

  ExprReader(ReadContext cx) {
    this.cx = cx;
    this.lambdas = new LambdaReader(cx);
  }

  @Override
  public Expr visitMethodInvocation(MethodInvocationTree tree, TreePath parent) {
    return cx.calls.read(tree, parent);
  }

  Expr read(ExpressionTree tree, TreePath parent) {
    if (!cx.localClasses.isEmpty()) {
      TreePath path = new TreePath(parent, tree);
      Element e = cx.trees.getElement(path);
      if (cx.usesLocalClass(cx.trees.getTypeMirror(path))
          || e != null && cx.usesLocalClass(e.getEnclosingElement())) {
        return new Expr.Literal("0.0", Types.DOUBLE); // reported at the class declaration
      }
    }
    Expr e = visit(tree, parent);
    if (e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Literal) {
      return e;
    }
    return cx.origin(e, tree);
  }

  /**
   * Nesting depth of expressions whose value is never differentiated and may create objects:
   * the operand of {@code throw}, the message of {@code assert}.
   */
  private int valueOnly;

  private final LambdaReader lambdas;

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
      return cx.enclosingInstance(tree, "new " + tree.getIdentifier());
    }
    Element c = cx.trees.getElement(path);
    if (!(c instanceof ExecutableElement constructor)
        || !(constructor.getEnclosingElement() instanceof TypeElement created)) {
      throw new Erroneous(true);
    }
    TypeElement hidden = privateClass(created.asType());
    if (hidden != null) {
      return cx.problem(
          tree, Message.INACCESSIBLE, "class " + hidden.getSimpleName(), cx.derivativesName.simpleName());
    }
    if (cx.isPrivateElsewhere(constructor)) {
      return cx.problem(
          tree, Message.INACCESSIBLE, "constructor of " + created.getSimpleName(), cx.derivativesName.simpleName());
    }
    if (created.getNestingKind() == NestingKind.MEMBER
        && !created.getModifiers().contains(Modifier.STATIC)
        && created.getKind() == ElementKind.CLASS) {
      return cx.enclosingInstance(tree, "new " + created.getSimpleName());
    }
    TypeName type = cx.typeOf(path);
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
      return cx.problem(tree, Message.FIELD_WRITE, tree.toString());
    }
    if (!(t instanceof Expr.Var || t instanceof Expr.Index)) {
      return cx.problem(
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
    return cx.problem(tree, Message.UNSUPPORTED_EXPRESSION, what, advice);
  }

  @Override
  public Expr visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree tree, TreePath parent) {
    return lambdas.read(tree, parent);
  }

  @Override
  public Expr visitMemberReference(com.sun.source.tree.MemberReferenceTree tree, TreePath parent) {
    return lambdas.read(tree, parent);
  }

  @Override
  public Expr visitParenthesized(ParenthesizedTree tree, TreePath parent) {
    return read(tree.getExpression(), new TreePath(parent, tree));
  }

  @Override
  public Expr visitLiteral(LiteralTree tree, TreePath parent) {
    TypeName type = cx.typeOf(new TreePath(parent, tree));
    Object v = tree.getValue();
    if (v == null) {
      return new Expr.Literal("null", type);
    }
    return new Expr.Literal(literal(v), type);
  }

  @Override
  public Expr visitIdentifier(IdentifierTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    Element e = cx.trees.getElement(path);
    if (e == null) {
      throw new Erroneous(true);
    }
    String name = tree.getName().toString();
    if (name.equals("this")) {
      return cx.thisRef();
    }
    if (name.equals("super")) {
      return cx.problem(
          tree, Message.UNSUPPORTED_EXPRESSION, "super references", "Use this instead.");
    }
    return switch (e.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
          new Expr.Var(name, cx.typeName(e.asType()));
      case FIELD, ENUM_CONSTANT -> field(tree, cx.trees.getTypeMirror(path), (VariableElement) e, null);
      default -> cx.problem(
          tree, Message.UNSUPPORTED_EXPRESSION, "references to " + e.getKind(), "");
    };
  }

  /** A field read; {@code seen} is its type where it is read ({@code Double} for a {@code T}). */
  private Expr field(Tree tree, TypeMirror seen, VariableElement f, Expr receiver) {
    if (isLocalOrAnonymous(f.getEnclosingElement())) {
      // the receiver, a new anonymous object or a variable of its type, is reported
      return receiver != null ? new Expr.Literal("0.0", Types.DOUBLE) : unnamedClass(tree);
    }
    TypeName type = cx.typeName(seen == null || seen.toString().contains("capture#") ? f.asType() : seen);
    boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
    boolean outer = !isStatic && receiver == null && !cx.memberOfThis(f);
    Object constant = f.getConstantValue();
    if (constant != null && (cx.isPrivateElsewhere(f) || outer)) {
      return new Expr.Literal(literal(constant), type); // a compile-time constant, inlined
    }
    if (outer) {
      return cx.members.enclosingMember(tree, f);
    }
    if (cx.isPrivateElsewhere(f) && !(isRecordComponent(f) && !isStatic)) {
      return cx.members.privateField(tree, f, type);
    }
    if (cx.isPrivateElsewhere(f) && isRecordComponent(f) && !isStatic) {
      // A record's fields are private; its accessors are not.
      return new Expr.PlainCall(
          ClassName.get((TypeElement) f.getEnclosingElement()),
          receiver == null ? cx.thisRef() : receiver,
          f.getSimpleName().toString(),
          List.of(),
          type);
    }
    ClassName fieldOwner = ClassName.get((TypeElement) f.getEnclosingElement());
    if (isStatic) {
      return new Expr.FieldRead(null, fieldOwner, f.getSimpleName().toString(), type);
    }
    return new Expr.FieldRead(
        receiver == null ? cx.thisRef() : receiver, fieldOwner, f.getSimpleName().toString(), type);
  }

  @Override
  public Expr visitMemberSelect(MemberSelectTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    TypeMirror qualifierType = cx.trees.getTypeMirror(new TreePath(path, tree.getExpression()));
    if (qualifierType != null && qualifierType.getKind().isPrimitive()) {
      throw new Erroneous(false); // x.length on a double: javac reports it
    }
    if (qualifierType != null
        && qualifierType.getKind() == TypeKind.ARRAY
        && tree.getIdentifier().contentEquals("length")) {
      return new Expr.Length(read(tree.getExpression(), path), Types.INT);
    }
    Element e = cx.trees.getElement(path);
    if (e == null) {
      throw new Erroneous(true);
    }
    if (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT) {
      VariableElement f = (VariableElement) e;
      Expr receiver =
          f.getModifiers().contains(Modifier.STATIC) ? null : read(tree.getExpression(), path);
      return field(tree, cx.trees.getTypeMirror(path), f, receiver);
    }
    return cx.problem(
        tree,
        Message.UNSUPPORTED_EXPRESSION,
        "references to " + e.getKind().toString().toLowerCase(),
        "");
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
    return cx.origin(new Expr.Binary(op, l, r, cx.typeOf(path)), tree);
  }

  @Override
  public Expr visitUnary(UnaryTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    TypeName type = cx.typeOf(path);
    return switch (tree.getKind()) {
      case UNARY_MINUS -> cx.origin(new Expr.Unary("-", read(tree.getExpression(), path), type), tree);
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
      Element v = cx.trees.getElement(new TreePath(new TreePath(path, b), b.getVariable()));
      tested = v == null ? null : v.asType();
    } else if (tree.getPattern() != null) {
      return defaultAction(tree, parent); // record and other patterns
    } else {
      tested = cx.trees.getTypeMirror(new TreePath(path, tree.getType()));
    }
    TypeElement hidden = privateClass(tested);
    if (hidden != null) {
      return cx.problem(
          tree, Message.INACCESSIBLE, "class " + hidden.getSimpleName(), cx.derivativesName.simpleName());
    }
    TypeName type = cx.typeName(tested);
    return cx.origin(
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
        cx.typeOf(path));
  }

  @Override
  public Expr visitTypeCast(TypeCastTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Expr.Cast(cx.typeOf(path), read(tree.getExpression(), path));
  }

  @Override
  public Expr visitArrayAccess(ArrayAccessTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Expr.Index(
        read(tree.getExpression(), path), read(tree.getIndex(), path), cx.typeOf(path));
  }

  @Override
  public Expr visitNewArray(NewArrayTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    TypeMirror t = cx.trees.getTypeMirror(path);
    TypeName type = t == null ? null : cx.typeName(t);
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
