package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Source the processor accepts must give generated code that javac accepts too (issue #10): each
 * test compiles a shape that used to generate code javac rejected, and where the method can be
 * differentiated, checks the derivatives at run time against the analytic ones.
 */
class GeneratedCodeCompilesTest {

  // ---------------------------------------------------------------- checked exceptions

  @Test
  void checkedExceptionsOfTheMethodAreDeclaredByEveryGeneratedMethod() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Model",
            "package test;",
            "import java.io.IOException;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  static double check(int n) throws IOException {",
            "    if (n < 0) throw new IOException(\"negative\");",
            "    return n;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double g(double x) throws IOException {",
            "    return Math.sin(x) * check(2);",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double f(double x, double y) throws Exception {",
            "    return x * x * g(y);",
            "  }",
            "  @Differentiable(order = 2)",
            "  double h(double x) throws IOException, InterruptedException {",
            "    return x * x * x;",
            "  }",
            "  @Differentiable",
            "  static double[] v(double[] x) throws IOException {",
            "    return new double[] {x[0] * x[1], check(1) * x[0]};",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses loaded = new CompiledClasses(c);
    Class<?> d = loaded.load("test.ModelDerivatives");
    for (Method m : d.getDeclaredMethods()) {
      if (!m.getName().equals("<init>") && m.getName().startsWith("f")) {
        assertThat(m.getExceptionTypes()).asList().containsExactly(Exception.class);
      }
    }
    double x = 0.3;
    double y = 1.1;
    double[][] hf = (double[][]) d.getMethod("fHessian", double.class, double.class).invoke(null, x, y);
    // f = 2 x² sin y
    assertThat(hf[0][0]).isWithin(1e-13).of(4 * Math.sin(y));
    assertThat(hf[0][1]).isWithin(1e-13).of(4 * x * Math.cos(y));
    assertThat(hf[1][1]).isWithin(1e-13).of(-2 * x * x * Math.sin(y));
    Constructor<?> newModel = loaded.load("test.Model").getDeclaredConstructor();
    newModel.setAccessible(true);
    Object model = newModel.newInstance();
    Method hh = d.getMethod("hSecondDerivative", model.getClass(), double.class);
    assertThat(hh.getExceptionTypes()).asList()
        .containsExactly(java.io.IOException.class, InterruptedException.class).inOrder();
    assertThat((double) hh.invoke(null, model, 2.0)).isWithin(1e-13).of(12.0);
    double[][] jv =
        (double[][]) d.getMethod("vJacobian", double[].class).invoke(null, (Object) new double[] {2, 3});
    assertThat(jv[0]).usingTolerance(0).containsExactly(3.0, 2.0).inOrder();
    assertThat(jv[1]).usingTolerance(0).containsExactly(1.0, 0.0).inOrder();
  }

  // ---------------------------------------------------------------- generic classes

  @Test
  void instanceMethodsOfGenericClassesGetGenericDerivatives() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Scaled",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "final class Scaled<T extends Number> {",
            "  final T scale;",
            "  Scaled<T> next;",
            "  Scaled(T scale) {",
            "    this.scale = scale;",
            "  }",
            "  @Differentiable(order = 2)",
            "  final double f(double x, T k) {",
            "    T s = scale;",
            "    return x * x * x * k.doubleValue() * s.doubleValue();",
            "  }",
            "  @Differentiable(order = 2)",
            "  double g(double x) {",
            "    return f(x, scale) + next.f(x, next.scale);",
            "  }",
            "  Scaled<T> self() {",
            "    return this;",
            "  }",
            "  @Differentiable(order = 2)",
            "  static double s(double x, Scaled<Double> p) {",
            "    return p.f(x, p.scale) + p.self().f(x, 1.0);",
            "  }",
            "  class Inner<U extends Number> {",
            "    @Differentiable",
            "    double q(double x, T t, U u) {",
            "      return x * x * t.doubleValue() * u.doubleValue();",
            "    }",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses loaded = new CompiledClasses(c);
    Class<?> scaled = loaded.load("test.Scaled");
    Constructor<?> make = scaled.getDeclaredConstructor(Number.class);
    make.setAccessible(true);
    Object a = make.newInstance(2.0);
    Object b = make.newInstance(3);
    java.lang.reflect.Field next = scaled.getDeclaredField("next");
    next.setAccessible(true);
    next.set(a, b);
    Class<?> d = loaded.load("test.ScaledDerivatives");
    double x = 0.7;
    // g = f_a(x, 2) + f_b(x, 3) = x³·2·2 + x³·3·3 = 13 x³
    double[] grad = (double[]) d.getMethod("gGradient", scaled, double.class).invoke(null, a, x);
    assertThat(grad[0]).isWithin(1e-12).of(39 * x * x);
    double second = (double) d.getMethod("gSecondDerivative", scaled, double.class).invoke(null, a, x);
    assertThat(second).isWithin(1e-12).of(78 * x);
    // s = f_a(x, 2) + f_a(x, 1) = 4 x³ + 2 x³
    assertThat((double) d.getMethod("sSecondDerivative", double.class, scaled).invoke(null, x, a))
        .isWithin(1e-12)
        .of(36 * x);
    Method fHessian = d.getMethod("fHessian", scaled, double.class, Number.class);
    assertThat(fHessian.getTypeParameters()).hasLength(1);
    assertThat(((double[][]) fHessian.invoke(null, a, x, 5))[0][0]).isWithin(1e-12).of(60 * x);

    Class<?> inner = loaded.load("test.Scaled$Inner");
    Constructor<?> makeInner = inner.getDeclaredConstructor(scaled);
    makeInner.setAccessible(true);
    Object in = makeInner.newInstance(a);
    Method q = loaded.load("test.Scaled_InnerDerivatives")
        .getMethod("qGradient", inner, double.class, Number.class, Number.class);
    assertThat(q.getTypeParameters()).hasLength(2);
    // q = x² · 3 · 5
    assertThat(((double[]) q.invoke(null, in, x, 3, 5))[0]).isWithin(1e-12).of(30 * x);
  }

  @Test
  void typeVariablesNamedLikeClassesTheGeneratedCodeNamesDoNotHideThem() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Q",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Q<Dual extends Number, Math, Workspace> {",
            "  @Differentiable(order = 2)",
            "  double f(double x, Dual k, double[] a) {",
            "    return java.lang.Math.sin(x) * k.doubleValue() * a[0];",
            "  }",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses loaded = new CompiledClasses(c);
    Class<?> q = loaded.load("test.Q");
    Constructor<?> make = q.getDeclaredConstructor();
    make.setAccessible(true);
    double x = 0.9;
    double[] a = {1.5};
    double[][] h =
        (double[][]) loaded.load("test.QDerivatives")
            .getMethod("fHessian", q, double.class, Number.class, double[].class)
            .invoke(null, make.newInstance(), x, 2, a);
    // f = 2 sin(x) a0
    assertThat(h[0][0]).isWithin(1e-13).of(-2 * Math.sin(x) * a[0]);
    assertThat(h[0][1]).isWithin(1e-13).of(2 * Math.cos(x));
    assertThat(h[1][1]).isEqualTo(0.0);
  }

  // ---------------------------------------------------------------- source text in comments

  /**
   * The generated code quotes each statement's first line in a comment: with any of Java's line
   * terminators, and with unicode escapes that javac reads as line breaks before lexing, the
   * comment still ends where it should.
   */
  @ParameterizedTest
  @ValueSource(strings = {"\r", "\r\n", "\n"})
  void sourceTextInCommentsStaysInTheComment(String eol) throws Exception {
    String text =
        String.join(
            eol,
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Text {",
            "  @Differentiable",
            "  static double f(double x) {",
            "    double y = x *",
            "        x;",
            // escapes of LF and CR in a block comment, an escape of x, and a non-escape
            "    double z = y /* \\u000a \\u000d */ * \\u0078; double w = z /* \\\\u000a */ + 1;",
            "    return y * w;",
            "  }",
            "}",
            "");
    Compilation c = Compilations.compile(JavaFileObjects.forSourceString("test.Text", text));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.TextDerivatives")
        .contentsAsUtf8String()
        .contains("// line 6: double y = x *\n");
    assertThat(c)
        .generatedSourceFile("test.TextDerivatives")
        .contentsAsUtf8String()
        .contains("// line 8: double z = y /* \\\\u000a \\\\u000d */ * \\\\u0078;\n");
    assertThat(c)
        .generatedSourceFile("test.TextDerivatives")
        .contentsAsUtf8String()
        .contains("// line 8: double w = z /* \\\\u000a */ + 1;\n");
    Method gradient =
        new CompiledClasses(c).load("test.TextDerivatives").getMethod("fGradient", double.class);
    double x = 1.3;
    // f = x² (x³ + 1)
    assertThat(((double[]) gradient.invoke(null, x))[0])
        .isWithin(1e-12)
        .of(5 * Math.pow(x, 4) + 2 * x);
  }

  // ---------------------------------------------------------------- names of generated classes

  @Test
  void nestedClassAndTopLevelClassWithTheSameGeneratedNameAreErrorsAtBoth() {
    JavaFileObject a =
        Compilations.source(
            "A",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class A {",
            "  static class B {",
            "    @Differentiable static double f(double x) { return x * x; }",
            "  }",
            "  static class B_C {",
            "    @Differentiable static double f(double x) { return x * x; }",
            "  }",
            "}");
    JavaFileObject ab =
        Compilations.source(
            "A_B",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class A_B {",
            "  @Differentiable static double g(double x) { return x * x; }",
            "  static class C {",
            "    @Differentiable static double f(double x) { return x * x; }",
            "  }",
            "}");
    Compilation c = Compilations.compile(a, ab);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.A.B would be generated as"
            + " class test.A_BDerivatives, but so would those of test.A_B. Rename one of the classes.")
        .inFile(a)
        .onLine(4);
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.A_B would be generated as"
            + " class test.A_BDerivatives, but so would those of test.A.B.")
        .inFile(ab)
        .onLine(3);
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.A.B_C would be generated"
            + " as class test.A_B_CDerivatives, but so would those of test.A_B.C.")
        .inFile(a)
        .onLine(7);
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.A_B.C would be generated"
            + " as class test.A_B_CDerivatives, but so would those of test.A.B_C.")
        .inFile(ab)
        .onLine(5);
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void generatedClassNamedLikeAClassOfTheSourcesIsAnErrorAtBoth() {
    JavaFileObject src =
        Compilations.source(
            "P",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class P {",
            "  @Differentiable static double f(double x) { return x * x; }",
            "}",
            "class PDerivatives {",
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.P would be generated as"
            + " class test.PDerivatives, but the sources already declare a class of that name.")
        .inFile(src)
        .onLine(3);
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.P would be generated as"
            + " class test.PDerivatives, but the sources already declare this class.")
        .inFile(src)
        .onLine(6);
    assertThat(c).hadErrorCount(2);
  }

  /** Another processor generates {@code test.PDerivatives} in the same round, before dualj. */
  @SupportedAnnotationTypes("*")
  private static final class Squatter extends AbstractProcessor {
    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.PDerivatives").openWriter()) {
          w.write("package test; class PDerivatives {}");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void generatedClassThatAnotherProcessorCreatedIsAnErrorAtTheClass() {
    JavaFileObject src =
        Compilations.source(
            "P",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class P {",
            "  @Differentiable static double f(double x) { return x * x; }",
            "}");
    Compilation c =
        javac().withProcessors(new Squatter(), new DifferentiableProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffClassNameClash] the derivatives of test.P would be generated as"
            + " class test.PDerivatives, but the compiler refuses to create it")
        .inFile(src)
        .onLine(3);
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- names generated code uses

  /** Names of classes and packages the generated code names, or may name in full. */
  private static final List<String> NAMES =
      List.of("Math", "StrictMath", "Double", "System", "Dual", "Duals", "DualVector",
          "DualVectors", "Lanes", "Workspace", "Arrays", "Generated", "Names", "NamesDerivatives",
          "java", "org", "test");

  /**
   * Every such name as a parameter, as a local, as a for-each variable; the method's class has
   * fields and nested classes of those names and the package has classes of those names: the
   * variables are renamed in the generated code ({@code Math_}), the {@code java.lang} classes
   * the package hides are named in full, and the derivatives are right.
   */
  @Test
  void userNamesDoNotCaptureNamesOfGeneratedCode() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name : List.of("Math", "Double", "System", "Dual", "Lanes", "Workspace", "Arrays")) {
      sources.add(Compilations.source(name, "package test;", "class " + name + " {", "}"));
    }
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Names {");
    for (String name : NAMES) {
      if (!name.equals("java")) { // the class itself says java.lang.Math
        lines.add("  static double " + name + " = 1;");
      }
    }
    lines.add("  static class Duals {");
    lines.add("  }");
    lines.add("  static class StrictMath {");
    lines.add("  }");
    lines.add("  private static final double NAN = 0.0 / 0.0;");
    // each local (java is g's parameter: f says java.lang.Math) is Names·Math·Lanes[0]
    lines.add("  @Differentiable(order = 2)");
    lines.add("  static double f(double Names, double Math, double[] Lanes, int Duals) {");
    lines.add("    double sum = 0;");
    for (String name : NAMES) {
      if (!List.of("Names", "Math", "Lanes", "Duals", "java").contains(name)) {
        lines.add("    double " + name + " = Names * Math * Lanes[0];");
        lines.add("    sum = sum + " + name + ";");
      }
    }
    lines.add("    for (double Workspace_ : Lanes) {");
    lines.add("      sum = sum + java.lang.Math.sin(Workspace_) * Duals;");
    lines.add("    }");
    lines.add("    if (sum > 1e300) {");
    lines.add("      sum = NAN;");
    lines.add("    }");
    lines.add("    return sum + g(Names) + java.lang.StrictMath.exp(Math);");
    lines.add("  }");
    lines.add("  @Differentiable(order = 2)");
    lines.add("  static double g(double java) {");
    lines.add("    double org = java * java;");
    lines.add("    for (double Dual : new double[] {org}) {");
    lines.add("      org = org + Dual;");
    lines.add("    }");
    lines.add("    return org;");
    lines.add("  }");
    lines.add("  @Differentiable");
    lines.add("  double h(double Names, double Lanes) {");
    lines.add("    double NamesDerivatives = Names * Lanes * Dual;");
    lines.add("    return NamesDerivatives;");
    lines.add("  }");
    lines.add("}");
    JavaFileObject names = Compilations.source("Names", lines.toArray(String[]::new));
    sources.add(names);
    Compilation c = Compilations.compile(sources.toArray(JavaFileObject[]::new));
    assertThat(c).succeededWithoutWarnings();
    String code =
        c.generatedSourceFile("test.NamesDerivatives").orElseThrow().getCharContent(true).toString();
    assertThat(code).contains("double[] fGradient(double Names_, double Math_, double[] Lanes_, int Duals_)");
    assertThat(code).contains("java.lang.Math.sin(");
    assertThat(code).contains("java.lang.Double.NaN");

    Class<?> d = new CompiledClasses(c).load("test.NamesDerivatives");
    double p = 0.4;
    double q = 1.3;
    double[] w = {0.7, -0.2};
    int k = 2;
    int terms = NAMES.size() - 5;
    // f = terms·p·q·w0 + k (sin w0 + sin w1) + 2p² + exp(q)
    double[][] h =
        (double[][]) d.getMethod("fHessian", double.class, double.class, double[].class, int.class)
            .invoke(null, p, q, w, k);
    double[][] expected = {
      {4, terms * w[0], terms * q, 0},
      {terms * w[0], Math.exp(q), terms * p, 0},
      {terms * q, terms * p, -k * Math.sin(w[0]), 0},
      {0, 0, 0, -k * Math.sin(w[1])},
    };
    for (int i = 0; i < 4; i++) {
      assertThat(h[i]).usingTolerance(1e-12).containsExactly(expected[i]).inOrder();
    }
  }

  // ---------------------------------------------------------------- the JVM's parameter limit

  /** {@code static double name(double x0, …) { return x0 * x0 + …; }} with {@code n} parameters. */
  private static String sumOfSquares(String name, int n, int order) {
    List<String> params = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      params.add("double x" + i);
      terms.add("x" + i + " * x" + i);
    }
    return "  @Differentiable(order = " + order + ") static double " + name + "("
        + String.join(", ", params) + ") { return " + String.join(" + ", terms) + "; }";
  }

  /**
   * The tangent code takes 4 slots per double parameter (8 at order 2): 63 parameters fit at order
   * 1 and 31 at order 2; one more is an error at the method instead of a class file javac
   * refuses.
   */
  @Test
  void generatedMethodsOverTheJvmParameterLimitAreAnErrorAtTheMethod() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Wide",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Wide {",
            sumOfSquares("a", 63, 1),
            sumOfSquares("b", 64, 1),
            sumOfSquares("c", 31, 2),
            sumOfSquares("d", 32, 2),
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[DiffTooManyParameters] the generated method b would take 256 parameter"
            + " slots, more than the 255 the JVM allows")
        .inFile(src)
        .onLine(5);
    assertThat(c)
        .hadErrorContaining("[DiffTooManyParameters] the generated method dTangent would take 256"
            + " parameter slots")
        .inFile(src)
        .onLine(7);
    assertThat(c).hadErrorContaining("Pass the values in one double[] instead.").inFile(src).onLine(7);
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void generatedMethodsAtTheJvmParameterLimitWork() throws Exception {
    JavaFileObject src =
        Compilations.source(
            "Wide",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Wide {",
            sumOfSquares("a", 63, 1),
            sumOfSquares("c", 31, 2),
            "}");
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    Class<?> d = new CompiledClasses(c).load("test.WideDerivatives");
    Object[] args = new Object[63];
    Class<?>[] types = new Class<?>[63];
    for (int i = 0; i < 63; i++) {
      args[i] = 0.5 + i;
      types[i] = double.class;
    }
    double[] grad = (double[]) d.getMethod("aGradient", types).invoke(null, args);
    for (int i = 0; i < 63; i++) {
      assertThat(grad[i]).isEqualTo(2 * (0.5 + i));
    }
    double[][] h =
        (double[][]) d.getMethod("cHessian", java.util.Arrays.copyOf(types, 31))
            .invoke(null, java.util.Arrays.copyOf(args, 31));
    for (int i = 0; i < 31; i++) {
      for (int j = 0; j < 31; j++) {
        assertThat(h[i][j]).isEqualTo(i == j ? 2.0 : 0.0);
      }
    }
  }
}
