package org.dualj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.rules.TangentTable;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the tangent table at extreme arguments: tiny and huge magnitudes (1e±300, near
 * overflow), subnormals, signed zeros, infinities and NaN. For each entry and each argument with a
 * partial, the generated scalar code, the generated lane code, {@link Dual} and {@link DualVector}
 * must give the derivative along that argument (the others constant):
 *
 * <ul>
 *   <li>at finite points, within 1e-13 relative (plus a few subnormal steps) of the partial
 *       derivative evaluated in 40-digit {@link Dfp} arithmetic from its analytic formula; ±∞ where
 *       the exact partial exceeds the {@code double} range, NaN where it does not exist (outside
 *       the domain);
 *   <li>at special points (zeros at kinks, ±∞, NaN), the value the README's conventions give.
 * </ul>
 */
class ExtremeArgumentsRulesTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;
  private static final double MAX = Double.MAX_VALUE;
  private static final double TINY = Double.MIN_VALUE;
  private static final double MIN_NORMAL = Double.MIN_NORMAL;

  private static final DfpField F = new DfpField(40);
  private static final MathContext WIDE = new MathContext(420);
  /** π to 420 digits by Machin's formula, for reducing huge arguments of sin, cos and tan. */
  private static final BigDecimal PI = machinPi();

  /** The exact partials at a finite point; an element is null where the partial does not exist. */
  interface Oracle {
    Dfp[] partials(Dfp[] x, double[] point);
  }

  /** A special point and the conventional partial along each argument. */
  record Special(double[] point, double[] partials) {}

  /** One table entry: its Java form, its oracle and its test points. */
  static final class Entry {
    final Elementary fn;
    final String java;
    Oracle oracle;
    final List<double[]> finite = new ArrayList<>();
    final List<Special> special = new ArrayList<>();

    Entry(Elementary fn, String java) {
      this.fn = fn;
      this.java = java;
    }

    Entry oracle(Oracle o) {
      this.oracle = o;
      return this;
    }

    Entry at(double... point) {
      finite.add(point);
      return this;
    }

    /** A special point of a unary entry and its conventional partial. */
    Entry special1(double x, double partial) {
      special.add(new Special(new double[] {x}, new double[] {partial}));
      return this;
    }

    /** A special point of a binary entry and its conventional partials. */
    Entry special2(double x, double y, double p0, double p1) {
      special.add(new Special(new double[] {x, y}, new double[] {p0, p1}));
      return this;
    }
  }

  private static final Map<Elementary, Entry> ENTRIES = new EnumMap<>(Elementary.class);

  private static Entry e(Elementary fn, String java) {
    Entry e = new Entry(fn, java);
    ENTRIES.put(fn, e);
    return e;
  }

  private static Dfp d(double x) {
    return F.newDfp(x);
  }

  private static Dfp one() {
    return F.getOne();
  }

  private static Dfp[] of(Dfp... partials) {
    return partials;
  }

  /** Points shared by smooth unary functions defined on the whole line (subnormal to huge). */
  private static final double[] WIDE_RANGE = {
    TINY, -TINY, 1e-310, MIN_NORMAL, 1e-300, -1e-300, 1e-150, 1e-20, 0.7, -3.5, 1e20, 1e150, 1e300,
    -1e300, MAX, -MAX
  };

  private static Entry atAll(Entry e, double... xs) {
    for (double x : xs) {
      e.at(x);
    }
    return e;
  }

  static {
    Oracle ones = (x, p) -> of(one(), one(), one());
    e(Elementary.ADD, "a + b")
        .oracle(ones).at(1e300, -1e-300).at(MAX, TINY)
        .special2(NAN, 1.0, 1.0, 1.0).special2(INF, 1.0, 1.0, 1.0);
    e(Elementary.SUBTRACT, "a - b")
        .oracle((x, p) -> of(one(), one().negate())).at(1e300, -1e-300).at(MAX, TINY)
        .special2(NAN, 1.0, 1.0, -1.0);
    e(Elementary.MULTIPLY, "a * b")
        .oracle((x, p) -> of(x[1], x[0])).at(1e300, 1e-300).at(1e-310, 1e300).at(MAX, 2.0)
        .special2(INF, 2.0, 2.0, INF).special2(NAN, 2.0, 2.0, NAN);
    e(Elementary.DIVIDE, "a / b")
        .oracle((x, p) -> of(one().divide(x[1]), x[0].divide(x[1].multiply(x[1])).negate()))
        .at(1e300, 1e-300).at(1e-300, 1e300).at(1.0, 1e154).at(3.0, 1e-155).at(1e300, 0.1)
        .at(-MAX, 3.0).at(TINY, 0.5).at(1e-300, 1e-300)
        .special2(1.0, 0.0, INF, Double.NEGATIVE_INFINITY).special2(INF, 2.0, 0.5, Double.NEGATIVE_INFINITY)
        .special2(2.0, INF, 0.0, 0.0).special2(NAN, 2.0, 0.5, NAN);
    Oracle truncated = (x, p) -> of(one(), quotient(p, RoundingMode.DOWN));
    e(Elementary.REMAINDER, "a % b")
        .oracle(truncated).at(1e300, 3.0).at(7.5, 1e-300).at(-1e-300, 1e300).at(5.3, TINY).at(-7.25, 2.0)
        .special2(NAN, 2.0, 1.0, NAN).special2(INF, 2.0, 1.0, NAN);
    e(Elementary.RECIPROCAL, "1.0 / a")
        .oracle((x, p) -> of(one().divide(x[0].multiply(x[0])).negate()));
    atAll(ENTRIES.get(Elementary.RECIPROCAL), 1e-300, 1e-150, 1e150, 1e300, 1e154, -1e-154, MIN_NORMAL, 1e-310, MAX)
        .special1(0.0, Double.NEGATIVE_INFINITY).special1(-0.0, Double.NEGATIVE_INFINITY)
        .special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    e(Elementary.NEGATE, "-a")
        .oracle((x, p) -> of(one().negate())).at(MAX).at(TINY).special1(NAN, -1.0).special1(INF, -1.0);
    e(Elementary.FMA, "Math.fma(a, b, c)")
        .oracle((x, p) -> of(x[1], x[0], one())).at(1e300, 1e-300, MAX).at(TINY, MAX, -1e300);
    atAll(e(Elementary.SQRT, "Math.sqrt(a)")
            .oracle((x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0].sqrt().multiply(2)))),
        WIDE_RANGE)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.CBRT, "Math.cbrt(a)")
            .oracle((x, p) -> of(one().divide(
                DfpMath.exp(DfpMath.log(x[0].abs()).multiply(2).divide(3)).multiply(3)))),
        WIDE_RANGE)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0)
        .special1(NAN, NAN);
    e(Elementary.HYPOT, "Math.hypot(a, b)")
        .oracle((x, p) -> {
          Dfp h = x[0].multiply(x[0]).add(x[1].multiply(x[1])).sqrt();
          return of(x[0].divide(h), x[1].divide(h));
        })
        .at(1e300, 1e300).at(1e-300, 1e-300).at(TINY, TINY).at(1e308, 1.5e308).at(MAX, MAX)
        .at(1e-300, 1e300).at(-3e-310, 4e-310).at(-1.3, 1e-170).at(1e200, -1e201)
        .special2(INF, 1.0, 1.0, 0.0).special2(Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.0)
        .special2(1.0, Double.NEGATIVE_INFINITY, 0.0, -1.0).special2(1.0, NAN, NAN, NAN)
        .special2(INF, NAN, NAN, NAN).special2(0.0, 0.0, NAN, NAN)
        .special2(INF, INF, Math.sqrt(0.5), Math.sqrt(0.5));
    e(Elementary.POW, "Math.pow(a, b)")
        .oracle(ExtremeArgumentsRulesTest::powPartials)
        .at(1e-300, 0.5).at(1e300, 1.0).at(1.0000001, 1e9).at(0.5, 1070.0).at(-2.0, 3.0).at(-1e100, 3.0)
        .at(1e-310, 2.0).at(10.0, 308.0).at(10.0, 309.0).at(10.0, -300.0).at(MAX, 0.5).at(TINY, -0.25)
        .special2(0.0, 2.0, 0.0, 0.0).special2(0.0, 0.5, INF, 0.0).special2(0.0, 1.0, 1.0, 0.0)
        .special2(0.0, 0.0, 0.0, Double.NEGATIVE_INFINITY).special2(NAN, 2.0, NAN, NAN)
        .special2(2.0, NAN, NAN, NAN).special2(NAN, 0.0, 0.0, NAN).special2(INF, 2.0, INF, INF);
    atAll(e(Elementary.EXP, "Math.exp(a)")
            .oracle((x, p) -> of(DfpMath.exp(x[0]))),
        -745.0, -700.0, 700.0, 709.7, 710.0, 1e-300, -1e-300, TINY)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    atAll(e(Elementary.EXPM1, "Math.expm1(a)")
            .oracle((x, p) -> of(DfpMath.exp(x[0]))),
        -30.0, -700.0, -745.0, 1e-300, 1e-20, 709.0, 710.0, -1.0000001, -0.9999, -1.0, TINY)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    Oracle reciprocalPositive = (x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0]));
    atAll(e(Elementary.LOG, "Math.log(a)").oracle(reciprocalPositive),
        TINY, 1e-308, 1e-300, 1e300, MAX, 1.0000000001, -1.0, -1e-300, -MAX)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.LOG1P, "Math.log1p(a)")
            .oracle((x, p) -> p[0] < -1 ? of((Dfp) null) : of(one().divide(one().add(x[0])))),
        -0.999999999999999, 1e-300, MAX, 1e300, -0.5, TINY, -1.0000000000000002, -2.0, -MAX)
        .special1(-1.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN).special1(NAN, NAN);
    atAll(e(Elementary.LOG10, "Math.log10(a)")
            .oracle((x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0].multiply(F.getLn10())))),
        MAX, 1e308, 1e-300, 3e-309, 1e-310, TINY, -1.0, 1.0000000001)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    double[] trig = {1e-300, TINY, 1e22, 1e300, -1e300, MAX, 1.5707963267948966, -3.141592653589793};
    atAll(e(Elementary.SIN, "Math.sin(a)")
            .oracle((x, p) -> of(DfpMath.cos(reduced(p[0])))), trig)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.COS, "Math.cos(a)")
            .oracle((x, p) -> of(DfpMath.sin(reduced(p[0])).negate())), trig)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.TAN, "Math.tan(a)")
            .oracle((x, p) -> {
              Dfp c = DfpMath.cos(reduced(p[0]));
              return of(one().divide(c.multiply(c)));
            }), trig)
        .special1(INF, NAN).special1(NAN, NAN);
    Oracle asin = (x, p) -> Math.abs(p[0]) > 1
        ? of((Dfp) null)
        : of(one().divide(one().subtract(x[0].multiply(x[0])).sqrt()));
    double[] unit = {0.9999999999999999, -0.9999999999999999, 0.9999999999, -0.9999999999, 0.5, 1e-300,
      TINY, 1.0000000000000002, -1.5, MAX};
    atAll(e(Elementary.ASIN, "Math.asin(a)").oracle(asin), unit)
        .special1(1.0, INF).special1(-1.0, INF).special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.ACOS, "Math.acos(a)")
            .oracle((x, p) -> {
              Dfp[] a = asin.partials(x, p);
              return of(a[0] == null ? null : a[0].negate());
            }), unit)
        .special1(1.0, Double.NEGATIVE_INFINITY).special1(-1.0, Double.NEGATIVE_INFINITY)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.ATAN, "Math.atan(a)")
            .oracle((x, p) -> of(one().divide(one().add(x[0].multiply(x[0]))))),
        1e154, 1e155, 1e300, MAX, 1e8, 1.00000001e8, 9.9999999e7, 1e-300, TINY, -1e160, 0.7, -3.5)
        .special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    e(Elementary.ATAN2, "Math.atan2(a, b)")
        .oracle((x, p) -> {
          Dfp r = x[0].multiply(x[0]).add(x[1].multiply(x[1]));
          return of(x[1].divide(r), x[0].divide(r).negate());
        })
        .at(1e300, 1e300).at(1e-170, 1e-170).at(1e-300, 1e300).at(1e300, -1e-300).at(MAX, MAX)
        .at(TINY, TINY).at(3e-160, 4e-160).at(1.0, 1e-320).at(-2e-200, 5e-201).at(1e170, -1e169)
        .special2(0.0, 0.0, NAN, NAN).special2(1.0, INF, 0.0, 0.0).special2(INF, 1.0, 0.0, 0.0)
        .special2(NAN, 1.0, NAN, NAN).special2(1.0, NAN, NAN, NAN).special2(INF, INF, 0.0, 0.0);
    e(Elementary.TO_RADIANS, "Math.toRadians(a)")
        .oracle((x, p) -> of(F.getPi().divide(180))).at(MAX).at(TINY).at(-1e300)
        .special1(NAN, Math.toRadians(1.0)).special1(INF, Math.toRadians(1.0));
    e(Elementary.TO_DEGREES, "Math.toDegrees(a)")
        .oracle((x, p) -> of(d(180).divide(F.getPi()))).at(1e300).at(TINY).at(-1e-300)
        .special1(NAN, Math.toDegrees(1.0));
    atAll(e(Elementary.SINH, "Math.sinh(a)")
            .oracle((x, p) -> of(cosh(x[0]))),
        710.0, 711.0, -711.0, 1e-300, TINY, -700.0, 0.3, -25.0)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, INF).special1(NAN, NAN);
    atAll(e(Elementary.COSH, "Math.cosh(a)")
            .oracle((x, p) -> of(sinh(x[0]))),
        710.0, -710.0, 712.0, 1e-300, TINY, -1e-310, 0.3, -25.0)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)
        .special1(0.0, 0.0).special1(NAN, NAN);
    atAll(e(Elementary.TANH, "Math.tanh(a)")
            .oracle((x, p) -> {
              Dfp c = cosh(x[0]);
              return of(one().divide(c.multiply(c)));
            }),
        12.0, 18.0, 20.0, -18.0, 0.49, 0.5, 0.51, -0.7, 1.0, 2.5, 100.0, 350.0, 360.0, 380.0, 1e-300, TINY)
        .special1(1e300, 0.0).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    String fm = "org.hipparchus.util.FastMath.";
    atAll(e(Elementary.ASINH, fm + "asinh(a)")
            .oracle((x, p) -> of(one().divide(one().add(x[0].multiply(x[0])).sqrt()))),
        WIDE_RANGE)
        .at(99999999.0).at(100000001.0).at(-2.5)
        .special1(0.0, 1.0).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0)
        .special1(NAN, NAN);
    atAll(e(Elementary.ACOSH, fm + "acosh(a)")
            .oracle((x, p) -> p[0] < 1 ? of((Dfp) null)
                : of(one().divide(x[0].multiply(x[0]).subtract(one()).sqrt()))),
        1.0000000000000002, 1.1, 2.0, 3.5, 99999999.0, 100000001.0, 1e20, 1e300, MAX,
        0.9999999999999999, 0.5, -2.0, 1e-300, -MAX)
        .special1(1.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.ATANH, fm + "atanh(a)")
            .oracle((x, p) -> Math.abs(p[0]) > 1 ? of((Dfp) null)
                : of(one().divide(one().subtract(x[0].multiply(x[0]))))),
        TINY, -TINY, 1e-310, 1e-300, 1e-20, 0.3, -0.49, 0.5, 0.51, 0.9, -0.999999999999,
        0.9999999999999999, -0.9999999999999999, 1.0000000000000002, 2.0, -MAX)
        .special1(1.0, INF).special1(-1.0, INF).special1(INF, NAN).special1(NAN, NAN);
    e(Elementary.LOG_BASE, fm + "log(a, b)")
        .oracle((x, p) -> {
          if (p[0] < 0 || p[1] < 0) {
            return of(null, null);
          }
          Dfp lb = DfpMath.log(x[0]);
          Dfp lx = DfpMath.log(x[1]);
          return of(lx.negate().divide(x[0].multiply(lb).multiply(lb)), one().divide(x[1].multiply(lb)));
        })
        .at(2.0, 8.0).at(0.5, 3.0).at(10.0, 1e300).at(10.0, MAX).at(1e300, 1e-300).at(2.0, TINY)
        .at(1e300, 2.0).at(1e-300, 5.0).at(MAX, 1e-300).at(-2.0, 3.0).at(3.0, -1.0)
        .special2(NAN, 2.0, NAN, NAN).special2(2.0, NAN, NAN, NAN)
        .special2(2.0, 0.0, INF, INF).special2(2.0, INF, Double.NEGATIVE_INFINITY, 0.0);
    atAll(e(Elementary.ABS, "Math.abs(a)")
            .oracle((x, p) -> of(p[0] > 0 ? one() : one().negate())),
        1e-300, -TINY, MAX, -MAX)
        .special1(0.0, 1.0).special1(-0.0, -1.0).special1(INF, 1.0).special1(Double.NEGATIVE_INFINITY, -1.0)
        .special1(NAN, NAN);
    e(Elementary.COPY_SIGN, "Math.copySign(a, b)")
        .oracle((x, p) -> of(Math.signum(p[0]) == Math.signum(p[1]) ? one() : one().negate(), null))
        .at(1e300, -1.0).at(-TINY, 2.0).at(MAX, MAX)
        .special2(0.0, -0.0, -1.0, 0.0).special2(NAN, 1.0, NAN, 0.0).special2(INF, -1.0, -1.0, 0.0);
    e(Elementary.MIN, "Math.min(a, b)")
        .oracle((x, p) -> p[0] < p[1] ? of(one(), d(0)) : of(d(0), one()))
        .at(1e-300, TINY).at(-MAX, MAX).at(INF, 1.0)
        .special2(0.0, -0.0, 1.0, 0.0).special2(2.0, 2.0, 1.0, 0.0).special2(NAN, 1.0, 0.0, 1.0)
        .special2(1.0, NAN, 0.0, 1.0);
    e(Elementary.MAX, "Math.max(a, b)")
        .oracle((x, p) -> p[0] > p[1] ? of(one(), d(0)) : of(d(0), one()))
        .at(1e-300, TINY).at(-MAX, MAX).at(INF, 1.0)
        .special2(0.0, -0.0, 1.0, 0.0).special2(2.0, 2.0, 1.0, 0.0).special2(NAN, 1.0, 0.0, 1.0)
        .special2(1.0, NAN, 0.0, 1.0);
    e(Elementary.IEEE_REMAINDER, "Math.IEEEremainder(a, b)")
        .oracle((x, p) -> of(one(), quotient(p, RoundingMode.HALF_EVEN)))
        .at(1e300, 3.0).at(7.5, 1e-300).at(-1e-300, 1e300).at(5.3, TINY).at(-7.25, 2.0).at(5.0, 2.0)
        .special2(NAN, 2.0, 1.0, NAN).special2(INF, 2.0, 1.0, NAN);
    Oracle identity = (x, p) -> of(one(), null);
    e(Elementary.NEXT_UP, "Math.nextUp(a)")
        .oracle(identity).at(MAX).at(TINY).at(-TINY).special1(NAN, 1.0).special1(INF, 1.0);
    e(Elementary.NEXT_DOWN, "Math.nextDown(a)")
        .oracle(identity).at(-MAX).at(TINY).special1(NAN, 1.0).special1(Double.NEGATIVE_INFINITY, 1.0);
    e(Elementary.NEXT_AFTER, "Math.nextAfter(a, b)")
        .oracle(identity).at(MAX, INF).at(TINY, -1.0).special2(NAN, 1.0, 1.0, 0.0);
    e(Elementary.SCALB, "Math.scalb(a, b)")
        .oracle((x, p) -> of(DfpMath.pow(d(2), (int) p[1]), null))
        .at(1.0, 1023).at(1.0, 1024).at(1e300, -1074).at(1.0, -1074).at(1.0, -1075).at(MAX, -2000)
        .special2(NAN, 3, 8.0, 0.0).special2(INF, 3, 8.0, 0.0);
    for (Elementary fn : new Elementary[] {
        Elementary.SIGNUM, Elementary.FLOOR, Elementary.CEIL, Elementary.RINT, Elementary.ULP}) {
      String name = fn.symbol();
      e(fn, "Math." + name + "(a)")
          .oracle((x, p) -> of(d(0)))
          .at(MAX).at(TINY).at(-1e300).special1(0.0, 0.0).special1(NAN, 0.0).special1(INF, 0.0);
    }
  }

  // ------------------------------------------------------------------------------------ oracle

  /** −n for the quotient n = u / w rounded as given (exactly, in BigDecimal), as a Dfp. */
  private static Dfp quotient(double[] p, RoundingMode mode) {
    BigDecimal q = new BigDecimal(p[0]).divide(new BigDecimal(p[1]), 0, mode).negate();
    return decimal(q);
  }

  /** x·y, the exact partials of pow: w·u^(w−1) and u^w·ln u (only for u > 0). */
  private static Dfp[] powPartials(Dfp[] x, double[] p) {
    double u = p[0];
    double w = p[1];
    Dfp absPow = DfpMath.exp(DfpMath.log(x[0].abs()).multiply(x[1].subtract(1)));
    if (u < 0) {
      if (w != Math.rint(w)) {
        return of(null, null);
      }
      boolean odd = Math.abs(w - 1) % 2 == 1;
      Dfp power = odd ? absPow.negate() : absPow;
      return of(x[1].multiply(power), null);
    }
    Dfp value = DfpMath.exp(DfpMath.log(x[0]).multiply(x[1]));
    return of(x[1].multiply(absPow), value.multiply(DfpMath.log(x[0])));
  }

  private static Dfp cosh(Dfp x) {
    return DfpMath.exp(x).add(DfpMath.exp(x.negate())).divide(2);
  }

  private static Dfp sinh(Dfp x) {
    if (x.abs().lessThan(d(1e-10))) {
      // x + x³/6; the next term, x⁵/120, is below the 40 digits
      return x.add(x.multiply(x).multiply(x).divide(6));
    }
    return DfpMath.exp(x).subtract(DfpMath.exp(x.negate())).divide(2);
  }

  /** x reduced modulo 2π with a 420-digit π, as a 40-digit Dfp. */
  private static Dfp reduced(double x) {
    BigDecimal twoPi = PI.multiply(BigDecimal.valueOf(2));
    BigDecimal b = new BigDecimal(x);
    BigDecimal n = b.divide(twoPi, WIDE).setScale(0, RoundingMode.FLOOR);
    BigDecimal r = b.subtract(twoPi.multiply(n), WIDE);
    return decimal(r);
  }

  /** A BigDecimal as a Dfp, through a short scientific string that Dfp parses. */
  private static Dfp decimal(BigDecimal b) {
    BigDecimal r = b.round(new MathContext(40));
    if (r.signum() == 0) {
      return d(0);
    }
    String digits = r.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - r.scale();
    return F.newDfp((r.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1) + "e" + exponent);
  }

  private static BigDecimal machinPi() {
    return arctanInverse(5).multiply(BigDecimal.valueOf(16))
        .subtract(arctanInverse(239).multiply(BigDecimal.valueOf(4)), WIDE);
  }

  /** atan(1/k) by its Taylor series. */
  private static BigDecimal arctanInverse(int k) {
    BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(k), WIDE);
    BigDecimal x2 = x.multiply(x, WIDE);
    BigDecimal term = x;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal eps = BigDecimal.ONE.movePointLeft(430);
    for (int n = 0; term.abs().compareTo(eps) > 0; n++) {
      BigDecimal t = term.divide(BigDecimal.valueOf(2L * n + 1), WIDE);
      sum = n % 2 == 0 ? sum.add(t, WIDE) : sum.subtract(t, WIDE);
      term = term.multiply(x2, WIDE);
    }
    return sum;
  }

  // ------------------------------------------------------------------------------ the checks

  private static Class<?> generated;

  /** Argument indices with a partial (or both, for min and max; argument 0 for piecewise constants). */
  private static List<Integer> activeArguments(Elementary fn) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fn.arity(); i++) {
      boolean has = switch (TangentTable.of(fn).kind()) {
        case LINEAR -> TangentTable.of(fn).partial(i) != null;
        case SELECT -> true;
        case ZERO -> i == 0;
      };
      if (has) {
        out.add(i);
      }
    }
    return out;
  }

  private static String methodName(Elementary fn, int active) {
    return fn.name().toLowerCase() + "_" + active;
  }

  private static Class<?> inactiveType(Elementary fn, int j) {
    return fn == Elementary.SCALB && j == 1 ? int.class : Double.class;
  }

  @BeforeAll
  static void compileTable() {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import org.dualj.annotations.Differentiable;");
    lines.add("class Extremes {");
    for (Entry e : ENTRIES.values()) {
      for (int i : activeArguments(e.fn)) {
        StringBuilder params = new StringBuilder();
        for (int j = 0; j < e.fn.arity(); j++) {
          if (j > 0) {
            params.append(", ");
          }
          String type = j == i ? "double" : inactiveType(e.fn, j).getSimpleName();
          params.append(type).append(' ').append((char) ('a' + j));
        }
        lines.add("  @Differentiable static double " + methodName(e.fn, i) + "(" + params + ") {");
        lines.add("    return " + e.java + ";");
        lines.add("  }");
      }
    }
    lines.add("}");
    Compilation c = Compilations.compile(Compilations.source("Extremes", lines.toArray(String[]::new)));
    assertThat(c).succeeded();
    for (var w : c.warnings()) {
      assertWithMessage("warning").that(w.getMessage(null)).startsWith("[DiffAlwaysZero]");
    }
    generated = new CompiledClasses(c).load("test.ExtremesDerivatives");
    if (System.getenv("DUMP_EXTREMES") != null) {
      try {
        System.out.println(c.generatedSourceFile("test.ExtremesDerivatives").get().getCharContent(true));
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
  }

  @Test
  void everyTableEntryHasExtremePoints() {
    for (Elementary fn : Elementary.values()) {
      Entry e = ENTRIES.get(fn);
      assertWithMessage("table entry %s has no extreme test points", fn).that(e).isNotNull();
      assertWithMessage("table entry %s has no finite extreme points", fn).that(e.finite).isNotEmpty();
      assertWithMessage("table entry %s has no oracle", fn).that(e.oracle).isNotNull();
    }
  }

  @Test
  void everyFollowerGivesTheExactPartialAtExtremeArguments() throws Exception {
    List<String> failures = new ArrayList<>();
    Map<Elementary, Double> worst = new EnumMap<>(Elementary.class);
    for (Entry e : ENTRIES.values()) {
      for (double[] point : e.finite) {
        Dfp[] x = new Dfp[point.length];
        for (int j = 0; j < point.length; j++) {
          x[j] = d(point[j]);
        }
        Dfp[] exact = e.oracle.partials(x, point);
        for (int i : activeArguments(e.fn)) {
          check(e, point, i, false, exact[i], Double.NaN, failures, worst);
        }
      }
      for (Special s : e.special) {
        for (int i : activeArguments(e.fn)) {
          check(e, s.point(), i, true, null, s.partials()[i], failures, worst);
        }
      }
    }
    StringBuilder report = new StringBuilder();
    worst.forEach((fn, err) -> report.append(String.format("%n  %-15s max relative error %.2e", fn, err)));
    System.out.println("ExtremeArgumentsRulesTest:" + report);
    assertWithMessage("failures:\n%s", String.join("\n", failures)).that(failures.size()).isEqualTo(0);
  }

  /**
   * Checks the four followers along argument {@code i} at {@code point}, against {@code exact}
   * (null: the partial does not exist, NaN expected) or, for a special point, against
   * {@code conventional}.
   */
  private static void check(
      Entry e, double[] point, int i, boolean special, Dfp exact, double conventional,
      List<String> failures, Map<Elementary, Double> worst) throws Exception {
    Map<String, Double> got = new java.util.LinkedHashMap<>();
    got.put("generated", generatedScalar(e, point, i, 1.0));
    DualVector lanes = generatedLanes(e, point, i);
    got.put("lane 0", lanes.tangent(0));
    got.put("Dual", runtime(e, point, i));
    got.put("DualVector lane 0", runtimeVector(e, point, i).tangent(0));
    double secondLane = generatedScalar(e, point, i, -0.5);
    if (Double.compare(lanes.tangent(1), secondLane) != 0 && !(lanes.tangent(1) == secondLane)) {
      failures.add(String.format("%s along %d at %s: lane 1 %s, scalar with tangent -0.5 %s",
          e.fn, i, java.util.Arrays.toString(point), lanes.tangent(1), secondLane));
    }
    for (Map.Entry<String, Double> g : got.entrySet()) {
      String problem;
      if (special) {
        problem = compareConventional(g.getValue(), conventional);
      } else {
        problem = compareExact(g.getValue(), exact, e.fn, worst);
      }
      if (problem != null) {
        failures.add(String.format("%s along argument %d at %s: %s %s", e.fn, i,
            java.util.Arrays.toString(point), g.getKey(), problem));
      }
    }
  }

  private static String compareConventional(double got, double expected) {
    if (Double.isNaN(expected)) {
      return Double.isNaN(got) ? null : "gives " + got + ", expected NaN";
    }
    if (Double.isInfinite(expected) || expected == 0.0) {
      return got == expected ? null : "gives " + got + ", expected " + expected;
    }
    double error = Math.abs(got - expected) / Math.abs(expected);
    return error <= 1e-15 ? null : "gives " + got + ", expected " + expected;
  }

  private static String compareExact(double got, Dfp exact, Elementary fn, Map<Elementary, Double> worst) {
    if (exact == null) {
      return Double.isNaN(got) ? null : "gives " + got + " where the derivative does not exist (NaN expected)";
    }
    Dfp limit = d(MAX).add(d(Math.ulp(MAX) / 2));
    if (exact.abs().greaterThan(limit)) {
      double inf = exact.lessThan(d(0)) ? Double.NEGATIVE_INFINITY : INF;
      return got == inf ? null : "gives " + got + ", expected " + inf + " (exact " + exact + ")";
    }
    if (Double.isNaN(got) || Double.isInfinite(got)) {
      return "gives " + got + ", expected " + exact;
    }
    Dfp error = d(got).subtract(exact).abs();
    Dfp tolerance = exact.abs().multiply(d(1e-13)).add(d(8 * TINY));
    if (!exact.isZero()) {
      double relative = error.divide(exact.abs()).toDouble();
      if (exact.abs().greaterThan(d(MIN_NORMAL))) {
        worst.merge(fn, relative, Math::max);
      }
    }
    return error.greaterThan(tolerance)
        ? "gives " + got + ", expected " + exact + " (relative error "
            + error.divide(exact.isZero() ? one() : exact.abs()).toDouble() + ")"
        : null;
  }

  // --------------------------------------------------------------------- running the followers

  private static double generatedScalar(Entry e, double[] point, int i, double seed) throws Exception {
    int n = e.fn.arity();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    for (int j = 0; j < n; j++) {
      if (j == i) {
        types[j] = Dual.class;
        args[j] = Dual.of(point[j], seed);
      } else {
        types[j] = inactiveType(e.fn, j);
        args[j] = types[j] == int.class ? (Object) (int) point[j] : (Object) point[j];
      }
    }
    Method m = generated.getMethod(methodName(e.fn, i), types);
    return ((Dual) m.invoke(null, args)).tangent();
  }

  private static DualVector generatedLanes(Entry e, double[] point, int i) throws Exception {
    int n = e.fn.arity();
    Class<?>[] types = new Class<?>[n];
    Object[] args = new Object[n];
    for (int j = 0; j < n; j++) {
      if (j == i) {
        types[j] = DualVector.class;
        args[j] = DualVector.of(point[j], 1.0, -0.5);
      } else {
        types[j] = inactiveType(e.fn, j);
        args[j] = types[j] == int.class ? (Object) (int) point[j] : (Object) point[j];
      }
    }
    return (DualVector) generated.getMethod(methodName(e.fn, i), types).invoke(null, args);
  }

  /**
   * {@link Dual} with the same activity: argument {@code i} active, the others constants, through
   * the overloads with a {@code double} where there are (see {@link RuntimeFollowers}).
   */
  private static double runtime(Entry e, double[] point, int i) {
    return RuntimeFollowers.dual(e.fn, runtimeArgs(e, point, i, Dual.of(point[i], 1.0))).tangent();
  }

  /** {@link DualVector} with one lane, as {@link #runtime}. */
  private static DualVector runtimeVector(Entry e, double[] point, int i) {
    return RuntimeFollowers.vector(e.fn, 1, runtimeArgs(e, point, i, DualVector.of(point[i], 1.0)));
  }

  private static Object[] runtimeArgs(Entry e, double[] point, int i, Object active) {
    Object[] args = new Object[point.length];
    for (int j = 0; j < point.length; j++) {
      args[j] = j == i ? active : inactiveType(e.fn, j) == int.class ? (Object) (int) point[j] : (Object) point[j];
    }
    return args;
  }
}
