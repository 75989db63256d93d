package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.dualj.processor.Compilations.compile;
import static org.dualj.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A class with a {@code @Differentiable} method that also passes an implicitly typed lambda in the
 * same call as a use of its generated class (as a test or a demo next to the model does): javac 17
 * crashes after processing unless the processor stops it with {@code DiffLambdaRecovery}; javac 25
 * compiles it, and the lambda and the derivative both work.
 */
class LambdaRecoveryTest {
  private static final boolean JAVAC_CRASHES = Runtime.version().feature() < 25;

  private static Compilation model(String call) {
    return compile(
        source(
            "Model",
            "package test;",
            "import java.util.function.DoubleUnaryOperator;",
            "public class Model {",
            "  @org.dualj.annotations.Differentiable",
            "  public static double f(double x) { return x * x * x; }",
            "  public static double check() {",
            "    " + call,
            "  }",
            "  static double compare(double exact, DoubleUnaryOperator g, double x) {",
            "    double h = 1e-5;",
            "    return exact - (g.applyAsDouble(x + h) - g.applyAsDouble(x - h)) / (2 * h);",
            "  }",
            "  record Pair(double exact, DoubleUnaryOperator g) {}",
            "}"));
  }

  @Test
  void implicitLambdaBesideTheGeneratedClassIsAnErrorWhereJavacWouldCrash() throws Exception {
    String[] hazards = {
      "return compare(ModelDerivatives.fGradient(2.0)[0], t -> f(t), 2.0);",
      "return compare(Math.abs(ModelDerivatives.fGradient(2.0)[0]), t -> { return f(t); }, 2.0);",
      "return new Pair(ModelDerivatives.fGradient(2.0)[0], t -> f(t)).exact() - 12.0;",
      "java.util.function.DoubleSupplier s = () -> compare(ModelDerivatives.fGradient(2.0)[0],"
          + " t -> f(t), 2.0); return s.getAsDouble();",
    };
    for (String call : hazards) {
      Compilation c = model(call);
      if (JAVAC_CRASHES) {
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DiffLambdaRecovery]");
        assertThat(c).hadErrorContaining("(double t) -> ...");
        assertThat(c).hadErrorCount(1);
      } else {
        assertThat(c).succeeded();
        assertCheckIsSmall(c);
      }
    }
  }

  @Test
  void typedLambdasLocalsAndLambdasWithoutParametersCompileOnEveryJavac() throws Exception {
    String[] safe = {
      "return compare(ModelDerivatives.fGradient(2.0)[0], (double t) -> f(t), 2.0);",
      "double exact = ModelDerivatives.fGradient(2.0)[0]; return compare(exact, t -> f(t), 2.0);",
      "return compare(ModelDerivatives.fGradient(2.0)[0], Model::f, 2.0);",
      "DoubleUnaryOperator g = t -> ModelDerivatives.fGradient(t)[0]; return g.applyAsDouble(2.0)"
          + " - 12.0;",
      "java.util.function.DoubleSupplier s = () -> 12.0;"
          + " return ModelDerivatives.fGradient(2.0)[0] - s.getAsDouble();",
    };
    for (String call : safe) {
      Compilation c = model(call);
      assertThat(c).succeeded();
      assertCheckIsSmall(c);
    }
  }

  /** check() compares the generated derivative 3x² at 2 with a central difference of x³. */
  private static void assertCheckIsSmall(Compilation c) throws Exception {
    Method check = new CompiledClasses(c).load("test.Model").getMethod("check");
    assertThat(Math.abs((double) check.invoke(null))).isLessThan(1e-6);
  }
}
