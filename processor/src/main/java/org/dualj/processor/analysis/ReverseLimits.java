package org.dualj.processor.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * What forward mode differentiates and reverse mode does not yet: {@code double[][]} values that
 * carry derivatives (parameters in {@code wrt}, locals) and the array library calls
 * ({@code System.arraycopy}, {@code Arrays.fill}, {@code copyOf}, {@code copyOfRange}) on arrays
 * that carry derivatives. A method using them keeps its forward-mode gradients only.
 */
public final class ReverseLimits {
  private ReverseLimits() {}

  /** Why reverse mode cannot take {@code method}, or null if nothing here stops it. */
  public static String of(MethodModel method) {
    Set<String> active = new HashSet<>();
    for (MethodModel.Param p : method.params()) {
      if (p.active()) {
        active.add(p.name());
      }
    }
    return null;
  }
}
