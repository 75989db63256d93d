package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * A call of an instance method is differentiated through the body javac resolved, so it must be
 * one no subclass can replace: otherwise [DiffOverridable] at the call.
 */
class OverridingTest {

  @Test
  void overridableCalleeIsAnErrorAtTheCall() {
    JavaFileObject base =
        source(
            "Base",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Base {",
            "  @Differentiable double g(double x) { return x * x; }",
            "  @Differentiable double f(double x) {",
            "    return g(x);",
            "  }",
            "}");
    JavaFileObject p =
        source(
            "P",
            "package test;",
            "class P extends Base {",
            "  @Override double g(double x) { return 10 * x; }",
            "}");
    Compilation c = compile(base, p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffOverridable] Base.g can be overridden").inFile(base).onLine(6);
    assertThat(c.errors()).hasSize(1);
  }

  @Test
  void interfaceDefaultCalleeIsAnError() {
    JavaFileObject src =
        source(
            "Shape",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "interface Shape {",
            "  @Differentiable default double area(double r) { return r * r; }",
            "  @Differentiable default double twice(double r) {",
            "    return 2 * area(r);",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[DiffOverridable]").inFile(src).onLine(6);
    assertThat(c.errors()).hasSize(1);
  }

  @Test
  void sealedHierarchyWithAnOverrideIsAnError() {
    JavaFileObject src =
        source(
            "Law",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "sealed class Law permits Law.Linear, Law.Open {",
            "  @Differentiable double rate(double x) { return x * x; }",
            "  @Differentiable double total(double x) {",
            "    return rate(x) + x;",
            "  }",
            "  static final class Linear extends Law {",
            "    @Override double rate(double x) { return 3 * x; }",
            "  }",
            "  static non-sealed class Open extends Law {}",
            "}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[DiffOverridable]").inFile(src).onLine(6);
    assertThat(c.errors()).hasSize(1);
  }

  /** Every way of closing the method to overriding compiles, and gives the method's derivative. */
  @Test
  void closedCalleesCompileAndDifferentiate() throws Exception {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Model {",
            "  @Differentiable final double sq(double x) { return x * x; }",
            "  @Differentiable private double cube(double x) { return x * x * x; }",
            "  @Differentiable double open(double x) { return 5 * x; }",
            "  @Differentiable double f(double x, Leaf leaf, Sealed s, Rec r) {",
            "    return sq(x) + cube(x) + leaf.open(x) + s.h(x) + r.k(x);",
            "  }",
            "  static final class Leaf extends Model {}",
            "  static sealed class Sealed permits Sealed.One {",
            "    @Differentiable double h(double x) { return Math.sin(x); }",
            "    static final class One extends Sealed {}",
            "  }",
            "  record Rec(double c) {",
            "    @Differentiable double k(double x) { return c * Math.exp(x); }",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    CompiledClasses loader = new CompiledClasses(c);
    Class<?> model = loader.load("test.Model");
    Class<?> leaf = loader.load("test.Model$Leaf");
    Class<?> sealed = loader.load("test.Model$Sealed$One");
    Class<?> rec = loader.load("test.Model$Rec");
    var mCtor = model.getDeclaredConstructor();
    var leafCtor = leaf.getDeclaredConstructor();
    var sealedCtor = sealed.getDeclaredConstructor();
    var recCtor = rec.getDeclaredConstructor(double.class);
    mCtor.setAccessible(true);
    leafCtor.setAccessible(true);
    sealedCtor.setAccessible(true);
    recCtor.setAccessible(true);
    Object self = mCtor.newInstance();
    Object l = leafCtor.newInstance();
    Object s = sealedCtor.newInstance();
    Object r = recCtor.newInstance(0.25);
    Class<?> d = loader.load("test.ModelDerivatives");
    for (double x : new double[] {-1.3, 0.2, 2.0}) {
      Dual out =
          (Dual)
              d.getMethod("f", model, Dual.class, leaf, loader.load("test.Model$Sealed"), rec)
                  .invoke(null, self, Dual.variable(x), l, s, r);
      double value = x * x + x * x * x + 5 * x + Math.sin(x) + 0.25 * Math.exp(x);
      double slope = 2 * x + 3 * x * x + 5 + Math.cos(x) + 0.25 * Math.exp(x);
      assertThat(out.value()).isWithin(1e-14 * Math.max(1, Math.abs(value))).of(value);
      assertThat(out.tangent()).isWithin(1e-14 * Math.max(1, Math.abs(slope))).of(slope);
    }
  }
}
