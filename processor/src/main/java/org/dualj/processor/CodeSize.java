package org.dualj.processor;

import com.palantir.javapoet.MethodSpec;
import java.util.Set;

/**
 * A conservative estimate of the bytecode javac makes of a generated method, read from its code's
 * tokens, so that a method past the JVM's limit of 65,535 bytes per method is reported at the
 * {@code @Differentiable} method instead of as javac's "code too large" in a generated file.
 *
 * <p>Large generated methods have hundreds of locals, so every load and store of a variable is
 * counted at its widest form (4 bytes, {@code wide dload}); a call or field access at 4, a
 * constant at 4, a comparison or a branching keyword at 4, an operator at 1.
 */
final class CodeSize {
  /** The JVM's limit on the bytecode of one method. */
  static final int LIMIT = 65_535;

  private static final Set<String> PRIMITIVES =
      Set.of("double", "int", "long", "boolean", "float", "short", "byte", "char", "void", "final");
  private static final Set<String> COMPARISONS = Set.of("<", ">", "<=", ">=", "==", "!=", "&&", "||", "?", ":");

  private CodeSize() {}

  static int estimate(MethodSpec method) {
    return estimate(method.code().toString());
  }

  static int estimate(String code) {
    long size = 0;
    int n = code.length();
    int i = 0;
    while (i < n) {
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
        int start = i;
        while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) {
          i++;
        }
        String word = code.substring(start, i);
        boolean qualifies = i < n && code.charAt(i) == '.';
        if (PRIMITIVES.contains(word) || (qualifies && Character.isUpperCase(c))) {
          size += 1; // a declaration's type, a cast, or a class name before a member
        } else {
          size += 4;
        }
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '.'
            || code.charAt(i) == '_'
            || ((code.charAt(i) == '+' || code.charAt(i) == '-')
                && (code.charAt(i - 1) == 'e' || code.charAt(i - 1) == 'E')))) {
          i++;
        }
        size += 4;
      } else if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '{' || c == '}'
          || c == ';' || c == ',' || c == '.') {
        i++;
      } else {
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
        size += COMPARISONS.contains(op) ? 4 : op.equals("++") || op.equals("--") ? 6 : 1;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }
}
