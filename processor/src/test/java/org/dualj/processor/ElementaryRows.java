package org.dualj.processor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Elementary;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;

/**
 * The test row of every elementary function, shared by the rule tests: its Java form, ordinary
 * points ({@code TangentTableRulesTest}: generated code for every pattern of active arguments
 * against {@code Dual} and Richardson differences), and its exact partials as a 40-digit {@link
 * Dfp} oracle with extreme and special points ({@code ExtremeArgumentsRulesTest}). A new function
 * of the tangent table needs one row here; both tests fail for a function without one.
 */
final class ElementaryRows {
  private ElementaryRows() {}

  /** A point: the arguments' values. */
  static double[] p(double... xs) {
    return xs;
  }

  static final double INF = Double.POSITIVE_INFINITY;
  static final double NAN = Double.NaN;
  static final double MAX = Double.MAX_VALUE;
  static final double TINY = Double.MIN_VALUE;
  static final double MIN_NORMAL = Double.MIN_NORMAL;

  static final DfpField F = new DfpField(40);
  static final MathContext WIDE = new MathContext(420);
  /** π to 420 digits by Machin's formula, for reducing huge arguments of sin, cos and tan. */
  static final BigDecimal PI = machinPi();

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
    /** Ordinary points, inside the domain and away from kinks. */
    final List<double[]> ordinary = new ArrayList<>();
    final List<double[]> finite = new ArrayList<>();
    final List<Special> special = new ArrayList<>();

    Entry(Elementary fn, String java) {
      this.fn = fn;
      this.java = java;
    }

