package org.dualj.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Writes into arrays the method does not own.
 *
 * <p>The gradient, Jacobian and Hessian entry points run a method's tangent code once per pass
 * over its inputs. Its {@code double[]} parameters are copied for every pass (and the last pass's
 * copy is written back, so the caller sees what one primal call leaves), but storage reached
 * through a field, a row of a matrix, an array a library call returned or a parameter of another
 * array type is shared: a write into it would be repeated by every pass, and later passes would
 * read what earlier ones wrote. Such writes are errors, whatever the activity of the value written
 * and whichever entry points the method gets.
 *
 * <p>Every array expression gets the set of storages it may denote (flow-insensitive, through
 * locals, ternaries, casts and the results of {@code @Differentiable} calls, which may return an
 * argument). Each write, direct or by a callee that writes its parameter, is checked against it.
 * The same pass gives the method's {@link Summary}: which of its own array parameters it may write,
 * for the analysis of its callers.
 */
public final class ArrayEffects {

  /**
   * What callers need to know about a method: the indices of the parameters it may write, and
   * whether it may call a method with effects the analysis cannot see (printing, a counter, a
   * random number generator), which must then run once, not once per pass.
   */
  public record Summary(Set<Integer> writtenParameters, boolean effects, boolean returnsArgument) {
    public static final Summary NONE = new Summary(Set.of(), false);

    /** A summary of a method known to return only new arrays (or none). */
    public Summary(Set<Integer> writtenParameters, boolean effects) {
      this(writtenParameters, effects, false);
    }
  }

  /** Owners whose methods have no effects other than the array writes {@link CallWrites} lists. */
  private static final Set<String> PURE_OWNERS =
      Set.of(
          "java.lang.Math", "java.lang.StrictMath", "java.lang.Double", "java.lang.Float",
          "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
          "java.lang.Character", "java.lang.Boolean", "java.lang.String", "java.util.Arrays",
          "java.util.Objects", "org.hipparchus.util.FastMath",
          "org.apache.commons.math3.util.FastMath");

  /** What the analysis knows of the methods a body calls. */
  public interface Callees {
    /**
     * The summary of a called {@code @Differentiable} method, or null if it is not known (then it
     * is taken to write every array it is given).
     */
    Summary of(Expr.DiffCall call);

    /** True if the call of a method without a derivative may write into argument {@code i}. */
    boolean writes(Expr.PlainCall call, int i);

    /**
     * Whether a method without a derivative has no effects (besides array writes): TRUE or FALSE
     * when its source could be read, null when it could not (a library method).
     */
    default Boolean pure(Expr.PlainCall call) {
      return null;
    }
  }

  /**
   * The method's summary, its forbidden writes, and the calls that may have effects (a call of a
   * method without a derivative outside the known pure libraries, or of a method that makes one).
   */
  public record Result(Summary summary, List<Activity.Finding> findings, List<Expr> effectCalls) {}

  /** One storage an array expression may denote. */
  private record Storage(Kind kind, String what) {}

  private enum Kind {
    /** Allocated by this call of the method. */
    FRESH,
    /** The {@code double[]} parameter {@code what}, copied per pass by the entry points. */
    PARAMETER,
    /** Anything else: {@code what} describes it for the message. */
    SHARED
  }

  private static final Storage FRESH = new Storage(Kind.FRESH, "");

  private final MethodModel method;
  private final Callees callees;
  private final Map<String, Set<Storage>> locals = new HashMap<>();
  /** The storages the rows of a local {@code double[][]} may be (new rows, another array's). */
  private final Map<String, Set<Storage>> rows = new HashMap<>();
  private final Set<Integer> written = new TreeSet<>();
  private final List<Expr> effectCalls = new ArrayList<>();
  private final List<Activity.Finding> findings = new ArrayList<>();
  private final Map<Object, Boolean> reported = new IdentityHashMap<>();
  private boolean changed;

  private ArrayEffects(MethodModel method, Callees callees) {
    this.method = method;
    this.callees = callees;
  }

  public static Result analyse(MethodModel method, Callees callees) {
    ArrayEffects a = new ArrayEffects(method, callees);
    List<Stmt> all = Stmts.all(method.body());
    do {
      a.changed = false;
      for (Stmt s : all) {
        a.flow(s);
      }
    } while (a.changed);
    for (Stmt s : all) {
      a.writes(s);
    }
    boolean returnsArgument = false;
    for (Stmt s : all) {
      if (s instanceof Stmt.Return r && r.value() != null && isArray(r.value().type())) {
        for (Storage st : a.storages(r.value())) {
          returnsArgument |= st.kind() != Kind.FRESH;
        }
      }
    }
    return new Result(
        new Summary(Set.copyOf(a.written), !a.effectCalls.isEmpty(), returnsArgument),
        List.copyOf(a.findings),
        List.copyOf(a.effectCalls));
  }

  // ---------------------------------------------------------------- storages of array values

