package org.dualj.runtime.build;

import static org.dualj.processor.model.Elementary.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dualj.processor.model.Elementary;

/**
 * The methods {@code Dual} and {@code DualVector} get for each elementary function: by default
 * {@code f()} for a function of one argument, {@code f(Dual w)} and {@code f(double w)} for two,
 * and {@code f(Dual b, Dual c)} and {@code f(double b, double c)} for three; the exceptions below
 * (static forms, integer arguments, parameter names) keep the runtime's established signatures.
 * The value is the function's {@code Math} method, its operator, or {@link FastMathFunctions}'s
 * method for the functions only {@code FastMath} has.
 */
final class RuntimeApi {

  /** How a parameter enters: the receiver, a dual argument, a constant double or an int. */
  enum Kind { RECEIVER, VARIABLE, CONSTANT, INT }

  record Param(Kind kind, String name, String doc) {}

  /** One generated method. */
  record Overload(Elementary fn, String method, boolean isStatic, List<Param> params) {
    boolean allVariable() {
      return params.stream().allMatch(p -> p.kind() == Kind.RECEIVER || p.kind() == Kind.VARIABLE);
    }
  }

  /** The name and description of the second (and third) argument, where not {@code w}. */
  private static final Map<Elementary, List<String>> NAMES = Map.ofEntries(
      Map.entry(ADD, List.of("w", "the addend")),
      Map.entry(SUBTRACT, List.of("w", "the subtrahend")),
      Map.entry(MULTIPLY, List.of("w", "the multiplier")),
      Map.entry(DIVIDE, List.of("w", "the divisor")),
      Map.entry(REMAINDER, List.of("w", "the divisor")),
      Map.entry(IEEE_REMAINDER, List.of("w", "the divisor")),
      Map.entry(FMA, List.of("b", "the multiplier", "c", "the addend")),
      Map.entry(HYPOT, List.of("w", "the other side")),
      Map.entry(POW, List.of("w", "the exponent")),
      Map.entry(ATAN2, List.of("x", "the abscissa ({@code this} is the ordinate)")),
      Map.entry(COPY_SIGN, List.of("sign", "the operand providing the sign")),
      Map.entry(MIN, List.of("w", "the other operand")),
      Map.entry(MAX, List.of("w", "the other operand")),
      Map.entry(NEXT_AFTER, List.of("direction", "the value towards which to step")),
      Map.entry(SCALB, List.of("n", "the power of two")));

  private RuntimeApi() {}

  /** The runtime's method name: the {@code Math} name, or the operation's name for operators. */
  static String method(Elementary fn) {
    return fn.isOperator() ? fn.name().toLowerCase(Locale.ROOT) : fn.symbol();
  }

  static List<Overload> overloads(Elementary fn) {
    String m = method(fn);
    List<Overload> out = new ArrayList<>();
    Param self = new Param(Kind.RECEIVER, "this", null);
    switch (fn) {
      case LOG_BASE -> {
        Param base = new Param(Kind.VARIABLE, "base", "the base");
        Param x = new Param(Kind.VARIABLE, "x", "the argument");
        out.add(new Overload(fn, m, true, List.of(base, x)));
        out.add(new Overload(fn, m, true, List.of(constant(base), x)));
        out.add(new Overload(fn, m, true, List.of(base, constant(x))));
      }
      case NEXT_AFTER -> out.add(new Overload(fn, m, false, List.of(self, constant(param(fn, 0)))));
      case SCALB -> out.add(new Overload(fn, m, false,
          List.of(self, new Param(Kind.INT, "n", "the power of two"))));
      default -> {
        List<Param> variable = new ArrayList<>(List.of(self));
        List<Param> constant = new ArrayList<>(List.of(self));
        for (int i = 1; i < fn.arity(); i++) {
          variable.add(param(fn, i - 1));
          constant.add(constant(param(fn, i - 1)));
        }
        out.add(new Overload(fn, m, false, variable));
        if (fn.arity() > 1) {
          out.add(new Overload(fn, m, false, constant));
        }
        if (fn == POW) {
          out.add(new Overload(fn, m, false,
              List.of(self, new Param(Kind.INT, "n", "the constant exponent"))));
          out.add(new Overload(fn, m, true, List.of(
              new Param(Kind.CONSTANT, "base", "the constant base"),
              new Param(Kind.VARIABLE, "exponent", "the exponent"))));
        }
      }
    }
    return out;
  }

  private static Param param(Elementary fn, int i) {
    List<String> n =
        NAMES.getOrDefault(fn, List.of("w", "the second argument", "c", "the third argument"));
    return new Param(Kind.VARIABLE, n.get(2 * i), n.get(2 * i + 1));
  }

  private static Param constant(Param p) {
    String doc = p.doc().startsWith("the ") ? "the constant " + p.doc().substring(4) : p.doc();
    return new Param(Kind.CONSTANT, p.name(), doc);
  }

  /** The value of {@code fn} at the given argument values, as Java text. */
  static String value(Elementary fn, List<String> args) {
    if (fn.isOperator()) {
      return fn.arity() == 2
          ? args.get(0) + " " + fn.symbol() + " " + args.get(1)
          : fn.symbol() + (fn.symbol().length() > 1 ? " " : "") + args.get(0);
    }
    String owner = fn.fastMathOnly() ? "FastMathFunctions" : "Math";
    return owner + "." + fn.symbol() + "(" + String.join(", ", args) + ")";
  }
}
