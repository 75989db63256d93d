package org.dualj.processor.model;

import java.util.List;

/**
 * The library calls on {@code double[]} that have derivatives of their own: the same operation on
 * the tangent arrays. {@code System.arraycopy(src, sp, dst, dp, n)} copies the tangents of
 * {@code src} into those of {@code dst} (with the same call, so overlapping ranges of one array
 * behave alike); {@code Arrays.fill(a, [from, to,] v)} fills the tangents of {@code a} with v's;
 * {@code Arrays.copyOf(a, n)} and {@code Arrays.copyOfRange(a, from, to)} copy a's tangents.
 */
public final class ArrayCalls {
  private ArrayCalls() {}

  /** Which of the calls. */
  public enum Kind {
    /** {@code System.arraycopy(src, srcPos, dst, dstPos, length)} of two {@code double[]}. */
    ARRAYCOPY,
    /** {@code Arrays.fill(a, v)} or {@code Arrays.fill(a, from, to, v)} of a {@code double[]}. */
    FILL,
    /** {@code Arrays.copyOf(a, n)} of a {@code double[]}. */
    COPY_OF,
    /** {@code Arrays.copyOfRange(a, from, to)} of a {@code double[]}. */
    COPY_OF_RANGE
  }

  /** The kind of {@code e}, or null if it is none of these calls on {@code double[]}. */
  public static Kind kind(Expr e) {
    if (!(e instanceof Expr.PlainCall p) || p.receiver() != null) {
      return null;
    }
    String owner = p.owner().canonicalName();
    List<Expr> a = p.args();
    if (owner.equals("java.lang.System") && p.name().equals("arraycopy") && a.size() == 5) {
      return isDoubleArray(a.get(0)) && isDoubleArray(a.get(2)) ? Kind.ARRAYCOPY : null;
    }
    if (!owner.equals("java.util.Arrays") || a.isEmpty() || !isDoubleArray(a.get(0))) {
      return null;
    }
    return switch (p.name()) {
      case "fill" -> a.size() == 2 || a.size() == 4 ? Kind.FILL : null;
      case "copyOf" -> a.size() == 2 ? Kind.COPY_OF : null;
      case "copyOfRange" -> a.size() == 3 ? Kind.COPY_OF_RANGE : null;
      default -> null;
    };
  }

  /** True for the calls that return a new {@code double[]}. */
  public static boolean copies(Expr e) {
    Kind k = kind(e);
    return k == Kind.COPY_OF || k == Kind.COPY_OF_RANGE;
  }

  /** The array an {@code arraycopy} or {@code fill} writes into. */
  public static Expr destination(Expr.PlainCall p) {
    return kind(p) == Kind.ARRAYCOPY ? p.args().get(2) : p.args().get(0);
  }

  /** The array whose tangents an {@code arraycopy} or a copy reads, or null for {@code fill}. */
  public static Expr source(Expr.PlainCall p) {
    return kind(p) == Kind.FILL ? null : p.args().get(0);
  }

  /** The value {@code fill} writes, or null for the other calls. */
  public static Expr fillValue(Expr.PlainCall p) {
    return kind(p) == Kind.FILL ? p.args().get(p.args().size() - 1) : null;
  }

  /**
   * True for a {@code double[]} argument; {@code c ? a : b} of two arrays passed as an
   * {@code Object} ({@code System.arraycopy}'s parameters) counts by its branches.
   */
  private static boolean isDoubleArray(Expr e) {
    if (e instanceof Expr.Conditional c) {
      return isDoubleArray(c.whenTrue()) && isDoubleArray(c.whenFalse());
    }
    return Types.DOUBLE_ARRAY.equals(e.type());
  }
}
