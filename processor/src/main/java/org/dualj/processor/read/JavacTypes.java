package org.dualj.processor.read;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Types;

/** Questions about javac types and trees that need no state of the method being read. */
final class JavacTypes {
  static final String DIFFERENTIABLE = "org.dualj.annotations.Differentiable";

  private JavacTypes() {}

  static boolean isDifferentiable(Element e) {
    return Options.mirror(e, DIFFERENTIABLE) != null;
  }

  /**
   * Whether error type {@code t} stands for a type javac could not find, rather than for the
   * type of an expression javac rejected (an error type without a name).
   */
  static boolean namesAMissingType(TypeMirror t) {
    return t instanceof javax.lang.model.type.DeclaredType d
        && d.asElement() != null
        && javax.lang.model.SourceVersion.isIdentifier(d.asElement().getSimpleName());
  }

  /** {@code byte b = 1;} narrows a constant, which javac allows. */
  static boolean isIntegralConstant(TreePath value) {
    return value.getLeaf() instanceof LiteralTree l && l.getValue() instanceof Integer;
  }

  static boolean isRecordComponent(VariableElement f) {
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
  static boolean isLocalOrAnonymous(Element e) {
    return e instanceof TypeElement t
        && (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS);
  }

  /**
   * A local or anonymous class met where its declaration or creation was not reported: that
   * cannot happen in a method of a named class, whose body holds both.
   */
  static Expr unnamedClass(Tree tree) {
    throw new IllegalStateException("unreported local or anonymous class at " + tree);
  }

  /** The private class that {@code t} is or is nested in, which generated code cannot name; or null. */
  static TypeElement privateClass(TypeMirror t) {
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
  static boolean namesUnnamedClass(TypeMirror t) {
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

  /**
   * The type variables in scope in an instance method of {@code type}: its own, then, for an
   * inner (non-static) class, those of the classes enclosing it, outermost first.
   */
  static List<TypeVariableName> typeVariables(TypeElement type) {
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

  /** {@code e} without enclosing parentheses. */
  static ExpressionTree unparenthesized(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  /** The path of the switch expression inside {@code e}, a child of {@code parent}. */
  static TreePath switchPath(TreePath parent, ExpressionTree e) {
    TreePath path = new TreePath(parent, e);
    while (path.getLeaf() instanceof ParenthesizedTree p) {
      path = new TreePath(path, p.getExpression());
    }
    return path;
  }

  /** The initial value of a variable a switch expression assigns in every arm. */
  static Expr zeroOf(TypeName type) {
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

  static String compoundOperator(Tree.Kind kind) {
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
}
