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
 * Values of the inputs kept in fields by calls without derivatives and read back later (a
 * silently wrong derivative before): an error at the call, or where the value is read back through
 * a field's object; counters, logging and constants stored in fields stay allowed.
 */
class FieldStoresTest {

  @Test
  void aValueKeptInAFieldAndReadBackIsAnErrorAtTheCall() {
    JavaFileObject src =
        source(
            "Model",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "final class Model {",
            "  double acc;",
            "  static double sacc;",
            "  final List<Double> history = new ArrayList<>();",
            "  void add(double v) { acc += v; }",
            "  double total() { return acc; }",
            "  static void sadd(double v) { store(2 * v); }",
            "  private static void store(double w) { sacc = w; }",
            "  @Differentiable double f1(double x) { add(x); return total() * x; }",
            "  @Differentiable double f2(double x) { add(x * x); return acc * x; }",
            "  @Differentiable static double f3(double x) { sadd(Math.sin(x)); return sacc * x; }",
            "  @Differentiable double f4(double x) {",
            "    history.add(x);",
            "    return history.get(history.size() - 1) * x;",
            "  }",
            "}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("[DiffFieldWrite] Model.add receives a value").inFile(src).onLine(13);
    assertThat(c).hadErrorContaining("[DiffFieldWrite] Model.add receives a value").inFile(src).onLine(14);
    assertThat(c).hadErrorContaining("[DiffFieldWrite] Model.sadd receives a value").inFile(src).onLine(15);
    assertThat(c).hadErrorContaining("[DiffUnsupportedCall] List.get").inFile(src).onLine(18);
  }

  @Test
  void countersLoggingAndConstantsInFieldsStayAllowed() throws Exception {
    Compilation c =
        compile(
            source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "final class Model {",
                "  int calls;",
                "  static double last;",
                "  static final StringBuilder LOG = new StringBuilder();",
                "  void count(double v) { calls++; if (v < -1e9) throw new IllegalStateException(); }",
                "  static void log(double v) { System.err.print(\"\"); LOG.setLength(0); }",
                "  static void remember(double v) { last = v; }",
                "  @Differentiable double f(double x) {",
                "    count(x);",
                "    log(x);",
                "    remember(2.0);",
                "    return (calls + last) * x * x;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    var ctor = model.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object self = ctor.newInstance();
    Method f = classes.load("test.ModelDerivatives").getMethod("f", model, Dual.class);
    Dual y = (Dual) f.invoke(null, self, Dual.variable(1.5));
    // one call counted, last = 2: f = 3x², f' = 6x
    assertThat(y.value()).isEqualTo(3 * 1.5 * 1.5);
    assertThat(y.tangent()).isEqualTo(6 * 1.5);
  }
}
