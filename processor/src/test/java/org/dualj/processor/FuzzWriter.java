package org.dualj.processor;

import java.util.List;
import java.util.StringJoiner;
import org.dualj.processor.FuzzAst.ACall;
import org.dualj.processor.FuzzAst.AClone;
import org.dualj.processor.FuzzAst.AInit;
import org.dualj.processor.FuzzAst.ANew;
import org.dualj.processor.FuzzAst.ARef;
import org.dualj.processor.FuzzAst.And;
import org.dualj.processor.FuzzAst.Arg;
import org.dualj.processor.FuzzAst.Arr;
import org.dualj.processor.FuzzAst.ArrArg;
import org.dualj.processor.FuzzAst.Bin;
import org.dualj.processor.FuzzAst.Call;
import org.dualj.processor.FuzzAst.Cmp;
import org.dualj.processor.FuzzAst.Cond;
import org.dualj.processor.FuzzAst.DeclA;
import org.dualj.processor.FuzzAst.DeclD;
import org.dualj.processor.FuzzAst.Elem;
import org.dualj.processor.FuzzAst.Expr;
import org.dualj.processor.FuzzAst.ExprArg;
import org.dualj.processor.FuzzAst.Field;
import org.dualj.processor.FuzzAst.Fn;
import org.dualj.processor.FuzzAst.For;
import org.dualj.processor.FuzzAst.ForEach;
import org.dualj.processor.FuzzAst.FromInt;
import org.dualj.processor.FuzzAst.Guard;
import org.dualj.processor.FuzzAst.IAdd;
import org.dualj.processor.FuzzAst.IConst;
import org.dualj.processor.FuzzAst.ILen;
import org.dualj.processor.FuzzAst.IMod;
import org.dualj.processor.FuzzAst.IVar;
import org.dualj.processor.FuzzAst.Idx;
import org.dualj.processor.FuzzAst.If;
import org.dualj.processor.FuzzAst.IncD;
import org.dualj.processor.FuzzAst.IntArg;
import org.dualj.processor.FuzzAst.Jump;
import org.dualj.processor.FuzzAst.Method;
import org.dualj.processor.FuzzAst.Neg;
import org.dualj.processor.FuzzAst.Not;
import org.dualj.processor.FuzzAst.Num;
import org.dualj.processor.FuzzAst.OpSetD;
import org.dualj.processor.FuzzAst.OpSetElem;
import org.dualj.processor.FuzzAst.Or;
import org.dualj.processor.FuzzAst.Param;
import org.dualj.processor.FuzzAst.Parity;
import org.dualj.processor.FuzzAst.Program;
import org.dualj.processor.FuzzAst.Ref;
import org.dualj.processor.FuzzAst.Return;
import org.dualj.processor.FuzzAst.SetD;
import org.dualj.processor.FuzzAst.SetElem;
import org.dualj.processor.FuzzAst.Stmt;
import org.dualj.processor.FuzzAst.Tern;
import org.dualj.processor.FuzzAst.While;

/**
 * Prints a {@link Program} twice: as plain Java with {@code @Differentiable} methods (class {@code
 * fuzz.<name>}, what dualj differentiates) and over Hipparchus {@code DerivativeStructure} (class
 * {@code fuzz.<name>_DS}, the oracle). The oracle also records, for the harness, how close the
 * evaluation came to a branch point or kink ({@code $kink}), to a singularity ({@code $sing}), and
 * the sequence of decisions it took ({@code $trace}).
 */
final class FuzzWriter {
  static final String PACKAGE = "fuzz";

  private final StringBuilder out = new StringBuilder();
  private final boolean ds;
  private int indent;

  private FuzzWriter(boolean ds) {
    this.ds = ds;
  }

  static String plain(Program p) {
    FuzzWriter w = new FuzzWriter(false);
    w.line("package " + PACKAGE + ";");
    w.line("");
    w.line("import org.dualj.annotations.Differentiable;");
    w.line("");
    w.line("/** Fuzz program, seed " + p.seed() + "L. */");
    w.line("public final class " + p.className() + " {");
    w.indent++;
    w.fields(p);
    for (Method m : p.methods()) {
      w.line("");
      w.method(m);
    }
    w.indent--;
    w.line("}");
    return w.out.toString();
  }