    Entry ordinary(double[]... points) {
      ordinary.addAll(List.of(points));
      return this;
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

  static final Map<Elementary, Entry> ENTRIES = new EnumMap<>(Elementary.class);

  static Entry e(Elementary fn, String java) {
    Entry e = new Entry(fn, java);
    ENTRIES.put(fn, e);
    return e;
  }

  static Dfp d(double x) {
    return F.newDfp(x);
  }

  static Dfp one() {
    return F.getOne();
  }

  static Dfp[] of(Dfp... partials) {
    return partials;
  }

  /** Points shared by smooth unary functions defined on the whole line (subnormal to huge). */
  static final double[] WIDE_RANGE = {
    TINY, -TINY, 1e-310, MIN_NORMAL, 1e-300, -1e-300, 1e-150, 1e-20, 0.7, -3.5, 1e20, 1e150, 1e300,
    -1e300, MAX, -MAX
  };

  static Entry atAll(Entry e, double... xs) {
    for (double x : xs) {
      e.at(x);
    }
    return e;
  }

  static {
    Oracle ones = (x, p) -> of(one(), one(), one());
    e(Elementary.ADD, "a + b").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle(ones).at(1e300, -1e-300).at(MAX, TINY)
        .special2(NAN, 1.0, 1.0, 1.0).special2(INF, 1.0, 1.0, 1.0);
    e(Elementary.SUBTRACT, "a - b").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> of(one(), one().negate())).at(1e300, -1e-300).at(MAX, TINY)
        .special2(NAN, 1.0, 1.0, -1.0);
    e(Elementary.MULTIPLY, "a * b").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> of(x[1], x[0])).at(1e300, 1e-300).at(1e-310, 1e300).at(MAX, 2.0)
        .special2(INF, 2.0, 2.0, INF).special2(NAN, 2.0, 2.0, NAN);
    e(Elementary.DIVIDE, "a / b").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> of(one().divide(x[1]), x[0].divide(x[1].multiply(x[1])).negate()))
        .at(1e300, 1e-300).at(1e-300, 1e300).at(1.0, 1e154).at(3.0, 1e-155).at(1e300, 0.1)
        .at(-MAX, 3.0).at(TINY, 0.5).at(1e-300, 1e-300)
        .special2(1.0, 0.0, INF, Double.NEGATIVE_INFINITY).special2(INF, 2.0, 0.5, Double.NEGATIVE_INFINITY)
        .special2(2.0, INF, 0.0, 0.0).special2(NAN, 2.0, 0.5, NAN);
    Oracle truncated = (x, p) -> of(one(), quotient(p, RoundingMode.DOWN));
    e(Elementary.REMAINDER, "a % b").ordinary(p(7.3, 2.0), p(-5.3, 1.5))
        .oracle(truncated).at(1e300, 3.0).at(7.5, 1e-300).at(-1e-300, 1e300).at(5.3, TINY).at(-7.25, 2.0)
        .special2(NAN, 2.0, 1.0, NAN).special2(INF, 2.0, 1.0, NAN);
    e(Elementary.RECIPROCAL, "1.0 / a").ordinary(p(1.3), p(-0.4), p(5.5))
        .oracle((x, p) -> of(one().divide(x[0].multiply(x[0])).negate()));
    atAll(ENTRIES.get(Elementary.RECIPROCAL), 1e-300, 1e-150, 1e150, 1e300, 1e154, -1e-154, MIN_NORMAL, 1e-310, MAX)
        .special1(0.0, Double.NEGATIVE_INFINITY).special1(-0.0, Double.NEGATIVE_INFINITY)
        .special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    e(Elementary.NEGATE, "-a").ordinary(p(1.3), p(-2.5))
        .oracle((x, p) -> of(one().negate())).at(MAX).at(TINY).special1(NAN, -1.0).special1(INF, -1.0);
    e(Elementary.FMA, "Math.fma(a, b, c)").ordinary(p(1.3, -0.4, 2.0), p(-2.0, 5.5, -1.0))
        .oracle((x, p) -> of(x[1], x[0], one())).at(1e300, 1e-300, MAX).at(TINY, MAX, -1e300);
    atAll(e(Elementary.SQRT, "Math.sqrt(a)").ordinary(p(0.3), p(2.0), p(17.0))
            .oracle((x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0].sqrt().multiply(2)))),
        WIDE_RANGE)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.CBRT, "Math.cbrt(a)").ordinary(p(0.3), p(-2.0), p(17.0))
            .oracle((x, p) -> of(one().divide(
                DfpMath.exp(DfpMath.log(x[0].abs()).multiply(2).divide(3)).multiply(3)))),
        WIDE_RANGE)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0)
        .special1(NAN, NAN);
    e(Elementary.HYPOT, "Math.hypot(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
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
    e(Elementary.POW, "Math.pow(a, b)").ordinary(p(1.3, -0.4), p(2.5, 1.7), p(0.4, 3.0))
        .oracle(ElementaryRows::powPartials)
        .at(1e-300, 0.5).at(1e300, 1.0).at(1.0000001, 1e9).at(0.5, 1070.0).at(-2.0, 3.0).at(-1e100, 3.0)
        .at(1e-310, 2.0).at(10.0, 308.0).at(10.0, 309.0).at(10.0, -300.0).at(MAX, 0.5).at(TINY, -0.25)
        .special2(0.0, 2.0, 0.0, 0.0).special2(0.0, 0.5, INF, 0.0).special2(0.0, 1.0, 1.0, 0.0)
        .special2(0.0, 0.0, 0.0, Double.NEGATIVE_INFINITY).special2(NAN, 2.0, NAN, NAN)
        .special2(2.0, NAN, NAN, NAN).special2(NAN, 0.0, 0.0, NAN).special2(INF, 2.0, INF, INF);
    atAll(e(Elementary.EXP, "Math.exp(a)").ordinary(p(0.3), p(-2.0), p(3.0))
            .oracle((x, p) -> of(DfpMath.exp(x[0]))),
        -745.0, -700.0, 700.0, 709.7, 710.0, 1e-300, -1e-300, TINY)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    atAll(e(Elementary.EXPM1, "Math.expm1(a)").ordinary(p(1e-3), p(-2.0), p(3.0))
            .oracle((x, p) -> of(DfpMath.exp(x[0]))),
        -30.0, -700.0, -745.0, 1e-300, 1e-20, 709.0, 710.0, -1.0000001, -0.9999, -1.0, TINY)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    Oracle reciprocalPositive = (x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0]));
    atAll(e(Elementary.LOG, "Math.log(a)").ordinary(p(0.3), p(1.0), p(7.5)).oracle(reciprocalPositive),
        TINY, 1e-308, 1e-300, 1e300, MAX, 1.0000000001, -1.0, -1e-300, -MAX)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.LOG1P, "Math.log1p(a)").ordinary(p(-0.5), p(1e-3), p(7.5))
            .oracle((x, p) -> p[0] < -1 ? of((Dfp) null) : of(one().divide(one().add(x[0])))),
        -0.999999999999999, 1e-300, MAX, 1e300, -0.5, TINY, -1.0000000000000002, -2.0, -MAX)
        .special1(-1.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN).special1(NAN, NAN);
    atAll(e(Elementary.LOG10, "Math.log10(a)").ordinary(p(0.3), p(1.0), p(75.0))
            .oracle((x, p) -> p[0] < 0 ? of((Dfp) null) : of(one().divide(x[0].multiply(F.getLn10())))),
        MAX, 1e308, 1e-300, 3e-309, 1e-310, TINY, -1.0, 1.0000000001)
        .special1(0.0, INF).special1(-0.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    double[] trig = {1e-300, TINY, 1e22, 1e300, -1e300, MAX, 1.5707963267948966, -3.141592653589793};
    atAll(e(Elementary.SIN, "Math.sin(a)").ordinary(p(0.3), p(-2.0), p(3.0))
            .oracle((x, p) -> of(DfpMath.cos(reduced(p[0])))), trig)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.COS, "Math.cos(a)").ordinary(p(0.3), p(-2.0), p(3.0))
            .oracle((x, p) -> of(DfpMath.sin(reduced(p[0])).negate())), trig)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.TAN, "Math.tan(a)").ordinary(p(0.3), p(-1.2), p(1.0))
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
    atAll(e(Elementary.ASIN, "Math.asin(a)").ordinary(p(-0.7), p(0.1), p(0.6)).oracle(asin), unit)
        .special1(1.0, INF).special1(-1.0, INF).special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.ACOS, "Math.acos(a)").ordinary(p(-0.7), p(0.1), p(0.6))
            .oracle((x, p) -> {
              Dfp[] a = asin.partials(x, p);
              return of(a[0] == null ? null : a[0].negate());
            }), unit)
        .special1(1.0, Double.NEGATIVE_INFINITY).special1(-1.0, Double.NEGATIVE_INFINITY)
        .special1(INF, NAN).special1(NAN, NAN);
    atAll(e(Elementary.ATAN, "Math.atan(a)").ordinary(p(-3.0), p(0.1), p(0.6))
            .oracle((x, p) -> of(one().divide(one().add(x[0].multiply(x[0]))))),
        1e154, 1e155, 1e300, MAX, 1e8, 1.00000001e8, 9.9999999e7, 1e-300, TINY, -1e160, 0.7, -3.5)
        .special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    e(Elementary.ATAN2, "Math.atan2(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> {
          Dfp r = x[0].multiply(x[0]).add(x[1].multiply(x[1]));
          return of(x[1].divide(r), x[0].divide(r).negate());
        })
        .at(1e300, 1e300).at(1e-170, 1e-170).at(1e-300, 1e300).at(1e300, -1e-300).at(MAX, MAX)
        .at(TINY, TINY).at(3e-160, 4e-160).at(1.0, 1e-320).at(-2e-200, 5e-201).at(1e170, -1e169)
        .special2(0.0, 0.0, NAN, NAN).special2(1.0, INF, 0.0, 0.0).special2(INF, 1.0, 0.0, 0.0)
        .special2(NAN, 1.0, NAN, NAN).special2(1.0, NAN, NAN, NAN).special2(INF, INF, 0.0, 0.0);
    e(Elementary.TO_RADIANS, "Math.toRadians(a)").ordinary(p(30.0), p(-2.0))
        .oracle((x, p) -> of(F.getPi().divide(180))).at(MAX).at(TINY).at(-1e300)
        .special1(NAN, Math.toRadians(1.0)).special1(INF, Math.toRadians(1.0));
    e(Elementary.TO_DEGREES, "Math.toDegrees(a)").ordinary(p(0.3), p(-2.0))
        .oracle((x, p) -> of(d(180).divide(F.getPi()))).at(1e300).at(TINY).at(-1e-300)
        .special1(NAN, Math.toDegrees(1.0));
    atAll(e(Elementary.SINH, "Math.sinh(a)").ordinary(p(0.3), p(-2.0))
            .oracle((x, p) -> of(cosh(x[0]))),
        710.0, 711.0, -711.0, 1e-300, TINY, -700.0, 0.3, -25.0)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, INF).special1(NAN, NAN);
    atAll(e(Elementary.COSH, "Math.cosh(a)").ordinary(p(0.3), p(-2.0))
            .oracle((x, p) -> of(sinh(x[0]))),
        710.0, -710.0, 712.0, 1e-300, TINY, -1e-310, 0.3, -25.0)
        .special1(INF, INF).special1(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)
        .special1(0.0, 0.0).special1(NAN, NAN);
    atAll(e(Elementary.TANH, "Math.tanh(a)").ordinary(p(0.3), p(-2.0))
            .oracle((x, p) -> {
              Dfp c = cosh(x[0]);
              return of(one().divide(c.multiply(c)));
            }),
        12.0, 18.0, 20.0, -18.0, 0.49, 0.5, 0.51, -0.7, 1.0, 2.5, 100.0, 350.0, 360.0, 380.0, 1e-300, TINY)
        .special1(1e300, 0.0).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0).special1(NAN, NAN);
    String fm = "org.hipparchus.util.FastMath.";
    atAll(e(Elementary.ASINH, fm + "asinh(a)").ordinary(p(0.3), p(-2.0), p(15.0))
            .oracle((x, p) -> of(one().divide(one().add(x[0].multiply(x[0])).sqrt()))),
        WIDE_RANGE)
        .at(99999999.0).at(100000001.0).at(-2.5)
        .special1(0.0, 1.0).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, 0.0)
        .special1(NAN, NAN);
    atAll(e(Elementary.ACOSH, fm + "acosh(a)").ordinary(p(1.3), p(2.5), p(40.0))
            .oracle((x, p) -> p[0] < 1 ? of((Dfp) null)
                : of(one().divide(x[0].multiply(x[0]).subtract(one()).sqrt()))),
        1.0000000000000002, 1.1, 2.0, 3.5, 99999999.0, 100000001.0, 1e20, 1e300, MAX,
        0.9999999999999999, 0.5, -2.0, 1e-300, -MAX)
        .special1(1.0, INF).special1(INF, 0.0).special1(Double.NEGATIVE_INFINITY, NAN)
        .special1(NAN, NAN);
    atAll(e(Elementary.ATANH, fm + "atanh(a)").ordinary(p(0.3), p(-0.7), p(0.95))
            .oracle((x, p) -> Math.abs(p[0]) > 1 ? of((Dfp) null)
                : of(one().divide(one().subtract(x[0].multiply(x[0]))))),
        TINY, -TINY, 1e-310, 1e-300, 1e-20, 0.3, -0.49, 0.5, 0.51, 0.9, -0.999999999999,
        0.9999999999999999, -0.9999999999999999, 1.0000000000000002, 2.0, -MAX)
        .special1(1.0, INF).special1(-1.0, INF).special1(INF, NAN).special1(NAN, NAN);
    e(Elementary.LOG_BASE, fm + "log(a, b)").ordinary(p(2.0, 8.0), p(10.0, 0.3), p(0.5, 7.5))
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
    atAll(e(Elementary.ABS, "Math.abs(a)").ordinary(p(0.3), p(-2.0))
            .oracle((x, p) -> of(p[0] > 0 ? one() : one().negate())),
        1e-300, -TINY, MAX, -MAX)
        .special1(0.0, 1.0).special1(-0.0, -1.0).special1(INF, 1.0).special1(Double.NEGATIVE_INFINITY, -1.0)
        .special1(NAN, NAN);
    e(Elementary.COPY_SIGN, "Math.copySign(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> of(Math.signum(p[0]) == Math.signum(p[1]) ? one() : one().negate(), null))
        .at(1e300, -1.0).at(-TINY, 2.0).at(MAX, MAX)
        .special2(0.0, -0.0, -1.0, 0.0).special2(NAN, 1.0, NAN, 0.0).special2(INF, -1.0, -1.0, 0.0);
    e(Elementary.MIN, "Math.min(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> p[0] < p[1] ? of(one(), d(0)) : of(d(0), one()))
        .at(1e-300, TINY).at(-MAX, MAX).at(INF, 1.0)
        .special2(0.0, -0.0, 1.0, 0.0).special2(2.0, 2.0, 1.0, 0.0).special2(NAN, 1.0, 0.0, 1.0)
        .special2(1.0, NAN, 0.0, 1.0);
    e(Elementary.MAX, "Math.max(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle((x, p) -> p[0] > p[1] ? of(one(), d(0)) : of(d(0), one()))
        .at(1e-300, TINY).at(-MAX, MAX).at(INF, 1.0)
        .special2(0.0, -0.0, 1.0, 0.0).special2(2.0, 2.0, 1.0, 0.0).special2(NAN, 1.0, 0.0, 1.0)
        .special2(1.0, NAN, 0.0, 1.0);
    e(Elementary.IEEE_REMAINDER, "Math.IEEEremainder(a, b)").ordinary(p(7.3, 2.0), p(-5.3, 1.5))
        .oracle((x, p) -> of(one(), quotient(p, RoundingMode.HALF_EVEN)))
        .at(1e300, 3.0).at(7.5, 1e-300).at(-1e-300, 1e300).at(5.3, TINY).at(-7.25, 2.0).at(5.0, 2.0)
        .special2(NAN, 2.0, 1.0, NAN).special2(INF, 2.0, 1.0, NAN);
    Oracle identity = (x, p) -> of(one(), null);
    e(Elementary.NEXT_UP, "Math.nextUp(a)").ordinary(p(0.3), p(-2.0))
        .oracle(identity).at(MAX).at(TINY).at(-TINY).special1(NAN, 1.0).special1(INF, 1.0);
    e(Elementary.NEXT_DOWN, "Math.nextDown(a)").ordinary(p(0.3), p(-2.0))
        .oracle(identity).at(-MAX).at(TINY).special1(NAN, 1.0).special1(Double.NEGATIVE_INFINITY, 1.0);
    e(Elementary.NEXT_AFTER, "Math.nextAfter(a, b)").ordinary(p(1.3, -0.4), p(-2.0, 5.5))
        .oracle(identity).at(MAX, INF).at(TINY, -1.0).special2(NAN, 1.0, 1.0, 0.0);
    e(Elementary.SCALB, "Math.scalb(a, b)").ordinary(p(1.3, 3), p(-2.0, 3))
        .oracle((x, p) -> of(DfpMath.pow(d(2), (int) p[1]), null))
        .at(1.0, 1023).at(1.0, 1024).at(1e300, -1074).at(1.0, -1074).at(1.0, -1075).at(MAX, -2000)
        .special2(NAN, 3, 8.0, 0.0).special2(INF, 3, 8.0, 0.0);
    for (Elementary fn : new Elementary[] {
        Elementary.SIGNUM, Elementary.FLOOR, Elementary.CEIL, Elementary.RINT, Elementary.ULP}) {
      String name = fn.symbol();
      e(fn, "Math." + name + "(a)").ordinary(p(0.3), p(fn == Elementary.RINT ? -2.7 : -2.5))
          .oracle((x, p) -> of(d(0)))
          .at(MAX).at(TINY).at(-1e300).special1(0.0, 0.0).special1(NAN, 0.0).special1(INF, 0.0);
    }
  }

  // ------------------------------------------------------------------------------------ oracle

  /** −n for the quotient n = u / w rounded as given (exactly, in BigDecimal), as a Dfp. */
  static Dfp quotient(double[] p, RoundingMode mode) {
    BigDecimal q = new BigDecimal(p[0]).divide(new BigDecimal(p[1]), 0, mode).negate();
    return decimal(q);
  }

  /** x·y, the exact partials of pow: w·u^(w−1) and u^w·ln u (only for u > 0). */
  static Dfp[] powPartials(Dfp[] x, double[] p) {
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

  static Dfp cosh(Dfp x) {
    return DfpMath.exp(x).add(DfpMath.exp(x.negate())).divide(2);
  }

  static Dfp sinh(Dfp x) {
    if (x.abs().lessThan(d(1e-10))) {
      // x + x³/6; the next term, x⁵/120, is below the 40 digits
      return x.add(x.multiply(x).multiply(x).divide(6));
    }
    return DfpMath.exp(x).subtract(DfpMath.exp(x.negate())).divide(2);
  }

  /** x reduced modulo 2π with a 420-digit π, as a 40-digit Dfp. */
  static Dfp reduced(double x) {
    BigDecimal twoPi = PI.multiply(BigDecimal.valueOf(2));
    BigDecimal b = new BigDecimal(x);
    BigDecimal n = b.divide(twoPi, WIDE).setScale(0, RoundingMode.FLOOR);
    BigDecimal r = b.subtract(twoPi.multiply(n), WIDE);
    return decimal(r);
  }

  /** A BigDecimal as a Dfp, through a short scientific string that Dfp parses. */
  static Dfp decimal(BigDecimal b) {
    BigDecimal r = b.round(new MathContext(40));
    if (r.signum() == 0) {
      return d(0);
    }
    String digits = r.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - r.scale();
    return F.newDfp((r.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1) + "e" + exponent);
  }

  static BigDecimal machinPi() {
    return arctanInverse(5).multiply(BigDecimal.valueOf(16))
        .subtract(arctanInverse(239).multiply(BigDecimal.valueOf(4)), WIDE);
  }

  /** atan(1/k) by its Taylor series. */
  static BigDecimal arctanInverse(int k) {
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
}
