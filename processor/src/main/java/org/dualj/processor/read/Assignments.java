package org.dualj.processor.read;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

import static org.dualj.processor.read.JavacTypes.*;

/** Reads assignments and compound assignments, the statements that write variables and elements. */
final class Assignments {
  private final ReadContext cx;

  Assignments(ReadContext cx) {
    this.cx = cx;
  }

  /** {@code x = e}, {@code a[i] = e}, a sinCos local's assignment or a switch expression's. */
  Stmt assign(AssignmentTree a, TreePath ep) {
    Element assigned = cx.trees.getElement(new TreePath(ep, a.getVariable()));
    if (assigned != null && cx.sinCosLocals.containsKey(assigned)) {
      // sc = FastMath.sinCos(u), checked by onlySinAndCosRead
      return cx.origin(
          new Stmt.Assign(
              new Expr.Var(assigned.getSimpleName().toString(), Types.DOUBLE),
              cx.sinCos.sinCosArgument(a.getExpression(), ep)),
          a);
    }
    if (unparenthesized(a.getExpression()) instanceof SwitchExpressionTree sw) {
      Expr target = cx.exprs.target(a.getVariable(), ep);
      if (target instanceof Expr.Var v) {
        return cx.stmts.switchExpression(sw, switchPath(ep, a.getExpression()), v);
      }
      cx.exprs.read(a.getExpression(), ep); // reported at the switch expression
      return new Stmt.Block(List.of());
    }
    cx.requireAssignable(
        new TreePath(ep, a.getExpression()), cx.trees.getTypeMirror(new TreePath(ep, a.getVariable())));
    Expr target = cx.exprs.target(a.getVariable(), ep);
    Expr value = cx.exprs.read(a.getExpression(), ep);
    return cx.origin(new Stmt.Assign(target, value), a);
  }

  /** {@code x op= e}. */
  Stmt compoundAssign(CompoundAssignmentTree a, TreePath ep) {
    Expr target = cx.exprs.target(a.getVariable(), ep);
    if (unparenthesized(a.getExpression()) instanceof SwitchExpressionTree sw) {
      Stmt hoisted = switchOperand(a, sw, target, ep);
      if (hoisted != null) {
        return hoisted;
      }
    }
    Expr value = cx.exprs.read(a.getExpression(), ep);
    return compound(a, target, value);
  }

  /**
   * {@code x op= switch (k) {…}}: the switch assigns a temporary, then {@code x op= temporary}.
   * Java reads x before the switch runs, so this is only done when the switch's arms cannot change
   * what the target reads: they assign no variable of the target, and for an element target they
   * write no element and call no method that could. Otherwise null (the switch is reported where
   * it stands).
   */
  private Stmt switchOperand(CompoundAssignmentTree a, SwitchExpressionTree sw, Expr target, TreePath ep) {
    TreePath sp = switchPath(ep, a.getExpression());
    TypeName type = cx.typeOf(sp);
    Expr.Var temp = new Expr.Var("switch$" + (++cx.switchTemps), type);
    Stmt computed = cx.stmts.switchExpression(sw, sp, temp);
    if (mayChange(computed, target)) {
      return null;
    }
    return new Stmt.Block(
        List.of(
            new Stmt.Declare(type, temp.name(), zeroOf(type)),
            computed,
            compound(a, target, temp)));
  }