  static String oracle(Program p) {
    FuzzWriter w = new FuzzWriter(true);
    w.line("package " + PACKAGE + ";");
    w.line("");
    w.line("import org.hipparchus.analysis.differentiation.DSFactory;");
    w.line("import org.hipparchus.analysis.differentiation.DerivativeStructure;");
    w.line("");
    w.line("/** Fuzz program, seed " + p.seed() + "L, over DerivativeStructure. */");
    w.line("public final class " + p.className() + "_DS {");
    w.indent++;
    w.fields(p);
    w.out.append(HELPERS);
    for (Method m : p.methods()) {
      w.line("");
      w.method(m);
    }
    w.indent--;
    w.line("}");
    return w.out.toString();
  }

  private static final String HELPERS =
      """
        public static DSFactory $F;
        public static double $kink;
        public static double $sing;
        public static long $trace;

        public static void $reset(DSFactory f) {
          $F = f;
          $kink = Double.POSITIVE_INFINITY;
          $sing = Double.POSITIVE_INFINITY;
          $trace = 17;
        }

        static DerivativeStructure $k(double v) {
          return $F.constant(v);
        }

        static DerivativeStructure[] $zeros(int n) {
          DerivativeStructure[] a = new DerivativeStructure[n];
          java.util.Arrays.fill(a, $k(0));
          return a;
        }

        /** Records how close x and y are (relative to max(1, |x|, |y|)): a branch point or kink. */
        static void $near(double x, double y) {
          double m = Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
          if (!(m >= $kink)) {
            $kink = m;
          }
        }

        static void $branch(long b) {
          $trace = $trace * 1000003L + b;
        }

        static DerivativeStructure $sing(DerivativeStructure a) {
          $singular(a.getValue());
          return a;
        }

        static void $singular(double v) {
          double m = Math.abs(v);
          if (!(m >= $sing)) {
            $sing = m;
          }
        }

        static boolean $cmp(DerivativeStructure a, int op, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          $near(x, y);
          boolean t = switch (op) {
            case 0 -> x < y;
            case 1 -> x <= y;
            case 2 -> x > y;
            default -> x >= y;
          };
          $branch(t ? 1 : 2);
          return t;
        }

        static DerivativeStructure $abs(DerivativeStructure a) {
          double x = a.getValue();
          $near(x, 0);
          $branch(x < 0 ? 3 : 4);
          return x < 0 ? a.negate() : a;
        }

        static DerivativeStructure $min(DerivativeStructure a, DerivativeStructure b) {
          $near(a.getValue(), b.getValue());
          boolean first = a.getValue() <= b.getValue();
          $branch(first ? 5 : 6);
          return first ? a : b;
        }

        static DerivativeStructure $max(DerivativeStructure a, DerivativeStructure b) {
          $near(a.getValue(), b.getValue());
          boolean first = a.getValue() >= b.getValue();
          $branch(first ? 7 : 8);
          return first ? a : b;
        }

        /** Java's % (truncated): a - q b with q = trunc(a / b), q constant between jumps. */
        static DerivativeStructure $rem(DerivativeStructure a, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          double r = x % y;
          $near(r, 0);
          $near(Math.abs(r), Math.abs(y));
          double q = Math.rint((x - r) / y);
          $branch(9 + 16 * (long) q);
          DerivativeStructure d = a.subtract(b.multiply(q));
          return d.add(r - d.getValue());
        }

        /** IEEEremainder: a - q b with q = rint(a / b), q constant between jumps. */
        static DerivativeStructure $ieee(DerivativeStructure a, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          double r = Math.IEEEremainder(x, y);
          $near(Math.abs(r), Math.abs(y) / 2);
          double q = Math.rint((x - r) / y);
          $branch(10 + 16 * (long) q);
          DerivativeStructure d = a.subtract(b.multiply(q));
          return d.add(r - d.getValue());
        }

        static DerivativeStructure $atan2(DerivativeStructure y, DerivativeStructure x) {
          $singular(Math.hypot(y.getValue(), x.getValue()));
          if (x.getValue() < 0) {
            $near(y.getValue(), 0);
          }
          $branch(x.getValue() < 0 ? (y.getValue() < 0 ? 11 : 12) : 13);
          return y.atan2(x);
        }

        static DerivativeStructure $hypot(DerivativeStructure a, DerivativeStructure b) {
          $singular(Math.hypot(a.getValue(), b.getValue()));
          return a.hypot(b);
        }

        static DerivativeStructure $copySign(DerivativeStructure a, DerivativeStructure b) {
          $near(a.getValue(), 0);
          $near(b.getValue(), 0);
          boolean same = (a.getValue() >= 0) == (b.getValue() >= 0);
          $branch(same ? 14 : 15);
          return same ? a : a.negate();
        }

        /** A piecewise constant function: value w, derivative 0; d is the distance to its next jump. */
        static DerivativeStructure $pc(double w, double d) {
          $near(d, 0);
          $branch(16 + 32 * (long) w);
          return $k(w);
        }

        static DerivativeStructure $floor(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(Math.floor(v), Math.abs(v - Math.rint(v)));
        }

        static DerivativeStructure $ceil(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(Math.ceil(v), Math.abs(v - Math.rint(v)));
        }

        static DerivativeStructure $rint(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(Math.rint(v), Math.abs(v - Math.floor(v) - 0.5));
        }

        static DerivativeStructure $signum(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(Math.signum(v), Math.abs(v));
        }
      """;

