package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SimpleTreeVisitor;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

import static org.dualj.processor.read.JavacTypes.*;

/** Reads statements into {@link Stmt}s; every unsupported kind is a tagged problem at its tree. */
final class StmtReader extends SimpleTreeVisitor<Stmt, TreePath> {
  private final ReadContext cx;

  StmtReader(ReadContext cx) {
    this.cx = cx;
  }

  Stmt read(StatementTree tree, TreePath parent) {
    Stmt s = visit(tree, parent);
    if (tree.getKind() == Tree.Kind.BLOCK || tree.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      return s;
    }
    return new Stmt.SourceLine(cx.line(tree), cx.firstLine(tree), s);
  }

  /**
   * Reads {@code tree} into {@code body}. A local declared from a switch expression is two
   * statements, the declaration and the switch, both in the enclosing block, where the local is
   * in scope.
   */
  void add(List<Stmt> body, StatementTree tree, TreePath parent) {
    Stmt s = read(tree, parent);
    if (tree instanceof VariableTree
        && s instanceof Stmt.SourceLine l
        && l.stmt() instanceof Stmt.Block b
        && !b.body().isEmpty()) {
      body.add(new Stmt.SourceLine(l.line(), l.text(), b.body().get(0)));
      body.addAll(b.body().subList(1, b.body().size()));
    } else {
      body.add(s);
    }
  }

  private Stmt body(StatementTree tree, TreePath parent) {
    return tree == null ? null : read(tree, parent);
  }

  @Override
  protected Stmt defaultAction(Tree tree, TreePath parent) {
    String what =
        switch (tree.getKind()) {
          case TRY -> "try";
          case SYNCHRONIZED -> "synchronized";
          case THROW -> "throw";
          case ASSERT -> "assert";
          case CLASS, INTERFACE, ENUM, RECORD -> "local class";
          case YIELD -> "yield";
          default -> tree.getKind().toString().toLowerCase().replace('_', ' ');
        };
    if (what.equals("local class")) {
      Element declared = cx.trees.getElement(new TreePath(parent, tree));
      if (declared != null) {
        cx.localClasses.add(declared);
      }
    }
    String advice =
        switch (tree.getKind()) {
          case SYNCHRONIZED -> "Synchronize in the caller.";
          default -> "Rewrite it with local variables, if/else and loops.";
        };
    return cx.problemStmt(tree, Message.UNSUPPORTED_STATEMENT, what, advice);
  }

  @Override
  public Stmt visitBlock(BlockTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    List<Stmt> body = new ArrayList<>();
    for (StatementTree s : tree.getStatements()) {
      add(body, s, path);
    }
    return new Stmt.Block(body);
  }

  @Override
  public Stmt visitEmptyStatement(com.sun.source.tree.EmptyStatementTree tree, TreePath parent) {
    return new Stmt.Block(List.of());
  }

  @Override
  public Stmt visitVariable(VariableTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    TypeMirror declared = cx.trees.getElement(path).asType();
    if (cx.usesLocalClass(declared)) {
      return new Stmt.Block(List.of());
    }
    TypeName type = cx.typeName(declared);
    ClassName sinCos = cx.sinCos.sinCosOwner(tree.getInitializer(), path);
    if (sinCos != null && cx.sinCos.onlySinAndCosRead(cx.trees.getElement(path), path, sinCos)) {
      cx.sinCosLocals.put(cx.trees.getElement(path), sinCos);
      return cx.origin(
          new Stmt.Declare(
              Types.DOUBLE, tree.getName().toString(), cx.sinCos.sinCosArgument(tree.getInitializer(), path)),
          tree);
    }
    if (unparenthesized(tree.getInitializer()) instanceof SwitchExpressionTree sw) {
      // double y = switch (k) { ... };  becomes  double y = 0.0; switch (k) { ... y = ...; }
      Expr.Var target = new Expr.Var(tree.getName().toString(), type);
      return new Stmt.Block(
          List.of(
              cx.origin(new Stmt.Declare(type, target.name(), zeroOf(type)), tree),
              switchExpression(sw, switchPath(path, tree.getInitializer()), target)));
    }
    if (tree.getInitializer() != null) {
      cx.requireAssignable(new TreePath(path, tree.getInitializer()), declared);
    }
    Expr init = tree.getInitializer() == null ? null : cx.exprs.read(tree.getInitializer(), path);
    if (init instanceof Expr.ArrayInit ai && ai.type() == null) {
      init = new Expr.ArrayInit(ai.elementType(), ai.elements(), type);
    }
    return cx.origin(new Stmt.Declare(type, tree.getName().toString(), init), tree);
  }