  /** True if {@code s} may change a variable {@code target} reads, or an element it names. */
  private static boolean mayChange(Stmt s, Expr target) {
    Set<String> names = new HashSet<>();
    Exprs.vars(target, names);
    boolean element = !(target instanceof Expr.Var);
    for (Stmt y : Stmts.all(s)) {
      Expr written =
          y instanceof Stmt.Assign as ? as.target()
              : y instanceof Stmt.CompoundAssign ca ? ca.target()
              : y instanceof Stmt.Declare d ? new Expr.Var(d.name(), d.type())
              : null;
      if (written != null && (writes(written, names) || element && !(written instanceof Expr.Var))) {
        return true;
      }
      for (Expr e : Stmts.exprs(y)) {
        if (changes(e, names, element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean writes(Expr written, Set<String> names) {
    Expr.Var root = Exprs.rootVar(written);
    return root == null || names.contains(root.name());
  }

  private static boolean changes(Expr e, Set<String> names, boolean element) {
    if (e instanceof Expr.IncDec i && (writes(i.target(), names) || element)) {
      return true;
    }
    if (element && (e instanceof Expr.DiffCall || e instanceof Expr.PlainCall)) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (changes(c, names, element)) {
        return true;
      }
    }
    return false;
  }


  private Stmt compound(CompoundAssignmentTree a, Expr target, Expr value) {
    String op = compoundOperator(a.getKind());
    if (Types.DOUBLE.equals(target.type()) && "+-*/%".contains(op)) {
      if (target instanceof Expr.Index ix
          && (!Exprs.isSimple(ix.index())
              || (ix.array() instanceof Expr.Index row && !Exprs.isSimple(row.index())))) {
        return elementCompound(a, ix, op, value);
      }
      // x op= e is x = x op (e) for double targets: no narrowing cast is involved.
      return cx.origin(
          new Stmt.Assign(target, new Expr.Binary(op, target, value, Types.DOUBLE)), a);
    }
    if (target.type() != null
        && target.type().isPrimitive()
        && !Types.DOUBLE.equals(target.type())
        && !TypeName.BOOLEAN.equals(target.type())
        && (Types.DOUBLE.equals(value.type()) || TypeName.FLOAT.equals(value.type()))
        && "+-*/%".contains(op)) {
      return narrowingCompound(a, target, op, value);
    }
    return cx.origin(new Stmt.CompoundAssign(op, target, value), a);
  }

  /** {@code a[f(i)] op= e}, {@code m[f(i)][g(j)] op= e} on double elements. */
  private Stmt elementCompound(CompoundAssignmentTree a, Expr.Index ix, String op, Expr value) {
    // a[f(i)] op= e, m[f(i)][g(j)] op= e: each index is evaluated once, into a
    // temporary, as Java does
    List<Stmt> block = new ArrayList<>();
    Expr array = ix.array();
    if (array instanceof Expr.Index row && !Exprs.isSimple(row.index())) {
      String rowTemp = "index$" + (++cx.indexTemps);
      block.add(new Stmt.Declare(row.index().type(), rowTemp, row.index()));
      array =
          new Expr.Index(row.array(), new Expr.Var(rowTemp, row.index().type()), row.type());
    }
    Expr index = ix.index();
    if (!Exprs.isSimple(index)) {
      String temp = "index$" + (++cx.indexTemps);
      block.add(new Stmt.Declare(index.type(), temp, index));
      index = new Expr.Var(temp, index.type());
    }
    Expr.Index element = new Expr.Index(array, index, ix.type());
    block.add(
        cx.origin(
            new Stmt.Assign(element, new Expr.Binary(op, element, value, Types.DOUBLE)),
            a));
    return new Stmt.Block(block);
  }

  /** {@code i op= x} with an integral target and a floating {@code x}. */
  private Stmt narrowingCompound(CompoundAssignmentTree a, Expr target, String op, Expr value) {
    // i op= x with a floating x: i = (int) (i op x), an implicit narrowing cast, inactive
    // like (int) x; the index of an element target is evaluated once, as Java does
    List<Stmt> pre = new ArrayList<>();
    if (target instanceof Expr.Index ix && !Exprs.isSimple(ix.index())) {
      String temp = "index$" + (++cx.indexTemps);
      Expr.Var index = new Expr.Var(temp, ix.index().type());
      pre.add(new Stmt.Declare(index.type(), temp, ix.index()));
      target = new Expr.Index(ix.array(), index, ix.type());
    }
    TypeName wide = Types.DOUBLE.equals(value.type()) ? Types.DOUBLE : TypeName.FLOAT;
    pre.add(
        cx.origin(
            new Stmt.Assign(
                target,
                cx.origin(
                    new Expr.Cast(
                        target.type(), cx.origin(new Expr.Binary(op, target, value, wide), a)),
                    a)),
            a));
    return pre.size() == 1 ? pre.get(0) : new Stmt.Block(pre);
  }
}