  private void fields(Program p) {
    for (int i = 0; i < p.fields().size(); i++) {
      line("static final double " + p.fields().get(i) + " = " + p.fieldValues().get(i) + ";");
    }
  }

  private void method(Method m) {
    if (!ds) {
      StringJoiner attrs = new StringJoiner(", ");
      if (m.wrt() != null) {
        StringJoiner names = new StringJoiner(", ", "{", "}");
        m.wrt().forEach(n -> names.add("\"" + n + "\""));
        attrs.add("wrt = " + names);
      }
      if (m.chunk() != 0) {
        attrs.add("chunk = " + m.chunk());
      }
      line(attrs.length() == 0 ? "@Differentiable" : "@Differentiable(" + attrs + ")");
    }
    StringJoiner params = new StringJoiner(", ");
    for (Param p : m.params()) {
      params.add(type(p) + " " + p.name());
    }
    String result = m.returnsArray() ? arrayType() : scalarType();
    String visibility = ds || m.isPublic() ? "public static " : "static ";
    line(visibility + result + " " + m.name() + "(" + params + ") {");
    indent++;
    statements(m.body());
    indent--;
    line("}");
  }

  private String type(Param p) {
    return switch (p.kind()) {
      case DOUBLE -> scalarType();
      case ARRAY -> arrayType();
      case INT -> "int";
    };
  }

  private String scalarType() {
    return ds ? "DerivativeStructure" : "double";
  }

  private String arrayType() {
    return ds ? "DerivativeStructure[]" : "double[]";
  }

