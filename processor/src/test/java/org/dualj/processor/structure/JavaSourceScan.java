package org.dualj.processor.structure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A small Java lexer for the structure checks: the code of a source file without comments, string,
 * text-block and character literals (each replaced by spaces, so line numbers stay), its tokens
 * with their lines, and its method and constructor bodies with their extents. Approximate by
 * design (no parser), but braces inside literals and comments cannot fool it.
 */
final class JavaSourceScan {

  /** One token: an identifier or keyword, a number, or a single punctuation character. */
  record Token(String text, int line) {}

  /** A method or constructor body: the enclosing named types, its name, and the lines it spans. */
  record MethodSpan(String owner, String name, int firstLine, int lastLine) {
    int lines() {
      return lastLine - firstLine + 1;
    }
  }

  private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
  private static final Set<String> STATEMENT_KEYWORDS =
      Set.of("if", "for", "while", "switch", "catch", "synchronized", "try", "do", "else", "return", "new", "throw");

  private JavaSourceScan() {}

  /** The source with comments and literals blanked out; line breaks are kept. */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(source, i, end, out);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = literalEnd(source, i + 3, "\"\"\"");
        blank(source, i, end, out);
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = literalEnd(source, i + 1, String.valueOf(c));
        blank(source, i, end, out);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index just past the closing delimiter, honouring backslash escapes. */
  private static int literalEnd(String source, int from, String close) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(close, i)) {
        return i + close.length();
      } else if (close.length() == 1 && source.charAt(i) == '\n') {
        return i; // unterminated on its line: stop there rather than swallow the file
      } else {
        i++;
      }
    }
    return source.length();
  }

  private static void blank(String source, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(source.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /** The tokens of code that {@link #code} already stripped of comments and literals. */
  static List<Token> tokens(String code) {
    List<Token> tokens = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isJavaIdentifierPart(c)) {
        int start = i;
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
          i++;
        }
        tokens.add(new Token(code.substring(start, i), line));
      } else {
        tokens.add(new Token(String.valueOf(c), line));
        i++;
      }
    }
    return tokens;
  }

  /**
   * Every method and constructor body (also in nested, local and anonymous classes), from the line
   * of its name to the line of its closing brace. Lambdas, initializer blocks and enum-constant
   * bodies are not methods; a method's own lines include the lambdas and local classes inside it.
   */
  static List<MethodSpan> methods(List<Token> tokens) {
    List<MethodSpan> methods = new ArrayList<>();
    // one entry per open brace: the type name for a type body, null for anything else
    Deque<Frame> open = new ArrayDeque<>();
    int headerStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i).text();
      if (t.equals("{")) {
        List<Token> header = tokens.subList(headerStart, i);
        boolean inTypeBody = !open.isEmpty() && open.peek().typeName != null;
        String typeName = typeName(header);
        Frame frame;
        if (typeName != null) {
          frame = new Frame(typeName, null, 0);
        } else if (inTypeBody && methodName(header, open.peek().typeName) != null) {
          Token name = methodName(header, open.peek().typeName);
          frame = new Frame(null, name.text(), name.line());
        } else if (inTypeBody && isEnumConstant(header)) {
          frame = new Frame("", null, 0); // an enum constant's class body
        } else {
          frame = new Frame(null, null, 0);
        }
        open.push(frame);
        headerStart = i + 1;
      } else if (t.equals("}")) {
        if (!open.isEmpty()) {
          Frame closed = open.pop();
          if (closed.methodName != null) {
            methods.add(new MethodSpan(owner(open), closed.methodName, closed.line, tokens.get(i).line()));
          }
        }
        headerStart = i + 1;
      } else if (t.equals(";")) {
        headerStart = i + 1;
      }
    }
    return methods;
  }

  private record Frame(String typeName, String methodName, int line) {}

  private static String owner(Deque<Frame> open) {
    List<String> names = new ArrayList<>();
    for (Frame f : open) {
      if (f.typeName != null) {
        names.add(0, f.typeName);
      }
    }
    return String.join(".", names);
  }

  /** The declared type's name when the header opens a type body ("" for an anonymous class). */
  private static String typeName(List<Token> header) {
    for (int k = 0; k < header.size(); k++) {
      String t = header.get(k).text();
      boolean afterDot = k > 0 && header.get(k - 1).text().equals(".");
      if (TYPE_KEYWORDS.contains(t) && !afterDot && k + 1 < header.size() && isIdentifier(header.get(k + 1).text())) {
        if (t.equals("record") && !(k + 2 < header.size() && "(<".contains(header.get(k + 2).text()))) {
          continue; // "record" used as a name
        }
        return header.get(k + 1).text();
      }
    }
    // new Foo(...) { or new Outer.Inner<T>(...) { : an anonymous class body
    int open = matchingOpen(header, header.size());
    if (open < 1) {
      return null;
    }
    int k = open - 1;
    if (header.get(k).text().equals(">")) {
      int depth = 0;
      for (; k >= 0; k--) {
        String t = header.get(k).text();
        depth += t.equals(">") ? 1 : t.equals("<") ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      k--;
    }
    while (k >= 1 && isIdentifier(header.get(k).text()) && header.get(k - 1).text().equals(".")) {
      k -= 2;
    }
    return k >= 1 && isIdentifier(header.get(k).text()) && header.get(k - 1).text().equals("new") ? "" : null;
  }

  /** The index of the '(' that matches a ')' just before {@code end}, or -1. */
  private static int matchingOpen(List<Token> header, int end) {
    if (end == 0 || !header.get(end - 1).text().equals(")")) {
      return -1;
    }
    int depth = 0;
    for (int k = end - 1; k >= 0; k--) {
      String t = header.get(k).text();
      if (t.equals(")")) {
        depth++;
      } else if (t.equals("(") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The name token when the header declares a method or constructor in a type body: ends with a
   * parameter list (and an optional throws clause), the name is preceded by a type (or is the
   * enclosing type's name: a constructor), and there is no '=' (a field initialised by a lambda).
   */
  private static Token methodName(List<Token> header, String enclosingType) {
    int end = header.size();
    for (int k = 0; k < header.size(); k++) {
      if (header.get(k).text().equals("throws")) {
        end = k;
        break;
      }
    }
    if (end == header.size() && end >= 1 && header.get(end - 1).text().equals(enclosingType)
        && (end == 1 || isModifier(header.get(end - 2).text()))) {
      return header.get(end - 1); // a record's compact constructor
    }
    int open = matchingOpen(header, end);
    if (open < 1 || !isIdentifier(header.get(open - 1).text())) {
      return null;
    }
    for (int k = 0; k < open; k++) {
      String t = header.get(k).text();
      if (t.equals("@")) {
        k = skipAnnotation(header, k);
      } else if (t.equals("=")) {
        return null; // a field initialised by a lambda or an anonymous class
      }
    }
    Token name = header.get(open - 1);
    if (STATEMENT_KEYWORDS.contains(name.text())) {
      return null;
    }
    if (name.text().equals(enclosingType)) {
      return name;
    }
    if (open < 2) {
      return null; // an enum constant with a body
    }
    String before = header.get(open - 2).text();
    return isIdentifier(before) || before.equals(">") || before.equals("]") ? name : null;
  }

  /** A header "[,] [annotations] NAME [(arguments)]" in a type body: an enum constant with a body. */
  private static boolean isEnumConstant(List<Token> header) {
    int k = 0;
    if (k < header.size() && header.get(k).text().equals(",")) {
      k++;
    }
    while (k < header.size() && header.get(k).text().equals("@")) {
      k = skipAnnotation(header, k) + 1;
    }
    if (k >= header.size() || !isIdentifier(header.get(k).text()) || STATEMENT_KEYWORDS.contains(header.get(k).text())
        || header.get(k).text().equals("static")) {
      return false;
    }
    return k == header.size() - 1 || matchingOpen(header, header.size()) == k + 1;
  }

  /** The last index of the annotation starting at '@' {@code at} (its name and any arguments). */
  private static int skipAnnotation(List<Token> header, int at) {
    int k = at + 1;
    while (k + 2 < header.size() && header.get(k + 1).text().equals(".")) {
      k += 2;
    }
    if (k + 1 < header.size() && header.get(k + 1).text().equals("(")) {
      int depth = 0;
      for (int j = k + 1; j < header.size(); j++) {
        String t = header.get(j).text();
        if (t.equals("(")) {
          depth++;
        } else if (t.equals(")") && --depth == 0) {
          return j;
        }
      }
    }
    return k;
  }

  private static boolean isModifier(String t) {
    return t.equals("public") || t.equals("protected") || t.equals("private");
  }

  private static boolean isIdentifier(String t) {
    return !t.isEmpty() && Character.isJavaIdentifierStart(t.charAt(0));
  }
}
