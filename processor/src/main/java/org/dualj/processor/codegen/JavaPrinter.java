package org.dualj.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;

/**
 * Prints model statements and expressions as Java with JavaPoet, adding only the parentheses
 * that precedence requires. Types go through {@code $T} so JavaPoet manages imports.
 */
final class JavaPrinter {
  private static final int TERNARY = 1;
  private static final int UNARY = 13;
  private static final int POSTFIX = 14;
  private static final int PRIMARY = 15;

  private JavaPrinter() {}

  // ---------------------------------------------------------------- statements

  static void stmts(List<Stmt> body, CodeBlock.Builder out) {
    for (Stmt s : body) {
      stmt(s, out);
    }
  }

  static void stmt(Stmt s, CodeBlock.Builder out) {
    if (s instanceof Stmt.Comment c) {
      out.add("// $L\n", commentText(c.text()));
    } else if (s instanceof Stmt.SourceLine l) {
      stmt(l.stmt(), out);
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        out.addStatement("$T $L", d.type(), d.name());
      } else {
        out.addStatement("$T $L = $L", d.type(), d.name(), expr(d.init()));
      }
    } else if (s instanceof Stmt.Assign a) {
      out.addStatement("$L = $L", expr(a.target()), expr(a.value()));
    } else if (s instanceof Stmt.CompoundAssign c) {
      out.addStatement("$L $L= $L", expr(c.target()), c.op(), expr(c.value()));
    } else if (s instanceof Stmt.Eval e) {
      out.addStatement("$L", expr(e.expr()));
    } else if (s instanceof Stmt.Block b) {
      out.add("{\n").indent();
      stmts(b.body(), out);
      out.unindent().add("}\n");
    } else if (s instanceof Stmt.Labeled l) {
      out.add("$L:\n", l.label());
      stmt(l.body(), out);
    } else if (s instanceof Stmt.Break b) {
      out.addStatement(b.label() == null ? "break" : "break " + b.label());
    } else if (s instanceof Stmt.Continue c) {
      out.addStatement(c.label() == null ? "continue" : "continue " + c.label());
    } else if (s instanceof Stmt.Return r) {
      if (r.value() == null) {
        out.addStatement("return");
      } else {
        out.addStatement("return $L", expr(r.value()));
      }
    } else if (s instanceof Stmt.Throw t) {
      out.addStatement("throw $L", expr(t.value()));
    } else if (s instanceof Stmt.Assert a) {
      if (a.message() == null) {
        out.addStatement("assert $L", expr(a.cond()));
      } else {
        out.addStatement("assert $L : $L", expr(a.cond()), expr(a.message()));
      }
    } else {
      control(s, out);
    }
  }

  /** A statement with a body: a branch, a loop, a {@code try} or a {@code switch}. */
  private static void control(Stmt s, CodeBlock.Builder out) {
    if (s instanceof Stmt.If i) {
      ifChain(i, out);
    } else if (s instanceof Stmt.While w) {
      out.beginControlFlow("while ($L)", expr(w.cond()));
      body(w.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.DoWhile d) {
      out.beginControlFlow("do");
      body(d.body(), out);
      out.endControlFlow("while ($L)", expr(d.cond()));
    } else if (s instanceof Stmt.For f) {
      out.beginControlFlow(
          "for ($L; $L; $L)",
          forClause(f.init(), true),
          f.cond() == null ? "" : expr(f.cond()),
          forClause(f.update(), false));
      body(f.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.ForEach f) {
      out.beginControlFlow("for ($T $L : $L)", f.type(), f.var(), expr(f.iterable()));
      body(f.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.Try t) {
      out.beginControlFlow("try");
      stmts(t.body().body(), out);
      for (Stmt.Catch c : t.catches()) {
        CodeBlock.Builder types = CodeBlock.builder();
        for (int i = 0; i < c.types().size(); i++) {
          types.add(i == 0 ? "$T" : " | $T", c.types().get(i));
        }
        out.nextControlFlow("catch ($L $L)", types.build(), c.name());
        stmts(c.body().body(), out);
      }
      if (t.fin() != null) {
        out.nextControlFlow("finally");
        stmts(t.fin().body(), out);
      }
      out.endControlFlow();
    } else if (s instanceof Stmt.Switch sw) {
      out.beginControlFlow("switch ($L)", expr(sw.selector()));
      for (Stmt.Case c : sw.cases()) {
        CodeBlock labels = labels(c.labels());
        if (sw.arrows()) {
          out.add("$L -> {\n", labels).indent();
          stmts(c.body(), out);
          out.unindent().add("}\n");
        } else {
          out.add("$L:\n", labels).indent();
          stmts(c.body(), out);
          out.unindent();
        }
      }
      out.endControlFlow();
    }
  }

  /**
   * Text that stays inside a line comment: line terminators become spaces, and a backslash that
   * javac would read as the start of a unicode escape ({@code \}{@code u000a} is a line break
   * before lexing) gets a second one, which makes it an ordinary character.
   */
  static String commentText(String text) {
    String oneLine = text.replaceAll("\r\n|\r|\n", " ");
    StringBuilder out = new StringBuilder(oneLine.length());
    int run = 0; // backslashes just before this character
    for (int i = 0; i < oneLine.length(); i++) {
      char ch = oneLine.charAt(i);
      if (ch == 'u' && run % 2 == 1) {
        out.append('\\');
      }
      run = ch == '\\' ? run + 1 : 0;
      out.append(ch);
    }
    return out.toString();
  }

  private static CodeBlock labels(List<Expr> labels) {
    if (labels.isEmpty()) {
      return CodeBlock.of("default");
    }
    CodeBlock.Builder b = CodeBlock.builder().add("case ");
    for (int i = 0; i < labels.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", expr(labels.get(i)));
    }
    return b.build();
  }

  private static void ifChain(Stmt.If i, CodeBlock.Builder out) {
    out.beginControlFlow("if ($L)", expr(i.cond()));
    while (true) {
      body(i.then(), out);
      Stmt other = i.otherwise();
      if (other == null || (other instanceof Stmt.Block b && b.body().isEmpty())) {
        out.endControlFlow();
        return;
      }
      if (other instanceof Stmt.If next) {
        out.nextControlFlow("else if ($L)", expr(next.cond()));
        i = next;
      } else {
        out.nextControlFlow("else");
        body(other, out);
        out.endControlFlow();
        return;
      }
    }
  }

  /** The statements of a control construct's body, without an extra pair of braces. */
  private static void body(Stmt s, CodeBlock.Builder out) {
    if (s instanceof Stmt.Block b) {
      stmts(b.body(), out);
    } else {
      stmt(s, out);
    }
  }

  private static CodeBlock forClause(List<Stmt> parts, boolean init) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < parts.size(); i++) {
      Stmt s = parts.get(i);
      if (i > 0) {
        b.add(", ");
      }
      if (s instanceof Stmt.Declare d && (init)) {
        b.add("$T $L = $L", d.type(), d.name(), expr(d.init()));
      } else if (s instanceof Stmt.Assign a) {
        b.add("$L = $L", expr(a.target()), expr(a.value()));
      } else if (s instanceof Stmt.CompoundAssign c) {
        b.add("$L $L= $L", expr(c.target()), c.op(), expr(c.value()));
      } else if (s instanceof Stmt.Eval e) {
        b.add("$L", expr(e.expr()));
      } else {
        throw new IllegalStateException("not a for clause: " + s);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- expressions

  static CodeBlock expr(Expr e) {
    if (e instanceof Expr.Literal l) {
      return CodeBlock.of("$L", l.code());
    } else if (e instanceof Expr.Var v) {
      return CodeBlock.of("$L", v.name());
    } else if (e instanceof Expr.FieldRead f) {
      return f.receiver() == null
              ? CodeBlock.of("$T.$L", f.owner(), f.name())
              : CodeBlock.of("$L.$L", operand(f.receiver(), POSTFIX), f.name());
    } else if (e instanceof Expr.Unary u) {
      CodeBlock inner = operand(u.operand(), UNARY);
      String text = inner.toString();
      // "- -x" and "--x" differ; keep nested signs apart
      if (text.startsWith(u.op()) && (u.op().equals("-") || u.op().equals("+"))) {
        return CodeBlock.of("$L($L)", u.op(), inner);
      }
      return CodeBlock.of("$L$L", u.op(), inner);
    } else if (e instanceof Expr.IncDec i) {
      return i.prefix()
              ? CodeBlock.of("$L$L", i.op(), operand(i.target(), UNARY))
              : CodeBlock.of("$L$L", operand(i.target(), POSTFIX), i.op());
    } else if (e instanceof Expr.Binary b
        && b.op().equals("instanceof")
        && b.right() instanceof Expr.Literal type) {
      // the literal holds the pattern variable, if any: o instanceof Circle c
      return type.code().isEmpty()
          ? CodeBlock.of("$L instanceof $T", operand(b.left(), precedence(b)), type.type())
          : CodeBlock.of(
              "$L instanceof $T $L", operand(b.left(), precedence(b)), type.type(), type.code());
    } else if (e instanceof Expr.Binary b) {
      int p = precedence(b);
      return CodeBlock.of(
          "$L $L $L", operand(b.left(), p), b.op(), operand(b.right(), p + 1));
    } else if (e instanceof Expr.Conditional c) {
      return CodeBlock.of(
              "$L ? $L : $L",
              operand(c.cond(), TERNARY + 1),
              operand(c.whenTrue(), TERNARY + 1),
              operand(c.whenFalse(), TERNARY));
    } else if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($T) $L", c.type(), operand(c.operand(), UNARY));
    }
    return arraysAndCalls(e);
  }

  /** Array expressions, calls and object creation. */
  private static CodeBlock arraysAndCalls(Expr e) {
    if (e instanceof Expr.Index i) {
      return CodeBlock.of("$L[$L]", operand(i.array(), POSTFIX), expr(i.index()));
    } else if (e instanceof Expr.Length l) {
      return CodeBlock.of("$L.length", operand(l.array(), POSTFIX));
    } else if (e instanceof Expr.NewArray n) {
      return CodeBlock.of("new $T[$L]", n.elementType(), expr(n.length()));
    } else if (e instanceof Expr.NewMatrix n) {
      CodeBlock.Builder b = CodeBlock.builder().add("new $T", n.elementType());
      for (Expr d : n.dims()) {
        b.add("[$L]", expr(d));
      }
      com.palantir.javapoet.TypeName t = n.type();
      int rank = 0;
      while (t instanceof com.palantir.javapoet.ArrayTypeName at) {
        rank++;
        t = at.componentType();
      }
      for (int i = n.dims().size(); i < rank; i++) {
        b.add("[]");
      }
      return b.build();
    } else if (e instanceof Expr.ArrayInit a) {
      return CodeBlock.of("new $T[] {$L}", a.elementType(), args(a.elements()));
    } else if (e instanceof Expr.ArrayClone c) {
      return CodeBlock.of("$L.clone()", operand(c.array(), POSTFIX));
    } else if (e instanceof Expr.MathCall m) {
      return CodeBlock.of("$T.$L($L)", m.owner(), m.fn().symbol(), args(m.args()));
    } else if (e instanceof Expr.DiffCall d) {
      throw new IllegalStateException("untransformed call " + d);
    } else if (e instanceof Expr.RuleCall r) {
      return CodeBlock.of("$T.$L($L)", r.owner(), r.name(), args(r.args()));
    } else if (e instanceof Expr.PlainCall p) {
      return p.receiver() == null
              ? CodeBlock.of("$T.$L($L)", p.owner(), p.name(), args(p.args()))
              : CodeBlock.of("$L.$L($L)", operand(p.receiver(), POSTFIX), p.name(), args(p.args()));
    } else if (e instanceof Expr.MakeDual m) {
      return CodeBlock.of("$T.of($L, $L)", m.type(), expr(m.value()), expr(m.tangent()));
    } else if (e instanceof Expr.DualPart d) {
      return CodeBlock.of("$L.$L()", operand(d.dual(), POSTFIX), d.tangent() ? "tangent" : "value");
    } else if (e instanceof Expr.StaticCall s) {
      return CodeBlock.of("$T.$L($L)", s.owner(), s.name(), args(s.args()));
    } else if (e instanceof Expr.NewObject n) {
      return CodeBlock.of("new $T($L)", n.type(), args(n.args()));
    } else if (e instanceof Expr.Lambda l) {
      List<Object> parts = new java.util.ArrayList<>();
      l.captured().forEach(c -> parts.add(expr(c)));
      parts.addAll(l.names());
      return CodeBlock.of(l.format(), parts.toArray());
    }
    throw new AssertionError(e);
  }

  private static CodeBlock args(List<Expr> args) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < args.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", expr(args.get(i)));
    }
    return b.build();
  }

  /** {@code e} printed where an operand of precedence at least {@code min} is needed. */
  private static CodeBlock operand(Expr e, int min) {
    CodeBlock c = expr(e);
    return precedence(e) < min ? CodeBlock.of("($L)", c) : c;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Conditional c) {
      return TERNARY;
    } else if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case "||" -> 2;
        case "&&" -> 3;
        case "|" -> 4;
        case "^" -> 5;
        case "&" -> 6;
        case "==", "!=" -> 7;
        case "<", ">", "<=", ">=", "instanceof" -> 8;
        case "<<", ">>", ">>>" -> 9;
        case "+", "-" -> 10;
        case "*", "/", "%" -> 11;
        default -> throw new IllegalStateException(b.op());
      };
    } else if (e instanceof Expr.Unary u) {
      return UNARY;
    } else if (e instanceof Expr.Cast c) {
      return UNARY;
    } else if (e instanceof Expr.IncDec i) {
      return i.prefix() ? UNARY : POSTFIX;
    } else if (e instanceof Expr.Literal l) {
      return l.code().startsWith("-") ? UNARY : PRIMARY;
    } else if (e instanceof Expr.NewArray n) {
      return POSTFIX - 1;
    } else if (e instanceof Expr.ArrayInit a) {
      return POSTFIX - 1;
    } else if (e instanceof Expr.NewMatrix n) {
      return POSTFIX - 1;
    } else {
      return PRIMARY;
    }
  }
}
