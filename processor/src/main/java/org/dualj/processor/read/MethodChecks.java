package org.dualj.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Types;

/**
 * The checks of one round's methods that need javac: the declaration and its options, reading
 * the body, activity, whether every differentiated callee has (or is about to get) a generated
 * class, and, for order 2, the callees' and rules' orders.
 */
public final class MethodChecks {
  private final ProcessingEnvironment env;
  private final JavacState state;
  private final Trees trees;
  private final Diagnostics diag;
  /** Keys of methods being generated in this round. */
  private final Set<String> inRound;
  /** Keys of methods that failed, over all rounds. */
  private final Set<String> failed;
  /** The order each helper differentiated in place gets, by key. */
  private final Map<String, Integer> helperOrder;
  /** Keys of methods warned about, so that a deferred method is not warned about twice. */
  private final Set<String> warned;

  MethodChecks(
      ProcessingEnvironment env,
      JavacState state,
      Diagnostics diag,
      Set<String> inRound,
      Set<String> failed,
      Map<String, Integer> helperOrder,
      Set<String> warned) {
    this.env = env;
    this.state = state;
    this.trees = state.trees();
    this.diag = diag;
    this.inRound = inRound;
    this.failed = failed;
    this.helperOrder = helperOrder;
    this.warned = warned;
  }

