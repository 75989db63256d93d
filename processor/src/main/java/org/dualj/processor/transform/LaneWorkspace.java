package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * The last step of lane code: the lanes of locals that fusion left in memory become slots of the
 * workspace {@code double[][] ws}, taken in a prologue ({@code double[] v1_dot = ws[0];}), the
 * workspace allocated there when the caller passes none.
 */
final class LaneWorkspace {
  private LaneWorkspace() {}

  /**
   * The lane core: {@code body} after the prologue that takes {@code slots} from the workspace.
   *
   * @param code the lane code, for its name, parameters and return type
   * @param body its fused body
   * @param slots the lanes of locals that remain arrays, in order of creation
   */
  static MethodCode assemble(LaneTangent.Code code, Expr.Var ws, Expr.Var p, List<Stmt> body, List<String> slots) {
    List<Stmt> prologue = new ArrayList<>();
    if (!slots.isEmpty()) {
      prologue.add(new Stmt.Comment("tangent lanes of the locals, reused from the workspace"));
      Expr allocate =
          new Expr.StaticCall(
              Types.LANES,
              "workspace",
              List.of(new Expr.Literal(String.valueOf(slots.size()), Types.INT), p),
              Types.DOUBLE_MATRIX);
      Expr none =
          new Expr.Binary("==", ws, new Expr.Literal("null", Types.DOUBLE_MATRIX), Types.BOOLEAN);
      prologue.add(new Stmt.If(none, new Stmt.Assign(ws, allocate), null));
      for (int i = 0; i < slots.size(); i++) {
        Expr slot = new Expr.Index(ws, new Expr.Literal(String.valueOf(i), Types.INT), Types.DOUBLE_ARRAY);
        prologue.add(new Stmt.Declare(Types.DOUBLE_ARRAY, slots.get(i), slot));
      }
    }
    prologue.addAll(body);
    return new MethodCode(code.name(), code.params(), code.returnType(), prologue, "", slots.size());
  }
}
