package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode through a call on the right of {@code &&} or {@code ||} in a value (made only when
 * Java makes it: the value becomes a conditional, each call on its branch) and through a
 * {@code do} loop whose condition increments its counter ({@code while (++k < n)}: the condition
 * evaluated apart at the end of the body). A helper counts its calls, so a call the primal does
 * not make shows. A {@code do} loop with {@code continue} and such a condition keeps the note.
 */
class ReverseShortCircuitTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Short",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Short {",
            "  static int calls;",
            "  static boolean positive(double v) { calls++; return v > 0; }",
            "  @Differentiable static double andCall(double[] x) {",
            "    boolean ok = x[0] > 0.2 && positive(x[1] - 0.5);",
            "    double s = ok ? x[0] * x[1] : x[2] * x[2];",
            "    boolean either = x[2] < 0 || positive(x[3]);",
            "    if (either) s += Math.sin(x[3]) * s;",
            "    return s;",
            "  }",
            "  @Differentiable static double doIncrement(double[] x) {",
            "    double s = 0.5;",
            "    int k = 0;",
            "    do {",
            "      s += Math.sin(x[k]) * s + x[k];",
            "      if (s > 4) break;",
            "    } while (++k < x.length);",
            "    return s * k;",
            "  }",
            "  @Differentiable static double doContinue(double[] x) {",
            "    double s = 0.5;",
            "    int k = 0;",
            "    do {",
            "      if (x[k] < 0) continue;",
            "      s += x[k] * s;",
            "    } while (++k < x.length);",
            "    return s;",
            "  }",
            "}"));
  }

  private static final double[][] POINTS = {
    {0.3, 0.7, 1.1, -0.4}, {-0.3, 0.75, -0.45, 0.4}, {1.3, 0.2, 0.9, 2.2}, {0.1, 1.6, 0.35, -1.1}
  };

  @Test
  void reverseModeMatchesForwardModeAndDifferences() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Short");
    Differences.reverseAgreesEverywhere(plain, classes.load("test.ShortDerivatives"),
        new String[] {"andCall", "doIncrement"}, POINTS);
  }

  /** The reverse gradient makes the calls the primal makes, no more. */
  @Test
  void theCallOnTheRightRunsOnlyWhenJavaRunsIt() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile());
    Class<?> plain = classes.load("test.Short");
    Class<?> d = classes.load("test.ShortDerivatives");
    var calls = plain.getDeclaredField("calls");
    calls.setAccessible(true);
    var f = plain.getDeclaredMethod("andCall", double[].class);
    f.setAccessible(true);
    var reverse = d.getMethod("andCallGradientReverse", double[].class);
    for (double[] x : POINTS) {
      calls.setInt(null, 0);
      f.invoke(null, (Object) x.clone());
      int primal = calls.getInt(null);
      calls.setInt(null, 0);
      reverse.invoke(null, (Object) x.clone());
      assertWithMessage("calls at %s", Arrays.toString(x)).that(calls.getInt(null)).isEqualTo(primal);
    }
  }

  @Test
  void aDoLoopWithContinueAndAnIncrementingConditionKeepsTheNote() {
    assertThat(compile()).hadNoteContaining(
        "reverse mode does not handle ++ or -- inside a condition");
  }
}
