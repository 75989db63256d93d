package org.dualj.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * Keeps the user's variable names from capturing names the generated code uses: in
 * {@code Math.sin(x)} or {@code Dual.of(v, t)}, a variable named {@code Math} or {@code Dual} in
 * scope would be taken for the qualifier, and a variable named {@code java} or {@code org} would
 * break a fully qualified name. A parameter or local with such a name is renamed in the generated
 * code, with a trailing {@code _} ({@code Math_}); other names stay as written.
 */
public final class Shadowing {
  /**
   * Classes generated code may name besides those the method's model mentions: the runtime,
   * {@code java.lang} classes it names in text or through JavaPoet, and the annotation on the
   * generated class.
   */
  private static final List<ClassName> ALWAYS =
      List.of(
          Types.DUAL,
          Types.DUALS,
          Types.DUAL_VECTOR,
          Types.LANES,
          Types.WORKSPACE,
          Types.MATH,
          ClassName.get("org.dualj.runtime", "DualVectors"),
          ClassName.get("java.lang", "StrictMath"),
          ClassName.get("java.lang", "Double"),
          ClassName.get("java.lang", "Float"),
          ClassName.get("java.lang", "System"),
          ClassName.get("java.util", "Arrays"),
          ClassName.get("javax.annotation.processing", "Generated"));

  private final Map<Object, ?> origins;
  private final Map<String, String> renames = new HashMap<>();

  private Shadowing(Map<Object, ?> origins) {
    this.origins = origins;
  }

  /** The parameters and body, renamed; the same objects when no name needs it. */
  public record Renamed(List<MethodModel.Param> params, Stmt.Block body) {}

  /**
   * Renames the variables of a method whose generated code names the classes in {@code named}
   * and those its model mentions. Renamed nodes take over the source trees of the nodes they
   * replace in {@code origins}, so errors found later still point at the source.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Renamed rename(
      List<MethodModel.Param> params, Stmt.Block body, List<TypeName> named, Map<Object, ?> origins) {
    Set<String> taken = new HashSet<>();
    for (ClassName c : ALWAYS) {
      qualifiers(c, taken);
    }
    for (TypeName t : named) {
      qualifiers(t, taken);
    }
    Set<String> declared = new HashSet<>();
    for (MethodModel.Param p : params) {
      declared.add(p.name());
      qualifiers(p.type(), taken);
    }
    collect(body, declared, taken);
    Shadowing s = new Shadowing(origins);
    Set<String> used = new HashSet<>(declared);
    used.addAll(taken);
    for (String name : declared.stream().sorted().toList()) {
      if (taken.contains(name)) {
        String renamed = name + "_";
        while (used.contains(renamed)) {
          renamed += "_";
        }
        used.add(renamed);
        s.renames.put(name, renamed);
      }
    }
    if (s.renames.isEmpty()) {
      return new Renamed(params, body);
    }
    List<MethodModel.Param> out = new ArrayList<>();
    for (MethodModel.Param p : params) {
      out.add(new MethodModel.Param(s.name(p.name()), p.type(), p.active()));
    }
    return new Renamed(out, (Stmt.Block) s.stmt(body));
  }

  private String name(String name) {
    return renames.getOrDefault(name, name);
  }

  // ---------------------------------------------------------------- what generated code names

  /** The names by which {@code t} may appear in code: simple names and the package's root. */
  private static void qualifiers(TypeName t, Set<String> out) {
    if (t instanceof ClassName c) {
      out.addAll(c.simpleNames());
      if (!c.packageName().isEmpty()) {
        out.add(c.packageName().split("\\.")[0]);
      }
    } else if (t instanceof ParameterizedTypeName p) {
      qualifiers(p.rawType(), out);
      p.typeArguments().forEach(a -> qualifiers(a, out));
    } else if (t instanceof ArrayTypeName a) {
      qualifiers(a.componentType(), out);
    } else if (t instanceof WildcardTypeName w) {
      w.upperBounds().forEach(b -> qualifiers(b, out));
      w.lowerBounds().forEach(b -> qualifiers(b, out));
    } else if (t instanceof TypeVariableName v) {
      v.bounds().forEach(b -> qualifiers(b, out));
    }
  }

