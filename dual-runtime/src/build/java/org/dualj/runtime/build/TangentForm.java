package org.dualj.runtime.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.rules.TangentTable.Partial;
import org.dualj.processor.rules.TangentTable.Rule;

/**
 * The tangent of one row of the tangent table as Java source text, combined exactly as the
 * processor's {@code TangentRules} combines it: the partials of the arguments that have a tangent,
 * the undivided terms first, then one division per distinct divisor (in order of first appearance)
 * over the sum of its terms, a numerator {@code -x} as a subtracted term, a guarded partial
 * (its divisor included) as {@code (ṫ == 0.0 || p == 0.0 ? 0.0 : ṫ · p)}, the processor's
 * {@code Terms.times}. Evaluated on the same values, the text gives the same bits as
 * the processor's generated code, but for one difference in the sign of a zero: where the
 * processor leaves out the guarded term of an inactive argument, the runtime's overloads with a
 * constant argument add its exact {@code 0.0} ({@code pow(double)}, {@code pow(double, Dual)}).
 *
 * <p>With {@code hoist}, every partial and divisor that is not a name or a literal becomes a local
 * ({@code p0}, {@code q}, …) computed once, so that the lane code computes it outside its loop;
 * without, the text is one expression (for Javadoc).
 */
final class TangentForm {

  /** An argument: its value as Java text, and its tangent (null for a constant argument). */
  record Arg(String value, String tangent) {}

  /**
   * The tangent.
   *
   * @param locals declarations to put before the expression ({@code double p0 = ...;})
   * @param usesValue true when the text reads {@code v}, the result's value
   */
  record Result(List<String> locals, String tangent, boolean usesValue) {}

  private final Rule rule;
  private final List<Arg> args;
  private final boolean hoist;
  private final List<String> locals = new ArrayList<>();
  /** The named parts of the row used so far, as declarations. */
  private final Map<String, String> definitions = new LinkedHashMap<>();
  private boolean usesValue;

  private TangentForm(Rule rule, List<Arg> args, boolean hoist) {
    this.rule = rule;
    this.args = args;
    this.hoist = hoist;
  }

  /** The tangent of a {@code LINEAR} row, or null when no argument with a partial has a tangent. */
  static Result linear(Rule rule, List<Arg> args, boolean hoist) {
    TangentForm f = new TangentForm(rule, args, hoist);
    String t = f.linear();
    return t == null ? null : new Result(f.declarations(), t, f.usesValue);
  }

  /** The condition of a {@code SELECT} row. */
  static Result condition(Rule rule, List<Arg> args) {
    TangentForm f = new TangentForm(rule, args, false);
    String c = f.fill(rule.condition());
    return new Result(List.of(), c, f.usesValue);
  }

  /** The named parts used, in the row's order (each uses only earlier ones), then the partials. */
  private List<String> declarations() {
    List<String> out = new ArrayList<>();
    for (String name : rule.definitions().keySet()) {
      if (definitions.containsKey(name)) {
        out.add(definitions.get(name));
      }
    }
    out.addAll(locals);
    return out;
  }

  /** A term {@code ± text}, as the processor keeps the sign apart to print {@code a - b}. */
  private record Term(boolean negative, String text) {}