  @Override
  public Stmt visitExpressionStatement(ExpressionStatementTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    ExpressionTree e = tree.getExpression();
    TreePath ep = new TreePath(path, e);
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        return cx.assignments.assign((AssignmentTree) e, ep);
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        return cx.assignments.compoundAssign((CompoundAssignmentTree) e, ep);
      }
      default -> {
        Expr expr = cx.exprs.readTop(e, path);
        return cx.origin(new Stmt.Eval(expr), e);
      }
    }
  }

  @Override
  public Stmt visitIf(IfTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Stmt.If(
        cx.exprs.read(tree.getCondition(), path),
        body(tree.getThenStatement(), path),
        body(tree.getElseStatement(), path));
  }

  @Override
  public Stmt visitWhileLoop(WhileLoopTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Stmt.While(cx.exprs.read(tree.getCondition(), path), body(tree.getStatement(), path));
  }

  @Override
  public Stmt visitDoWhileLoop(DoWhileLoopTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Stmt.DoWhile(body(tree.getStatement(), path), cx.exprs.read(tree.getCondition(), path));
  }

  @Override
  public Stmt visitForLoop(ForLoopTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    List<Stmt> init = new ArrayList<>();
    for (StatementTree s : tree.getInitializer()) {
      Stmt i = visit(s, path);
      if (s instanceof VariableTree v
          && unparenthesized(v.getInitializer()) instanceof SwitchExpressionTree sw) {
        i = cx.problemStmt(
            sw,
            Message.UNSUPPORTED_EXPRESSION,
            "switch expressions in a for initializer",
            "Declare the variable before the loop.");
      }
      init.add(i);
    }
    Expr cond = tree.getCondition() == null ? null : cx.exprs.read(tree.getCondition(), path);
    List<Stmt> update = new ArrayList<>();
    for (ExpressionStatementTree s : tree.getUpdate()) {
      update.add(visit(s, path));
    }
    return new Stmt.For(init, cond, update, body(tree.getStatement(), path));
  }

  @Override
  public Stmt visitEnhancedForLoop(EnhancedForLoopTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    TreePath varPath = new TreePath(path, tree.getVariable());
    TypeName type = cx.typeName(cx.trees.getElement(varPath).asType());
    return cx.origin(
        new Stmt.ForEach(
            type,
            tree.getVariable().getName().toString(),
            cx.exprs.read(tree.getExpression(), path),
            body(tree.getStatement(), path)),
        tree);
  }

  @Override
  public Stmt visitLabeledStatement(LabeledStatementTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return new Stmt.Labeled(tree.getLabel().toString(), visit(tree.getStatement(), path));
  }

  @Override
  public Stmt visitBreak(BreakTree tree, TreePath parent) {
    return new Stmt.Break(tree.getLabel() == null ? null : tree.getLabel().toString());
  }

  @Override
  public Stmt visitContinue(ContinueTree tree, TreePath parent) {
    return new Stmt.Continue(tree.getLabel() == null ? null : tree.getLabel().toString());
  }

  @Override
  public Stmt visitReturn(ReturnTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    if (unparenthesized(tree.getExpression()) instanceof SwitchExpressionTree sw) {
      TreePath sp = switchPath(path, tree.getExpression());
      TypeName type = cx.typeOf(sp);
      Expr.Var result = new Expr.Var("switch$" + (++cx.switchTemps), type);
      return new Stmt.Block(
          List.of(
              new Stmt.Declare(type, result.name(), zeroOf(type)),
              switchExpression(sw, sp, result),
              cx.origin(new Stmt.Return(result), tree)));
    }
    Expr value = tree.getExpression() == null ? null : cx.exprs.read(tree.getExpression(), path);
    if (value instanceof Expr.ArrayInit ai && ai.type() == null) {
      value = new Expr.ArrayInit(ai.elementType(), ai.elements(), Types.DOUBLE_ARRAY);
    }
    return cx.origin(new Stmt.Return(value), tree);
  }

  @Override
  public Stmt visitThrow(ThrowTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    return cx.origin(new Stmt.Throw(cx.exprs.readValueOnly(tree.getExpression(), path)), tree);
  }

  @Override
  public Stmt visitTry(TryTree tree, TreePath parent) {
    if (!tree.getResources().isEmpty()) {
      return cx.problemStmt(
          tree,
          Message.UNSUPPORTED_STATEMENT,
          "try-with-resources",
          "Open and close resources in a plain method that calls the @Differentiable one.");
    }
    TreePath path = new TreePath(parent, tree);
    Stmt.Block body = (Stmt.Block) visit(tree.getBlock(), path);
    List<Stmt.Catch> catches = new ArrayList<>();
    for (CatchTree c : tree.getCatches()) {
      TreePath cp = new TreePath(path, c);
      VariableTree param = c.getParameter();
      TreePath pp = new TreePath(cp, param);
      List<TypeName> caught = new ArrayList<>();
      List<Tree> alternatives =
          param.getType() instanceof UnionTypeTree u
              ? List.copyOf(u.getTypeAlternatives())
              : List.of(param.getType());
      for (Tree alternative : alternatives) {
        TreePath at =
            alternative == param.getType()
                ? new TreePath(pp, alternative)
                : new TreePath(new TreePath(pp, param.getType()), alternative);
        TypeMirror type = cx.trees.getTypeMirror(at);
        TypeElement hidden = privateClass(type);
        if (hidden != null) {
          cx.problemStmt(
              alternative,
              Message.INACCESSIBLE,
              "class " + hidden.getSimpleName(),
              cx.derivativesName.simpleName());
        }
        caught.add(cx.typeName(type));
      }
      catches.add(
          new Stmt.Catch(
              caught, param.getName().toString(), (Stmt.Block) visit(c.getBlock(), cp)));
    }
    Stmt.Block fin =
        tree.getFinallyBlock() == null ? null : (Stmt.Block) visit(tree.getFinallyBlock(), path);
    return new Stmt.Try(body, catches, fin);
  }

  @Override
  public Stmt visitAssert(AssertTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    Expr cond = cx.exprs.read(tree.getCondition(), path);
    Expr message =
        tree.getDetail() == null ? null : cx.exprs.readValueOnly(tree.getDetail(), path);
    return cx.origin(new Stmt.Assert(cond, message), tree);
  }

  /** Where a yield of the switch expression being read goes: its variable, and its label. */
  private final java.util.ArrayDeque<Object[]> yields = new java.util.ArrayDeque<>();

  /**
   * A switch expression whose value goes to {@code target}, as a switch statement assigning it:
   * only the taken arm runs, as for a ternary. {@code yield v;} at the end of an arm's block is
   * {@code target = v;}; elsewhere (in a loop, in the middle of an arm, in a classic case) it
   * also leaves the switch, through a label.
   */
  Stmt switchExpression(SwitchExpressionTree tree, TreePath path, Expr.Var target) {
    Expr selector = cx.exprs.read(tree.getExpression(), path);
    String label = "switch_" + (++cx.switchTemps); // a label: no '$', which JavaPoet formats
    Object[] frame = {target, label, Boolean.FALSE};
    yields.push(frame);
    List<Stmt.Case> cases = new ArrayList<>();
    boolean arrows = false;
    try {
      for (CaseTree c : tree.getCases()) {
        TreePath cp = new TreePath(path, c);
        List<Expr> labels = new ArrayList<>();
        for (ExpressionTree l : c.getExpressions()) {
          labels.add(caseLabel(l, cp));
        }
        List<Stmt> body = new ArrayList<>();
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
          arrows = true;
          Tree b = c.getBody();
          if (b instanceof BlockTree block) {
            TreePath bp = new TreePath(cp, block);
            List<? extends StatementTree> statements = block.getStatements();
            for (int i = 0; i < statements.size(); i++) {
              StatementTree st = statements.get(i);
              if (i == statements.size() - 1 && st instanceof YieldTree y) {
                body.add(yieldInto(y, bp, target, null));
              } else {
                add(body, st, bp);
              }
            }
          } else if (b instanceof StatementTree st) {
            body.add(read(st, cp)); // a throw
          } else {
            ExpressionTree e = (ExpressionTree) b;
            body.add(
                new Stmt.SourceLine(
                    cx.line(e),
                    cx.firstLine(e),
                    cx.origin(new Stmt.Assign(target, cx.exprs.read(e, cp)), e)));
          }
        } else {
          for (StatementTree st : c.getStatements()) {
            add(body, st, cp);
          }
        }
        cases.add(new Stmt.Case(labels, body));
      }
    } finally {
      yields.pop();
    }
    Stmt sw = new Stmt.Switch(selector, cases, arrows);
    return frame[2] == Boolean.TRUE ? new Stmt.Labeled(label, sw) : sw;
  }

  /** {@code yield v;}: {@code target = v;}, then {@code break label;} unless label is null. */
  private Stmt yieldInto(YieldTree tree, TreePath parent, Expr.Var target, String label) {
    TreePath path = new TreePath(parent, tree);
    Stmt assign = cx.origin(new Stmt.Assign(target, cx.exprs.read(tree.getValue(), path)), tree);
    Stmt s = label == null ? assign : new Stmt.Block(List.of(assign, new Stmt.Break(label)));
    return new Stmt.SourceLine(cx.line(tree), cx.firstLine(tree), s);
  }

  @Override
  public Stmt visitYield(YieldTree tree, TreePath parent) {
    Object[] frame = yields.peek();
    if (frame == null) {
      return defaultAction(tree, parent);
    }
    frame[2] = Boolean.TRUE;
    return yieldInto(tree, parent, (Expr.Var) frame[0], (String) frame[1]);
  }

  @Override
  public Stmt visitSwitch(SwitchTree tree, TreePath parent) {
    TreePath path = new TreePath(parent, tree);
    Expr selector = cx.exprs.read(tree.getExpression(), path);
    List<Stmt.Case> cases = new ArrayList<>();
    boolean arrows = false;
    for (CaseTree c : tree.getCases()) {
      TreePath cp = new TreePath(path, c);
      List<Expr> labels = new ArrayList<>();
      for (ExpressionTree label : c.getExpressions()) {
        labels.add(caseLabel(label, cp));
      }
      List<Stmt> body = new ArrayList<>();
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        arrows = true;
        Tree b = c.getBody();
        if (b instanceof StatementTree st) {
          body.add(read(st, cp));
        } else {
          // case X -> expression;  is an expression statement without the semicolon tree
          body.add(new Stmt.Eval(cx.exprs.readTop((ExpressionTree) b, cp)));
        }
      } else {
        for (StatementTree s : c.getStatements()) {
          add(body, s, cp);
        }
      }
      cases.add(new Stmt.Case(labels, body));
    }
    return new Stmt.Switch(selector, cases, arrows);
  }

  private Expr caseLabel(ExpressionTree label, TreePath parent) {
    TreePath path = new TreePath(parent, label);
    Element e = cx.trees.getElement(path);
    if (e != null && e.getKind() == ElementKind.ENUM_CONSTANT) {
      return new Expr.Literal(e.getSimpleName().toString(), TypeName.get(e.asType()));
    }
    if (e instanceof VariableElement v && v.getConstantValue() != null) {
      return new Expr.Literal(literal(v.getConstantValue()), TypeName.get(v.asType()));
    }
    return cx.exprs.read(label, parent);
  }
}