  /** Declared variable names into {@code declared}, named classes into {@code taken}. */
  private static void collect(Stmt s, Set<String> declared, Set<String> taken) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.Declare d) {
      declared.add(d.name());
      qualifiers(d.type(), taken);
      collect(d.init(), taken);
    } else if (s instanceof Stmt.ForEach f) {
      declared.add(f.var());
      qualifiers(f.type(), taken);
      collect(f.iterable(), taken);
      collect(f.body(), declared, taken);
    } else if (s instanceof Stmt.SourceLine l) {
      collect(l.stmt(), declared, taken);
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(x -> collect(x, declared, taken));
    } else if (s instanceof Stmt.Assign a) {
      collect(a.target(), taken);
      collect(a.value(), taken);
    } else if (s instanceof Stmt.CompoundAssign c) {
      collect(c.target(), taken);
      collect(c.value(), taken);
    } else if (s instanceof Stmt.Eval e) {
      collect(e.expr(), taken);
    } else if (s instanceof Stmt.If i) {
      collect(i.cond(), taken);
      collect(i.then(), declared, taken);
      collect(i.otherwise(), declared, taken);
    } else if (s instanceof Stmt.While w) {
      collect(w.cond(), taken);
      collect(w.body(), declared, taken);
    } else if (s instanceof Stmt.DoWhile d) {
      collect(d.body(), declared, taken);
      collect(d.cond(), taken);
    } else if (s instanceof Stmt.For f) {
      f.init().forEach(x -> collect(x, declared, taken));
      collect(f.cond(), taken);
      f.update().forEach(x -> collect(x, declared, taken));
      collect(f.body(), declared, taken);
    } else if (s instanceof Stmt.Labeled l) {
      collect(l.body(), declared, taken);
    } else if (s instanceof Stmt.Switch sw) {
      collect(sw.selector(), taken);
      for (Stmt.Case c : sw.cases()) {
        c.labels().forEach(x -> collect(x, taken));
        c.body().forEach(x -> collect(x, declared, taken));
      }
    } else if (s instanceof Stmt.Return r) {
      collect(r.value(), taken);
    } else if (s instanceof Stmt.Try t) {
      collect(t.body(), declared, taken);
      for (Stmt.Catch c : t.catches()) {
        declared.add(c.name());
        c.types().forEach(x -> qualifiers(x, taken));
        collect(c.body(), declared, taken);
      }
      collect(t.fin(), declared, taken);
    } else if (s instanceof Stmt.Throw t) {
      collect(t.value(), taken);
    } else if (s instanceof Stmt.Assert a) {
      collect(a.cond(), taken);
      collect(a.message(), taken);
    }
  }

  private static void collect(Expr e, Set<String> taken) {
    if (e == null) {
      return;
    }
    if (e.type() != null) {
      qualifiers(e.type(), taken);
    }
    if (e instanceof Expr.FieldRead f) {
      qualifiers(f.owner(), taken);
    } else if (e instanceof Expr.Cast c) {
      qualifiers(c.type(), taken);
    } else if (e instanceof Expr.NewArray n && n.elementType() != null) {
      qualifiers(n.elementType(), taken);
    } else if (e instanceof Expr.ArrayInit a && a.elementType() != null) {
      qualifiers(a.elementType(), taken);
    } else if (e instanceof Expr.MathCall m) {
      qualifiers(m.owner(), taken);
    } else if (e instanceof Expr.DiffCall d) {
      qualifiers(d.owner(), taken);
      qualifiers(d.derivatives(), taken);
    } else if (e instanceof Expr.RuleCall r) {
      qualifiers(r.owner(), taken);
      for (Rule rule : r.partials()) {
        if (rule != null) {
          qualifiers(rule.owner(), taken);
          if (rule.derivatives() != null) {
            qualifiers(rule.derivatives(), taken);
          }
        }
      }
    } else if (e instanceof Expr.PlainCall p) {
      qualifiers(p.owner(), taken);
    } else if (e instanceof Expr.StaticCall s) {
      qualifiers(s.owner(), taken);
    }
    for (Expr c : Exprs.children(e)) {
      collect(c, taken);
    }
  }

  // ---------------------------------------------------------------- renaming

  @SuppressWarnings("unchecked")
  private <T> T moved(Object from, T to) {
    Object tree = origins.get(from);
    if (tree != null && to != from) {
      ((Map<Object, Object>) origins).put(to, tree);
    }
    return to;
  }

  private Expr expr(Expr e) {
    if (e == null) {
      return null;
    }
    Expr out =
        e instanceof Expr.Var v
            ? (renames.containsKey(v.name()) ? new Expr.Var(name(v.name()), v.type()) : v)
            : Exprs.mapChildren(e, this::expr);
    return moved(e, out);
  }

  private List<Expr> exprs(List<Expr> es) {
    return es.stream().map(this::expr).toList();
  }

  private List<Stmt> stmts(List<Stmt> ss) {
    return ss.stream().map(this::stmt).toList();
  }

  private Stmt stmt(Stmt s) {
    if (s == null) {
      return null;
    }
    Stmt out;
    if (s instanceof Stmt.Declare d) {
      out = new Stmt.Declare(d.type(), name(d.name()), expr(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      out = new Stmt.Assign(expr(a.target()), expr(a.value()));
    } else if (s instanceof Stmt.CompoundAssign c) {
      out = new Stmt.CompoundAssign(c.op(), expr(c.target()), expr(c.value()));
    } else if (s instanceof Stmt.Eval e) {
      out = new Stmt.Eval(expr(e.expr()));
    } else if (s instanceof Stmt.Block b) {
      out = new Stmt.Block(stmts(b.body()));
    } else if (s instanceof Stmt.If i) {
      out = new Stmt.If(expr(i.cond()), stmt(i.then()), stmt(i.otherwise()));
    } else if (s instanceof Stmt.While w) {
      out = new Stmt.While(expr(w.cond()), stmt(w.body()));
    } else if (s instanceof Stmt.DoWhile d) {
      out = new Stmt.DoWhile(stmt(d.body()), expr(d.cond()));
    } else if (s instanceof Stmt.For f) {
      out = new Stmt.For(stmts(f.init()), expr(f.cond()), stmts(f.update()), stmt(f.body()));
    } else if (s instanceof Stmt.ForEach f) {
      out = new Stmt.ForEach(f.type(), name(f.var()), expr(f.iterable()), stmt(f.body()));
    } else if (s instanceof Stmt.Labeled l) {
      out = new Stmt.Labeled(l.label(), stmt(l.body()));
    } else if (s instanceof Stmt.Return r) {
      out = new Stmt.Return(expr(r.value()));
    } else if (s instanceof Stmt.Try t) {
      List<Stmt.Catch> catches = new ArrayList<>();
      for (Stmt.Catch c : t.catches()) {
        catches.add(new Stmt.Catch(c.types(), name(c.name()), (Stmt.Block) stmt(c.body())));
      }
      out = new Stmt.Try((Stmt.Block) stmt(t.body()), catches, (Stmt.Block) stmt(t.fin()));
    } else if (s instanceof Stmt.Throw t) {
      out = new Stmt.Throw(expr(t.value()));
    } else if (s instanceof Stmt.Assert a) {
      out = new Stmt.Assert(expr(a.cond()), expr(a.message()));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(exprs(c.labels()), stmts(c.body())));
      }
      out = new Stmt.Switch(expr(sw.selector()), cases, sw.arrows());
    } else if (s instanceof Stmt.SourceLine l) {
      out = new Stmt.SourceLine(l.line(), l.text(), stmt(l.stmt()));
    } else {
      out = s; // Break, Continue, Comment
    }
    return moved(s, out);
  }
}
