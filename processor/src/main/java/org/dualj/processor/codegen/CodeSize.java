package org.dualj.processor.codegen;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * A conservative estimate of the bytecode javac makes of a generated method, read from its code's
 * tokens, so that a method past the JVM's limit of 65,535 bytes per method is reported at the
 * {@code @Differentiable} method instead of as javac's "code too large" in a generated file.
 *
 * <p>Locals get slots in the order they are declared (as javac gives them, before it reuses the
 * slots of ended blocks, which only lowers them): a load or store of a local costs 1 byte in
 * slots 0 to 3, 2 up to slot 255 and 4 beyond ({@code wide}). Any other name (a call, a field, a
 * keyword) costs 4, a constant 4, a comparison or {@code ?:} 4, a compound assignment 9 (load,
 * operation, store), an increment 6, another operator 1.
 */
public final class CodeSize {
  /** The JVM's limit on the bytecode of one method. */
  public static final int LIMIT = 65_535;

  private static final Set<String> PRIMITIVES =
      Set.of("double", "int", "long", "boolean", "float", "short", "byte", "char", "void", "final");
  private static final Set<String> COMPARISONS = Set.of("<", ">", "<=", ">=", "==", "!=", "&&", "||", "?", ":");

  private CodeSize() {}

  private static int skipSpaces(String code, int from) {
    int j = from;
    while (j < code.length() && code.charAt(j) == ' ') {
      j++;
    }
    return j;
  }

  /**
   * Whether the name ending before {@code end} is declared: it follows a type (a primitive, a
   * class name or {@code []}) and is followed by {@code =}, {@code ;}, {@code ,} or {@code :}.
   */
  private static boolean declares(String previous, String code, int end) {
    boolean afterType =
        PRIMITIVES.contains(previous)
            || previous.equals("]")
            || (!previous.isEmpty() && Character.isUpperCase(previous.charAt(0)));
    if (!afterType || previous.equals("final")) {
      return false;
    }
    int j = skipSpaces(code, end);
    if (j >= code.length()) {
      return false;
    }
    char c = code.charAt(j);
    return (c == '=' && (j + 1 >= code.length() || code.charAt(j + 1) != '='))
        || c == ';'
        || c == ','
        || c == ':'
        || c == ')';
  }

  public static int estimate(MethodSpec method) {
    List<Boolean> wide = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ParameterSpec p : method.parameters()) {
      names.add(p.name());
      wide.add(p.type().equals(TypeName.DOUBLE) || p.type().equals(TypeName.LONG));
    }
    return estimate(method.code().toString(), names, wide, method.modifiers().contains(Modifier.STATIC));
  }

  /**
   * The estimate for a method body {@code code} whose parameters are named {@code params}, of
   * which those with {@code twoSlots} true are double or long.
   */
  public static int estimate(String code, List<String> params, List<Boolean> twoSlots, boolean isStatic) {
    Scan scan = new Scan(code, isStatic ? 0 : 1);
    for (int p = 0; p < params.size(); p++) {
      scan.slots.put(params.get(p), scan.next);
      scan.next += twoSlots.get(p) ? 2 : 1;
    }
    while (scan.i < scan.n) {
      scan.token();
    }
    return (int) Math.min(Integer.MAX_VALUE, scan.size);
  }

  /** One pass over a method body's tokens, adding up their bytes. */
  private static final class Scan {
    final String code;
    final int n;
    final Map<String, Integer> slots = new HashMap<>();
    int next;
    String previous = "";
    long size;
    int i;

    Scan(String code, int firstSlot) {
      this.code = code;
      this.n = code.length();
      this.next = firstSlot;
    }

    /** Reads the token at {@code i}: a comment, a literal, a name, a number or an operator. */
    void token() {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        while (i < n && code.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int end = code.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"') {
        i++;
        while (i < n && code.charAt(i) != '"') {
          i += code.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        size += 4;
      } else if (Character.isJavaIdentifierStart(c)) {
        word(c);
        return;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1)))) {
        number();
      } else if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '{' || c == '}'
          || c == ';' || c == ',' || c == '.') {
        i++;
      } else {
        operator();
        return;
      }
      if (!Character.isWhitespace(c) && i > 0) {
        previous = String.valueOf(code.charAt(i - 1));
      }
    }

    /** A name: a local's load or store, a declaration, or another name. */
    private void word(char c) {
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) {
        i++;
      }
      String word = code.substring(start, i);
      boolean qualifies = i < n && code.charAt(i) == '.';
      if (declares(previous, code, i)) {
        slots.put(word, next);
        next += previous.equals("double") || previous.equals("long") ? 2 : 1;
        if (code.indexOf(':', i) == skipSpaces(code, i)) {
          next += 3; // a for-each loop's hidden array, length and index
        }
      }
      Integer slot = qualifies ? null : slots.get(word);
      if (slot != null) {
        size += slot <= 3 ? 1 : slot <= 255 ? 2 : 4;
      } else if (PRIMITIVES.contains(word) || (qualifies && Character.isUpperCase(c))) {
        size += 1; // a declaration's type, a cast, or a class name before a member
      } else {
        size += 4;
      }
      previous = word;
    }

    private void number() {
      while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '.'
          || code.charAt(i) == '_'
          || ((code.charAt(i) == '+' || code.charAt(i) == '-')
              && (code.charAt(i - 1) == 'e' || code.charAt(i - 1) == 'E')))) {
        i++;
      }
      size += 4;
    }

    private void operator() {
      int start = i;
      while (i < n && "+-*/%<>=!&|?:^~[]".indexOf(code.charAt(i)) >= 0 && i - start < 3) {
        i++;
        if (code.charAt(i - 1) == '[' || code.charAt(i - 1) == ']') {
          break;
        }
      }
      if (i == start) {
        i++;
      }
      String op = code.substring(start, i);
      if (op.equals("=")) {
        // the store is counted at the name assigned
      } else if (COMPARISONS.contains(op)) {
        size += 4;
      } else if (op.equals("++") || op.equals("--")) {
        size += 6;
      } else if (op.length() > 1 && op.endsWith("=") && !op.equals("<=") && !op.equals(">=")
          && !op.equals("==") && !op.equals("!=")) {
        size += 9;
      } else {
        size += 1;
      }
      previous = op;
    }
  }
}