  private void statements(List<Stmt> body) {
    for (Stmt s : body) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (s instanceof DeclD d) {
      line(scalarType() + " " + d.name() + " = " + expr(d.value()) + ";");
    } else if (s instanceof SetD d) {
      line(d.name() + " = " + expr(d.value()) + ";");
    } else if (s instanceof OpSetD d) {
      if (ds) {
        line(d.name() + " = " + binary(d.op(), d.name(), expr(d.value())) + ";");
      } else {
        line(d.name() + " " + d.op() + "= " + expr(d.value()) + ";");
      }
    } else if (s instanceof IncD d) {
      if (ds) {
        line(d.name() + " = " + d.name() + (d.increment() ? ".add(1.0);" : ".subtract(1.0);"));
      } else {
        line(d.name() + (d.increment() ? "++;" : "--;"));
      }
    } else if (s instanceof DeclA d) {
      line(arrayType() + " " + d.name() + " = " + arr(d.value()) + ";");
    } else if (s instanceof SetElem e) {
      line(e.array() + "[" + idx(e.index()) + "] = " + expr(e.value()) + ";");
    } else if (s instanceof OpSetElem e) {
      String target = e.array() + "[" + idx(e.index()) + "]";
      if (ds) {
        line(target + " = " + binary(e.op(), target, expr(e.value())) + ";");
      } else {
        line(target + " " + e.op() + "= " + expr(e.value()) + ";");
      }
    } else if (s instanceof If i) {
      line("if (" + cond(i.condition()) + ") {");
      block(i.then());
      if (!i.otherwise().isEmpty()) {
        line("} else {");
        block(i.otherwise());
      }
      line("}");
    } else if (s instanceof For f) {
      String c = f.counter();
      line("for (int " + c + " = 0; " + c + " < " + idx(f.bound()) + "; " + c + "++) {");
      block(f.body());
      line("}");
    } else if (s instanceof ForEach f) {
      line("for (" + scalarType() + " " + f.variable() + " : " + f.array() + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof While w) {
      String c = w.counter();
      line("int " + c + " = 0;");
      line("while (" + c + " < " + w.bound() + ") {");
      indent++;
      line(c + "++;");
      indent--;
      block(w.body());
      line("}");
    } else if (s instanceof Jump j) {
      line("if (" + cond(j.condition()) + ") {");
      indent++;
      line(j.isBreak() ? "break;" : "continue;");
      indent--;
      line("}");
    } else if (s instanceof Return ret) {
      String value = ret.value() instanceof Expr e ? expr(e) : arr((Arr) ret.value());
      if (ret.condition() == null) {
        line("return " + value + ";");
      } else {
        line("if (" + cond(ret.condition()) + ") {");
        indent++;
        line("return " + value + ";");
        indent--;
        line("}");
      }
    } else {
      throw new AssertionError(s);
    }
  }

  private void block(List<Stmt> body) {
    indent++;
    statements(body);
    indent--;
  }

  private String binary(char op, String a, String b) {
    if (!ds) {
      return "(" + a + " " + op + " " + b + ")";
    }
    return switch (op) {
      case '+' -> a + ".add(" + b + ")";
      case '-' -> a + ".subtract(" + b + ")";
      case '*' -> a + ".multiply(" + b + ")";
      case '/' -> a + ".divide(" + b + ")";
      case '%' -> "$rem(" + a + ", " + b + ")";
      default -> throw new AssertionError(op);
    };
  }

  private String expr(Expr e) {
    if (e instanceof Num n) {
      String s = literal(n.value());
      return ds ? "$k(" + s + ")" : n.value() < 0 ? "(" + s + ")" : s;
    }
    if (e instanceof Ref v) {
      return v.name();
    }
    if (e instanceof Field f) {
      return ds ? "$k(" + f.name() + ")" : f.name();
    }
    if (e instanceof Elem el) {
      return el.array() + "[" + idx(el.index()) + "]";
    }
    if (e instanceof FromInt i) {
      return ds ? "$k(" + idx(i.value()) + ")" : "(double) " + idxAtom(i.value());
    }
    if (e instanceof Neg n) {
      return ds ? expr(n.operand()) + ".negate()" : "(-" + expr(n.operand()) + ")";
    }
    if (e instanceof Bin b) {
      return binary(b.op(), expr(b.left()), expr(b.right()));
    }
    if (e instanceof Fn f) {
      return ds ? dsFunction(f) : plainFunction(f);
    }
    if (e instanceof Tern t) {
      return "(" + cond(t.condition()) + " ? " + expr(t.then()) + " : " + expr(t.otherwise()) + ")";
    }
    if (e instanceof Call c) {
      return c.method() + "(" + args(c.args()) + ")";
    }
    if (e instanceof Guard g) {
      return ds ? "$sing(" + expr(g.operand()) + ")" : expr(g.operand());
    }
    throw new AssertionError(e);
  }

  private static String literal(double v) {
    return Double.toString(v);
  }

  private String plainFunction(Fn f) {
    String cls = f.strict() ? "StrictMath" : "Math";
    StringJoiner args = new StringJoiner(", ");
    for (Expr a : f.args()) {
      args.add(expr(a));
    }
    if (f.name().equals("scalb")) {
      args.add("2");
    }
    return cls + "." + f.name() + "(" + args + ")";
  }

  private String dsFunction(Fn f) {
    List<Expr> a = f.args();
    String x = expr(a.get(0));
    return switch (f.name()) {
      case "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "expm1",
          "log", "log1p", "log10", "sqrt", "cbrt", "toRadians", "toDegrees" -> x + "." + f.name() + "()";
      case "abs", "floor", "ceil", "rint", "signum" -> "$" + f.name() + "(" + x + ")";
      case "scalb" -> x + ".scalb(2)";
      case "nextUp", "nextDown" -> x; // one ulp away: as a function, the identity
      case "atan2" -> "$atan2(" + x + ", " + expr(a.get(1)) + ")";
      case "hypot" -> "$hypot(" + x + ", " + expr(a.get(1)) + ")";
      case "min", "max", "copySign" -> "$" + f.name() + "(" + x + ", " + expr(a.get(1)) + ")";
      case "IEEEremainder" -> "$ieee(" + x + ", " + expr(a.get(1)) + ")";
      case "fma" -> x + ".multiply(" + expr(a.get(1)) + ").add(" + expr(a.get(2)) + ")";
      case "pow" -> {
        if (a.get(1) instanceof Num n) {
          yield x + ".pow(" + literal(n.value()) + ")";
        }
        if (a.get(0) instanceof Num n) {
          yield "DerivativeStructure.pow(" + literal(n.value()) + ", " + expr(a.get(1)) + ")";
        }
        yield x + ".pow(" + expr(a.get(1)) + ")";
      }
      default -> throw new AssertionError(f.name());
    };
  }

  private String args(List<Arg> args) {
    StringJoiner j = new StringJoiner(", ");
    for (Arg a : args) {
      if (a instanceof ExprArg e) {
        j.add(expr(e.value()));
      } else if (a instanceof ArrArg r) {
        j.add(arr(r.value()));
      } else {
        j.add(idx(((IntArg) a).value()));
      }
    }
    return j.toString();
  }

  private String cond(Cond c) {
    if (c instanceof Cmp k) {
      if (ds) {
        int op = List.of("<", "<=", ">", ">=").indexOf(k.op());
        return "$cmp(" + expr(k.left()) + ", " + op + ", " + expr(k.right()) + ")";
      }
      return expr(k.left()) + " " + k.op() + " " + expr(k.right());
    }
    if (c instanceof Parity p) {
      return idxAtom(p.value()) + " % 2 == 0";
    }
    if (c instanceof And a) {
      return "(" + cond(a.left()) + ") && (" + cond(a.right()) + ")";
    }
    if (c instanceof Or o) {
      return "(" + cond(o.left()) + ") || (" + cond(o.right()) + ")";
    }
    if (c instanceof Not n) {
      return "!(" + cond(n.operand()) + ")";
    }
    throw new AssertionError(c);
  }

  private String arr(Arr a) {
    if (a instanceof ARef r) {
      return r.name();
    }
    if (a instanceof ANew n) {
      return ds ? "$zeros(" + idx(n.length()) + ")" : "new double[" + idx(n.length()) + "]";
    }
    if (a instanceof AInit i) {
      StringJoiner j = new StringJoiner(", ", "new " + arrayType() + " {", "}");
      i.elements().forEach(e -> j.add(expr(e)));
      return j.toString();
    }
    if (a instanceof AClone c) {
      return c.name() + ".clone()";
    }
    if (a instanceof ACall c) {
      return c.method() + "(" + args(c.args()) + ")";
    }
    throw new AssertionError(a);
  }

  private String idx(Idx i) {
    if (i instanceof IConst c) {
      return Integer.toString(c.value());
    }
    if (i instanceof IVar v) {
      return v.name();
    }
    if (i instanceof ILen l) {
      return l.array() + ".length";
    }
    if (i instanceof IMod m) {
      return idxAtom(m.value()) + " % " + m.array() + ".length";
    }
    if (i instanceof IAdd a) {
      return idx(a.value()) + " + " + a.k();
    }
    throw new AssertionError(i);
  }

  private String idxAtom(Idx i) {
    return i instanceof IConst || i instanceof IVar ? idx(i) : "(" + idx(i) + ")";
  }

  private void line(String s) {
    if (!s.isEmpty()) {
      out.append("  ".repeat(indent));
    }
    out.append(s).append('\n');
  }
}
