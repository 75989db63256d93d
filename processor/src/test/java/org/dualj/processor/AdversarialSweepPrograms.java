package org.dualj.processor;

import static org.dualj.processor.AdversarialSweep.a;
import static org.dualj.processor.AdversarialSweep.d;
import static org.dualj.processor.AdversarialSweep.dConst;
import static org.dualj.processor.AdversarialSweep.i;
import static org.dualj.processor.AdversarialSweep.o;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.AdversarialSweep.Analytic;
import org.dualj.processor.AdversarialSweep.Check;
import org.dualj.processor.AdversarialSweep.P;
import org.dualj.processor.AdversarialSweep.Prog;
import org.dualj.processor.AdversarialSweep.Src;

/**
 * The programs of the adversarial sweep ({@link AdversarialSweepTest}), by category, from
 * templates. Names are stable: {@code category/template/variant}.
 */
final class AdversarialSweepPrograms {
  private AdversarialSweepPrograms() {}

  static List<Prog> all() {
    List<Prog> out = new ArrayList<>();
    dispatch(out);
    fieldAlias(out);
    sideEffects(out);
    extreme(out);
    longAndDeep(out);
    shadowing(out);
    generics(out);
    exceptions(out);
    nested(out);
    lineEndings(out);
    arraysInPlace(out);
    recursion(out);
    loops(out);
    manyParameters(out);
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  // helpers

  static final String HEADER = "package %PKG%;\nimport org.dualj.annotations.Differentiable;\n";

  static Src src(String name, String body) {
    return new Src(name, HEADER + body);
  }

  static String ann(int order, int chunk) {
    List<String> a = new ArrayList<>();
    if (order != 1) {
      a.add("order = " + order);
    }
    if (chunk != 0) {
      a.add("chunk = " + chunk);
    }
    return a.isEmpty() ? "@Differentiable" : "@Differentiable(" + String.join(", ", a) + ")";
  }

  static Check st(String cls, String m, int order, P... ps) {
    return new Check(cls, m, order, false, List.of(ps), null, null, null);
  }

  static Check stArr(String cls, String m, P... ps) {
    return new Check(cls, m, 1, true, List.of(ps), null, null, null);
  }

  static Check inst(String cls, String recv, String m, int order, P... ps) {
    return new Check(cls, m, order, false, List.of(ps), recv, null, null);
  }

  static String tag(int order, int chunk) {
    return "o" + order + (chunk == 0 ? "" : "c" + chunk);
  }

  // ----------------------------------------------------------------------------------------------
  // overriding and dispatch

  static void dispatch(List<Prog> out) {
    String[] mods = {"public", "protected", "", "private", "final", "static"};
    String[] forms = {"plain", "this", "other"};
    for (String mod : mods) {
      for (boolean finalClass : new boolean[] {false, true}) {
        for (boolean annotated : new boolean[] {true, false}) {
          for (int order : new int[] {1, 2}) {
            for (String form : forms) {
              if (form.equals("this") && mod.equals("static")) {
                continue;
              }
              boolean subclass = !finalClass;
              String calleeAnn = annotated ? ann(order, 0) + " " : "";
              String call = switch (form) {
                case "this" -> "this.g(x * y)";
                case "other" -> mod.equals("static") ? "A.g(x * y) + other.k" : "other.g(x * y)";
                default -> "g(x * y)";
              };
              String params = form.equals("other") ? "A other, double x, double y" : "double x, double y";
              String fMods = form.equals("other") ? "static " : "";
              String a = (finalClass ? "final " : "") + "class A {\n"
                  + "  double k = 1.5;\n"
                  + "  " + ann(order, 0) + "\n"
                  + "  " + fMods + "double f(" + params + ") { return " + call + " + 0.5 * x; }\n"
                  + "  " + calleeAnn + mod + " double g(double u) { return Math.sin(u) * u; }\n"
                  + "}\n";
              String b = "";
              if (subclass) {
                String bMod = mod.equals("final") ? null : mod.equals("private") ? "private" : mod;
                b = "class B extends A {\n"
                    + (bMod == null ? "" : "  " + calleeAnn + bMod + " double g(double u) { return Math.exp(0.5 * u) - u * u; }\n")
                    + "}\n";
              }
              List<Check> checks = new ArrayList<>();
              for (String recv : subclass ? new String[] {"A", "B"} : new String[] {"A"}) {
                if (form.equals("other")) {
                  checks.add(st("A", "f", order, o("other", "A", recv + "#make"), d("x"), d("y")));
                } else {
                  checks.add(inst("A", recv, "f", order, d("x"), d("y")));
                }
              }
              String factories = "final class Make {}\n";
              String make = "  static A make() { return new A(); }\n";
              String aSrc = a.replace("  double k = 1.5;\n", "  double k = 1.5;\n" + make);
              String bSrc = subclass ? b.replace("class B extends A {\n", "class B extends A {\n  static A make() { return new B(); }\n") : "";
              out.add(new Prog("dispatch", "dispatch/" + (mod.isEmpty() ? "package" : mod) + (finalClass ? "-finalclass" : "")
                  + (annotated ? "-annotated" : "-plain") + "/" + form + "/" + tag(order, 0),
                  List.of(src("A", aSrc + bSrc + factories.replace("final class Make {}\n", ""))), checks));
            }
          }
        }
      }
    }
    for (int order : new int[] {1, 2}) {
      // A callee with no arguments (inactive), overridden.
      out.add(new Prog("dispatch", "dispatch/inactive-callee/" + tag(order, 0), List.of(src("A",
          "class A {\n"
              + "  " + ann(order, 0) + "\n"
              + "  double f(double x) { return x * x * scale(); }\n"
              + "  double scale() { return 2.0; }\n"
              + "}\n"
              + "class B extends A { @Override double scale() { return 3.0; } }\n")),
          List.of(inst("A", "A", "f", order, d("x")), inst("A", "B", "f", order, d("x")))));
      // Abstract callee.
      out.add(new Prog("dispatch", "dispatch/abstract-callee/" + tag(order, 0), List.of(src("Base",
          "abstract class Base {\n"
              + "  abstract double g(double u);\n"
              + "  " + ann(order, 0) + "\n"
              + "  double f(double x) { return g(x) * x + x; }\n"
              + "}\n"
              + "class Impl extends Base { " + ann(order, 0) + " double g(double u) { return Math.cos(u); } }\n")),
          List.of(inst("Base", "Impl", "f", order, d("x")))));
      // Interface default method calling an abstract method.
      out.add(new Prog("dispatch", "dispatch/interface-default/" + tag(order, 0), List.of(src("Shape",
          "interface Shape {\n"
              + "  double g(double u);\n"
              + "  " + ann(order, 0) + "\n"
              + "  default double f(double x) { return g(x) * 2 + x * x; }\n"
              + "}\n"
              + "class Circle implements Shape { " + ann(order, 0) + " public double g(double u) { return Math.atan(u); } }\n")),
          List.of(inst("Shape", "Circle", "f", order, d("x")))));
      // Interface default overridden by an implementation.
      out.add(new Prog("dispatch", "dispatch/interface-override/" + tag(order, 0), List.of(src("Shape",
          "interface Shape {\n"
              + "  " + ann(order, 0) + "\n"
              + "  default double g(double u) { return u * u; }\n"
              + "  " + ann(order, 0) + "\n"
              + "  default double f(double x) { return g(x) + x; }\n"
              + "}\n"
              + "class Square implements Shape { " + ann(order, 0) + " public double g(double u) { return Math.sinh(u); } }\n"
              + "class Plain implements Shape {}\n")),
          List.of(inst("Shape", "Plain", "f", order, d("x")), inst("Shape", "Square", "f", order, d("x")))));
      // super calls.
      out.add(new Prog("dispatch", "dispatch/super-call/" + tag(order, 0), List.of(src("A",
          "class A {\n"
              + "  " + ann(order, 0) + "\n"
              + "  double g(double u) { return u * u * u; }\n"
              + "}\n"
              + "class B extends A {\n"
              + "  " + ann(order, 0) + "\n"
              + "  @Override double g(double u) { return Math.sin(u); }\n"
              + "  " + ann(order, 0) + "\n"
              + "  double f(double x) { return super.g(x) + g(x) * 2; }\n"
              + "}\n"
              + "class C extends B { @Override double g(double u) { return u; } }\n")),
          List.of(inst("B", "B", "f", order, d("x")), inst("B", "C", "f", order, d("x")))));
      // A final class's methods, and an instance method of another final class through a parameter.
      out.add(new Prog("dispatch", "dispatch/final-class/" + tag(order, 0), List.of(src("F",
          "final class F {\n"
              + "  double w = 0.7;\n"
              + "  " + ann(order, 0) + "\n"
              + "  double g(double u) { return w * u * u; }\n"
              + "  " + ann(order, 0) + "\n"
              + "  double f(double x, double y) { return g(x) + this.g(y) + x * y; }\n"
              + "}\n")),
          List.of(inst("F", "F", "f", order, d("x"), d("y")))));
      // Receiver is an anonymous subclass made by a factory.
      out.add(new Prog("dispatch", "dispatch/anonymous-receiver/" + tag(order, 0), List.of(src("A",
          "class A {\n"
              + "  static A make() { return new A() { @Override double g(double u) { return 3 * u; } }; }\n"
              + "  " + ann(order, 0) + "\n"
              + "  double g(double u) { return u * u; }\n"
              + "  " + ann(order, 0) + "\n"
              + "  double f(double x) { return g(x) * x; }\n"
              + "}\n")),
          List.of(inst("A", "A", "f", order, d("x")), inst("A", "A#make", "f", order, d("x")))));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // writes through aliases of field arrays

  static void fieldAlias(List<Prog> out) {
    String[] shapes = {
      "direct", "local", "ternary", "callee", "arraycopy", "fill", "inactive-alias", "compound", "rows",
      "clone", "returned", "increment", "fill-inactive", "other-object", "read-only"
    };
    String[] kinds = {"instance", "static", "static-final"};
    int[][] modes = {{1, 0, 2}, {1, 1, 2}, {2, 0, 2}, {1, 0, 13}, {2, 1, 13}}; // order, chunk, inputs
    for (String kind : kinds) {
      for (String shape : shapes) {
        for (int[] mode : modes) {
          int order = mode[0];
          int chunk = mode[1];
          int n = mode[2];
          boolean inst = kind.equals("instance");
          String decl = inst ? "double[] buf = {1.0, 2.0, 3.0};" : kind.equals("static") ? "static double[] buf = {1.0, 2.0, 3.0};" : "static final double[] buf = {1.0, 2.0, 3.0};";
          String F = inst ? "this.buf" : "A.buf";
          String write = switch (shape) {
            case "direct" -> F + "[0] = x * y;";
            case "local" -> "double[] a = " + F + "; a[1] = x * x;";
            case "ternary" -> "double[] t = new double[3]; double[] a = x > 0 ? " + F + " : t; a[2] = x + y;";
            case "callee" -> "put(" + F + ", x * y);";
            case "arraycopy" -> "double[] src = {x, y, x * y}; System.arraycopy(src, 0, " + F + ", 0, 3);";
            case "fill" -> "java.util.Arrays.fill(" + F + ", x * y);";
            case "inactive-alias" -> "double[] a = " + F + "; a[0] += 1.0;";
            case "compound" -> F + "[1] += x;";
            case "rows" -> "double[][] rows = {" + F + ", new double[3]}; rows[0][0] = x;";
            case "clone" -> "double[] c = " + F + ".clone(); c[0] = x * y; s += c[0] * c[1];";
            case "returned" -> "double[] a = id(" + F + "); a[0] = x;";
            case "increment" -> F + "[0]++;";
            case "fill-inactive" -> "java.util.Arrays.fill(" + F + ", 0.5);";
            case "other-object" -> "other.buf[0] = x;";
            default -> "s += " + F + "[2] * x;";
          };
          String params = "double x, double y" + (n > 2 ? ", double[] zs" : "") + (shape.equals("other-object") ? ", A other" : "");
          String body = "    double s = 0;\n"
              + (n > 2 ? "    for (double z : zs) { s += z * x; }\n" : "")
              + "    " + write + "\n"
              + "    return s + " + F + "[0] * y + " + F + "[1] * x + " + F + "[2];\n";
          String text = "class A {\n"
              + "  " + decl + "\n"
              + (inst || shape.equals("other-object") ? "  static A make() { return new A(); }\n" : "")
              + (shape.equals("other-object") && !inst ? "  double[] ibuf = {4.0, 5.0, 6.0};\n" : "")
              + "  " + ann(order, chunk) + "\n"
              + "  " + (inst ? "" : "static ") + "double f(" + params + ") {\n"
              + body
              + "  }\n"
              + "  " + ann(order, 0) + "\n"
              + "  static double put(double[] a, double v) { a[0] = v; return v; }\n"
              + "  static double[] id(double[] a) { return a; }\n"
              + "}\n";
          if (shape.equals("other-object") && !inst) {
            text = text.replace("other.buf[0] = x;", "other.ibuf[0] = x;");
          }
          List<P> ps = new ArrayList<>(List.of(d("x"), d("y")));
          if (n > 2) {
            ps.add(a("zs", n - 2));
          }
          if (shape.equals("other-object")) {
            ps.add(o("other", "A", "A#make"));
          }
          Check c = new Check("A", "f", order, false, ps, inst ? "A#make" : null, null, null);
          out.add(new Prog("fieldalias", "fieldalias/" + kind + "/" + shape + "/" + tag(order, chunk) + "n" + n,
              List.of(src("A", text)), List.of(c)));
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // side effects of calls that stay plain (inactive arguments), with several passes

  static void sideEffects(List<Prog> out) {
    String[] shapes = {"statement", "branch", "condition", "loop", "accumulate", "active-arg", "field-write", "index"};
    int[][] modes = {{1, 0, 2}, {1, 1, 2}, {2, 0, 2}, {1, 0, 13}, {1, 1, 13}, {2, 2, 5}, {1, 2, 5}};
    for (String shape : shapes) {
      for (int[] mode : modes) {
        int order = mode[0];
        int chunk = mode[1];
        int n = mode[2];
        String stmt = switch (shape) {
          case "statement" -> "Log.tick(); double r = x * y;";
          case "branch" -> "int k = Log.tick() % 2; double r = k == 1 ? x * y : x + y;";
          case "condition" -> "double r = x * y; if (Log.tick() > 1) { r = r * r; }";
          case "loop" -> "double r = 0; for (int i = 0; i < 3; i++) { r += Log.tick() * x * y; }";
          case "accumulate" -> "Log.add(1.0); double r = x * y + Log.acc;";
          case "active-arg" -> "Log.add(x); double r = x * y;";
          case "field-write" -> "Log.hits++; double r = x * y * Log.hits;";
          default -> "double[] t = {x, y, x * y}; double r = t[Log.tick() % 3];";
        };
        String text = "class Log {\n"
            + "  static int hits;\n"
            + "  static double acc;\n"
            + "  static int tick() { return ++hits; }\n"
            + "  static void add(double v) { acc += v; }\n"
            + "}\n"
            + "class A {\n"
            + "  " + ann(order, chunk) + "\n"
            + "  static double f(double x, double y" + (n > 2 ? ", double[] zs" : "") + ") {\n"
            + "    " + stmt + "\n"
            + (n > 2 ? "    for (double z : zs) { r += Math.sin(z) * x; }\n" : "")
            + "    return r;\n"
            + "  }\n"
            + "}\n";
        List<P> ps = new ArrayList<>(List.of(d("x"), d("y")));
        if (n > 2) {
          ps.add(a("zs", n - 2));
        }
        out.add(new Prog("sideeffects", "sideeffects/" + shape + "/" + tag(order, chunk) + "n" + n,
            List.of(new Src("Log", HEADER + text)),
            List.of(new Check("A", "f", order, false, ps, null, null, null))));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // extreme arguments for the functions of the tangent table, against analytic derivatives

  static final double[] XS = {
    1e-300, -1e-300, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-8, -1e-8, 0.5, -0.75, 1e8, 1e15, 1e22, -1e22,
    1e200, -1e200, Double.MAX_VALUE, -Double.MAX_VALUE, 709.7, -745.0, 20.0, -20.0, 40.0, 0.9999999999999999,
    -0.9999999999999999, 1.5707963267948966, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
  };

  interface D1 {
    double at(double x);
  }

  record Unary(String name, D1 value, D1 first, D1 second) {}

  static double sq(double v) {
    return v * v;
  }

  static List<Unary> unaries() {
    double ln10 = Math.log(10);
    return List.of(
        new Unary("sqrt", Math::sqrt, x -> 0.5 / Math.sqrt(x), x -> -0.25 / Math.sqrt(x) / x),
        new Unary("cbrt", Math::cbrt, x -> 1.0 / 3 / Math.cbrt(x) / Math.cbrt(x), x -> -2.0 / 9 / Math.cbrt(x) / Math.cbrt(x) / x),
        new Unary("exp", Math::exp, Math::exp, Math::exp),
        new Unary("expm1", Math::expm1, Math::exp, Math::exp),
        new Unary("log", Math::log, x -> 1 / x, x -> -(1 / x) / x),
        new Unary("log1p", Math::log1p, x -> 1 / (1 + x), x -> -(1 / (1 + x)) / (1 + x)),
        new Unary("log10", Math::log10, x -> 1 / x / ln10, x -> -(1 / x) / x / ln10),
        new Unary("sin", Math::sin, Math::cos, x -> -Math.sin(x)),
        new Unary("cos", Math::cos, x -> -Math.sin(x), x -> -Math.cos(x)),
        new Unary("tan", Math::tan, x -> 1 / sq(Math.cos(x)), x -> 2 * Math.tan(x) / sq(Math.cos(x))),
        new Unary("asin", Math::asin, x -> 1 / Math.sqrt((1 - x) * (1 + x)), x -> x / Math.pow((1 - x) * (1 + x), 1.5)),
        new Unary("acos", Math::acos, x -> -1 / Math.sqrt((1 - x) * (1 + x)), x -> -x / Math.pow((1 - x) * (1 + x), 1.5)),
        new Unary("atan", Math::atan,
            x -> Math.abs(x) > 1e150 ? (1 / x) / x : 1 / (1 + x * x),
            x -> Math.abs(x) > 1e100 ? -2 / x / x / x : -2 * x / sq(1 + x * x)),
        new Unary("sinh", Math::sinh, Math::cosh, Math::sinh),
        new Unary("cosh", Math::cosh, Math::sinh, Math::cosh),
        new Unary("tanh", Math::tanh, AdversarialSweepPrograms::sech2, x -> -2 * Math.tanh(x) * sech2(x)),
        new Unary("toRadians", Math::toRadians, x -> Math.PI / 180, x -> 0),
        new Unary("toDegrees", Math::toDegrees, x -> 180 / Math.PI, x -> 0),
        new Unary("abs", Math::abs, x -> Math.copySign(1.0, x), x -> 0),
        new Unary("signum", Math::signum, x -> 0, x -> 0),
        new Unary("floor", Math::floor, x -> 0, x -> 0),
        new Unary("ceil", Math::ceil, x -> 0, x -> 0),
        new Unary("rint", Math::rint, x -> 0, x -> 0),
        new Unary("ulp", Math::ulp, x -> 0, x -> 0),
        new Unary("nextUp", Math::nextUp, x -> 1, x -> 0),
        new Unary("nextDown", Math::nextDown, x -> 1, x -> 0));
  }

  /** 1 / cosh(x)^2 without overflow. */
  static double sech2(double x) {
    double e = Math.exp(-2 * Math.abs(x));
    return 4 * e / sq(1 + e);
  }

  record Binary(String expr, D2 value, D2 dx, D2 dy, double[][] points) {}

  interface D2 {
    double at(double x, double y);
  }

  static List<Binary> binaries() {
    double[][] big = {
      {1e200, 1e200}, {1e-200, 1e-200}, {1e-300, 1.0}, {1.0, 1e-300}, {1e300, 1e-300}, {-1e200, 3.0},
      {3.0, -1e200}, {0.5, 0.25}, {-2.0, 0.75}, {1e15, 7.0}, {Double.MIN_VALUE, 1.0}, {1e154, 1e154}, {1e-160, 1e-160}
    };
    return List.of(
        new Binary("Math.atan2(x, y)", Math::atan2,
            (x, y) -> { double h = Math.hypot(x, y); return (y / h) / h; },
            (x, y) -> { double h = Math.hypot(x, y); return -(x / h) / h; }, big),
        new Binary("Math.hypot(x, y)", Math::hypot, (x, y) -> x / Math.hypot(x, y), (x, y) -> y / Math.hypot(x, y), big),
        new Binary("Math.pow(x, y)", Math::pow,
            (x, y) -> y * Math.pow(x, y - 1), (x, y) -> Math.pow(x, y) * Math.log(x),
            new double[][] {{1e-300, 0.5}, {1e10, 2.5}, {2.0, 1000.0}, {0.5, 1000.0}, {1e-300, 2.0}, {1e100, 3.0},
              {1e-100, -3.0}, {3.0, -600.0}, {1e300, 1.0}, {0.5, 0.5}, {7.0, 1e-8}}),
        new Binary("Math.min(x, y)", Math::min, (x, y) -> x <= y ? 1 : 0, (x, y) -> x <= y ? 0 : 1, big),
        new Binary("Math.max(x, y)", Math::max, (x, y) -> x >= y ? 1 : 0, (x, y) -> x >= y ? 0 : 1, big),
        new Binary("Math.copySign(x, y)", Math::copySign,
            (x, y) -> Math.copySign(1.0, x) * Math.copySign(1.0, y), (x, y) -> 0, big),
        new Binary("Math.IEEEremainder(x, y)", Math::IEEEremainder,
            (x, y) -> 1, (x, y) -> -((x - Math.IEEEremainder(x, y)) / y),
            new double[][] {{1e10, 3.0}, {1e300, 3.0}, {-7.5, 2.0}, {1e-300, 1.0}, {5.3, 1e-3}, {1e22, 0.7}}),
        new Binary("x % y", (x, y) -> x % y, (x, y) -> 1, (x, y) -> -((x - x % y) / y),
            new double[][] {{1e10, 3.0}, {1e300, 3.0}, {-7.5, 2.0}, {1e-300, 1.0}, {5.3, 1e-3}, {1e22, 0.7}}),
        new Binary("Math.nextAfter(x, y)", Math::nextAfter, (x, y) -> 1, (x, y) -> 0, big),
        new Binary("x * y", (x, y) -> x * y, (x, y) -> y, (x, y) -> x, big),
        new Binary("x / y", (x, y) -> x / y, (x, y) -> 1 / y, (x, y) -> -(x / y) / y, big),
        new Binary("x - y", (x, y) -> x - y, (x, y) -> 1, (x, y) -> -1, big),
        new Binary("Math.fma(x, y, 0.5)", (x, y) -> Math.fma(x, y, 0.5), (x, y) -> y, (x, y) -> x, big),
        new Binary("Math.scalb(x, 3) + y", (x, y) -> Math.scalb(x, 3) + y, (x, y) -> 8, (x, y) -> 1, big));
  }

  static void extreme(List<Prog> out) {
    for (Unary u : unaries()) {
      for (String cls : new String[] {"Math", "StrictMath"}) {
        for (int order : new int[] {1, 2}) {
          if (order == 2 && cls.equals("StrictMath")) {
            continue;
          }
          List<double[]> points = new ArrayList<>();
          for (double x : XS) {
            double v = u.value().at(x);
            if (Double.isFinite(v) && Double.isFinite(x) || (!Double.isFinite(x) && !Double.isNaN(v))) {
              points.add(new double[] {x});
            }
          }
          if (u.name().equals("abs")) {
            points.add(new double[] {0.0});
            points.add(new double[] {-0.0});
          }
          Analytic an = new Analytic(
              x -> new double[] {u.first().at(x[0])},
              x -> new double[][] {{u.second().at(x[0])}});
          Check c = new Check("A", "f", order, false, List.of(d("x")), null, points, an);
          out.add(new Prog("extreme", "extreme/" + cls + "." + u.name() + "/" + tag(order, 0), List.of(src("A",
              "class A {\n  " + ann(order, 0) + "\n  static double f(double x) { return " + cls + "." + u.name() + "(x); }\n}\n")),
              List.of(c)));
        }
      }
    }
    for (Binary b : binaries()) {
      for (String pattern : new String[] {"both", "x", "y"}) {
        List<double[]> points = new ArrayList<>();
        for (double[] p : b.points()) {
          double v = b.value().at(p[0], p[1]);
          if (Double.isFinite(v)) {
            points.add(p);
          }
        }
        Analytic an = new Analytic(x -> switch (pattern) {
          case "both" -> new double[] {b.dx().at(x[0], x[1]), b.dy().at(x[0], x[1])};
          case "x" -> new double[] {b.dx().at(x[0], x[1])};
          default -> new double[] {b.dy().at(x[0], x[1])};
        }, null);
        P px = pattern.equals("y") ? dConst("x") : d("x");
        P py = pattern.equals("x") ? dConst("y") : d("y");
        String wrt = pattern.equals("both") ? "" : "(wrt = \"" + pattern + "\")";
        Check c = new Check("A", "f", 1, false, List.of(px, py), null, points, an);
        String name = b.expr().replaceAll("[^A-Za-z0-9%*/+-]", "");
        out.add(new Prog("extreme", "extreme/" + name + "/" + pattern, List.of(src("A",
            "class A {\n  @Differentiable" + wrt + "\n  static double f(double x, double y) { return " + b.expr() + "; }\n}\n")),
            List.of(c)));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // long and deep methods

  static void longAndDeep(List<Prog> out) {
    for (int order : new int[] {1, 2}) {
      for (int n : new int[] {100, 600, 1200}) {
        StringBuilder b = new StringBuilder();
        b.append("    double a0 = x;\n    double b0 = y;\n");
        for (int k = 1; k <= n; k++) {
          String e = switch (k % 5) {
            case 0 -> "a" + (k - 1) + " * 0.999 + 0.001 * b" + (k - 1);
            case 1 -> "0.5 * Math.sin(a" + (k - 1) + ") + 0.5 * a" + (k - 1);
            case 2 -> "a" + (k - 1) + " + 0.0001 * b" + (k - 1) + " * b" + (k - 1);
            case 3 -> "a" + (k - 1) + " / (1.0 + 0.0001 * b" + (k - 1) + ")";
            default -> "Math.sqrt(a" + (k - 1) + " * a" + (k - 1) + " + 0.0001)";
          };
          b.append("    double a").append(k).append(" = ").append(e).append(";\n");
          b.append("    double b").append(k).append(" = 0.999 * b").append(k - 1).append(" + 0.001 * a").append(k).append(";\n");
        }
        b.append("    return a").append(n).append(" + b").append(n).append(";\n");
        out.add(new Prog("long", "long/straight" + n + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n" + b + "  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
      }
      for (int depth : new int[] {50, 300, 450}) {
        // left-nested
        StringBuilder e = new StringBuilder("x");
        for (int k = 0; k < depth; k++) {
          e.insert(0, "(").append(k % 2 == 0 ? " * 0.999 + 0.001 * y)" : " + 0.0001 * x)");
        }
        out.add(new Prog("deep", "deep/left" + depth + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n    return " + e + ";\n  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
        // right-nested
        StringBuilder r = new StringBuilder();
        for (int k = 0; k < depth; k++) {
          r.append(k % 2 == 0 ? "x * 0.001 + 0.999 * (" : "y * 0.001 + 0.999 * (");
        }
        r.append("x * y");
        r.append(")".repeat(depth));
        out.add(new Prog("deep", "deep/right" + depth + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n    return " + r + ";\n  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
        // nested calls
        int fd = Math.min(depth, 400);
        StringBuilder c = new StringBuilder("x");
        for (int k = 0; k < fd; k++) {
          c.insert(0, k % 2 == 0 ? "Math.sin(" : "Math.atan(").append(k % 3 == 0 ? " + y)" : ")");
        }
        out.add(new Prog("deep", "deep/calls" + fd + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n    return " + c + ";\n  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
      }
      // many loops and many live locals
      for (int n : new int[] {60, 400}) {
        StringBuilder b = new StringBuilder("    double s = x;\n");
        for (int k = 0; k < n; k++) {
          b.append("    for (int i").append(k).append(" = 0; i").append(k).append(" < 2; i").append(k)
              .append("++) { s = s * 0.99 + 0.01 * y; if (s > 100) { break; } }\n");
        }
        b.append("    return s;\n");
        out.add(new Prog("long", "long/loops" + n + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n" + b + "  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
        StringBuilder l = new StringBuilder();
        for (int k = 0; k < n; k++) {
          l.append("    double t").append(k).append(" = x * ").append(1 + k % 7).append(".0 + y * 0.").append(k % 9 + 1).append(";\n");
        }
        l.append("    double s = 0;\n");
        for (int k = 0; k < n; k++) {
          l.append("    s += t").append(k).append(" * t").append(n - 1 - k).append(" * 0.001;\n");
        }
        l.append("    return s;\n");
        out.add(new Prog("long", "long/locals" + n + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) {\n" + l + "  }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y")))));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // names that shadow what generated code uses

  static void shadowing(List<Prog> out) {
    String[] classes = {"Math", "Lanes", "Workspace", "DualVector", "DualVectors", "Dual", "Duals", "System", "Arrays", "Double", "Objects", "Generated", "String", "Integer"};
    for (int order : new int[] {1, 2}) {
      for (String c : classes) {
        // A class of that name in the user's package; the method uses java.lang.Math explicitly.
        String user = c.equals("Math")
            ? "class Math { static double cos(double v) { return 42; } static double sqrt(double v) { return 42; } static double sin(double v) { return 42; } }\n"
            : "class " + c + " { static int unused = 1; }\n";
        out.add(new Prog("shadow", "shadow/class-" + c + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) { double[] t = {x, y}; double s = 0;"
                + " for (int i = 0; i < t.length; i++) { s += java.lang.Math.sin(t[i]) * java.lang.Math.sqrt(y); } return s * x; }\n}\n"
                + user)),
            List.of(st("A", "f", order, d("x"), d("y")))));
        // A local variable of that name.
        if (!c.equals("Dual") && !c.equals("Duals")) {
          out.add(new Prog("shadow", "shadow/local-" + c + "/" + tag(order, 0), List.of(src("A",
              "class A {\n  " + ann(order, 0) + "\n  static double f(double x, double y) { double " + c + " = x * 2; double[] w = {" + c + ", y};"
                  + " return java.lang.Math.sin(" + c + ") * y + w[0] * w[1]; }\n}\n")),
              List.of(st("A", "f", order, d("x"), d("y")))));
          out.add(new Prog("shadow", "shadow/param-" + c + "/" + tag(order, 0), List.of(src("A",
              "class A {\n  " + ann(order, 0) + "\n  static double f(double " + c + ", double y) { return java.lang.Math.exp(" + c + ") * y + " + c + " * " + c + "; }\n}\n")),
              List.of(st("A", "f", order, d(c), d("y")))));
        }
        // A nested class of that name in the user's class.
        out.add(new Prog("shadow", "shadow/nested-" + c + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  static class " + c + " { static double sq(double v) { return v * v; } }\n  " + ann(order, 0)
                + "\n  double f(double x, double y) { return java.lang.Math.cos(x) * y + x / y; }\n}\n")),
            List.of(inst("A", "A", "f", order, d("x"), d("y")))));
      }
      // The user's own Math with the functions: its sin is not the table's.
      for (boolean annotated : new boolean[] {true, false}) {
        out.add(new Prog("shadow", "shadow/own-Math-" + (annotated ? "annotated" : "plain") + "/" + tag(order, 0), List.of(src("A",
            "class A {\n  " + ann(order, 0) + "\n  static double f(double x) { return Math.sin(x) * x; }\n}\n"
                + "class Math {\n  " + (annotated ? ann(order, 0) : "") + "\n  static double sin(double v) { return v * v * v; }\n}\n")),
            List.of(st("A", "f", order, d("x")))));
      }
      // A field named Math, a method named sin, a static import.
      out.add(new Prog("shadow", "shadow/field-Math/" + tag(order, 0), List.of(src("A",
          "class A {\n  static final double Math = 2.0;\n  " + ann(order, 0)
              + "\n  static double f(double x) { return java.lang.Math.sin(x) * Math + java.lang.Math.sqrt(x); }\n}\n")),
          List.of(st("A", "f", order, d("x")))));
      out.add(new Prog("shadow", "shadow/static-import/" + tag(order, 0), List.of(new Src("A",
          "package %PKG%;\nimport org.dualj.annotations.Differentiable;\nimport static java.lang.Math.*;\n"
              + "class A {\n  " + ann(order, 0) + "\n  static double f(double x) { return sin(x) * exp(x) + sqrt(x); }\n}\n")),
          List.of(st("A", "f", order, d("x")))));
      out.add(new Prog("shadow", "shadow/own-sin-over-static-import/" + tag(order, 0), List.of(new Src("A",
          "package %PKG%;\nimport org.dualj.annotations.Differentiable;\nimport static java.lang.Math.sin;\n"
              + "class A {\n  " + ann(order, 0) + "\n  static double sin(double v) { return v * v; }\n"
              + "  " + ann(order, 0) + "\n  static double f(double x) { return sin(x) * x; }\n}\n")),
          List.of(st("A", "f", order, d("x")))));
      // Generated class names that clash.
      out.add(new Prog("shadow", "shadow/existing-ADerivatives/" + tag(order, 0), List.of(src("A",
          "class A {\n  " + ann(order, 0) + "\n  static double f(double x) { return x * x * x; }\n}\n"),
          src("ADerivatives", "class ADerivatives { static int unrelated() { return 1; } }\n")),
          List.of(st("A", "f", order, d("x")))));
      out.add(new Prog("shadow", "shadow/nested-vs-underscore/" + tag(order, 0), List.of(src("Outer",
          "class Outer {\n  static class Inner {\n    " + ann(order, 0) + "\n    static double f(double x) { return x * x; }\n  }\n}\n"),
          src("Outer_Inner", "class Outer_Inner {\n  " + ann(order, 0) + "\n  static double f(double x) { return Math.sin(x); }\n}\n")),
          List.of(st("Outer$Inner", "f", order, d("x")), st("Outer_Inner", "f", order, d("x")))));
      out.add(new Prog("shadow", "shadow/class-named-like-entry/" + tag(order, 0), List.of(src("fGradient",
          "class fGradient {\n  " + ann(order, 0) + "\n  static double f(double x) { return x * Math.exp(x); }\n  "
              + ann(order, 0) + "\n  static double fGradient(double x) { return x; }\n}\n")),
          List.of(st("fGradient", "f", order, d("x")))));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // generic classes

  static void generics(List<Prog> out) {
    for (int order : new int[] {1, 2}) {
      String an = ann(order, 0);
      out.add(new Prog("generic", "generic/instance/" + tag(order, 0), List.of(src("Box",
          "class Box<T> {\n  T tag;\n  double w = 1.5;\n  " + an + "\n  double f(double x) { return x * x * w; }\n}\n")),
          List.of(inst("Box", "Box", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/static/" + tag(order, 0), List.of(src("Box",
          "class Box<T> {\n  " + an + "\n  static double f(double x, double y) { return Math.hypot(x, y) * x; }\n}\n")),
          List.of(st("Box", "f", order, d("x"), d("y")))));
      out.add(new Prog("generic", "generic/bounded-field/" + tag(order, 0), List.of(src("M",
          "class M<T extends Number> {\n  T scale;\n  static M<Double> make() { M<Double> m = new M<>(); m.scale = 2.0; return m; }\n  "
              + an + "\n  double f(double x) { return x * x * scale.doubleValue(); }\n}\n")),
          List.of(inst("M", "M#make", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/method/" + tag(order, 0), List.of(src("G",
          "class G {\n  static Object tag() { return \"t\"; }\n  " + an + "\n  static <T> double f(double x, T t) { return x * x; }\n}\n")),
          List.of(st("G", "f", order, d("x"), o("t", "java.lang.Object", "G#tag")))));
      out.add(new Prog("generic", "generic/inner-of-generic/" + tag(order, 0), List.of(src("O",
          "class O<T> {\n  double k = 0.5;\n  static Object make() { return new O<String>().new I(); }\n  class I {\n    " + an
              + "\n    double f(double x) { return x * k + Math.sin(x); }\n  }\n}\n")),
          List.of(inst("O$I", "O#make", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/static-nested-of-generic/" + tag(order, 0), List.of(src("O",
          "class O<T> {\n  static class S {\n    " + an + "\n    static double f(double x) { return Math.cos(x) * x; }\n  }\n}\n")),
          List.of(st("O$S", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/list-param/" + tag(order, 0), List.of(src("L",
          "class L<T> {\n  static Object list() { return java.util.List.of(1, 2, 3); }\n  " + an
              + "\n  static double f(double x, java.util.List<?> xs) { return x * x * xs.size(); }\n}\n")),
          List.of(st("L", "f", order, d("x"), o("xs", "java.util.List", "L#list")))));
      out.add(new Prog("generic", "generic/recursive-bound/" + tag(order, 0), List.of(src("N",
          "class N<T extends N<T>> {\n  " + an + "\n  double f(double x) { return x * x * x; }\n}\n"
              + "class Leaf extends N<Leaf> {}\n")),
          List.of(inst("N", "Leaf", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/interface/" + tag(order, 0), List.of(src("I",
          "interface I<T> {\n  " + an + "\n  default double f(double x) { return Math.exp(x) * x; }\n}\n"
              + "class Impl implements I<String> {}\n")),
          List.of(inst("I", "Impl", "f", order, d("x")))));
      out.add(new Prog("generic", "generic/array-result/" + tag(order, 0), List.of(src("Box",
          "class Box<T extends Comparable<T>> {\n  @Differentiable\n  static double[] f(double x, double y) { return new double[] {x * y, x + y}; }\n"
              + "  " + an + "\n  double g(double x) { return f(x, x)[0]; }\n}\n")),
          List.of(stArr("Box", "f", d("x"), d("y")), inst("Box", "Box", "g", order, d("x")))));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // checked exceptions

  static void exceptions(List<Prog> out) {
    for (int order : new int[] {1, 2}) {
      String an = ann(order, 0);
      for (boolean isStatic : new boolean[] {true, false}) {
        String s = isStatic ? "static " : "";
        List<String[]> shapes = List.of(
            new String[] {"throws-io", "double f(double x) throws java.io.IOException { return x * x; }"},
            new String[] {"throws-two", "double f(double x) throws java.io.IOException, InterruptedException { return Math.sin(x) * x; }"},
            new String[] {"callee-throws", "double f(double x) throws Exception { return g(x) * x; }\n  " + an + "\n  " + s
                + "double g(double u) throws Exception { return u * u; }"},
            new String[] {"inactive-throwing-call", "double f(double x) throws Exception { int k = parse(\"3\"); return k * x * x; }\n  "
                + "static int parse(String t) throws java.io.IOException { return Integer.parseInt(t); }"},
            new String[] {"runtime-throws", "double f(double x) throws IllegalStateException { return x / (1 + x * x); }"},
            new String[] {"generic-throws", "<E extends Exception> double f(double x) throws E { return x * x; }"});
        for (String[] sh : shapes) {
          Check c = isStatic ? st("A", "f", order, d("x")) : inst("A", "A", "f", order, d("x"));
          out.add(new Prog("exceptions", "exceptions/" + sh[0] + "/" + (isStatic ? "static" : "instance") + "/" + tag(order, 0),
              List.of(src("A", "class A {\n  " + an + "\n  " + s + sh[1] + "\n}\n")), List.of(c)));
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // nested, inner, local and anonymous classes, enum constant bodies

  static void nested(List<Prog> out) {
    for (int order : new int[] {1, 2}) {
      String an = ann(order, 0);
      out.add(new Prog("nested", "nested/static-nested/" + tag(order, 0), List.of(src("O",
          "class O {\n  static class N {\n    " + an + "\n    static double f(double x) { return x * Math.log(x); }\n  }\n}\n")),
          List.of(st("O$N", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/inner/" + tag(order, 0), List.of(src("O",
          "class O {\n  double k = 2;\n  static Object make() { return new O().new In(); }\n  class In {\n    " + an
              + "\n    double f(double x) { return x * k * x; }\n  }\n}\n")),
          List.of(inst("O$In", "O#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/three-levels/" + tag(order, 0), List.of(src("O",
          "class O {\n  static class M {\n    static class I {\n      " + an + "\n      static double f(double x) { return Math.tanh(x) * x; }\n    }\n  }\n}\n")),
          List.of(st("O$M$I", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/private-nested/" + tag(order, 0), List.of(src("O",
          "class O {\n  private static class N {\n    " + an + "\n    static double f(double x) { return x * x; }\n  }\n}\n")),
          List.of(st("O$N", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/local/" + tag(order, 0), List.of(src("O",
          "class O {\n  static Object make() {\n    class Loc {\n      " + an + "\n      double f(double x) { return x * x * x; }\n    }\n    return new Loc();\n  }\n}\n")),
          List.of(inst("O$1Loc", "O#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/anonymous/" + tag(order, 0), List.of(src("O",
          "class O {\n  static Object make() {\n    return new Object() {\n      " + an + "\n      double f(double x) { return Math.exp(x) * x; }\n    };\n  }\n}\n")),
          List.of(inst("O$1", "O#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/enum-constant-body/" + tag(order, 0), List.of(src("E",
          "enum E {\n  ONE {\n    " + an + "\n    double f(double x) { return x * x; }\n  };\n  static Object make() { return ONE; }\n}\n")),
          List.of(inst("E$1", "E#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/enum-method/" + tag(order, 0), List.of(src("E",
          "enum E {\n  ONE(2.0), TWO(3.0);\n  final double w;\n  E(double w) { this.w = w; }\n  static E make() { return TWO; }\n  " + an
              + "\n  double f(double x) { return w * x * x; }\n}\n")),
          List.of(inst("E", "E#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/record/" + tag(order, 0), List.of(src("R",
          "record R(double w) {\n  static R make() { return new R(1.5); }\n  " + an + "\n  double f(double x) { return w * Math.sin(x); }\n}\n")),
          List.of(inst("R", "R#make", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/interface-static/" + tag(order, 0), List.of(src("I",
          "interface I {\n  " + an + "\n  static double f(double x) { return x * Math.cbrt(x); }\n}\n")),
          List.of(st("I", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/nested-in-interface/" + tag(order, 0), List.of(src("I",
          "interface I {\n  class N {\n    " + an + "\n    static double f(double x) { return x / (1 + x); }\n  }\n}\n")),
          List.of(st("I$N", "f", order, d("x")))));
      out.add(new Prog("nested", "nested/lambda-body-class/" + tag(order, 0), List.of(src("O",
          "class O {\n  static Object make() {\n    java.util.function.Supplier<Object> s = () -> new Object() {\n      " + an
              + "\n      double f(double x) { return x * x; }\n    };\n    return s.get();\n  }\n}\n")),
          List.of(inst("O$1", "O#make", "f", order, d("x")))));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // line endings

  static void lineEndings(List<Prog> out) {
    String[][] bodies = {
      {"simple", "  static double f(double x, double y) {\n    double v = x * y;\n    return Math.sin(v) + x;\n  }", ""},
      {"comments", "  static double f(double x, double y) {\n    /* a // comment */ double v = x * y; // trailing */\n    return v /* mid */ * x;\n  }", ""},
      {"multiline-statement", "  static double f(double x, double y) {\n    double v = x\n        * y\n        + Math.exp(\n            x);\n    return v;\n  }", ""},
      {"unicode-escape", "  static double f(double x, double y) {\n    double \\u0061b = x * y;\n    return ab + x;\n  }", ""},
      {"tabs-formfeed", "\tstatic double f(double x, double y) {\n\t\tdouble v = x * y;\f\n\t\treturn v * v;\n\t}", ""},
      {"string-literal", "  static double f(double x, double y) {\n    String s = \"a\\r\\nb\";\n    return x * y * s.length();\n  }", ""},
      {"error-try", "  static double f(double x, double y) {\n    double v = x;\n    try { v = x * y; } finally { v = v + 1; }\n    return v;\n  }", "7"},
      {"error-lambda", "  static double f(double x, double y) {\n    double v = x;\n    java.util.function.DoubleUnaryOperator g = t -> t * x;\n    return v;\n  }", "7"},
    };
    String[][] endings = {{"lf", "\n"}, {"crlf", "\r\n"}, {"cr", "\r"}, {"mixed", null}};
    for (String[] body : bodies) {
      for (String[] end : endings) {
        for (int order : new int[] {1, 2}) {
          String text = HEADER + "class A {\n  " + ann(order, 0) + "\n" + body[1] + "\n}\n";
          String converted;
          if (end[1] != null) {
            converted = text.replace("\n", end[1]);
          } else {
            StringBuilder b = new StringBuilder();
            String[] ls = text.split("\n", -1);
            String[] seps = {"\r\n", "\r", "\n"};
            for (int k = 0; k < ls.length; k++) {
              b.append(ls[k]);
              if (k < ls.length - 1) {
                b.append(seps[k % 3]);
              }
            }
            converted = b.toString();
          }
          List<Integer> errorLines = body[2].isEmpty() ? List.of() : List.of(Integer.parseInt(body[2]));
          out.add(new Prog("lineendings", "lineendings/" + body[0] + "/" + end[0] + "/" + tag(order, 0),
              List.of(new Src("A", converted)), List.of(st("A", "f", order, d("x"), d("y"))), errorLines));
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // double[] parameters written in place

  static void arraysInPlace(List<Prog> out) {
    String[][] shapes = {
      {"scale-first", "xs[0] = xs[0] * y; double s = xs[0] + xs[1];"},
      {"scale-loop", "double s = 0; for (int i = 0; i < xs.length; i++) { xs[i] *= y; s += xs[i]; }"},
      {"inactive-increment", "double s = 0; for (int i = 0; i < xs.length; i++) { xs[i] += 1.0; s += xs[i] * y; }"},
      {"callee-writes", "scale(xs, y); double s = xs[0] * xs[1];"},
      {"local-alias", "double[] b = xs; b[1] = y * y; double s = xs[1] + xs[0];"},
      {"arraycopy-into", "double[] t = {y, y * y}; System.arraycopy(t, 0, xs, 0, 2); double s = xs[0] + xs[1] * xs[xs.length - 1];"},
      {"fill", "java.util.Arrays.fill(xs, y); double s = xs[0] * xs[1];"},
      {"postincrement", "xs[0]++; double s = xs[0] * y;"},
      {"swap", "double t = xs[0]; xs[0] = xs[1]; xs[1] = t * y; double s = xs[0] * xs[1];"},
      {"written-then-passed-twice", "double s = dot(xs, xs) * y;"},
      {"not-wrt-written", "xs[0] = y * y; double s = xs[0] + y;"},
    };
    int[][] modes = {{1, 0, 3}, {1, 1, 3}, {2, 0, 3}, {1, 0, 13}, {1, 1, 13}, {2, 1, 13}};
    for (String[] sh : shapes) {
      for (int[] mode : modes) {
        int order = mode[0];
        int chunk = mode[1];
        int n = mode[2];
        boolean notWrt = sh[0].equals("not-wrt-written");
        String an = notWrt ? "@Differentiable(wrt = \"y\"" + (order == 2 ? ", order = 2" : "") + (chunk != 0 ? ", chunk = " + chunk : "") + ")" : ann(order, chunk);
        String text = "class A {\n  " + an + "\n  static double f(double[] xs, double y) {\n    " + sh[1] + "\n    return s;\n  }\n"
            + "  " + ann(order, 0) + "\n  static double scale(double[] a, double w) { for (int i = 0; i < a.length; i++) { a[i] *= w; } return w; }\n"
            + "  " + ann(order, 0) + "\n  static double dot(double[] a, double[] b) { a[0] = a[0] * 2; double s = 0; for (int i = 0; i < a.length; i++) { s += a[i] * b[i]; } return s; }\n"
            + "}\n";
        P xs = notWrt ? AdversarialSweep.aConst("xs", n) : a("xs", n);
        out.add(new Prog("arrays", "arrays/" + sh[0] + "/" + tag(order, chunk) + "n" + n, List.of(src("A", text)),
            List.of(st("A", "f", order, xs, d("y")))));
      }
    }
    // A double[]-valued method that writes its parameter and returns it.
    for (int chunk : new int[] {0, 1}) {
      for (int n : new int[] {3, 13}) {
        out.add(new Prog("arrays", "arrays/returns-parameter/" + tag(1, chunk) + "n" + n, List.of(src("A",
            "class A {\n  " + ann(1, chunk) + "\n  static double[] g(double[] xs, double y) { for (int i = 0; i < xs.length; i++) { xs[i] = xs[i] * y; } return xs; }\n}\n")),
            List.of(stArr("A", "g", a("xs", n), d("y")))));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // recursion

  static void recursion(List<Prog> out) {
    for (int order : new int[] {1, 2}) {
      for (int chunk : new int[] {0, 1}) {
        String an = ann(order, chunk);
        String t = tag(order, chunk);
        out.add(new Prog("recursion", "recursion/simple/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  static double f(double x, double y, int n) { if (n == 0) { return x * y; } return Math.sin(f(x, y, n - 1)) * x + y; }\n}\n")),
            List.of(st("A", "f", order, d("x"), d("y"), i("n", 5)))));
        out.add(new Prog("recursion", "recursion/mutual/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  static double even(double x, int n) { return n == 0 ? x : odd(x * 0.9, n - 1) + x; }\n"
                + "  " + an + "\n  static double odd(double x, int n) { return n == 0 ? x * x : even(Math.cos(x), n - 1) * x; }\n}\n")),
            List.of(st("A", "even", order, d("x"), i("n", 6)), st("A", "odd", order, d("x"), i("n", 5)))));
        out.add(new Prog("recursion", "recursion/array-writes/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  static double f(double[] xs, double y, int n) { if (n == 0) { return xs[0]; } xs[n % xs.length] *= y; return f(xs, y, n - 1) + xs[1]; }\n}\n")),
            List.of(st("A", "f", order, a("xs", 3), d("y"), i("n", 4)))));
        out.add(new Prog("recursion", "recursion/overridden/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  double f(double x, int n) { return n == 0 ? x : f(x * x * 0.5, n - 1) + x; }\n}\n"
                + "class B extends A {\n  " + an + "\n  @Override double f(double x, int n) { return Math.sin(x) * n; }\n}\n")),
            List.of(inst("A", "A", "f", order, d("x"), i("n", 3)), inst("A", "B", "f", order, d("x"), i("n", 3)))));
        out.add(new Prog("recursion", "recursion/deep/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  static double f(double x, int n) { return n == 0 ? x : 0.999 * f(x, n - 1) + 0.001 * x * x; }\n}\n")),
            List.of(st("A", "f", order, d("x"), i("n", 1500)))));
        out.add(new Prog("recursion", "recursion/many-inputs/" + t, List.of(src("A",
            "class A {\n  " + an + "\n  static double f(double[] xs, int n) { if (n < 0) { return 0; } return xs[n] * xs[n] + f(xs, n - 1) * 0.5; }\n}\n")),
            List.of(st("A", "f", order, a("xs", 13), i("n", 12)))));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // loops with breaks

  static void loops(List<Prog> out) {
    String[][] shapes = {
      {"break-active", "double s = x; for (int i = 0; i < 20; i++) { s = s * x + y; if (s > 3) { break; } } return s;"},
      {"labeled-continue", "double s = 0; outer: for (int i = 0; i < 4; i++) { for (int j = 0; j < 4; j++) { if (j > i) { continue outer; } s += x * j + y * i; } } return s;"},
      {"while-active", "double s = x; int k = 0; while (s < 10 && k < 50) { s = s * 1.5 + y; k++; } return s;"},
      {"do-while", "double s = y; int k = 0; do { s = Math.sin(s) + x; k++; } while (k < 4); return s;"},
      {"break-outer", "double s = 0; outer: for (int i = 0; i < 5; i++) { for (int j = 0; j < 5; j++) { s += x * y; if (s > 2.5) { break outer; } } } return s;"},
      {"early-return", "double[] t = {x, y, x * y}; for (double v : t) { if (v > 1.3) { return v * x; } } return t[2];"},
      {"switch-fallthrough", "double s = 0; for (int i = 0; i < 4; i++) { switch (i) { case 0: s += x; case 1: s *= y; break; default: s -= x * y; } } return s;"},
      {"field-array-loop", "double s = 0; for (double w : W) { s += w * x * y; } return s;"},
    };
    int[][] modes = {{1, 0}, {1, 1}, {2, 0}};
    for (String[] sh : shapes) {
      for (int[] mode : modes) {
        int order = mode[0];
        int chunk = mode[1];
        String text = "class A {\n  static final double[] W = {0.5, 1.5, 2.5};\n  " + ann(order, chunk)
            + "\n  static double f(double x, double y) { " + sh[1] + " }\n}\n";
        out.add(new Prog("loops", "loops/" + sh[0] + "/" + tag(order, chunk), List.of(src("A", text)),
            List.of(st("A", "f", order, d("x"), d("y")))));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // many parameters

  static void manyParameters(List<Prog> out) {
    for (int n : new int[] {13, 40, 63, 64, 100, 127}) {
      for (int order : new int[] {1, 2}) {
        for (boolean isStatic : new boolean[] {true, false}) {
          StringBuilder ps = new StringBuilder();
          List<P> params = new ArrayList<>();
          for (int k = 0; k < n; k++) {
            ps.append(k == 0 ? "" : ", ").append("double x").append(k);
            params.add(d("x" + k));
          }
          StringBuilder body = new StringBuilder("    double s = 0;\n");
          for (int k = 0; k < n; k++) {
            body.append("    s += x").append(k).append(" * x").append((k + 1) % n).append(" * 0.5 + Math.sin(x").append(k).append(");\n");
          }
          body.append("    return s;\n");
          String text = "class A {\n  " + ann(order, 0) + "\n  " + (isStatic ? "static " : "") + "double f(" + ps + ") {\n" + body + "  }\n}\n";
          Check c = new Check("A", "f", order, false, params, isStatic ? null : "A", null, null);
          out.add(new Prog("manyparams", "manyparams/" + n + "/" + (isStatic ? "static" : "instance") + "/" + tag(order, 0),
              List.of(src("A", text)), List.of(c)));
        }
      }
    }
  }
}