  private String linear() {
    List<Term> undivided = new ArrayList<>();
    Map<String, List<Term>> groups = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Partial p = rule.partial(i);
      String t = args.get(i).tangent();
      if (p != null && p.guarded() && t == null && p.divisor() == null) {
        // a constant argument's tangent is an exact 0, and so is the guarded term: the runtime
        // keeps that 0.0 (it makes a -0.0 of the other term a +0.0, as the runtime always has)
        undivided.add(new Term(false, "0.0"));
        continue;
      }
      if (p == null || t == null) {
        continue;
      }
      if (p.guarded()) {
        // Terms.times(t, partial): exactly 0 where t is 0, the divisor inside
        String partial = fill(p.numerator());
        if (p.divisor() != null) {
          partial = "(" + partial + ") / (" + fill(p.divisor()) + ")";
        }
        String factor = atom(partial, "p" + i, false);
        if (!hoist) {
          factor = "(" + factor + ")";
        }
        undivided.add(new Term(false, "(" + t + " == 0.0 || " + factor + " == 0.0 ? 0.0 : " + t
            + " * " + factor + ")"));
        continue;
      }
      Term term = term(p.numerator(), t, i);
      if (p.divisor() == null) {
        undivided.add(term);
      } else {
        groups.computeIfAbsent(fill(p.divisor()), d -> new ArrayList<>()).add(term);
      }
    }
    List<Term> all = new ArrayList<>(undivided);
    int g = 0;
    for (Map.Entry<String, List<Term>> e : groups.entrySet()) {
      String divisor = atom(e.getKey(), groups.size() == 1 ? "q" : "q" + g++, true);
      List<Term> terms = e.getValue();
      if (terms.size() == 1) {
        all.add(new Term(terms.get(0).negative(), terms.get(0).text() + " / " + divisor));
      } else {
        all.add(new Term(false, "(" + sum(terms) + ") / " + divisor));
      }
    }
    return all.isEmpty() ? null : sum(all);
  }

  private Term term(String numerator, String tangent, int i) {
    boolean negative = false;
    String n = numerator.trim();
    if (n.startsWith("-") && isPrimary(n, 1)) {
      negative = true;
      n = unwrap(n.substring(1).trim());
    }
    if (n.equals("1.0")) {
      return new Term(negative, tangent);
    }
    return new Term(negative, atom(fill(n), "p" + i, false) + " * " + tangent);
  }

  private static String sum(List<Term> terms) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      if (i == 0) {
        b.append(t.negative() ? "-" : "").append(t.text());
      } else {
        b.append(t.negative() ? " - " : " + ").append(t.text());
      }
    }
    return b.toString();
  }

  /**
   * {@code text} where it is a name or a literal; else, hoisting, a new local of that name; else
   * the text in parentheses where the context would bind it differently.
   */
  private String atom(String text, String name, boolean divisor) {
    if (text.matches("-?[0-9.]+|[A-Za-z_][A-Za-z_0-9]*(\\.value)?")) {
      return text;
    }
    if (hoist) {
      locals.add("double " + name + " = " + text + ";");
      return name;
    }
    return needsParentheses(text, divisor) ? "(" + text + ")" : text;
  }

  /** The template with its placeholders replaced by the arguments' values and {@code v}. */
  private String fill(String template) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '$') {
        char d = template.charAt(++i);
        if (d == 'v') {
          usesValue = true;
          b.append('v');
        } else if (Character.isDigit(d)) {
          b.append(args.get(d - '0').value());
        } else {
          b.append(definition(String.valueOf(d)));
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A named part of the row: its name; hoisting, also a local of that name (declared once).
   */
  private String definition(String name) {
    String template = rule.definitions().get(name);
    if (template == null) {
      throw new IllegalStateException(rule.fn() + " has no part named " + name);
    }
    if (!hoist) {
      return name; // the Javadoc's note says what it is
    }
    if (!definitions.containsKey(name)) {
      for (Arg a : args) {
        if (a.value().equals(name) || a.value().startsWith(name + ".")) {
          throw new IllegalStateException(rule.fn() + ": part " + name + " hides an argument");
        }
      }
      definitions.put(name, "double " + name + " = " + unwrap(fill(template)) + ";");
    }
    return name;
  }

  /** True when {@code s} from {@code start} on is one primary: a group, call, name or literal. */
  private static boolean isPrimary(String s, int start) {
    int i = start;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '(') {
      return closing(s, i) == s.length() - 1;
    }
    while (i < s.length()
        && (Character.isLetterOrDigit(s.charAt(i)) || "$._".indexOf(s.charAt(i)) >= 0)) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '(') {
      return closing(s, i) == s.length() - 1;
    }
    return i == s.length();
  }

  /** {@code (x)} as {@code x} when the parentheses enclose all of it. */
  private static String unwrap(String s) {
    boolean enclosed = s.startsWith("(") && closing(s, 0) == s.length() - 1;
    return enclosed ? s.substring(1, s.length() - 1) : s;
  }

  private static int closing(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '(') {
        depth++;
      } else if (s.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced: " + s);
  }

  /**
   * True when {@code text} has an operator outside parentheses that binds looser than {@code *}
   * (or, as a divisor, any operator at all).
   */
  private static boolean needsParentheses(String text, boolean divisor) {
    int depth = 0;
    char previous = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && c != ' ') {
        boolean binaryMinus = c == '-' && i > 0 && "(?:<>=+-*/,".indexOf(previous) < 0;
        if ("?<>=+".indexOf(c) >= 0 || binaryMinus || (divisor && (c == '*' || c == '/'))) {
          return true;
        }
      }
      if (c != ' ') {
        previous = c;
      }
    }
    return false;
  }
}
