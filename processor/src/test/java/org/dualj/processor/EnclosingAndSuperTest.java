package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Members an inner class's method reaches through its enclosing instance, and {@code super} calls
 * of methods without derivatives (issue #11, item 7): what the generated class can reach without
 * reflection works, the rest is one error at the member's declaration.
 */
class EnclosingAndSuperTest {

  @Test
  void constantsOfTheEnclosingInstanceAreInlinedAndSuperCallsRunTheInheritedBody() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "class Model {",
                "  final double scale = 3;",
                "  class Inner {",
                "    @Differentiable double f(double x) { return scale * x * x; }",
                "  }",
                "  static class Base {",
                "    double weight(int n) { return n * 1.5; }",
                "    boolean positive(double t) { return t > 0; }",
                "    void check(double t) { if (Double.isNaN(t)) throw new IllegalStateException(\"NaN\"); }",
                "  }",
                "  static final class Sub extends Base {",
                "    @Differentiable double g(double x) {",
                "      super.check(x);",
                "      return (super.positive(x) ? x * x : -x) * super.weight(2) + x;",
                "    }",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> outer = classes.load("test.Model");
    Class<?> innerClass = classes.load("test.Model$Inner");
    var ctor = outer.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object model = ctor.newInstance();
    var innerCtor = innerClass.getDeclaredConstructor(outer);
    innerCtor.setAccessible(true);
    Object inner = innerCtor.newInstance(model);
    Method f = classes.load("test.Model_InnerDerivatives").getMethod("f", innerClass, Dual.class);
    Class<?> subClass = classes.load("test.Model$Sub");
    var subCtor = subClass.getDeclaredConstructor();
    subCtor.setAccessible(true);
    Object sub = subCtor.newInstance();
    Method g = classes.load("test.Model_SubDerivatives").getMethod("g", subClass, Dual.class);
    for (double x : new double[] {-1.25, 0.5, 2.0}) {
      Dual fx = (Dual) f.invoke(null, inner, Dual.variable(x));
      assertThat(fx.tangent()).isWithin(1e-14).of(6 * x);
      // g = (x > 0 ? x² : −x)·3 + x
      Dual gx = (Dual) g.invoke(null, sub, Dual.variable(x));
      assertThat(gx.value()).isWithin(1e-14).of((x > 0 ? x * x : -x) * 3 + x);
      assertThat(gx.tangent()).isWithin(1e-14).of((x > 0 ? 2 * x : -1) * 3 + 1);
    }
    try {
      g.invoke(null, sub, Dual.variable(Double.NaN));
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void superCallOfAnOverriddenOrOverridableMethodStaysAnError() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  static class Base { double weight(int n) { return n; } }",
            "  static class Sub extends Base {",
            "    @Differentiable final double g(double x) { return x * super.weight(2); }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[DiffUnsupportedExpression] super calls of methods that are not @Differentiable")
        .inFile(src)
        .onLine(6);
  }

  @Test
  void interfaceSuperCallsRunTheDefaultBodyAtOrdersOneAndTwo() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "interface Shape {",
                "  @Differentiable(order = 2) default double area(double r) { return r * r; }",
                "  default double weight(int n) { return n * 0.5; }",
                "  default void check(double r) { if (r < -10) throw new IllegalArgumentException(\"r = \" + r); }",
                "}",
                "interface Other { default double area(double r) { return 1000 * r; } }",
                "final class Model implements Shape, Other {",
                "  @Override @Differentiable(order = 2) public double area(double r) { return r * r * r; }",
                "  @Differentiable(order = 2)",
                "  double f(double x) {",
                "    Shape.super.check(x);",
                // Shape's default x², this class's x³, a plain default's value 1.5: 1.5x² + x·x³
                "    return Shape.super.weight(3) * Shape.super.area(x) + x * area(x);",
                "  }",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    var ctor = model.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object self = ctor.newInstance();
    Class<?> d = classes.load("test.ModelDerivatives");
    Method f = d.getMethod("f", model, Dual.class);
    Method f2 = d.getMethod("fSecondDerivative", model, double.class);
    for (double x : new double[] {-2.0, 0.3, 1.7}) {
      Dual y = (Dual) f.invoke(null, self, Dual.variable(x));
      assertThat(y.value()).isWithin(1e-13).of(1.5 * x * x + x * x * x * x);
      assertThat(y.tangent()).isWithin(1e-12).of(3 * x + 4 * x * x * x);
      assertThat((double) f2.invoke(null, self, x)).isWithin(1e-12).of(3 + 12 * x * x);
    }
    try {
      f.invoke(null, self, Dual.variable(-11));
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).hasMessageThat().isEqualTo("r = -11.0");
    }
  }

  @Test
  void interfaceSuperCallFromASubInterfaceRunsTheSuperInterfaceDefault() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "interface Base { @Differentiable default double g(double x) { return x * x; } }",
                "interface Model extends Base {",
                "  @Override @Differentiable default double g(double x) { return 3 * x; }",
                "  @Differentiable default double h(double x) { return Base.super.g(x) * x; }",
                "}",
                "final class Impl implements Model {}"));
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    Class<?> impl = classes.load("test.Impl");
    var ctor = impl.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object self = ctor.newInstance();
    Method h = classes.load("test.ModelDerivatives").getMethod("h", model, Dual.class);
    for (double x : new double[] {-1.0, 0.5, 2.0}) {
      // Base's x², not Model's 3x: h = x³
      Dual y = (Dual) h.invoke(null, self, Dual.variable(x));
      assertThat(y.value()).isWithin(1e-15).of(x * x * x);
      assertThat(y.tangent()).isWithin(1e-15).of(3 * x * x);
    }
  }

  @Test
  void interfaceSuperCallOfADefaultThatASuperclassHidesStaysAnError() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "interface Weighted { default double weight(int n) { return n; } }",
            "class Base { public double weight(int n) { return 100 * n; } }",
            "final class Model extends Base implements Weighted {",
            "  @Differentiable double g(double x) { return x * Weighted.super.weight(2); }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[DiffUnsupportedExpression] super calls of methods that are not @Differentiable")
        .inFile(src)
        .onLine(6);
  }

  @Test
  void methodOfTheEnclosingInstanceIsOneErrorAtItsDeclaration() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  double twice(double t) { return 2 * t; }",
            "  class Inner {",
            "    @Differentiable double f(double x) { return twice(x) + twice(1); }",
            "    @Differentiable double g(double x) { return twice(x * x); }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[DiffInaccessible] method twice belongs to the enclosing instance of Inner")
        .inFile(src)
        .onLine(4);
  }
}
