package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.dualj.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * A method without derivative that is given an array (an argument check, a dot product in a
 * condition, a norm used as a step size) used to leave its caller to forward mode whenever the
 * reverse sweep read that array's elements: only JDK methods were known to read only. A method
 * whose source is in this compilation and that writes no element and keeps no array (in a field,
 * a constructed object, its result) now leaves reverse mode on; one that writes or keeps its
 * array still leaves the caller to forward mode, with the note. Oracle: Richardson-extrapolated
 * central differences of the primal, and forward mode.
 */
class ReadOnlyHelpersReverseTest {

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Helpers",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Helpers {",
            "  static void check(double[] x) {",
            "    if (x.length < 2) throw new IllegalArgumentException(\"short: \" + x.length);",
            "    for (double v : x) {",
            "      if (Double.isNaN(v)) throw new IllegalArgumentException(\"NaN\");",
            "    }",
            "  }",
            "  static double dot(double[] a, double[] b) {",
            "    double s = 0;",
            "    for (int i = 0; i < a.length; i++) s += a[i] * b[i];",
            "    return s;",
            "  }",
            "  static double[] saved;",
            "  static double keep(double[] a) { saved = a; return a.length; }",
            "  static void bump() { saved[0] += 1; }",
            "  static void scale(double[] a, double c) { for (int i = 0; i < a.length; i++) a[i] *= c; }",
            "  @Differentiable static double checked(double[] x) {",
            "    check(x);",
            "    double s = 0;",
            "    for (int i = 0; i + 1 < x.length; i++) {",
            "      double t = x[i + 1] - x[i] * x[i];",
            "      s += t * t * Math.exp(-0.1 * x[i]);",
            "      x[i] = 0.5 * x[i];",
            "    }",
            "    return s + (dot(x, x) > 1 ? x[0] * x[1] : x[0] - x[1]);",
            "  }",
            "  @Differentiable static double normStep(double[] x) {",
            "    double[] w = {1, 2, 3, 4};",
            "    double s = 0;",
            "    for (int k = 0; k < 3; k++) {",
            "      double h = 1 / (1 + Math.sqrt(dot(w, w)));",
            "      for (int i = 0; i < x.length; i++) {",
            "        s += h * w[i] * Math.sin(x[i] * s + 0.1);",
            "        w[i] = w[i] * 0.5 + 0.1 * k;",
            "      }",
            "    }",
            "    return s;",
            "  }",
            "  // the helper writes the elements the reverse sweep reads, given the array: saved around it",
            "  @Differentiable static double writes(double[] x) {",
            "    double[] w = {1, 2, 3, 4};",
            "    double s = 0;",
            "    for (int k = 0; k < 2; k++) {",
            "      for (int i = 0; i < x.length; i++) s += w[i] * x[i] * x[i];",
            "      scale(w, 0.5);",
            "    }",
            "    return s;",
            "  }",
            "  // the helper keeps the array, which another call then writes: forward mode only",
            "  @Differentiable static double keeps(double[] x) {",
            "    double[] w = {1, 2, 3, 4};",
            "    double s = keep(w);",
            "    for (int k = 0; k < 2; k++) {",
            "      for (int i = 0; i < x.length; i++) s += w[i] * x[i] * x[i];",
            "      bump();",
            "    }",
            "    return s;",
            "  }",
            "}"));
  }

  private static final double[][] POINTS = {
    {0.3, 0.7, 1.1, -0.4}, {1.3, -0.4, 0.9, 0.2}, {-0.8, 0.1, 0.6, -1.2}
  };

  @Test
  void readOnlyHelpersLeaveReverseModeOn() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Helpers");
    Class<?> d = classes.load("test.HelpersDerivatives");
    for (String name : new String[] {"checked", "normStep"}) {
      for (double[] x : POINTS) {
        Differences.reverseAgrees(plain, d, name, x, new Workspace());
      }
    }
  }

  @Test
  void theArgumentCheckStillThrowsFromReverseMode() throws Exception {
    Class<?> d = new CompiledClasses(compile()).load("test.HelpersDerivatives");
    Method reverse = d.getMethod("checkedGradientReverse", double[].class, double[].class, Workspace.class);
    try {
      reverse.invoke(null, new double[] {1, Double.NaN}, new double[2], new Workspace());
      throw new AssertionError("no exception");
    } catch (java.lang.reflect.InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
      assertThat(e.getCause()).hasMessageThat().isEqualTo("NaN");
    }
  }

  /**
   * A helper that writes the array it is given: the reverse sweep saves the elements around the
   * call, and reverse mode stays on.
   */
  @Test
  void aHelperWritingItsArgumentKeepsReverseMode() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile());
    check(classes, "writes", true);
  }

  /**
   * A helper that keeps the array in a field, and another call that writes it through the field:
   * reverse mode, which only sees the writes into the arrays a call is given, gave a wrong
   * gradient here with no message ({@code 3.6} for {@code 1.8}); the method now stays in forward
   * mode, with the note.
   */
  @Test
  void aHelperWritingAKeptArrayLeavesForwardModeOnly() throws Exception {
    Compilation c = compile();
    assertThat(c).hadNoteContaining("keepsGradientReverse is not generated");
    assertThat(c).hadNoteContaining("a call of bump, which may write arrays it is not given");
    check(new CompiledClasses(c), "keeps", false);
  }

  /**
   * The arrays a helper writes through fields: an instance field's array read directly or through
   * a getter, a static table. Each was read again by the reverse sweep after the helper changed
   * it; the methods stay in forward mode, whose gradients match the differences.
   */
  @Test
  void fieldArraysWrittenByHelpersLeaveForwardModeOnly() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Model",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "public class Model {",
                "  final double[] weights = {1, 2, 3, 4};",
                "  static final double[] TABLE = {0.5, 1.5, 2.5, 3.5};",
                "  void normalize() { weights[0] = weights[0] * 0.5; }",
                "  static void tweak() { TABLE[1] += 1; }",
                "  double[] getWeights() { return weights; }",
                "  @Differentiable double viaField(double[] x) {",
                "    double s = 0;",
                "    for (int k = 0; k < 2; k++) {",
                "      for (int i = 0; i < x.length; i++) s += weights[i] * x[i] * x[i];",
                "      normalize();",
                "    }",
                "    return s;",
                "  }",
                "  @Differentiable double viaGetter(double[] x) {",
                "    double[] w = getWeights();",
                "    double s = 0;",
                "    for (int k = 0; k < 2; k++) {",
                "      for (int i = 0; i < x.length; i++) s += w[i] * x[i] * x[i];",
                "      normalize();",
                "    }",
                "    return s;",
                "  }",
                "  @Differentiable static double viaStatic(double[] x) {",
                "    double s = 0;",
                "    for (int k = 0; k < 2; k++) {",
                "      for (int i = 0; i < x.length; i++) s += TABLE[i] * Math.sin(x[i]);",
                "      tweak();",
                "    }",
                "    return s;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("a call of normalize, which may write arrays it is not given");
    assertThat(c).hadNoteContaining("a call of tweak, which may write arrays it is not given");
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> model = classes.load("test.Model");
    Class<?> d = classes.load("test.ModelDerivatives");
    double[] x = {0.3, -0.7, 1.1, 0.4};
    for (String name : new String[] {"viaField", "viaGetter", "viaStatic"}) {
      boolean isStatic = name.equals("viaStatic");
      assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals(name + "GradientReverse")))
          .isFalse();
      java.lang.reflect.Field field = model.getDeclaredField("TABLE");
      field.setAccessible(true);
      double[] table = (double[]) field.get(null);
      double[] g = new double[x.length];
      table[1] = 1.5;
      if (isStatic) {
        d.getMethod(name + "Gradient", double[].class, double[].class).invoke(null, x.clone(), g);
      } else {
        d.getMethod(name + "Gradient", model, double[].class, double[].class)
            .invoke(null, model.getDeclaredConstructor().newInstance(), x.clone(), g);
      }
      Method f = model.getDeclaredMethod(name, double[].class);
      f.setAccessible(true);
      for (int i = 0; i < x.length; i++) {
        int j = i;
        double oracle = Differences.richardson(v -> {
          table[1] = 1.5;
          return (double) f.invoke(isStatic ? null : model.getDeclaredConstructor().newInstance(), (Object) v);
        }, x, j);
        assertWithMessage("%s [%s]", name, i).that(g[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
      }
    }
  }

  /**
   * A field's array written by an implementation of an interface method that returns nothing:
   * the call runs a body the call's type does not show. A getter of the same interface (returning
   * a value) is taken to change nothing, and keeps reverse mode.
   */
  @Test
  void anInterfaceCallThatReturnsNothingMayWriteAField() throws Exception {
    Compilation c =
        Compilations.compile(
            Compilations.source(
                "Stepper",
                "package test;",
                "import org.dualj.annotations.Differentiable;",
                "public class Stepper {",
                "  interface Schedule { void advance(); double rate(); }",
                "  static final class Halving implements Schedule {",
                "    final double[] w;",
                "    Halving(double[] w) { this.w = w; }",
                "    public void advance() { w[0] = w[0] * 0.5; }",
                "    public double rate() { return 0.5; }",
                "  }",
                "  static class Clock { void tick() { } }",
                "  static class Shrinking extends Clock {",
                "    final double[] w;",
                "    Shrinking(double[] w) { this.w = w; }",
                "    @Override void tick() { w[1] = w[1] * 0.5; }",
                "  }",
                "  final double[] w = {1, 2, 3, 4};",
                "  final Schedule schedule = new Halving(w);",
                "  final Clock clock = new Shrinking(w);",
                "  // an overridable method whose own body writes nothing, overridden by one that does",
                "  @Differentiable double ticks(double[] x) {",
                "    double s = 0;",
                "    for (int k = 0; k < 2; k++) {",
                "      for (int i = 0; i < x.length; i++) s += w[i] * Math.sin(x[i]);",
                "      clock.tick();",
                "    }",
                "    return s;",
                "  }",
                "  @Differentiable double run(double[] x) {",
                "    double s = 0;",
                "    for (int k = 0; k < 2; k++) {",
                "      for (int i = 0; i < x.length; i++) s += w[i] * x[i] * x[i];",
                "      schedule.advance();",
                "    }",
                "    return s;",
                "  }",
                "  @Differentiable double rated(double[] x) {",
                "    double s = 0;",
                "    for (int i = 0; i < x.length; i++) s += w[i] * x[i] * x[i] * schedule.rate();",
                "    return s;",
                "  }",
                "}"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("a call of advance, which may write arrays it is not given");
    assertThat(c).hadNoteContaining("a call of tick, which may write arrays it is not given");
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> stepper = classes.load("test.Stepper");
    Class<?> d = classes.load("test.StepperDerivatives");
    assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals("runGradientReverse")))
        .isFalse();
    assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals("ratedGradientReverse")))
        .isTrue();
    double[] x = {0.3, -0.7, 1.1, 0.4};
    double[] g = new double[x.length];
    var ctor = stepper.getDeclaredConstructor();
    ctor.setAccessible(true);
    for (String name : new String[] {"run", "ticks"}) {
      assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals(name + "GradientReverse")))
          .isFalse();
      d.getMethod(name + "Gradient", stepper, double[].class, double[].class)
          .invoke(null, ctor.newInstance(), x.clone(), g);
      Method f = stepper.getDeclaredMethod(name, double[].class);
      f.setAccessible(true);
      for (int i = 0; i < x.length; i++) {
        double oracle = Differences.richardson(v -> (double) f.invoke(ctor.newInstance(), (Object) v), x, i);
        assertWithMessage("%s [%s]", name, i).that(g[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
      }
    }
  }

  private static void check(CompiledClasses classes, String name, boolean reverse) throws Exception {
    Class<?> plain = classes.load("test.Helpers");
    Class<?> d = classes.load("test.HelpersDerivatives");
    assertThat(Arrays.stream(d.getMethods()).anyMatch(m -> m.getName().equals(name + "GradientReverse")))
        .isEqualTo(reverse);
    Method f = plain.getDeclaredMethod(name, double[].class);
    f.setAccessible(true);
    for (double[] x : POINTS) {
      // the automatic choice: reverse mode where it is generated (n = 4)
      double[] g = (double[]) d.getMethod(name + "Gradient", double[].class).invoke(null, (Object) x.clone());
      double[] lanes = new double[x.length];
      d.getMethod(name + "GradientForward", double[].class, double[].class, Workspace.class)
          .invoke(null, x.clone(), lanes, null);
      for (int i = 0; i < x.length; i++) {
        double oracle = ReverseIndexTest.richardson(f, x, i);
        assertWithMessage("%s [%s] at %s", name, i, Arrays.toString(x))
            .that(g[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
        assertWithMessage("%s lanes [%s] at %s", name, i, Arrays.toString(x))
            .that(lanes[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
      }
    }
  }
}
