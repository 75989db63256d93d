package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.dualj.processor.DifferentiableErrorsTest.Mistake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes in tangent rules ({@code @TangentRule}) and in calls of methods that have rules: each
 * fails the compilation with exactly one tagged error, on the marked line, saying what to do.
 */
class TangentRuleErrorsTest {
  private static final String HERE = DifferentiableErrorsTest.HERE;

  /**
   * A file with the target functions of class {@code Special} (no source the processor reads)
   * and the given lines as members of class {@code Model}, so that the shared check that a
   * failing method leaves no {@code ModelDerivatives} applies.
   */
  private static Mistake rules(String name, String tag, String advice, String... members) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "",
                "import org.dualj.annotations.Differentiable;",
                "import org.dualj.annotations.TangentRule;",
                "",
                "class Special {",
                "  static double gamma(double x) { return x; }",
                "  static double beta(double a, double b) { return a * b; }",
                "  static double scaled(double x, int n) { return x * n; }",
                "  static double norm(double[] xs) { return xs.length; }",
                "  static double weighted(double x, double[] w) { return x * w[0]; }",
                "  static int count(double x) { return 1; }",
                "  double inst(double x) { return x; }",
                "  private static double hidden(double x) { return x; }",
                "}",
                "",
                "class Model {"));
    lines.addAll(List.of(members));
    lines.add("}");
    return new Mistake(name, tag, advice, 1, lines.toArray(String[]::new));
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        // ---------------------------------------------------------------- the rule's shape
        rules("instance rule", "DiffRuleSignature", "must be static",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  double dGamma(double x, double v) { return v; } " + HERE),
        rules("private rule", "DiffRuleSignature", "must not be private",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  private static double dGamma(double x, double v) { return v; } " + HERE),
        rules("rule returning float", "DiffRuleSignature", "must return double",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  static float dGamma(double x, double v) { return 1f; } " + HERE),
        rules("rule without the value parameter", "DiffRuleSignature",
            "must take (double, double)",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  static double dGamma(double x) { return x; } " + HERE),
        rules("rule ending with an int", "DiffRuleSignature", "must end with a double parameter",
            "  @TangentRule(of = Special.class, method = \"scaled\")",
            "  static double dScaled(double x, int n) { return n; } " + HERE),
        rules("rule with no parameters", "DiffRuleSignature", "must end with a double parameter",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  static double dGamma() { return 0; } " + HERE),
        rules("rule declaring a checked exception", "DiffRuleSignature",
            "must not declare the checked exception java.lang.Exception",
            "  @TangentRule(of = Special.class, method = \"gamma\")",
            "  static double dGamma(double x, double v) throws Exception { return v; } " + HERE),
        rules("rule of wrong arity", "DiffRuleSignature", "must take (double, double, double)",
            "  @TangentRule(of = Special.class, method = \"beta\")",
            "  static double dBeta(double a, double v) { return v; } " + HERE),
        rules("rule with wrong parameter types", "DiffRuleSignature",
            "must take (double, int, double)",
            "  @TangentRule(of = Special.class, method = \"scaled\")",
            "  static double dScaled(double x, double n, double v) { return n; } " + HERE),
        // ---------------------------------------------------------------- the target
        rules("no such method", "DiffRuleTarget", "test.Special has no static double method named gama",
            "  @TangentRule(of = Special.class, method = \"gama\") " + HERE,
            "  static double dGamma(double x, double v) { return v; }"),
        rules("target is an instance method", "DiffRuleTarget", "must be static and return double",
            "  @TangentRule(of = Special.class, method = \"inst\") " + HERE,
            "  static double dInst(double x, double v) { return 1; }"),
        rules("target returns int", "DiffRuleTarget", "must be static and return double",
            "  @TangentRule(of = Special.class, method = \"count\") " + HERE,
            "  static double dCount(double x, double v) { return 1; }"),
        rules("argument out of range", "DiffRuleTarget", "argument = 2 is not a parameter",
            "  @TangentRule(of = Special.class, method = \"beta\", argument = 2) " + HERE,
            "  static double dBeta(double a, double b, double v) { return a; }"),
        rules("negative argument", "DiffRuleTarget", "argument = -1 is not a parameter",
            "  @TangentRule(of = Special.class, method = \"gamma\", argument = -1) " + HERE,
            "  static double dGamma(double x, double v) { return v; }"),
        rules("argument of type int", "DiffRuleTarget", "names a parameter of type int",
            "  @TangentRule(of = Special.class, method = \"scaled\", argument = 1) " + HERE,
            "  static double dScaled(double x, int n, double v) { return x; }"),
        rules("argument of type double[]", "DiffRuleTarget", "names a parameter of type double[]",
            "  @TangentRule(of = Special.class, method = \"norm\") " + HERE,
            "  static double dNorm(double[] xs, double v) { return 1; }"),
        rules("two rules for one argument", "DiffRuleDuplicate",
            "already has a tangent rule with argument = 1: test.Model.dB",
            "  @TangentRule(of = Special.class, method = \"beta\", argument = 1)",
            "  static double dB(double a, double b, double v) { return a; }",
            "  @TangentRule(of = Special.class, method = \"beta\", argument = 1)",
            "  static double dBAgain(double a, double b, double v) { return a; } " + HERE),
        // ---------------------------------------------------------------- the calls
        rules("active argument without a rule", "DiffRuleMissing",
            "none with argument = 1 (its parameters are numbered from 0), and that argument depends"
                + " on a differentiated input. Add a @TangentRule(of = Special.class, method ="
                + " \"beta\", argument = 1)",
            "  @TangentRule(of = Special.class, method = \"beta\")",
            "  static double dA(double a, double b, double v) { return b; }",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return Special.beta(2.0, x); " + HERE,
            "  }"),
        rules("active array argument", "DiffRuleMissing", "Only double parameters can have rules",
            "  @TangentRule(of = Special.class, method = \"weighted\")",
            "  static double dX(double x, double[] w, double v) { return w[0]; }",
            "  @Differentiable",
            "  static double f(double[] xs, double y) {",
            "    return Special.weighted(y, xs); " + HERE,
            "  }"),
        rules("differentiable target with a rule for one of two inputs", "DiffRuleMissing",
            "Model.solve has tangent rules, but none with argument = 1",
            "  @TangentRule(of = Model.class, method = \"solve\")",
            "  static double dSolve(double a, double b, double v) { return 1; }",
            "  @Differentiable",
            "  static double solve(double a, double b) { " + HERE,
            "    return a + b;",
            "  }"),
        rules("private target", "DiffInaccessible", "method secret is private",
            "  @TangentRule(of = Model.class, method = \"secret\")",
            "  static double dSecret(double x, double v) { return 1; }",
            "  private static double secret(double x) { return x; }",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return secret(x); " + HERE,
            "  }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakeIsReportedAtItsLine(Mistake mistake) {
    DifferentiableErrorsTest.assertReportedAtItsLine(mistake);
  }

  @Test
  void corpusCoversEveryRuleTag() {
    assertThat(mistakes().map(Mistake::tag).collect(Collectors.toSet()))
        .containsAtLeast(
            "DiffRuleSignature", "DiffRuleTarget", "DiffRuleDuplicate", "DiffRuleMissing");
    assertThat(mistakes().map(Mistake::name).distinct().count())
        .isEqualTo(mistakes().count());
  }

  /** The generated class of a caller in another package cannot call a package-private rule. */
  @Test
  void ruleNotAccessibleFromTheCallersPackage() {
    JavaFileObject lib =
        JavaFileObjects("lib.Lib",
            "package lib;",
            "import org.dualj.annotations.TangentRule;",
            "public class Lib {",
            "  public static double gamma(double x) { return x; }",
            "  @TangentRule(of = Lib.class, method = \"gamma\")",
            "  static double dGamma(double x, double v) { return 1; }",
            "}");
    JavaFileObject user =
        JavaFileObjects("user.User",
            "package user;",
            "import org.dualj.annotations.Differentiable;",
            "class User {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    double y = lib.Lib.gamma(x);",
            "    return y + lib.Lib.gamma(3.0);",
            "  }",
            "}");
    Compilation c = compile(lib, user);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "[DiffRuleInaccessible] the tangent rule Lib.dGamma cannot be called from package user,"
                + " where the generated class UserDerivatives lives. Make the rule method and its"
                + " class public.")
        .inFile(user)
        .onLine(6);
    // the call with a constant argument does not use the rule: no error there
    assertWithMessage("errors: %s", messages(c)).that(c.errors()).hasSize(1);
  }

  /** A rule in another package that is public in a public class is fine. */
  @Test
  void publicRuleInAnotherPackage() {
    JavaFileObject lib =
        JavaFileObjects("lib.Lib",
            "package lib;",
            "import org.dualj.annotations.TangentRule;",
            "public class Lib {",
            "  public static double gamma(double x) { return x; }",
            "  @TangentRule(of = Lib.class, method = \"gamma\")",
            "  public static double dGamma(double x, double v) { return 1; }",
            "}");
    JavaFileObject user =
        JavaFileObjects("user.User",
            "package user;",
            "import org.dualj.annotations.Differentiable;",
            "class User {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    return lib.Lib.gamma(x);",
            "  }",
            "}");
    Compilation c = compile(lib, user);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("user.UserDerivatives")
        .contentsAsUtf8String()
        .contains("Lib.dGamma(x, v1) * x_dot");
  }

  private static JavaFileObject JavaFileObjects(String name, String... lines) {
    return com.google.testing.compile.JavaFileObjects.forSourceLines(name, lines);
  }

  private static String messages(Compilation c) {
    return c.diagnostics().stream()
        .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }
}
