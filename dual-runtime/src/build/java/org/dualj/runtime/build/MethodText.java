package org.dualj.runtime.build;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentTable;
import org.dualj.processor.rules.TangentTable.Rule;
import org.dualj.runtime.build.RuntimeApi.Kind;
import org.dualj.runtime.build.RuntimeApi.Overload;
import org.dualj.runtime.build.RuntimeApi.Param;
import org.dualj.runtime.build.TangentForm.Arg;

/**
 * The text of one generated method of {@code Dual} ({@code lanes} false) or {@code DualVector}
 * ({@code lanes} true): its Javadoc, made of the table row's {@code about} and {@code note} and
 * the rule written out, and its body, the rule with the partials computed once.
 */
final class MethodText {
  /** Formulas longer than this are left to the note in the Javadoc. */
  private static final int LONGEST_FORMULA = 150;

  private final Overload o;
  private final Rule rule;
  private final boolean lanes;
  private final String type;

  MethodText(Overload o, boolean lanes) {
    this.o = o;
    this.rule = TangentTable.of(o.fn());
    this.lanes = lanes;
    this.type = lanes ? "DualVector" : "Dual";
  }

  /** The method with its Javadoc, indented by four spaces. */
  String text() {
    List<String> lines = new ArrayList<>();
    javadoc(lines);
    lines.add("public " + (o.isStatic() ? "static " : "") + type + " " + o.method() + "("
        + signature() + ") {");
    for (String s : lanes ? laneBody() : scalarBody()) {
      lines.add("    " + s);
    }
    lines.add("}");
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l.isEmpty() ? "" : "    " + l).append('\n');
    }
    return b.toString();
  }

  private String signature() {
    List<String> ps = new ArrayList<>();
    for (Param p : o.params()) {
      switch (p.kind()) {
        case RECEIVER -> { }
        case VARIABLE -> ps.add(type + " " + p.name());
        case CONSTANT -> ps.add("double " + p.name());
        case INT -> ps.add("int " + p.name());
      }
    }
    return String.join(", ", ps);
  }

  // ------------------------------------------------------------------------------------ bodies

  private List<String> values() {
    List<String> out = new ArrayList<>();
    for (Param p : o.params()) {
      out.add(switch (p.kind()) {
        case RECEIVER -> "value";
        case VARIABLE -> p.name() + ".value";
        case CONSTANT, INT -> p.name();
      });
    }
    return out;
  }

  /** The arguments with their tangents as {@code tangent(p)} names them (null for constants). */
  private List<Arg> args(java.util.function.Function<Param, String> tangent) {
    List<Arg> out = new ArrayList<>();
    List<String> values = values();
    for (int i = 0; i < o.params().size(); i++) {
      Param p = o.params().get(i);
      boolean variable = p.kind() == Kind.RECEIVER || p.kind() == Kind.VARIABLE;
      out.add(new Arg(values.get(i), variable ? tangent.apply(p) : null));
    }
    return out;
  }

  private List<String> scalarBody() {
    List<String> out = new ArrayList<>();
    String value = RuntimeApi.value(o.fn(), values());
    List<Arg> args = args(p -> p.kind() == Kind.RECEIVER ? "tangent" : p.name() + ".tangent");
    switch (rule.kind()) {
      case ZERO -> out.add("return new Dual(" + value + ", 0.0);");
      case SELECT -> out.add("return new Dual(" + value + ", " + select(args, "0.0") + ");");
      case LINEAR -> {
        TangentForm.Result r = TangentForm.linear(rule, args, true);
        String tangent = r == null ? "0.0" : r.tangent();
        if (r != null && r.usesValue()) {
          out.add("double v = " + value + ";");
          value = "v";
        }
        if (r != null) {
          out.addAll(r.locals());
        }
        out.add("return new Dual(" + value + ", " + tangent + ");");
      }
    }
    return out;
  }

  private String select(List<Arg> args, String zero) {
    String cond = TangentForm.condition(rule, args).tangent();
    String a = args.get(0).tangent() == null ? zero : args.get(0).tangent();
    String b = args.get(1).tangent() == null ? zero : args.get(1).tangent();
    return "(" + cond + ") ? " + a + " : " + b;
  }

  private List<String> laneBody() {
    List<String> out = new ArrayList<>();
    Param first = null;
    for (Param p : o.params()) {
      if (p.kind() == Kind.RECEIVER || p.kind() == Kind.VARIABLE) {
        if (first == null) {
          first = p;
        } else {
          out.add((first.kind() == Kind.RECEIVER ? "" : first.name() + ".")
              + "requireSameWidth(" + p.name() + ", \"" + o.method() + "\");");
        }
      }
    }
    String firstArray = first.kind() == Kind.RECEIVER ? "tangents" : first.name() + ".tangents";
    String value = RuntimeApi.value(o.fn(), values());
    switch (rule.kind()) {
      case ZERO -> out.add(
          "return new DualVector(" + value + ", new double[" + firstArray + ".length]);");
      case SELECT -> {
        List<Arg> arrays =
            args(p -> p.kind() == Kind.RECEIVER ? "tangents" : p.name() + ".tangents");
        out.add("return new DualVector(" + value + ", "
            + select(arrays, "new double[" + firstArray + ".length]") + ");");
      }
      case LINEAR -> linearLanes(out, value, firstArray);
    }
    return out;
  }

  private void linearLanes(List<String> out, String value, String firstArray) {
    List<Arg> args = args(p -> array(p) + "[k]");
    TangentForm.Result r = TangentForm.linear(rule, args, true);
    if (r == null) {
      out.add("return new DualVector(" + value + ", new double[" + firstArray + ".length]);");
      return;
    }
    if (r.usesValue()) {
      out.add("double v = " + value + ";");
      value = "v";
    }
    out.addAll(r.locals());
    for (Param p : o.params()) {
      if (r.tangent().equals(array(p) + "[k]")) {
        // the tangents pass through unchanged: share the (immutable) array
        String field = p.kind() == Kind.RECEIVER ? "tangents" : p.name() + ".tangents";
        out.add("return new DualVector(" + value + ", " + field + ");");
        return;
      }
    }
    String length = null;
    for (Param p : o.params()) {
      if (r.tangent().contains(array(p) + "[k]")) {
        String field = p.kind() == Kind.RECEIVER ? "tangents" : p.name() + ".tangents";
        out.add("double[] " + array(p) + " = " + field + ";");
        length = length == null ? array(p) : length;
      }
    }
    out.add("double[] t = new double[" + length + ".length];");
    out.add("for (int k = 0; k < t.length; k++) {");
    out.add("    t[k] = " + r.tangent() + ";");
    out.add("}");
    out.add("return new DualVector(" + value + ", t);");
  }

  /** The local holding a parameter's tangents in the lane code. */
  private static String array(Param p) {
    return p.kind() == Kind.RECEIVER ? "du" : "d" + p.name();
  }

  // ----------------------------------------------------------------------------------- javadoc

  private void javadoc(List<String> out) {
    out.add("/**");
    List<String> display = new ArrayList<>();
    for (Param p : o.params()) {
      display.add(p.kind() == Kind.RECEIVER ? "u" : p.name());
    }
    String value = RuntimeApi.value(o.fn(), display).replace("FastMathFunctions.", "FastMath.");
    StringBuilder first =
        new StringBuilder("Returns " + html(rule.about()) + ", {@code " + value + "}");
    List<String> constants = new ArrayList<>();
    for (Param p : o.params()) {
      if (p.kind() == Kind.CONSTANT) {
        constants.add("{@code " + p.name() + "}");
      }
    }
    if (!constants.isEmpty() && o.fn().arity() > 1 && !TangentTable.isConstant(o.fn())) {
      first.append(", for a constant ").append(String.join(" and ", constants))
          .append(": the rule without ").append(constants.size() == 1 ? "its term" : "their terms");
    }
    first.append(". ").append(lanes ? "Lane {@code k}: " : "Tangent ").append(formula());
    first.append('.');
    wrap(first.toString(), out);
    if (rule.note() != null) {
      out.add(" *");
      wrap("<p>" + html(rule.note()), out);
    }
    out.add(" *");
    for (Param p : o.params()) {
      if (p.kind() != Kind.RECEIVER) {
        out.add(" * @param " + p.name() + " " + p.doc());
      }
    }
    out.add(" * @return " + html(rule.about()));
    long vectors = o.params().stream()
        .filter(p -> p.kind() == Kind.RECEIVER || p.kind() == Kind.VARIABLE).count();
    if (lanes && vectors > 1) {
      out.add(" * @throws IllegalArgumentException if the widths differ");
    }
    out.add(" */");
  }

  /** The tangent written with u, w, … and dotted tangents, or a reference to the note. */
  private String formula() {
    List<Arg> args = new ArrayList<>();
    for (Param p : o.params()) {
      String name = p.kind() == Kind.RECEIVER ? "u" : p.name();
      boolean variable = p.kind() == Kind.RECEIVER || p.kind() == Kind.VARIABLE;
      args.add(new Arg(name, variable ? name + "\u0307" : null));
    }
    String f = switch (rule.kind()) {
      case ZERO -> "0";
      case SELECT -> select(args, "0");
      case LINEAR -> {
        TangentForm.Result r = TangentForm.linear(rule, args, false);
        yield r == null ? "0" : r.tangent();
      }
    };
    return f.length() > LONGEST_FORMULA ? "as in the note below" : "{@code " + f + "}";
  }

  /** {@code text} with {@code < > &} escaped for HTML, except inside <code>{&#64;code …}</code>. */
  private static String html(String text) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (text.startsWith("{@code", i)) {
        depth++;
      } else if (depth > 0 && c == '{') {
        depth++;
      } else if (depth > 0 && c == '}') {
        depth--;
      }
      if (depth == 0 && c == '<') {
        b.append("&lt;");
      } else if (depth == 0 && c == '>') {
        b.append("&gt;");
      } else if (depth == 0 && c == '&') {
        b.append("&amp;");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Appends {@code text} as Javadoc lines of at most about 100 characters. */
  private static void wrap(String text, List<String> out) {
    StringBuilder line = new StringBuilder(" *");
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > 96 && line.length() > 2) {
        out.add(line.toString());
        line = new StringBuilder(" *");
      }
      line.append(' ').append(word);
    }
    out.add(line.toString());
  }

}