  /**
   * Validates, reads and analyses one method; null if it had errors. Throws
   * {@link MethodReader.Erroneous} where javac reports the method's errors itself.
   */
  public CheckedMethod check(SourceMethod method, String failOn) {
    ExecutableElement m = method.element();
    if (m.getSimpleName().contentEquals(String.valueOf(env.getOptions().get(failOn)))) {
      throw new IllegalStateException("failure requested with -A" + failOn);
    }
    TreePath path = trees.getPath(m);
    if (!declarationOk(m, path)) {
      return null;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    if (!OptionChecks.valid(m, diag)) {
      return null;
    }
    MethodReader.Result read = read(m);
    for (Problem p : read.problems()) {
      boolean member = p.message() == Message.INACCESSIBLE_MEMBER || p.message() == Message.ENCLOSING_MEMBER;
      if (member && !state.reportedMembers.add(p.tree())) {
        continue; // one error per private member, at its declaration
      }
      diag.error(p.tree(), unit, p.message(), p.args());
    }
    if (read.model() == null) {
      return null;
    }
    MethodModel model = read.model();
    Set<String> activeParams = new HashSet<>();
    for (MethodModel.Param p : model.activeParams()) {
      activeParams.add(p.name());
    }
    CallWrites sources = new CallWrites(trees, env.getElementUtils(), state.copiedFrom);
    Activity activity =
        Activity.of(
            model,
            activeParams,
            read.inaccessibleRules(),
            (call, i) -> sources.readsOnly(call, i),
            (call, i) -> sources.readsOnly(call, i));
    CheckedMethod checked = new CheckedMethod(method, read, activity, unit);
    boolean ok = true;
    for (Activity.Finding f : activity.findings()) {
      Tree at = read.origins().get(f.node());
      Object[] args = state.namedAsInSource(model.derivatives(), f.args());
      if (at != null) {
        diag.error(at, unit, f.message(), args);
      } else {
        diag.error(m, f.message(), args);
      }
      ok = false;
    }
    ok &= callees(checked);
    if (ok && Options.of(m) != null && !activeParams.isEmpty() && activity.returns() && !activity.returnsActive()
        && warned.add(method.key())) {
      diag.warning(m, Message.ALWAYS_ZERO, String.join(", ", activeParams.stream().sorted().toList()));
    }
    return ok ? checked : null;
  }

  /** The declaration: a body, an accessible class, no type parameters, a differentiable type. */
  private boolean declarationOk(ExecutableElement m, TreePath path) {
    if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)
        || path == null) {
      String kind = m.getModifiers().contains(Modifier.NATIVE) ? "native" : "abstract";
      diag.error(m, Message.NO_BODY, kind);
      return false;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    for (Element e = m.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        diag.error(
            m,
            Message.INACCESSIBLE,
            "class " + t.getSimpleName(),
            Names.derivativesOf((TypeElement) m.getEnclosingElement()).simpleName());
        return false;
      }
    }
    if (!m.getTypeParameters().isEmpty()) {
      diag.error(tree.getTypeParameters().get(0), unit, Message.GENERIC_METHOD);
      return false;
    }
    if (m.getReturnType().getKind() == TypeKind.ERROR
        || m.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR)) {
      throw new MethodReader.Erroneous(true);
    }
    TypeName returns = TypeName.get(m.getReturnType());
    boolean writesOutput =
        TypeName.VOID.equals(returns)
            && m.getParameters().stream().anyMatch(p -> Types.DOUBLE_ARRAY.equals(TypeName.get(p.asType())));
    if (!Types.isResult(returns) && !writesOutput) {
      Tree at = tree.getReturnType() == null ? tree : tree.getReturnType();
      diag.error(at, unit, Message.UNSUPPORTED_RETURN_TYPE, returns.toString().replace("java.lang.", ""));
      return false;
    }
    return true;
  }

  /** The method's model; from its own tangent rules, which take precedence, if it has some. */
  private MethodReader.Result read(ExecutableElement m) {
    CustomRules rules = state.rules();
    MethodReader reader = new MethodReader(trees, env.getTypeUtils(), rules, m, state.copiedFrom);
    CustomRules.Found own = m.getModifiers().contains(Modifier.STATIC) ? rules.lookup(m) : null;
    return own != null ? reader.readWithRules(m, own) : reader.read(m);
  }

  /** Every differentiated callee must have, or be about to get, a generated class. */
  private boolean callees(CheckedMethod c) {
    boolean ok = true;
    Set<String> helpers = new HashSet<>();
    c.helpers().forEach(h -> helpers.add(h.key()));
    for (Expr.DiffCall call : ModelCalls.diffCalls(c.read().model().body())) {
      String key = SourceMethod.keyOf(call);
      if (inRound.contains(key) || failed.contains(key) || helpers.contains(key)) {
        continue; // a failed callee is reported at the call, with its callers
      }
      if (env.getElementUtils().getTypeElement(call.derivatives().canonicalName()) == null) {
        String implicit = implicitlyCompiled(call.owner());
        String why =
            implicit == null
                ? "is not on the classpath. Compile that class with the dualj processor."
                : "does not exist: javac found "
                    + implicit
                    + " through the source path and compiled it implicitly, and annotation"
                    + " processors do not run on implicitly compiled files (-implicit:class does"
                    + " not change that). Compile that file in the same compilation, listed with"
                    + " the other sources, or compile it first with the dualj processor and put"
                    + " the result on the class path.";
        errorAt(
            c,
            call,
            Message.MISSING_DERIVATIVES,
            call.owner().simpleName() + "." + call.name(),
            call.derivatives().simpleName(),
            why);
        ok = false;
      }
    }
    return ok;
  }

  /**
   * The file of class {@code owner} if javac compiles it from source but did not hand it to
   * processors: it found the file through the source path (an implicitly compiled file).
   */
  private String implicitlyCompiled(ClassName owner) {
    TypeElement type = env.getElementUtils().getTypeElement(owner.canonicalName());
    TreePath path = type == null ? null : trees.getPath(type);
    if (path == null) {
      return null;
    }
    java.net.URI file = path.getCompilationUnit().getSourceFile().toUri();
    if (state.rootUnits.contains(file)) {
      return null;
    }
    String name = file.getPath();
    return name == null ? file.toString() : name.substring(name.lastIndexOf('/') + 1);
  }

  /**
   * An order-2 method differentiates again what its tangent code calls: every method it calls
   * for a derivative needs second-order code of its own (order 2), and every tangent rule whose
   * partial it uses must be {@code @Differentiable} with respect to all its double parameters.
   * {@code ruleArguments} are the arguments of {@code ruleCalls} whose partials are used.
   */
  public boolean secondOrderNeeds(
      CheckedMethod c,
      List<Expr.DiffCall> callees,
      List<Expr.RuleCall> ruleCalls,
      List<Integer> ruleArguments) {
    boolean ok = true;
    List<Expr> reported = new ArrayList<>();
    for (Expr.DiffCall call : callees) {
      int order = calleeOrder(call);
      if (order < 2 && reported.stream().noneMatch(r -> r == call)) {
        reported.add(call);
        errorAt(c, call, Message.CALLEE_ORDER, call.owner().simpleName() + "." + call.name(), order);
        ok = false;
      }
    }
    for (int i = 0; i < ruleCalls.size(); i++) {
      Expr.RuleCall call = ruleCalls.get(i);
      int argument = ruleArguments.get(i);
      Rule rule = call.partials().get(argument);
      List<TypeName> types = new ArrayList<>(call.parameterTypes());
      types.add(TypeName.DOUBLE);
      Options o = findOptions(rule.owner(), rule.method(), types);
      if (!rule.differentiable() || o == null || !o.wrt().isEmpty()) {
        errorAt(
            c,
            call,
            Message.RULE_ORDER,
            rule.owner().simpleName() + "." + rule.method(),
            call.owner().simpleName() + "." + call.name(),
            argument);
        ok = false;
      }
    }
    return ok;
  }

  private void errorAt(CheckedMethod c, Expr node, Message message, Object... args) {
    Tree at = c.read().origins().get(node);
    if (at != null) {
      diag.error(at, c.unit(), message, args);
    } else {
      diag.error(c.method().element(), message, args);
    }
  }

  /** The {@code order} of a called {@code @Differentiable} method (1 if it cannot be found). */
  private int calleeOrder(Expr.DiffCall call) {
    String key = SourceMethod.keyOf(call);
    if (helperOrder.containsKey(key)) {
      return helperOrder.get(key);
    }
    Options o = findOptions(call.owner(), call.name(), call.parameterTypes());
    return o == null ? 1 : o.order();
  }

  /** The {@code @Differentiable} options of method {@code owner.name(types)}, or null. */
  private Options findOptions(ClassName ownerName, String name, List<TypeName> types) {
    TypeElement owner = env.getElementUtils().getTypeElement(ownerName.canonicalName());
    if (owner == null) {
      return null;
    }
    for (Element member : owner.getEnclosedElements()) {
      if (member instanceof ExecutableElement e
          && e.getKind() == ElementKind.METHOD
          && e.getSimpleName().contentEquals(name)
          && e.getParameters().size() == types.size()) {
        boolean same = true;
        for (int i = 0; i < e.getParameters().size(); i++) {
          same &= TypeName.get(e.getParameters().get(i).asType()).equals(types.get(i));
        }
        if (same) {
          return Options.of(e);
        }
      }
    }
    return null;
  }
}
