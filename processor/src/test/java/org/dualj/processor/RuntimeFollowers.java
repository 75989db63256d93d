package org.dualj.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import org.dualj.processor.model.Elementary;
import org.dualj.runtime.Dual;
import org.dualj.runtime.DualVector;

/**
 * Calls the runtime's method of an elementary function ({@link Dual} or {@link DualVector}) as a
 * user would, for the rule tests: the method of the function's name (the operation's name for an
 * operator), an active argument passed as a dual, a constant one through the overload with a
 * {@code double} (or {@code int}) where there is one, as the generated code drops its term, and as
 * a constant dual otherwise; a static form where the first argument is constant and there is one
 * ({@code pow(double, Dual)}, {@code log(double, Dual)}). So a rule test's row is the function,
 * its Java form and its points, with no runtime call of its own.
 */
final class RuntimeFollowers {
  private RuntimeFollowers() {}

  /**
   * {@code fn} of {@code args} by {@link Dual}: each argument a {@link Dual} (active) or a {@link
   * Double} or {@link Integer} (constant).
   */
  static Dual dual(Elementary fn, Object... args) {
    return (Dual) call(Dual.class, fn, args, 0);
  }

  /** {@code fn} of {@code args} by {@link DualVector} of the given width, as {@link #dual}. */
  static DualVector vector(Elementary fn, int width, Object... args) {
    return (DualVector) call(DualVector.class, fn, args, width);
  }

  private static Object call(Class<?> type, Elementary fn, Object[] args, int width) {
    String name = fn.isOperator() ? fn.name().toLowerCase(Locale.ROOT) : fn.symbol();
    Method best = null;
    int bestScore = Integer.MIN_VALUE;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getReturnType() == type) {
        int score = score(type, m, args);
        if (score > bestScore) {
          best = m;
          bestScore = score;
        }
      }
    }
    if (best == null || bestScore == Integer.MIN_VALUE) {
      throw new AssertionError("no " + type.getSimpleName() + " method for " + fn);
    }
    boolean isStatic = Modifier.isStatic(best.getModifiers());
    Class<?>[] ps = best.getParameterTypes();
    Object receiver = isStatic ? null : asDual(type, args[0], width);
    Object[] actual = new Object[ps.length];
    for (int i = 0; i < ps.length; i++) {
      Object a = args[i + (isStatic ? 0 : 1)];
      actual[i] = ps[i] == type ? asDual(type, a, width) : asNumber(ps[i], a);
    }
    try {
      return best.invoke(receiver, actual);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * How well {@code m} takes {@code args}: an active argument as a dual scores 2 (as a plain value,
   * where there is no dual parameter, 0), a constant as a number 1 (as a constant dual 0); a
   * method that cannot take them scores {@code MIN_VALUE}.
   */
  private static int score(Class<?> type, Method m, Object[] args) {
    boolean isStatic = Modifier.isStatic(m.getModifiers());
    Class<?>[] ps = m.getParameterTypes();
    if (ps.length + (isStatic ? 0 : 1) != args.length) {
      return Integer.MIN_VALUE;
    }
    int score = 0;
    for (int i = 0; i < args.length; i++) {
      boolean active = type.isInstance(args[i]);
      Class<?> p = isStatic ? ps[i] : (i == 0 ? type : ps[i - 1]);
      if (p == type) {
        score += active ? 2 : 0;
      } else if (p == double.class || (p == int.class && args[i] instanceof Integer)) {
        score += active ? 0 : 1;
      } else {
        return Integer.MIN_VALUE;
      }
    }
    return score;
  }

  private static Object asDual(Class<?> type, Object a, int width) {
    if (type.isInstance(a)) {
      return a;
    }
    double x = ((Number) a).doubleValue();
    return type == Dual.class ? Dual.constant(x) : DualVector.constant(x, width);
  }

  private static Object asNumber(Class<?> p, Object a) {
    if (a instanceof Dual d) {
      return d.value();
    }
    if (a instanceof DualVector d) {
      return d.value();
    }
    return p == int.class ? (Object) ((Number) a).intValue() : (Object) ((Number) a).doubleValue();
  }
}