  private void flow(Stmt s) {
    if (s instanceof Stmt.Declare d && d.init() != null && isArray(d.type())) {
      into(d.name(), storages(d.init()));
      intoRows(d.name(), d.type(), d.init());
    } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && isArray(v.type())) {
      into(v.name(), storages(a.value()));
      intoRows(v.name(), v.type(), a.value());
    } else if (s instanceof Stmt.Assign a
        && a.target() instanceof Expr.Index ix
        && isArray(ix.type())
        && ix.array() instanceof Expr.Var m) {
      // m[i] = row: a row of m may now be that array
      add(rows, m.name(), storages(a.value()));
    } else if (s instanceof Stmt.ForEach f && isArray(f.type())) {
      into(f.var(), rowStorages(f.iterable()));
    }
  }

  private void into(String local, Set<Storage> storages) {
    add(locals, local, storages);
  }

  private void intoRows(String local, TypeName type, Expr value) {
    if (type instanceof ArrayTypeName at && isArray(at.componentType())) {
      add(rows, local, rowStorages(value));
    }
  }

  private void add(Map<String, Set<Storage>> map, String local, Set<Storage> storages) {
    if (map.computeIfAbsent(local, k -> new LinkedHashSet<>()).addAll(storages)) {
      changed = true;
    }
  }

  /**
   * The storages the rows of a matrix-valued expression may denote: new rows of
   * {@code new double[m][n]}, the arrays of an initializer {@code {a, b}} (and of a shallow
   * {@code clone()}), what was stored into a local matrix; rows of anything else are shared.
   */
  private Set<Storage> rowStorages(Expr e) {
    Set<Storage> out = new LinkedHashSet<>();
    if (e instanceof Expr.Var v && param(v.name()) == null) {
      out.addAll(rows.getOrDefault(v.name(), Set.of()));
    } else if (e instanceof Expr.Var v) {
      out.addAll(rows.getOrDefault(v.name(), Set.of()));
      out.add(new Storage(Kind.SHARED, "a row of " + describe(e)));
    } else if (e instanceof Expr.NewMatrix) {
      out.add(FRESH);
    } else if (e instanceof Expr.ArrayInit a) {
      for (Expr row : a.elements()) {
        out.addAll(storages(row));
      }
    } else if (e instanceof Expr.ArrayClone c) {
      out.addAll(rowStorages(c.array()));
    } else if (e instanceof Expr.Conditional c) {
      out.addAll(rowStorages(c.whenTrue()));
      out.addAll(rowStorages(c.whenFalse()));
    } else if (e instanceof Expr.Cast c) {
      out.addAll(rowStorages(c.operand()));
    } else {
      out.add(new Storage(Kind.SHARED, "a row of " + describe(e)));
    }
    return out;
  }

  /** The storages an array-valued expression may denote. */
  private Set<Storage> storages(Expr e) {
    Set<Storage> out = new LinkedHashSet<>();
    if (e instanceof Expr.Var v) {
      MethodModel.Param p = param(v.name());
      // what was assigned to it, parameters included (x = this.w; x[0] = 1;)
      out.addAll(locals.getOrDefault(v.name(), Set.of()));
      if (p == null) {
        // a local: nothing more
      } else if (Types.DOUBLE_ARRAY.equals(p.type())) {
        out.add(new Storage(Kind.PARAMETER, p.name()));
      } else {
        out.add(new Storage(Kind.SHARED, "the " + p.type() + " parameter " + p.name()));
      }
    } else if (e instanceof Expr.FieldRead f) {
      out.add(new Storage(Kind.SHARED, "field " + f.name()));
    } else if (e instanceof Expr.Index i) {
      out.addAll(rowStorages(i.array()));
    } else if (e instanceof Expr.Conditional c) {
      out.addAll(storages(c.whenTrue()));
      out.addAll(storages(c.whenFalse()));
    } else if (e instanceof Expr.Cast c) {
      out.addAll(storages(c.operand()));
    } else if (e instanceof Expr.PlainCall p) {
      if (freshFromLibrary(p)) {
        out.add(FRESH);
      } else {
        out.add(new Storage(Kind.SHARED, "the array " + p.name() + "(…) returned"));
      }
    } else if (e instanceof Expr.DiffCall d) {
      // a @Differentiable method returns a new array or one of its arguments
      out.add(FRESH);
      for (Expr a : d.args()) {
        if (isArray(a.type())) {
          out.addAll(storages(a));
        }
      }
    } else {
      out.add(FRESH); // new arrays, initializers, clones
    }
    return out;
  }

  /**
   * Whether a call without a derivative may have effects a second run would repeat: the JDK's
   * sources of output, time and random numbers; a method of this compilation whose source shows
   * effects; a library method returning nothing (it is called for its effect). A library method
   * returning a value (a getter, a special function) is taken to have none.
   */
  private boolean hasEffects(Expr.PlainCall p) {
    String owner = p.owner().canonicalName();
    if (PURE_OWNERS.contains(owner)) {
      return p.name().equals("random");
    }
    if (EFFECT_OWNERS.stream().anyMatch(owner::startsWith)) {
      return !p.name().equals("arraycopy"); // its writes are checked as writes
    }
    Boolean pure = callees.pure(p);
    if (pure != null) {
      return !pure;
    }
    return p.type() == null || TypeName.VOID.equals(p.type());
  }

  private static final List<String> EFFECT_OWNERS =
      List.of(
          "java.io.", "java.lang.System", "java.lang.Thread", "java.lang.Runtime",
          "java.util.Random", "java.util.SplittableRandom", "java.util.concurrent.",
          "java.util.logging.", "java.nio.");

  /** {@code a.clone()} and the copying methods of {@code java.util.Arrays}. */
  private static boolean freshFromLibrary(Expr.PlainCall p) {
    if (p.name().equals("clone") && p.args().isEmpty() && p.receiver() != null) {
      return isArray(p.receiver().type());
    }
    return p.owner().canonicalName().equals("java.util.Arrays") && p.name().startsWith("copyOf");
  }

  private String describe(Expr array) {
    if (array instanceof Expr.Var v) {
      return v.name();
    } else if (array instanceof Expr.FieldRead f) {
      return "field " + f.name();
    } else if (array instanceof Expr.Index) {
      return "a row of a matrix";
    } else if (array instanceof Expr.PlainCall p) {
      return "the array " + p.name() + "(…) returned";
    }
    return "an array";
  }

  private MethodModel.Param param(String name) {
    for (MethodModel.Param p : method.params()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isArray(TypeName t) {
    return t instanceof ArrayTypeName;
  }

  // ---------------------------------------------------------------- writes

  private void writes(Stmt s) {
    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index ix) {
      written(ix.array(), ix, "this assignment");
    } else if (s instanceof Stmt.CompoundAssign c && c.target() instanceof Expr.Index ix) {
      written(ix.array(), ix, "this assignment");
    }
    if (s instanceof Stmt.Throw t) {
      thrown = t.value(); // the object a throw creates is the exception, not an effect
    }
    for (Expr e : Stmts.exprs(s)) {
      walk(e);
    }
    thrown = null;
  }

  /** The operand of the throw statement being walked, or null. */
  private Expr thrown;

  private void walk(Expr e) {
    List<Expr> stack = new ArrayList<>();
    stack.add(e);
    while (!stack.isEmpty()) {
      Expr next = stack.remove(stack.size() - 1);
      calls(next);
      stack.addAll(Exprs.children(next));
    }
  }

  private void calls(Expr e) {
    if (e instanceof Expr.IncDec i && i.target() instanceof Expr.Index ix) {
      written(ix.array(), ix, "this increment");
    } else if (e instanceof Expr.DiffCall d) {
      Summary callee = callees.of(d);
      if (callee == null || callee.effects()) {
        effectCalls.add(d);
      }
      for (int i = 0; i < d.args().size(); i++) {
        Expr a = d.args().get(i);
        if (isArray(a.type()) && (callee == null || callee.writtenParameters().contains(i))) {
          written(a, a, "the call of " + d.name() + (callee == null ? ", which may write it," : ""));
        }
      }
    } else if (e instanceof Expr.NewObject n) {
      // a constructor outside the JDK may have effects (a counter) and keep and write an array
      boolean jdk = n.type() instanceof com.palantir.javapoet.ClassName c
          && (c.packageName().startsWith("java.") || c.packageName().startsWith("javax."));
      if (!jdk && e != thrown) {
        effectCalls.add(n);
        for (Expr a : n.args()) {
          if (isArray(a.type())) {
            written(a, a, "the creation of " + n.type());
          }
        }
      }
    } else if (e instanceof Expr.PlainCall p) {
      if (hasEffects(p)) {
        effectCalls.add(p);
      }
      for (int i = 0; i < p.args().size(); i++) {
        Expr a = p.args().get(i);
        if (isArray(a.type()) && callees.writes(p, i)) {
          written(a, a, "the call of " + p.name());
        }
      }
    }
  }

  /** {@code by} writes into {@code array}: fine for its own arrays, an error for shared ones. */
  private void written(Expr array, Expr at, String by) {
    for (Storage s : storages(array)) {
      if (s.kind() == Kind.PARAMETER) {
        written.add(method.params().indexOf(param(s.what())));
      } else if (s.kind() == Kind.SHARED && reported.put(at, Boolean.TRUE) == null) {
        if (array instanceof Expr.FieldRead f && at instanceof Expr.Index) {
          findings.add(
              new Activity.Finding(at, Message.FIELD_WRITE, new Object[] {"an element of " + f.name()}));
        } else {
          String where = describe(array);
          String what = where.equals(s.what()) ? where : where + ", which may be " + s.what();
          findings.add(new Activity.Finding(at, Message.SHARED_ARRAY_WRITE, new Object[] {by, what}));
        }
      }
    }
  }
}
