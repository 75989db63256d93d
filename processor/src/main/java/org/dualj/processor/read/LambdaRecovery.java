package org.dualj.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;

/**
 * Keeps javac 17 from crashing on a lambda the processor made it attribute too early.
 *
 * <p>Reading a method's body makes javac attribute its whole class in the middle of a round. A
 * call in that class that names a class not generated yet (typically the {@code …Derivatives}
 * class this round writes) is attributed in error recovery, and recovery gives the parameters of
 * an implicitly typed lambda among the call's arguments types in place. javac before 25 keeps them
 * into the next round, where the lambda then passes for an explicitly typed one with erroneous
 * parameter types, and javac crashes after processing, while it lowers lambdas, with a stack
 * trace and no position. So the implicitly typed lambdas passed as arguments are found in the
 * parse trees at the start of each round (before anything is attributed), and once the round's
 * methods are read, every such call whose other arguments javac could not resolve is an error at
 * the lambda, with the two ways around it.
 */
final class LambdaRecovery {
  /**
   * By file, the calls with implicitly typed lambdas among their arguments, and those lambdas,
   * found before attribution (after it, javac 17 has given their parameters types).
   */
  private final Map<CompilationUnitTree, Map<Tree, List<LambdaExpressionTree>>> calls =
      new IdentityHashMap<>();
  private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Whether the running javac has the problem (17 does; 25 does not). */
  static boolean applies() {
    return Runtime.version().feature() < 25;
  }

  /** Records the calls of {@code unit} that pass an implicitly typed lambda, before attribution. */
  void record(CompilationUnitTree unit) {
    if (calls.containsKey(unit)) {
      return;
    }
    Map<Tree, List<LambdaExpressionTree>> found = new IdentityHashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void p) {
        add(t, t.getArguments());
        return super.visitMethodInvocation(t, p);
      }

      @Override
      public Void visitNewClass(NewClassTree t, Void p) {
        add(t, t.getArguments());
        return super.visitNewClass(t, p);
      }

      private void add(Tree call, List<? extends ExpressionTree> args) {
        List<LambdaExpressionTree> lambdas = new ArrayList<>();
        args.forEach(a -> lambdas.addAll(implicitLambdas(a)));
        if (!lambdas.isEmpty()) {
          found.put(call, lambdas);
        }
      }
    }.scan(unit, null);
    calls.put(unit, found);
  }

  /** An error at each recorded lambda whose call has another argument javac could not resolve. */
  void report(Trees trees, Diagnostics diag) {
    for (Map.Entry<CompilationUnitTree, Map<Tree, List<LambdaExpressionTree>>> e : calls.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      CompilationUnitTree unit = e.getKey();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree t, Void p) {
          check(t, t.getArguments());
          return super.visitMethodInvocation(t, p);
        }

        @Override
        public Void visitNewClass(NewClassTree t, Void p) {
          check(t, t.getArguments());
          return super.visitNewClass(t, p);
        }

        private void check(Tree call, List<? extends ExpressionTree> args) {
          List<LambdaExpressionTree> lambdas = e.getValue().get(call);
          if (lambdas == null || reported.contains(call)) {
            return;
          }
          ExpressionTree unresolved = null;
          for (ExpressionTree a : args) {
            if (unresolved == null && unresolved(trees, new TreePath(getCurrentPath(), a))) {
              unresolved = a;
            }
          }
          if (unresolved != null) {
            reported.add(call);
            diag.error(
                lambdas.get(0), unit, Message.LAMBDA_RECOVERY,
                Runtime.version().feature(), unresolved.toString());
          }
        }
      }.scan(unit, null);
    }
  }

  /**
   * The implicitly typed lambdas with parameters in {@code arg}, outside other lambdas' bodies: in
   * the parse trees their parameters have no type (after attribution, javac 17 has put one there).
   */
  private static List<LambdaExpressionTree> implicitLambdas(ExpressionTree arg) {
    List<LambdaExpressionTree> out = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void p) {
        List<? extends VariableTree> params = t.getParameters();
        if (!params.isEmpty() && params.get(0).getType() == null) {
          out.add(t);
        }
        return null;
      }
    }.scan(arg, null);
    return out;
  }

  /**
   * Whether an expression in {@code arg} outside lambdas has an erroneous type: javac attributed
   * the call in error recovery. False for trees that are not attributed.
   */
  private static boolean unresolved(Trees trees, TreePath arg) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void p) {
        return found[0] ? null : super.scan(tree, p);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void p) {
        return null; // its body is attributed apart from the call
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree t, Void p) {
        mark(getCurrentPath());
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree t, Void p) {
        mark(getCurrentPath());
        return super.visitMemberSelect(t, p);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void p) {
        mark(getCurrentPath());
        return super.visitMethodInvocation(t, p);
      }

      private void mark(TreePath path) {
        TypeMirror type = trees.getTypeMirror(path);
        if (type != null && type.getKind() == TypeKind.ERROR) {
          found[0] = true;
        }
      }
    }.scan(arg, null);
    return found[0];
  }
}
