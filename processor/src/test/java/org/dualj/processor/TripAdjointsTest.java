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
 * A loop's reverse run trip by trip inside the loop (the sum-of-terms loops: each reverse trip at
 * the end of its forward trip, nothing recorded). The programs are the loops it takes and, above
 * all, the loops whose reverse trips depend on each other or on what follows the loop, where
 * running them in forward order would be wrong (a loop over samples with an inner loop over the
 * weights and a differentiated helper is fused; its inner loop's records balance within each
 * trip, and so is one assigning a local twice per trip, whose old value the reverse trip restores: a value carried from trip to trip (its adjoint
 * flows backwards), a result read after the loop nonlinearly, a trip's local read after the loop,
 * the loop index read after it, a body writing array elements, an accumulator read inside the
 * loop, a branch on each trip (whose record stays), a while loop
 * advancing its index in the body. Every one must give forward
 * mode's gradient (1e-13) and the Richardson differences of the primal, and leave the tape empty;
 * the generated code says which loops were fused.
 */
class TripAdjointsTest {

  private static final String MARK = "the trip's reverse, at its end";

  private static Compilation compile() {
    return Compilations.compile(
        Compilations.source(
            "Loops",
            "package test;",
            "import org.dualj.annotations.Differentiable;",
            "class Loops {",
            "  // fused: sums of terms, the result a linear function of the sums",
            "  @Differentiable static double pairs(double[] x) {",
            "    double s = 0.0;",
            "    for (int i = 0; i + 1 < x.length; i += 2) {",
            "      double t1 = 10.0 * (x[i + 1] - x[i] * x[i]);",
            "      double t2 = 1.0 - x[i];",
            "      s += t1 * t1 + t2 * t2;",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double mean(double[] x) {",
            "    double s = 0;",
            "    int n = x.length;",
            "    for (int i = 0; i < n; i++) {",
            "      double c = Math.cos(x[i]);",
            "      s += c * x[i] - Math.exp(-x[i]);",
            "    }",
            "    return 0.5 * s / n;",
            "  }",
            "  @Differentiable static double twoSums(double[] x, double w) {",
            "    double a = 0;",
            "    for (int i = 0; i < x.length; i++) a += x[i] * x[i];",
            "    double b = 0;",
            "    double c = 1;",
            "    for (int i = 0; i < x.length; i++) {",
            "      b += Math.sin(x[i] * w) * a;",
            "      c -= 0.25 * x[i];",
            "    }",
            "    return 3 * b - 2 * c;",
            "  }",
            "  @Differentiable static double sig(double z) { return 1 / (1 + Math.exp(-z)); }",
            "  @Differentiable static double logistic(double[] w) {",
            "    double loss = 0;",
            "    int m = 3;",
            "    for (int s = 0; s < m; s++) {",
            "      double z = 0.1 * s;",
            "      for (int j = 0; j < w.length; j++) z += w[j] * Math.cos(s + j);",
            "      double y = s % 2 == 0 ? 1 : -1;",
            "      loss += Math.log1p(Math.exp(-y * z)) + 0.5 * sig(z) * w[s % w.length];",
            "    }",
            "    return loss / m;",
            "  }",
            "  @Differentiable static void doubled(double[] a) { for (int i = 0; i < a.length; i++) a[i] *= 2; }",
            "  @Differentiable static double helperWrites(double[] x) {",
            "    double s = 0;",
            "    double[] t = new double[x.length];",
            "    for (int i = 0; i < x.length; i++) {",
            "      t[i] = x[i];",
            "      doubled(t);",
            "      s += t[i] * x[i];",
            "    }",
            "    return s;",
            "  }",
            "  // either way: loops whose condition or tail reads what the trips compute",
            "  @Differentiable static double condReadsLocal(double[] x) {",
            "    double s = 0;",
            "    double t = 0;",
            "    for (int i = 0; i < x.length && t < 0.8; i++) {",
            "      t = x[i] * x[i];",
            "      s += t * Math.cos(t);",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double condReadsSum(double[] x) {",
            "    double s = 0;",
            "    int i = 0;",
            "    for (; i < x.length && s < 1.2; i++) s += x[i] * x[i] * 0.7;",
            "    return s + i;",
            "  }",
            "  @Differentiable static double linearTail(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      s += Math.exp(0.2 * x[i]);",
            "      s -= x[i] * 0.1;",
            "    }",
            "    double r = s * 2;",
            "    s = s * 0.5;",
            "    return r + s;",
            "  }",
            "  @Differentiable static double dot(double[] a, double[] b) {",
            "    double d = 0;",
            "    for (int i = 0; i < a.length; i++) d += a[i] * b[i];",
            "    return d;",
            "  }",
            "  @Differentiable static double helperReadsArray(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += dot(x, x) * x[i];",
            "    return s;",
            "  }",
            "  // not fused: a branch recorded per trip, the index advanced in the body",
            "  @Differentiable static double oneSided(double[] x) {",
            "    double s = 0;",
            "    int i = 0;",
            "    while (i < x.length) {",
            "      double v = x[i] - 0.5;",
            "      if (v > 0) s += v * v * x[(i + 1) % x.length];",
            "      i = i + 1;",
            "    }",
            "    return s;",
            "  }",
            "  // not fused: the trips' reverses depend on each other or on what follows",
            "  @Differentiable static double carried(double[] x) {",
            "    double s = 0;",
            "    double carry = 0.5;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double t = x[i] + carry;",
            "      carry = t * 0.5;",
            "      s += t * t;",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double previous(double[] x) {",
            "    double s = 0;",
            "    double prev = 1;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double c = x[i] * 2;",
            "      s += c * prev;",
            "      prev = c;",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double product(double[] x) {",
            "    double s = 0;",
            "    double p = 1;",
            "    for (int i = 0; i < x.length; i++) {",
            "      p = p * Math.cos(x[i]);",
            "      s += p;",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double nonlinearTail(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += x[i] * x[i];",
            "    return Math.sqrt(s) + s * s;",
            "  }",
            "  @Differentiable static double localAfter(double[] x) {",
            "    double s = 0;",
            "    double t = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      t = x[i] * x[i];",
            "      s += t * 3;",
            "    }",
            "    return s + t;",
            "  }",
            "  @Differentiable static double indexAfter(double[] x) {",
            "    double s = 0;",
            "    int i = 0;",
            "    for (; i < x.length && s < 4; i++) s += x[i] * x[i];",
            "    return s * i;",
            "  }",
            "  @Differentiable static double writes(double[] x) {",
            "    double[] y = x.clone();",
            "    double s = 0;",
            "    for (int i = 1; i < y.length; i++) {",
            "      y[i] = y[i] * y[i - 1];",
            "      s += y[i];",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double readsSum(double[] x) {",
            "    double s = 1;",
            "    for (int i = 0; i < x.length; i++) s += x[i] * s;",
            "    return s;",
            "  }",
            "  @Differentiable static double twice(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double t = x[i];",
            "      t = t * t + Math.exp(t);",
            "      s += t * x[i];",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double bothSides(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      if (x[i] > 0.6) s += x[i] * x[i];",
            "      else s -= Math.sin(x[i]);",
            "    }",
            "    return s;",
            "  }",
            "  @Differentiable static double sumThenLoop(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) s += x[i] * x[i];",
            "    double r = 0;",
            "    for (int i = 0; i < x.length; i++) r += s * x[i];",
            "    return r;",
            "  }",
            "  @Differentiable(order = 2) static double hv(double[] x) {",
            "    double s = 0;",
            "    for (int i = 0; i < x.length; i++) {",
            "      double e = Math.exp(0.3 * x[i]);",
            "      s += e * x[i] * x[(i + 1) % x.length];",
            "    }",
            "    return s / 3;",
            "  }",
            "}"));
  }

  private static final String[] FUSED = {
    "pairs", "mean", "twoSums", "hv", "sumThenLoop", "logistic", "twice"
  };
  private static final String[] NOT_FUSED = {
    "helperWrites", "oneSided", "carried", "previous", "product", "nonlinearTail", "localAfter", "indexAfter", "writes",
    "readsSum", "bothSides"
  };

  private static final double[][] POINTS = {
    {0.3, 0.7, 1.1, -0.4}, {-0.3, 0.75, 0.45, 0.4, 1.3}, {1.3, -0.4, 0.9, 0.2, 0.1, 0.8},
    {0.55, 0.65}, {}, {0.9}
  };

  @Test
  void everyLoopGivesForwardModesGradient() throws Exception {
    Compilation c = compile();
    assertThat(c).succeeded();
    CompiledClasses classes = new CompiledClasses(c);
    Class<?> plain = classes.load("test.Loops");
    Class<?> d = classes.load("test.LoopsDerivatives");
    Workspace work = new Workspace();
    for (String[] group : new String[][] {FUSED, NOT_FUSED}) {
      for (String name : group) {
        for (double[] x : POINTS) {
          if (name.equals("twoSums") || (x.length == 0 && !name.equals("pairs"))) {
            continue; // (x[0] or x.length as a divisor)
          }
          Differences.reverseAgrees(plain, d, name, x, work);
          assertWithMessage("%s leaves the tape empty", name).that(work.tape().isEmpty()).isTrue();
        }
      }
    }
    // twoSums, of x and w: against Richardson differences in every column and forward mode
    Method f = plain.getDeclaredMethod("twoSums", double[].class, double.class);
    f.setAccessible(true);
    Method reverse = d.getMethod("twoSumsGradientReverse", double[].class, double.class);
    Method forward = d.getMethod("twoSumsGradient", double[].class, double.class);
    for (double[] x : POINTS) {
      for (double w : new double[] {0.7, -1.3}) {
        double[] g = (double[]) reverse.invoke(null, x.clone(), w);
        double[] gf = (double[]) forward.invoke(null, x.clone(), w);
        double[] xw = Arrays.copyOf(x, x.length + 1);
        xw[x.length] = w;
        for (int i = 0; i <= x.length; i++) {
          double oracle = Differences.richardson(
              v -> (double) f.invoke(null, Arrays.copyOf(v, v.length - 1), v[v.length - 1]), xw, i);
          assertWithMessage("twoSums [%s] at %s, %s", i, Arrays.toString(x), w)
              .that(g[i]).isWithin(1e-6 * (1 + Math.abs(oracle))).of(oracle);
          assertThat(g[i]).isWithin(1e-13 * (1 + Math.abs(gf[i]))).of(gf[i]);
        }
      }
    }
  }

  @Test
  void loopsWhoseConditionOrTailReadWhatTheTripsComputeGiveForwardModesGradient() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile());
    Differences.reverseAgreesEverywhere(classes.load("test.Loops"), classes.load("test.LoopsDerivatives"),
        new String[] {"condReadsLocal", "condReadsSum", "linearTail", "helperReadsArray"},
        new double[][] {{0.3, 0.7, 1.1, -0.4}, {0.95, 0.2, 0.5}, {-0.2, 0.4, 0.6, 0.8, 1.0}});
  }

  @Test
  void theSumsOfTermsAreFusedAndTheOthersAreNot() throws Exception {
    String code = generated(compile());
    for (String name : FUSED) {
      assertWithMessage("%s fused", name).that(adjointOf(code, name)).contains(MARK);
    }
    for (String name : NOT_FUSED) {
      assertWithMessage("%s not fused", name).that(adjointOf(code, name)).doesNotContain(MARK);
    }
    // a fused loop records nothing: no trip count, no kept value
    assertThat(adjointOf(code, "mean")).doesNotContain("tape.push");
    assertThat(adjointOf(code, "pairs")).doesNotContain("tape.push");
  }

  /** H·v by reverse over forward through a fused loop (the tangent code's adjoint). */
  @Test
  void hessianVectorProductsThroughAFusedLoop() throws Exception {
    Class<?> d = new CompiledClasses(compile()).load("test.LoopsDerivatives");
    Method hv = d.getMethod("hvHessianVectorReverse", double[].class, double[].class);
    Method gradient = d.getMethod("hvGradientReverse", double[].class);
    for (double[] x : POINTS) {
      if (x.length == 0) {
        continue;
      }
      double[] v = new double[x.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = 0.5 - 0.3 * i;
      }
      double[] out = (double[]) hv.invoke(null, x.clone(), v);
      for (int i = 0; i < x.length; i++) {
        double expected = 0;
        for (int j = 0; j < x.length; j++) {
          expected += Differences.gradientDifference(gradient, x, i, j) * v[j];
        }
        assertWithMessage("Hv[%s] at %s", i, Arrays.toString(x))
            .that(out[i]).isWithin(1e-6 * (1 + Math.abs(expected))).of(expected);
      }
    }
  }

  private static String generated(Compilation c) throws Exception {
    return c.generatedSourceFile("test.LoopsDerivatives").orElseThrow().getCharContent(true).toString();
  }

  private static String adjointOf(String code, String name) {
    int from = code.indexOf(" " + name + "Adjoint(");
    assertWithMessage("%sAdjoint generated", name).that(from).isAtLeast(0);
    int to = code.indexOf("\n    /**", from);
    return code.substring(from, to < 0 ? code.length() : to);
  }
}
