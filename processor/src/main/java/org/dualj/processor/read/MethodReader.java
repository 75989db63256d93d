package org.dualj.processor.read;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import org.dualj.processor.analysis.Shadowing;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.FieldCopy;
import org.dualj.processor.model.MethodCopy;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

import static org.dualj.processor.read.JavacTypes.*;

/**
 * Reads one annotated method's body through the Compiler Tree API into a {@link MethodModel}.
 *
 * <p>{@link StmtReader} and {@link ExprReader} (with {@link Assignments} and {@link CallReader})
 * share the {@link ReadContext} of the method being read. One {@code visitX} per supported tree
 * kind; every other kind falls to {@code defaultAction},
 * which records a tagged problem at that tree and returns a placeholder so that reading goes on
 * and all problems of a method are reported in one compilation. The class is attributed on demand
 * ({@link Trees#getElement} does that for unattributed classes), so names resolve to elements and
 * expressions have types.
 */
public final class MethodReader {
  private final ReadContext cx;

  /**
   * The outcome: a model when there were no problems, and the problems otherwise.
   * {@code inaccessibleRules} are tangent rules the generated class could not call; using one
   * for an active argument is an error, found with activity.
   */
  public record Result(
      MethodModel model,
      List<Problem> problems,
      Map<Object, Tree> origins,
      Set<Rule> inaccessibleRules,
      List<FieldCopy> copies,
      List<ExecutableElement> helpers,
      List<MethodCopy> methodCopies) {}

  /**
   * Thrown when javac itself reported errors in the method; javac's messages are enough.
   * {@code unresolved}: a name or type javac could not resolve, which a later processing round
   * may bring (a class another processor generates).
   */
  public static final class Erroneous extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean unresolved;

    public Erroneous(boolean unresolved) {
      super(null, null, false, false);
      this.unresolved = unresolved;
    }

    public boolean unresolved() {
      return unresolved;
    }
  }

  public MethodReader(
      Trees trees,
      javax.lang.model.util.Types types,
      CustomRules rules,
      ExecutableElement method) {
    this(trees, types, rules, method, new java.util.HashMap<>());
  }

  /**
   * A reader that records, in {@code copiedFrom}, which helper each copy it makes in a generated
   * class comes from (see {@link MethodCopy}).
   */
  public MethodReader(
      Trees trees,
      javax.lang.model.util.Types types,
      CustomRules rules,
      ExecutableElement method,
      Map<String, Set<ExecutableElement>> copiedFrom) {
    this.cx = new ReadContext(trees, types, rules, method, copiedFrom);
  }

  public Result read(ExecutableElement method) {
    cx.methodName = method.getSimpleName().toString();
    TreePath methodPath = cx.trees.getPath(method);
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    try {
      cx.source = cx.unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      cx.source = null;
    }
    // Attributes the enclosing class if javac has not yet done so, giving trees types and symbols.
    cx.trees.getElement(new TreePath(methodPath, tree.getBody()));

    List<MethodModel.Param> params = params(method, methodPath, tree);
    Stmt.Block body = (Stmt.Block) cx.stmts.visit(tree.getBody(), methodPath);
    return result(method, tree, params, body);
  }

  /**
   * The model of a {@code @Differentiable} method that has tangent rules of its own: the rules
   * take precedence over its body, so its derivative is that of one call of it,
   * {@code return Owner.method(params)}, and the body is not read at all (it may use what the
   * processor cannot differentiate, or an iterative solver whose derivative is not that of its
   * iterations).
   */
  public Result readWithRules(ExecutableElement method, CustomRules.Found found) {
    TreePath methodPath = cx.trees.getPath(method);
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    List<MethodModel.Param> params = params(method, methodPath, tree);
    List<Expr> args = new ArrayList<>();
    List<TypeName> paramTypes = new ArrayList<>();
    for (MethodModel.Param p : params) {
      args.add(new Expr.Var(p.name(), p.type()));
      paramTypes.add(p.type());
    }
    Expr call = cx.checkRuleCall(tree, method, found, args, paramTypes, TypeName.get(method.getReturnType()));
    Stmt.Block body =
        new Stmt.Block(
            List.of(
                new Stmt.Comment(
                    "from the tangent rules of " + method.getSimpleName() + ", not from its body"),
                new Stmt.Return(call)));
    return result(method, tree, params, body);
  }

  private List<MethodModel.Param> params(ExecutableElement method, TreePath methodPath, MethodTree tree) {
    List<Boolean> active = Options.orDefault(method).activeParameters(method);
    List<MethodModel.Param> params = new ArrayList<>();
    for (int i = 0; i < tree.getParameters().size(); i++) {
      VariableTree p = tree.getParameters().get(i);
      params.add(
          new MethodModel.Param(
              p.getName().toString(), cx.typeOf(new TreePath(methodPath, p)), active.get(i)));
    }
    return params;
  }

  private Result result(
      ExecutableElement method, MethodTree tree, List<MethodModel.Param> params, Stmt.Block body) {
    if (cx.unnamedTypes && cx.problems.isEmpty()) {
      unnamedClass(tree);
    }
    if (cx.problems.isEmpty()) {
      Shadowing.Renamed renamed =
          Shadowing.rename(params, body, List.of(cx.ownerName, cx.derivativesName, cx.receiverType()), cx.origins);
      params = renamed.params();
      body = renamed.body();
    }
    MethodModel model =
        new MethodModel(
            cx.ownerName,
            cx.derivativesName,
            method.getSimpleName().toString(),
            method.getModifiers().contains(Modifier.STATIC),
            params,
            TypeName.get(method.getReturnType()),
            body,
            cx.unit.getSourceFile().getName(),
            cx.line(tree.getReturnType() == null ? tree : tree.getReturnType()),
            Options.orDefault(method).chunk(),
            method.getThrownTypes().stream().map(TypeName::get).toList(),
            method.getModifiers().contains(Modifier.STATIC) ? List.of() : typeVariables(cx.owner),
            cx.receiverType());
    return new Result(
        cx.problems.isEmpty() ? model : null,
        List.copyOf(cx.problems),
        cx.origins,
        Set.copyOf(cx.inaccessibleRules),
        List.copyOf(cx.copies.values()),
        List.copyOf(cx.helpers),
        List.copyOf(cx.methodCopies.values()));
  }
}
