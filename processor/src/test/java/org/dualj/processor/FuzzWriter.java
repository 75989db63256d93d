package org.dualj.processor;

import java.util.List;
import java.util.StringJoiner;
import org.dualj.processor.FuzzAst.ACall;
import org.dualj.processor.FuzzAst.AClone;
import org.dualj.processor.FuzzAst.ARow;
import org.dualj.processor.FuzzAst.ACopyOf;
import org.dualj.processor.FuzzAst.AInit;
import org.dualj.processor.FuzzAst.ANew;
import org.dualj.processor.FuzzAst.ARef;
import org.dualj.processor.FuzzAst.And;
import org.dualj.processor.FuzzAst.Arg;
import org.dualj.processor.FuzzAst.ArrayField;
import org.dualj.processor.FuzzAst.Arr;
import org.dualj.processor.FuzzAst.ArrArg;
import org.dualj.processor.FuzzAst.Bin;
import org.dualj.processor.FuzzAst.Call;
import org.dualj.processor.FuzzAst.CallStmt;
import org.dualj.processor.FuzzAst.Cmp;
import org.dualj.processor.FuzzAst.Cond;
import org.dualj.processor.FuzzAst.DeclA;
import org.dualj.processor.FuzzAst.SetMElem;
import org.dualj.processor.FuzzAst.MElem;
import org.dualj.processor.FuzzAst.Fill;
import org.dualj.processor.FuzzAst.DeclM;
import org.dualj.processor.FuzzAst.ArrayCopy;
import org.dualj.processor.FuzzAst.DeclD;
import org.dualj.processor.FuzzAst.DeclSwitch;
import org.dualj.processor.FuzzAst.ThrowIfNaN;
import org.dualj.processor.FuzzAst.DoWhile;
import org.dualj.processor.FuzzAst.Elem;
import org.dualj.processor.FuzzAst.Expr;
import org.dualj.processor.FuzzAst.ExprArg;
import org.dualj.processor.FuzzAst.Field;
import org.dualj.processor.FuzzAst.FieldDecl;
import org.dualj.processor.FuzzAst.Fn;
import org.dualj.processor.FuzzAst.For;
import org.dualj.processor.FuzzAst.ForEach;
import org.dualj.processor.FuzzAst.FromInt;
import org.dualj.processor.FuzzAst.Guard;
import org.dualj.processor.FuzzAst.IAdd;
import org.dualj.processor.FuzzAst.ICast;
import org.dualj.processor.FuzzAst.ICmp;
import org.dualj.processor.FuzzAst.IConst;
import org.dualj.processor.FuzzAst.ILen;
import org.dualj.processor.FuzzAst.IMod;
import org.dualj.processor.FuzzAst.IVar;
import org.dualj.processor.FuzzAst.Idx;
import org.dualj.processor.FuzzAst.If;
import org.dualj.processor.FuzzAst.IncD;
import org.dualj.processor.FuzzAst.IncElem;
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
import org.dualj.processor.FuzzAst.Switch;
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
  private final Program program;
  private int indent;

  private FuzzWriter(boolean ds, Program program) {
    this.ds = ds;
    this.program = program;
  }

  static String plain(Program p) {
    FuzzWriter w = new FuzzWriter(false, p);
    w.line("package " + PACKAGE + ";");
    w.line("");
    w.line("import org.dualj.annotations.Differentiable;");
    w.line("");
    w.line("/** Fuzz program, seed " + p.seed() + "L. */");
    w.line("public " + (p.overrides().isEmpty() ? "final " : "") + "class " + p.className() + " {");
    w.indent++;
    w.fields(p);
    w.line("");
    w.line("/** The next index: a plain call in a for update. */");
    w.line("static int $next(int i) {");
    w.line("  return i + 1;");
    w.line("}");
    for (Method m : p.methods()) {
      w.line("");
      w.method(m);
    }
    w.subclass(p, p.className());
    w.indent--;
    w.line("}");
    return w.out.toString();
  }

  /** The nested subclass {@code Sub} whose methods override instance methods (shape overriding). */
  private void subclass(Program p, String base) {
    if (p.overrides().isEmpty()) {
      return;
    }
    line("");
    line("public static class Sub extends " + base + " {");
    indent++;
    for (Method m : p.overrides()) {
      line("");
      method(m);
    }
    indent--;
    line("}");
  }

  static String oracle(Program p) {
    FuzzWriter w = new FuzzWriter(true, p);
    w.line("package " + PACKAGE + ";");
    w.line("");
    w.line("import org.hipparchus.analysis.differentiation.DSFactory;");
    w.line("import org.hipparchus.analysis.differentiation.DerivativeStructure;");
    w.line("");
    w.line("/** Fuzz program, seed " + p.seed() + "L, over DerivativeStructure. */");
    w.line("public " + (p.overrides().isEmpty() ? "final " : "") + "class " + p.className() + "_DS {");
    w.indent++;
    w.fields(p);
    w.out.append(HELPERS);
    w.out.append(functionHelpers());
    for (Method m : p.methods()) {
      w.line("");
      w.method(m);
    }
    w.subclass(p, p.className() + "_DS");
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
        public static String $where;
        public static boolean $debug;
        public static boolean $nan;
        public static double $big;
        public static double $bigDerivative;

        /** The line of this class that called the helper (for diagnostics). */
        static String $where() {
          for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (e.getMethodName().charAt(0) != '$') {
              return e.getMethodName() + ":" + e.getLineNumber();
            }
          }
          return "?";
        }

        static int $next(int i) {
          return i + 1;
        }

        public static void $reset(DSFactory f) {
          $F = f;
          $kink = Double.POSITIVE_INFINITY;
          $sing = Double.POSITIVE_INFINITY;
          $trace = 17;
          $nan = false;
          $big = 0;
          $bigDerivative = 0;
          $init();
        }

        static DerivativeStructure $k(double v) {
          return $F.constant(v);
        }

        /**
         * Records a large magnitude: around 1e8 and above, rounding makes kinks of its own that the
         * oracle cannot see (hypot(x, 0.75) == |x|, so x % hypot(x, 0.75) jumps), and cancellation
         * amplifies the rounding differences between dualj and Hipparchus.
         */
        static void $large(double v) {
          if (Math.abs(v) > $big && Double.isFinite(v)) {
            $big = Math.abs(v);
            if ($big > 1e8) {
              $where = $debug ? $where() : null;
            }
          }
        }

        /** d with its value replaced by v (the plain program's value; signed zeros kept). */
        static DerivativeStructure $pin(DerivativeStructure d, double v) {
          if (Math.abs(v) > 1e12) {
            $large(v); // any huge intermediate
          }
          if (!Double.isFinite(v) && $active(d)) {
            $big = Double.POSITIVE_INFINITY; // an active overflow (cosh(1e3)): inf * 0, inf / inf
          }
          if (d.getOrder() == 2) {
            // the largest first or second derivative of an intermediate: where large ones cancel
            // (j / x at x = 1e-3, d2 = 2j / x^3 = 2e9, in x * (j / x + s)), results computed along
            // other directions round differently by more than their own size suggests
            double[] all = d.getAllDerivatives();
            for (int i = 1; i < all.length; i++) {
              double a = Math.abs(all[i]);
              if (!(a <= $bigDerivative)) {
                $bigDerivative = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
              }
            }
          }
          if (Double.compare(d.getValue(), v) == 0) {
            return d;
          }
          double[] all = d.getAllDerivatives();
          all[0] = v;
          return $F.build(all);
        }

        static DerivativeStructure $add(DerivativeStructure a, DerivativeStructure b) {
          return $pin(a.add(b), a.getValue() + b.getValue());
        }

        static DerivativeStructure $subtract(DerivativeStructure a, DerivativeStructure b) {
          return $pin(a.subtract(b), a.getValue() - b.getValue());
        }

        static DerivativeStructure $multiply(DerivativeStructure a, DerivativeStructure b) {
          return $pin(a.multiply(b), a.getValue() * b.getValue());
        }

        static DerivativeStructure $divide(DerivativeStructure a, DerivativeStructure b) {
          return $pin(a.divide(b), a.getValue() / b.getValue());
        }

        /** pow with the derivative formula that fits: constant exponent, constant base or both active. */
        static DerivativeStructure $powRaw(DerivativeStructure a, DerivativeStructure b) {
          if (!$active(b)) {
            return a.pow(b.getValue());
          }
          if (!$active(a)) {
            return DerivativeStructure.pow(a.getValue(), b);
          }
          return a.pow(b);
        }

        static DerivativeStructure $scalb(DerivativeStructure a) {
          return a.scalb(2);
        }

        static DerivativeStructure $nextUp(DerivativeStructure a) {
          return $pin(a, Math.nextUp(a.getValue()));
        }

        static DerivativeStructure $nextDown(DerivativeStructure a) {
          return $pin(a, Math.nextDown(a.getValue()));
        }

        static DerivativeStructure[] $zeros(int n) {
          DerivativeStructure[] a = new DerivativeStructure[n];
          java.util.Arrays.fill(a, $k(0));
          return a;
        }

        static DerivativeStructure[][] $zeros2(int n) {
          DerivativeStructure[][] m = new DerivativeStructure[n][];
          for (int i = 0; i < n; i++) {
            m[i] = $zeros(n);
          }
          return m;
        }

        /** Whether d depends on the inputs to first order (a tie of constants is no branch point). */
        static boolean $active(DerivativeStructure d) {
          double[] all = d.getAllDerivatives();
          for (int i = 1; i < all.length; i++) {
            if (all[i] != 0) {
              return true;
            }
          }
          return false;
        }

        /** Records how close x and y are (relative to max(1, |x|, |y|)): a branch point or kink. */
        static void $near(double x, double y) {
          double m = Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
          if (!(m >= $kink)) {
            $kink = m;
            $where = $debug ? $where() : null;
          }
        }

        static void $branch(long b) {
          $trace = $trace * 1000003L + b;
        }

        /**
         * A singular point is recorded whatever the activity: dualj's tangent there is 0/0 = NaN even
         * when every tangent is zero (atan2(x - x, x - x)).
         */
        static DerivativeStructure $sing(DerivativeStructure a) {
          $singular(a.getValue());
          return a;
        }

        static void $singular(double v) {
          double m = Math.abs(v);
          if (!(m >= $sing)) {
            $sing = m;
            $where = $debug ? $where() : null;
          }
        }

        static boolean $cmp(DerivativeStructure a, int op, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          $large(x);
          $large(y);
          if ($active(a.subtract(b))) {
            $near(x, y);
          }
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
          if ($active(a)) {
            $near(x, 0);
          }
          // the sign bit: abs'(-0.0) = -1, as in dualj's convention
          boolean negative = Math.copySign(1.0, x) < 0;
          $branch(negative ? 3 : 4);
          return $pin(negative ? a.negate() : a, Math.abs(x));
        }

        static DerivativeStructure $min(DerivativeStructure a, DerivativeStructure b) {
          if ($active(a.subtract(b))) {
            $near(a.getValue(), b.getValue());
          }
          boolean first = a.getValue() <= b.getValue();
          $branch(first ? 5 : 6);
          return $pin(first ? a : b, Math.min(a.getValue(), b.getValue()));
        }

        static DerivativeStructure $max(DerivativeStructure a, DerivativeStructure b) {
          if ($active(a.subtract(b))) {
            $near(a.getValue(), b.getValue());
          }
          boolean first = a.getValue() >= b.getValue();
          $branch(first ? 7 : 8);
          return $pin(first ? a : b, Math.max(a.getValue(), b.getValue()));
        }

        /** Java's % (truncated): a - q b with q = trunc(a / b), q constant between jumps. */
        static DerivativeStructure $rem(DerivativeStructure a, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          double r = x % y;
          $large(x);
          $large(y);
          if ($active(a.divide(b))) {
            $near(r, 0);
            $near(Math.abs(r), Math.abs(y));
          }
          double q = Math.rint((x - r) / y);
          $branch(9 + 16 * (long) q);
          return $pin(a.subtract(b.multiply(q)), r);
        }

        /** IEEEremainder: a - q b with q = rint(a / b), q constant between jumps. */
        static DerivativeStructure $ieee(DerivativeStructure a, DerivativeStructure b) {
          double x = a.getValue();
          double y = b.getValue();
          double r = Math.IEEEremainder(x, y);
          $large(x);
          $large(y);
          if ($active(a.divide(b))) {
            $near(Math.abs(r), Math.abs(y) / 2);
          }
          double q = Math.rint((x - r) / y);
          $branch(10 + 16 * (long) q);
          return $pin(a.subtract(b.multiply(q)), r);
        }

        static DerivativeStructure $atan2Raw(DerivativeStructure y, DerivativeStructure x) {
          $singular(Math.hypot(y.getValue(), x.getValue()));
          if (($active(y) || $active(x)) && x.getValue() < 0) {
            $near(y.getValue(), 0);
          }
          $branch(x.getValue() < 0 ? (y.getValue() < 0 ? 11 : 12) : 13);
          return y.atan2(x);
        }

        static DerivativeStructure $hypotRaw(DerivativeStructure a, DerivativeStructure b) {
          $singular(Math.hypot(a.getValue(), b.getValue()));
          return a.hypot(b);
        }

        static DerivativeStructure $copySign(DerivativeStructure a, DerivativeStructure b) {
          if (b.getValue() != b.getValue()) {
            // the sign bit of a NaN, which Math.copySign reads, is not reproducible
            $nan = true;
          }
          if ($active(a)) {
            $near(a.getValue(), 0);
          }
          if ($active(b)) {
            $near(b.getValue(), 0);
          }
          // sign bits, so that -0.0 counts as negative (copySign(x, -0.0) = -|x|)
          boolean same = Math.copySign(1.0, a.getValue()) == Math.copySign(1.0, b.getValue());
          $branch(same ? 14 : 15);
          return $pin(same ? a : a.negate(), Math.copySign(a.getValue(), b.getValue()));
        }

        /** A piecewise constant function: value w, derivative 0; d is the distance to its next jump. */
        static DerivativeStructure $pc(DerivativeStructure a, double w, double d) {
          $large(a.getValue());
          if ($active(a)) {
            $near(d, 0);
          }
          $branch(16 + 32 * (long) w);
          return $k(w);
        }

        /** (int) Math.abs(a): piecewise constant, jumps at the integers. */
        static int $int(DerivativeStructure a) {
          double v = Math.abs(a.getValue());
          $large(v);
          if ($active(a)) {
            $near(Math.abs(v - Math.rint(v)), 0);
          }
          $branch(64 + 128 * (long) (int) v);
          return (int) v;
        }

        static DerivativeStructure $floor(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(a, Math.floor(v), Math.abs(v - Math.rint(v)));
        }

        static DerivativeStructure $ceil(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(a, Math.ceil(v), Math.abs(v - Math.rint(v)));
        }

        static DerivativeStructure $rint(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(a, Math.rint(v), Math.abs(v - Math.floor(v) - 0.5));
        }

        static DerivativeStructure $signum(DerivativeStructure a) {
          double v = a.getValue();
          return $pc(a, Math.signum(v), Math.abs(v));
        }
      """;

  private void fields(Program p) {
    for (FieldDecl f : p.fields()) {
      String mods = (f.isStatic() ? "static " : "") + (f.isFinal() ? "final " : "");
      line(mods + "double " + f.name() + " = " + literal(f.value()) + ";");
    }
    for (ArrayField f : p.arrayFields()) {
      StringJoiner values = new StringJoiner(", ", "{", "}");
      f.values().forEach(v -> values.add(ds ? "$k(" + literal(v) + ")" : literal(v)));
      if (ds) {
        line((f.isStatic() ? "static " : "") + "DerivativeStructure[] " + f.name() + ";");
      } else {
        line((f.isStatic() ? "static " : "") + "double[] " + f.name() + " = " + values + ";");
      }
    }
    if (ds) {
      // the field arrays as constants of the current factory, before every run (see $reset)
      line("static void $init() {");
      indent++;
      for (ArrayField f : p.arrayFields()) {
        if (f.isStatic()) {
          line(f.name() + " = new DerivativeStructure[] " + dsValues(f) + ";");
        }
      }
      indent--;
      line("}");
      line("public void $initInstance() {");
      indent++;
      for (ArrayField f : p.arrayFields()) {
        if (!f.isStatic()) {
          line(f.name() + " = new DerivativeStructure[] " + dsValues(f) + ";");
        }
      }
      indent--;
      line("}");
    }
  }

  private static String dsValues(ArrayField f) {
    StringJoiner values = new StringJoiner(", ", "{", "}");
    f.values().forEach(v -> values.add("$k(" + literal(v) + ")"));
    return values.toString();
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
      if (m.order() != 1) {
        attrs.add("order = " + m.order());
      }
      line(attrs.length() == 0 ? "@Differentiable" : "@Differentiable(" + attrs + ")");
    }
    StringJoiner params = new StringJoiner(", ");
    for (Param p : m.params()) {
      params.add(type(p) + " " + p.name());
    }
    String result = m.isVoid() ? "void" : m.returnsArray() ? arrayType() : scalarType();
    String visibility = (ds || m.isPublic() ? "public " : "") + (m.isStatic() ? "static " : "")
        + (!ds && program.finalMethods().contains(m.name()) && !program.overrides().contains(m) ? "final " : "");
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
    } else if (s instanceof IncElem e) {
      String target = e.array() + "[" + idx(e.index()) + "]";
      if (ds) {
        line(target + " = " + target + (e.increment() ? ".add(1.0);" : ".subtract(1.0);"));
      } else {
        line(target + (e.increment() ? "++;" : "--;"));
      }
    } else if (s instanceof CallStmt c) {
      line((c.call() instanceof Expr e ? expr(e) : arr((Arr) c.call())) + ";");
    } else if (s instanceof DeclA d) {
      String value =
          d.value() instanceof AInit i && i.bare() ? elements(i, "{", "}") : arr(d.value());
      line(arrayType() + " " + d.name() + " = " + value + ";");
    } else if (s instanceof SetElem e) {
      line(e.array() + "[" + idx(e.index()) + "] = " + expr(e.value()) + ";");
    } else if (s instanceof DeclM d) {
      line(ds
          ? "DerivativeStructure[][] " + d.name() + " = $zeros2(" + d.size() + ");"
          : "double[][] " + d.name() + " = new double[" + d.size() + "][" + d.size() + "];");
    } else if (s instanceof SetMElem e) {
      line(e.matrix() + "[" + idx(e.row()) + "][" + idx(e.column()) + "] = " + expr(e.value()) + ";");
    } else if (s instanceof ArrayCopy c) {
      line("System.arraycopy(" + c.src() + ", " + idx(c.srcPos()) + ", " + c.dst() + ", "
          + idx(c.dstPos()) + ", " + idx(c.length()) + ");");
    } else if (s instanceof Fill fl) {
      line("java.util.Arrays.fill(" + fl.array() + ", " + expr(fl.value()) + ");");
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
      String update = f.callUpdate() ? c + " = $next(" + c + ")" : c + "++";
      line(label(f.label()) + "for (int " + c + " = 0; " + c + " < " + idx(f.bound()) + "; " + update + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof ForEach f) {
      line(label(f.label()) + "for (" + scalarType() + " " + f.variable() + " : " + f.array() + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof While w) {
      String c = w.counter();
      line("int " + c + " = 0;");
      if (w.incrementInCondition()) {
        line(label(w.label()) + "while (" + loopCondition(c + "++", w.bound(), w.extra()) + ") {");
      } else {
        line(label(w.label()) + "while (" + loopCondition(c, w.bound(), w.extra()) + ") {");
        indent++;
        line(c + "++;");
        indent--;
      }
      block(w.body());
      line("}");
    } else if (s instanceof DoWhile w) {
      String c = w.counter();
      line("int " + c + " = 0;");
      line(label(w.label()) + "do {");
      indent++;
      line(c + "++;");
      indent--;
      block(w.body());
      line("} while (" + loopCondition(c, w.bound(), w.extra()) + ");");
    } else if (s instanceof Switch sw) {
      int n = sw.cases().size();
      line("switch (" + idxAtom(sw.selector()) + " % " + n + ") {");
      indent++;
      for (int k = 0; k < n; k++) {
        String head = k == n - 1 ? "default" : "case " + k;
        if (sw.arrow()) {
          line(head + " -> {");
          block(sw.cases().get(k));
          line("}");
        } else {
          line(head + ": {");
          block(sw.cases().get(k));
          if (k < n - 1 && !sw.fallsThrough().get(k)) {
            indent++;
            line("break;");
            indent--;
          }
          line("}");
        }
      }
      indent--;
      line("}");
    } else if (s instanceof DeclSwitch d) {
      int n = d.arms().size();
      line(scalarType() + " " + d.name() + " = switch (" + idxAtom(d.selector()) + " % " + n + ") {");
      indent++;
      for (int k = 0; k < n; k++) {
        String head = k == n - 1 ? "default" : "case " + k;
        String value = expr(d.arms().get(k));
        line(d.yields() && k % 2 == 1 ? head + " -> { yield " + value + "; }" : head + " -> " + value + ";");
      }
      indent--;
      line("};");
    } else if (s instanceof ThrowIfNaN t) {
      String value = ds ? "(" + expr(t.value()) + ").getValue()" : expr(t.value());
      line("if (Double.isNaN(" + value + ")) {");
      indent++;
      line("throw new IllegalStateException(\"NaN: \" + (" + value + "));");
      indent--;
      line("}");
    } else if (s instanceof Jump j) {
      line("if (" + cond(j.condition()) + ") {");
      indent++;
      String target = j.label() == null ? "" : " " + j.label();
      line((j.isBreak() ? "break" : "continue") + target + ";");
      indent--;
      line("}");
    } else if (s instanceof Return ret) {
      // no value: return; from a void method (shape voidCallee)
      String value = ret.value() == null ? "" : " " + (ret.value() instanceof Expr e ? expr(e) : arr((Arr) ret.value()));
      if (ret.condition() == null) {
        line("return" + value + ";");
      } else {
        line("if (" + cond(ret.condition()) + ") {");
        indent++;
        line("return" + value + ";");
        indent--;
        line("}");
      }
    } else {
      throw new AssertionError(s);
    }
  }

  private static String label(String label) {
    return label == null ? "" : label + ": ";
  }

  private String loopCondition(String counter, int bound, Cond extra) {
    return counter + " < " + bound + (extra == null ? "" : " && (" + cond(extra) + ")");
  }

  private void block(List<Stmt> body) {
    indent++;
    statements(body);
    indent--;
  }

  /** {@code a op b} for compound assignments: the plain form is only used for {@code op=}. */
  private String binary(char op, String a, String b) {
    if (!ds) {
      throw new AssertionError("plain binary operators are printed by expr");
    }
    return switch (op) {
      case '+' -> "$add(" + a + ", " + b + ")";
      case '-' -> "$subtract(" + a + ", " + b + ")";
      case '*' -> "$multiply(" + a + ", " + b + ")";
      case '/' -> "$divide(" + a + ", " + b + ")";
      case '%' -> "$rem(" + a + ", " + b + ")";
      default -> throw new AssertionError(op);
    };
  }

  /** An expression where any expression may stand (argument, right-hand side, …). */
  private String expr(Expr e) {
    return expr(e, 0);
  }

  /**
   * Java precedence of the plain form: 10 for primaries, 9 unary and casts, 8 multiplicative, 7
   * additive, 1 conditional.
   */
  private static int precedence(Expr e) {
    if (e instanceof Num n) {
      return Double.compare(n.value(), 0.0) < 0 ? 9 : 10;
    }
    if (e instanceof Guard g) {
      return precedence(g.operand());
    }
    if (e instanceof Neg || e instanceof FromInt) {
      return 9;
    }
    if (e instanceof Bin b) {
      return b.op() == '+' || b.op() == '-' ? 7 : 8;
    }
    if (e instanceof Tern) {
      return 1;
    }
    return 10;
  }

  /**
   * The expression in a context that binds with precedence {@code min}: parenthesized if it binds
   * less tightly, or always (for anything but a primary) unless the program asks for minimal
   * parentheses.
   */
  private String expr(Expr e, int min) {
    String s = exprText(e);
    if (ds) {
      return s;
    }
    int p = precedence(e);
    boolean parens = program.minimalParentheses() ? p < min : p < 10;
    return parens ? "(" + s + ")" : s;
  }

  private String exprText(Expr e) {
    if (e instanceof Num n) {
      String s = literal(n.value());
      return ds ? "$k(" + s + ")" : s;
    }
    if (e instanceof Ref v) {
      return v.name();
    }
    if (e instanceof Field f) {
      String name = f.qualified() ? (f.isStatic() ? program.className() + "." : "this.") + f.name() : f.name();
      return ds ? "$k(" + f.name() + ")" : name;
    }
    if (e instanceof Elem el) {
      return el.array() + "[" + idx(el.index()) + "]";
    }
    if (e instanceof MElem el) {
      return el.matrix() + "[" + idx(el.row()) + "][" + idx(el.column()) + "]";
    }
    if (e instanceof FromInt i) {
      return ds ? "$k(" + idx(i.value()) + ")" : "(double) " + idxAtom(i.value());
    }
    if (e instanceof Neg n) {
      if (ds) {
        return expr(n.operand()) + ".negate()";
      }
      String operand = expr(n.operand(), 9);
      return operand.startsWith("-") ? "-(" + operand + ")" : "-" + operand;
    }
    if (e instanceof Bin b) {
      if (ds) {
        return binary(b.op(), expr(b.left()), expr(b.right()));
      }
      int p = precedence(b);
      return expr(b.left(), p) + " " + b.op() + " " + expr(b.right(), p + 1);
    }
    if (e instanceof Fn f) {
      return ds ? dsFunction(f) : plainFunction(f);
    }
    if (e instanceof Tern t) {
      String s = cond(t.condition()) + " ? " + expr(t.then(), 2) + " : " + expr(t.otherwise(), 2);
      return ds ? "(" + s + ")" : s;
    }
    if (e instanceof Call c) {
      return callee(c.method(), c.qualified()) + "(" + args(c.args()) + ")";
    }
    if (e instanceof Guard g) {
      return ds ? "$sing(" + expr(g.operand()) + ")" : exprText(g.operand());
    }
    throw new AssertionError(e);
  }

  private String callee(String method, boolean qualified) {
    if (ds || !qualified) {
      return method;
    }
    boolean isStatic = program.methods().stream().filter(m -> m.name().equals(method)).findFirst()
        .map(Method::isStatic).orElseThrow();
    return (isStatic ? program.className() : "this") + "." + method;
  }

  private static String literal(double v) {
    return Double.toString(v);
  }

  private String plainFunction(Fn f) {
    String cls = f.strict() ? "StrictMath" : "Math";
    if (f.name().contains("$")) {
      // extreme arguments (shape extremeArgs): the same function of scaled arguments
      String[] parts = f.name().split("\\$");
      String scale = literal(scale(parts[1]));
      String a = expr(f.args().get(0), 8) + " * " + scale;
      String b = expr(f.args().get(1), 8) + " * " + scale;
      return parts[0].equals("hypot")
          ? "(" + cls + ".hypot(" + a + ", " + b + ") / " + scale + ")"
          : cls + ".atan2(" + a + ", " + b + ")";
    }
    StringJoiner args = new StringJoiner(", ");
    for (Expr a : f.args()) {
      args.add(expr(a));
    }
    if (f.name().equals("scalb")) {
      args.add("2");
    }
    return cls + "." + f.name() + "(" + args + ")";
  }

  /** The scale of an extreme argument: {@code tiny} or {@code huge}. */
  static double scale(String which) {
    return which.equals("tiny") ? 1e-160 : 1e160;
  }

  private String dsFunction(Fn f) {
    StringJoiner args = new StringJoiner(", ");
    for (Expr a : f.args()) {
      args.add(expr(a));
    }
    if (f.name().contains("$")) {
      String[] parts = f.name().split("\\$");
      return "$" + parts[0] + "Scaled" + (f.strict() ? "$s" : "") + "(" + args + ", " + literal(scale(parts[1])) + ")";
    }
    String name =
        switch (f.name()) {
          case "IEEEremainder" -> "ieee";
          case "floor", "ceil", "rint", "signum", "abs", "min", "max", "copySign", "nextUp", "nextDown",
              "scalb" -> f.name(); // exact: no StrictMath twin needed
          default -> f.name() + (f.strict() ? "$s" : "");
        };
    return "$" + name + "(" + args + ")";
  }

  /**
   * One helper per elementary function: the derivatives from Hipparchus, the value pinned to the
   * plain function's (so that the oracle takes exactly the plain program's branches).
   */
  private static String functionHelpers() {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp",
        "expm1", "log", "log1p", "log10", "sqrt", "cbrt", "toRadians", "toDegrees")) {
      for (String cls : List.of("Math", "StrictMath")) {
        String suffix = cls.equals("Math") ? "" : "$s";
        b.append("  static DerivativeStructure $").append(f).append(suffix)
            .append("(DerivativeStructure a) {\n")
            .append("    return $pin(a.").append(f).append("(), ").append(cls).append('.').append(f)
            .append("(a.getValue()));\n  }\n\n");
      }
    }
    for (String cls : List.of("Math", "StrictMath")) {
      String suffix = cls.equals("Math") ? "" : "$s";
      b.append("  static DerivativeStructure $atan2").append(suffix)
          .append("(DerivativeStructure y, DerivativeStructure x) {\n")
          .append("    return $pin($atan2Raw(y, x), ").append(cls).append(".atan2(y.getValue(), x.getValue()));\n  }\n\n");
      b.append("  static DerivativeStructure $hypot").append(suffix)
          .append("(DerivativeStructure a, DerivativeStructure b) {\n")
          .append("    return $pin($hypotRaw(a, b), ").append(cls).append(".hypot(a.getValue(), b.getValue()));\n  }\n\n");
      b.append("  static DerivativeStructure $pow").append(suffix)
          .append("(DerivativeStructure a, DerivativeStructure b) {\n")
          .append("    return $pin($powRaw(a, b), ").append(cls).append(".pow(a.getValue(), b.getValue()));\n  }\n\n");
      // extreme arguments: the oracle differentiates the unscaled function, which is the same
      b.append("  static DerivativeStructure $hypotScaled").append(suffix)
          .append("(DerivativeStructure a, DerivativeStructure b, double s) {\n")
          .append("    return $pin($hypotRaw(a, b), ").append(cls)
          .append(".hypot(a.getValue() * s, b.getValue() * s) / s);\n  }\n\n");
      b.append("  static DerivativeStructure $atan2Scaled").append(suffix)
          .append("(DerivativeStructure y, DerivativeStructure x, double s) {\n")
          .append("    return $pin($atan2Raw(y, x), ").append(cls)
          .append(".atan2(y.getValue() * s, x.getValue() * s));\n  }\n\n");
      b.append("  static DerivativeStructure $fma").append(suffix)
          .append("(DerivativeStructure a, DerivativeStructure b, DerivativeStructure c) {\n")
          .append("    return $pin(a.multiply(b).add(c), ").append(cls).append(".fma(a.getValue(), b.getValue(), c.getValue()));\n  }\n\n");
    }
    return b.toString();
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
      return expr(k.left(), 7) + " " + k.op() + " " + expr(k.right(), 7);
    }
    if (c instanceof Parity p) {
      return idxAtom(p.value()) + " % 2 == 0";
    }
    if (c instanceof ICmp i) {
      return idxAtom(i.value()) + " <= " + i.k();
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
      return elements(i, "new " + arrayType() + " {", "}");
    }
    if (a instanceof AClone c) {
      return c.name() + ".clone()";
    }
    if (a instanceof ACopyOf c) {
      return c.range()
          ? "java.util.Arrays.copyOfRange(" + c.name() + ", 0, " + c.name() + ".length)"
          : "java.util.Arrays.copyOf(" + c.name() + ", " + c.name() + ".length)";
    }
    if (a instanceof ARow w) {
      return w.matrix() + "[" + idx(w.row()) + "]";
    }
    if (a instanceof ACall c) {
      return callee(c.method(), c.qualified()) + "(" + args(c.args()) + ")";
    }
    throw new AssertionError(a);
  }

  private String elements(AInit i, String open, String close) {
    StringJoiner j = new StringJoiner(", ", open, close);
    i.elements().forEach(e -> j.add(expr(e)));
    return j.toString();
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
      return a.k() < 0 ? idx(a.value()) + " - " + -a.k() : idx(a.value()) + " + " + a.k();
    }
    if (i instanceof ICast c) {
      return ds ? "$int(" + expr(c.value()) + ")" : "(int) Math.abs(" + expr(c.value()) + ")";
    }
    throw new AssertionError(i);
  }

  private String idxAtom(Idx i) {
    return i instanceof IConst || i instanceof IVar || (ds && i instanceof ICast) ? idx(i) : "(" + idx(i) + ")";
  }

  private void line(String s) {
    if (!s.isEmpty()) {
      out.append("  ".repeat(indent));
    }
    out.append(s).append('\n');
  }
}
