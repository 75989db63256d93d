package org.dualj.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.dualj.processor.FuzzAst.ACall;
import org.dualj.processor.FuzzAst.AClone;
import org.dualj.processor.FuzzAst.ARow;
import org.dualj.processor.FuzzAst.ACopyOf;
import org.dualj.processor.FuzzAst.AInit;
import org.dualj.processor.FuzzAst.ANew;
import org.dualj.processor.FuzzAst.ARef;
import org.dualj.processor.FuzzAst.And;
import org.dualj.processor.FuzzAst.Arg;
import org.dualj.processor.FuzzAst.ArrayField;
import org.dualj.processor.FuzzAst.Arr;
import org.dualj.processor.FuzzAst.ArrArg;
import org.dualj.processor.FuzzAst.Bin;
import org.dualj.processor.FuzzAst.Call;
import org.dualj.processor.FuzzAst.CallStmt;
import org.dualj.processor.FuzzAst.Cmp;
import org.dualj.processor.FuzzAst.Cond;
import org.dualj.processor.FuzzAst.DeclA;
import org.dualj.processor.FuzzAst.SetMElem;
import org.dualj.processor.FuzzAst.MElem;
import org.dualj.processor.FuzzAst.Fill;
import org.dualj.processor.FuzzAst.DeclM;
import org.dualj.processor.FuzzAst.ArrayCopy;
import org.dualj.processor.FuzzAst.DeclD;
import org.dualj.processor.FuzzAst.DeclSwitch;
import org.dualj.processor.FuzzAst.ThrowIfNaN;
import org.dualj.processor.FuzzAst.DoWhile;
import org.dualj.processor.FuzzAst.Elem;
import org.dualj.processor.FuzzAst.Expr;
import org.dualj.processor.FuzzAst.ExprArg;
import org.dualj.processor.FuzzAst.Field;
import org.dualj.processor.FuzzAst.FieldDecl;
import org.dualj.processor.FuzzAst.Fn;
import org.dualj.processor.FuzzAst.For;
import org.dualj.processor.FuzzAst.ForEach;
import org.dualj.processor.FuzzAst.FromInt;
import org.dualj.processor.FuzzAst.Guard;
import org.dualj.processor.FuzzAst.IAdd;
import org.dualj.processor.FuzzAst.ICast;
import org.dualj.processor.FuzzAst.ICmp;
import org.dualj.processor.FuzzAst.IConst;
import org.dualj.processor.FuzzAst.ILen;
import org.dualj.processor.FuzzAst.IMod;
import org.dualj.processor.FuzzAst.IVar;
import org.dualj.processor.FuzzAst.Idx;
import org.dualj.processor.FuzzAst.If;
import org.dualj.processor.FuzzAst.IncD;
import org.dualj.processor.FuzzAst.IncElem;
import org.dualj.processor.FuzzAst.IntArg;
import org.dualj.processor.FuzzAst.Jump;
import org.dualj.processor.FuzzAst.Kind;
import org.dualj.processor.FuzzAst.Method;
import org.dualj.processor.FuzzAst.Neg;
import org.dualj.processor.FuzzAst.Not;
import org.dualj.processor.FuzzAst.Num;
import org.dualj.processor.FuzzAst.OpSetD;
import org.dualj.processor.FuzzAst.OpSetElem;
import org.dualj.processor.FuzzAst.Or;
import org.dualj.processor.FuzzAst.Param;
import org.dualj.processor.FuzzAst.Parity;
import org.dualj.processor.FuzzAst.Program;
import org.dualj.processor.FuzzAst.Ref;
import org.dualj.processor.FuzzAst.Return;
import org.dualj.processor.FuzzAst.SetD;
import org.dualj.processor.FuzzAst.SetElem;
import org.dualj.processor.FuzzAst.Stmt;
import org.dualj.processor.FuzzAst.Switch;
import org.dualj.processor.FuzzAst.Tern;
import org.dualj.processor.FuzzAst.While;

/**
 * Random {@code @Differentiable} programs from a seed: nested expressions over every operator and
 * the {@code Math} functions with arguments kept inside each function's domain, locals,
 * reassignment and compound assignment, branches and ternaries on active values, counted loops
 * ({@code for}, enhanced {@code for}, {@code while}, {@code do}, labels, {@code break}, {@code
 * continue}) over overwritten accumulators, {@code switch} on ints, early returns, {@code
 * double[]} inputs and outputs, static and instance methods reading fields, and calls between the
 * methods of one class, recursion included; in a share of the programs ({@link #ORDER2_PERCENT})
 * the double-valued methods that may be are {@code order = 2}. The same seed always gives the same
 * program.
 */
final class FuzzGenerator {

  /**
   * Shapes of code to leave out, so that a campaign can look past a bug that is known but not yet
   * fixed: {@code -Dfuzz.avoid=} a comma-separated list of these names ({@code all} for every
   * one). Each triggered a bug found by the fuzzer, all fixed and kept as regression tests
   * ({@link FuzzFoundBugsTest}; the second-order ones in {@code SecondOrderErrorsTest}):
   *
   * <ul>
   *   <li>{@code inactiveCall}: a call of a method that takes a {@code double[]} whose result only
   *       feeds an inactive context (a condition, an {@code (int)} cast, {@code floor}, {@code
   *       signum}, …);
   *   <li>{@code indexCall}: a method call in the index of {@code a[i] op= e};
   *   <li>{@code returnedAlias}: a method returning its {@code double[]} parameter;
   *   <li>{@code evaluationOrder}: a caller's array passed to a call inside a larger expression
   *       (the call may write an element that the expression reads before it);
   *   <li>{@code order2InactiveCall} {@code order = 2} on a method that
   *       calls a method in an inactive context (a condition, an {@code (int)} cast or index,
   *       {@code floor}, …); the first application wrote a plain call there, which the second
   *       rejected ([DiffInternalError] … [DiffUnsupportedCall]);
   *   <li>{@code order2NotWrtArray} {@code order = 2} on a method that
   *       calls a method with a {@code double[]} parameter outside its {@code wrt}; the argument,
   *       a variable in the tangent code, was marked active by the call and then rejected
   *       ([DiffInternalError] … [DiffCallNotWrt]);
   *   <li>{@code order2AliasedArguments} {@code order = 2} on a method
   *       that passes one array to two parameters of a call ({@code g(xs, xs)}); the value call of
   *       {@code fTangent} got a copy of each argument, so a callee that writes through one
   *       parameter no longer saw it through the other: wrong gradient entries and Hessian rows.
   * </ul>
   *
   * <p>The shapes of issue #10, generated by default; each expects correct derivatives or one of
   * the rejections listed in {@link Program#acceptableErrors()}:
   *
   * <ul>
   *   <li>{@code overriding}: a nested subclass {@code Sub} overrides instance methods (some of the
   *       class's instance methods are {@code final}); instance methods are also checked with a
   *       {@code Sub} receiver, whose calls dispatch to the overrides ({@code [DiffOverridable]}
   *       accepted);
   *   <li>{@code fieldAlias}: {@code double[]} fields, static and instance, read, written directly,
   *       through local aliases, through callees they are passed to, and returned; every entry point
   *       must leave them as one plain call does ({@code [DiffFieldWrite]}, {@code [DiffArrayAlias]}
   *       accepted);
   *   <li>{@code paramState}: a check, not a shape: every entry point that takes the plain {@code
   *       double[]} arguments must leave them as one plain call does (writes done once, by every
   *       chunk and order);
   *   <li>{@code extremeArgs}: {@code hypot} and {@code atan2} of arguments scaled by 1e-160 or
   *       1e160 (the oracle differentiates the unscaled function, which is the same);
   *   <li>{@code longMethods}: about one method in ten gets 40 to 160 statements, a third of its
   *       declarations chains of 20 to 60 nested operations.
   * </ul>
   *
   * <p>The shapes of issue #11, generated by default: {@code switchExpression}, a local declared
   * from a switch expression over an integer ({@code case k -> e} and {@code case k -> { yield e;
   * }} arms); {@code throw}, an argument check {@code if (Double.isNaN(e)) throw …} that never
   * fires at the sample points but is in every generated mode; {@code arrayLibrary}, {@code
   * System.arraycopy} and {@code Arrays.fill} into local, parameter and field arrays and arrays
   * declared from {@code Arrays.copyOf}/{@code copyOfRange}; {@code matrix}, square {@code
   * double[][]} locals filled by nested loops, their elements written and read, and rows taken as
   * aliases ({@code double[] row = m[i]}) that are then read and written like any array;
   * {@code localAlias}, a local {@code double[] b = a;} of a writable array, after which
   * assignments write through one name and read through the other ({@code b[0] = a[0] * a[1]}:
   * the tangent, lane and adjoint code were ordered by names and went wrong, silently).
   *
   * <p>Shapes of reverse mode's coverage (issue #12), generated by default: {@code
   * incrementInCondition}, a {@code while} loop counting in its condition ({@code while (j++ < 2
   * && …)}); {@code forUpdateCall}, a {@code for} loop whose update calls a plain helper ({@code i
   * = $next(i)}).
   *
   * <p>Shape of reverse mode through {@code void} calls, generated by default: {@code voidCallee},
   * {@code void} methods writing their output into {@code double[]} parameters and call statements
   * of them, whose written arrays the caller then reads ({@link FuzzVoidShape}); {@code
   * writtenArgumentReads}, arguments of those calls that read elements of the arrays the call
   * writes ({@code fill(w, w[0] * w[0])}: reverse mode took the argument's partials at the values
   * the call left, not yet fixed).
   */
  static final Set<String> AVOIDED = avoided();

  /**
   * The shapes avoided by default: none (every bug the names describe is fixed); name shapes to
   * leave out while a bug is being fixed.
   */
  static final String DEFAULT_AVOIDED = "";

  private static Set<String> avoided() {
    String p = System.getProperty("fuzz.avoid", DEFAULT_AVOIDED).trim();
    if (p.equals("all")) {
      return Set.of(
          "inactiveCall", "indexCall", "returnedAlias", "evaluationOrder", "order2InactiveCall",
          "order2NotWrtArray", "order2AliasedArguments", "overriding", "fieldAlias", "paramState",
          "extremeArgs", "longMethods", "switchExpression", "throw", "arrayLibrary", "matrix",
          "localAlias", "incrementInCondition", "forUpdateCall", "voidCallee",
          "writtenArgumentReads");
    }
    if (p.equals("none")) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String s : p.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  static boolean avoid(String shape) {
    return AVOIDED.contains(shape);
  }

  /** Names that the generated code also uses for its own variables and parameters. */
  private static final String[] TRICKY_LOCALS = {
    "v1", "v2", "v3", "c", "c_2", "k", "p", "ws", "value", "result", "jacobian", "gradientOut",
    "jacobianOut", "start", "self", "out", "lanes", "dot", "n", "i_2", "v1_dot", "x0_dot", "d1_dot",
    "xs0_dot", "t", "a", "b", "w", "gradient", "values", "tangents",
    // and those of the second-order code
    "x0_dot2", "x0_dot_dot2", "d1_dot2", "v1_dot2", "result_dot2", "row", "hessian", "hessianVector"
  };

  private static final String[] TRICKY_PARAMS = {
    "p", "k", "ws", "c", "value", "start", "n", "self", "gradientOut", "jacobianOut", "v1", "result",
    "row", "hessian", "hessianOut", "x0_dot", "x1_dot2"
  };

  final SplittableRandom r;
  final int length;
  private final List<FieldDecl> fields = new ArrayList<>();
  final List<Method> methods = new ArrayList<>();
  private final List<ArrayField> arrayFields = new ArrayList<>();
  boolean noCalls; // while generating an override: no calls
  private boolean longMethod; // the method being generated is long (shape longMethods)

  // State of the method being generated.
  final Set<String> used = new HashSet<>();
  final List<String> doubles = new ArrayList<>(); // readable double variables
  final List<String> assignable = new ArrayList<>(); // assignable double variables
  final List<String> arrays = new ArrayList<>(); // readable double[] variables
  final List<String> writable = new ArrayList<>(); // double[] variables we may write
  private final List<String> matrices = new ArrayList<>(); // double[][] locals (square)
  final List<String> ints = new ArrayList<>(); // int variables
  final Set<String> safeInts = new HashSet<>(); // int variables in [0, length)
  final Set<String> paramArrays = new HashSet<>();
  final Set<String> paramDoubles = new HashSet<>(); // in [-2, 2] unless reassigned
  final List<String> labels = new ArrayList<>(); // enclosing loops' labels (null: none)
  private int counter;
  boolean returnsArray;
  boolean isStatic;
  private Method self; // the method being generated, if it may call itself
  String recursionCounter;
  private int statements;
  int inactiveContext; // > 0 while generating a condition or an (int) cast
  boolean returnsVoid; // the method being generated is void (shape voidCallee)
  private final FuzzVoidShape voids = new FuzzVoidShape(this);

  private FuzzGenerator(long seed) {
    this.r = new SplittableRandom(seed);
    // Mostly short arrays; sometimes long enough that the default chunk (12) takes several passes.
    this.length = r.nextInt(100) < 8 ? 7 : 2 + r.nextInt(3);
  }

  /** The program of one seed, as class {@code fuzz.<className>}. */
  static Program generate(long seed, String className) {
    return new FuzzGenerator(seed).program(seed, className);
  }

  private Program program(long seed, String className) {
    int nFields = r.nextInt(3);
    for (int i = 0; i < nFields; i++) {
      fields.add(new FieldDecl("K" + i, constant(), true, true));
    }
    int nInstance = r.nextInt(100) < 40 ? 1 + r.nextInt(2) : 0;
    for (int i = 0; i < nInstance; i++) {
      fields.add(new FieldDecl("w" + i, constant(), false, r.nextBoolean()));
    }
    boolean minimal = r.nextBoolean();
    if (!avoid("fieldAlias") && r.nextInt(100) < 40) {
      int na = 1 + r.nextInt(2);
      for (int i = 0; i < na; i++) {
        boolean st = r.nextBoolean();
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < length; j++) {
          values.add(constant());
        }
        arrayFields.add(new ArrayField((st ? "FA" : "fa") + i, values, st));
      }
    }
    int n = 1 + r.nextInt(4);
    Set<Integer> voidSlots = voids.slots(n); // never the last method: a later one calls them
    if (!voidSlots.isEmpty()) {
      n = Math.max(n, 2);
    }
    for (int i = 0; i < n; i++) {
      methods.add(voidSlots.contains(i) ? voids.method("m" + i) : method("m" + i));
    }
    // Drawn from a stream of its own, so that the programs themselves do not depend on it.
    if (new SplittableRandom(seed ^ 0x0DE2L).nextInt(100) < ORDER2_PERCENT) {
      secondOrder(methods);
    }
    Set<String> finalMethods = new HashSet<>();
    List<Method> overrides = new ArrayList<>();
    // void methods are never overridden (an override's body returns a value) and are final
    methods.stream().filter(m -> m.isVoid() && !m.isStatic()).forEach(m -> finalMethods.add(m.name()));
    List<Method> instance = methods.stream().filter(m -> !m.isStatic() && !m.isVoid()).toList();
    if (!avoid("overriding") && instance.size() >= 2 && r.nextInt(100) < 70) {
      // The last instance method (the one that may call all the others) is never overridden: it
      // is checked with a Sub receiver, its calls dispatching to the overrides.
      for (Method m : instance) {
        if (r.nextInt(100) < 25) {
          finalMethods.add(m.name());
        }
      }
      for (Method m : instance.subList(0, instance.size() - 1)) {
        if (!finalMethods.contains(m.name()) && r.nextInt(100) < 70) {
          overrides.add(overrideOf(m));
        }
      }
    }
    if (overrides.isEmpty()) {
      // no subclass: the instance methods are final, so calls between them need no dispatch
      instance.forEach(m -> finalMethods.add(m.name()));
    }
    Set<String> acceptable = new HashSet<>();
    // an estimate of the generated code's size over the JVM's limit is a rightful rejection
    acceptable.addAll(List.of("DiffMethodTooLarge", "DiffCalleeFailed"));
    if (!arrayFields.isEmpty()) {
      acceptable.addAll(List.of("DiffFieldWrite", "DiffArrayAlias", "DiffCalleeFailed"));
    }
    if (!overrides.isEmpty()) {
      acceptable.addAll(List.of("DiffOverridable", "DiffCalleeFailed"));
    }
    return new Program(seed, className, length, List.copyOf(fields), List.copyOf(methods), minimal,
        List.copyOf(arrayFields), Set.copyOf(finalMethods), List.copyOf(overrides), Set.copyOf(acceptable));
  }

  /** The field arrays a method may read (the instance ones only in instance methods). */
  List<String> visibleArrayFields() {
    return arrayFields.stream().filter(f -> f.isStatic() || !isStatic).map(ArrayField::name).toList();
  }

  /**
   * A method of the subclass {@code Sub} overriding {@code base}: the same signature and
   * annotation, another body without calls.
   */
  private Method overrideOf(Method base) {
    used.clear();
    doubles.clear();
    assignable.clear();
    arrays.clear();
    writable.clear();
    matrices.clear();
    ints.clear();
    safeInts.clear();
    labels.clear();
    paramArrays.clear();
    paramDoubles.clear();
    counter = 0;
    statements = 0;
    self = null;
    recursionCounter = null;
    isStatic = false;
    noCalls = true;
    longMethod = false;
    returnsVoid = false;
    fields.forEach(f -> used.add(f.name()));
    arrayFields.forEach(f -> used.add(f.name()));
    methods.forEach(m -> used.add(m.name()));
    for (Param p : base.params()) {
      used.add(p.name());
      switch (p.kind()) {
        case DOUBLE -> {
          doubles.add(p.name());
          assignable.add(p.name());
          paramDoubles.add(p.name());
        }
        case ARRAY -> {
          arrays.add(p.name());
          paramArrays.add(p.name());
          if (r.nextInt(100) < 30) {
            writable.add(p.name());
          }
        }
        case INT -> ints.add(p.name());
      }
    }
    arrays.addAll(visibleArrayFields());
    returnsArray = base.returnsArray();
    List<Stmt> body = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      body.addAll(statement(0));
    }
    body.add(new Return(null, returnsArray ? finalArray() : finalExpr()));
    noCalls = false;
    return new Method(base.name(), base.params(), base.returnsArray(), body, base.wrt(), base.chunk(), base.isPublic(),
        false, base.order());
  }

  /**
   * Percentage of programs whose methods get {@code order = 2} where allowed ({@code
   * -Dfuzz.order2=}, default {@value #DEFAULT_ORDER2}; 0 checks first order only).
   */
  static final int DEFAULT_ORDER2 = 75;

  static final int ORDER2_PERCENT = Integer.getInteger("fuzz.order2", DEFAULT_ORDER2);

  /**
   * Marks {@code order = 2} every double-valued method that calls (anywhere, actively or not) only
   * methods that are marked too: the largest such set, found by striking out until nothing
   * changes. An order-2 method must call its active callees at order 2 ({@code [DiffCalleeOrder]})
   * and a {@code double[]}-valued method cannot be order 2 ({@code [DiffBadOrder]}); requiring it
   * of every callee, active or not, keeps the rule simple and still marks most double-valued
   * methods.
   */
  private static void secondOrder(List<Method> methods) {
    Set<String> marked = new HashSet<>();
    java.util.Map<String, Set<String>> calls = new java.util.HashMap<>();
    Set<String> notWrtArray = new HashSet<>(); // methods with a double[] parameter not in wrt
    for (Method m : methods) {
      if (m.params().stream().anyMatch(p -> p.kind() == Kind.ARRAY && !m.differentiates(p))) {
        notWrtArray.add(m.name());
      }
    }
    for (Method m : methods) {
      Set<String> c = new HashSet<>();
      Set<String> inInactive = new HashSet<>();
      callees(m.body(), false, c, inInactive);
      boolean blocked =
          (avoid("order2InactiveCall") && !inInactive.isEmpty())
              || (avoid("order2NotWrtArray") && c.stream().anyMatch(notWrtArray::contains))
              || (avoid("order2AliasedArguments") && passesAnArrayTwice(m.body()));
      if (!m.returnsArray() && !blocked) {
        marked.add(m.name());
      }
      c.remove(m.name()); // recursion: the method itself
      calls.put(m.name(), c);
    }
    boolean changed = true;
    while (changed) {
      changed = marked.removeIf(name -> !marked.containsAll(calls.get(name)));
    }
    methods.replaceAll(m -> marked.contains(m.name()) ? m.withOrder(2) : m);
  }

  /** Whether a call anywhere in a tree of {@link FuzzAst} nodes passes one array variable twice. */
  /** Whether a tree of {@link FuzzAst} records and lists holds a node of class {@code kind}. */
  static boolean contains(Object node, Class<?> kind) {
    if (kind.isInstance(node)) {
      return true;
    }
    if (node instanceof List<?> list) {
      return list.stream().anyMatch(o -> contains(o, kind));
    }
    if (node instanceof Record rec) {
      for (java.lang.reflect.RecordComponent rc : rec.getClass().getRecordComponents()) {
        try {
          if (contains(rc.getAccessor().invoke(rec), kind)) {
            return true;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return false;
  }

  private static boolean passesAnArrayTwice(Object node) {
    List<Arg> args = node instanceof Call c ? c.args() : node instanceof ACall c ? c.args() : null;
    if (args != null) {
      Set<String> seen = new HashSet<>();
      for (Arg a : args) {
        if (a instanceof ArrArg x && x.value() instanceof ARef ref && !seen.add(ref.name())) {
          return true;
        }
      }
    }
    if (node instanceof List<?> list) {
      return list.stream().anyMatch(FuzzGenerator::passesAnArrayTwice);
    }
    if (node instanceof Record rec) {
      for (java.lang.reflect.RecordComponent rc : rec.getClass().getRecordComponents()) {
        try {
          if (passesAnArrayTwice(rc.getAccessor().invoke(rec))) {
            return true;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return false;
  }

  /**
   * The names of the methods called anywhere in a tree of {@link FuzzAst} records and lists into
   * {@code out}, and those called in an inactive context (a condition, an {@code (int)} cast or
   * index, the argument of a piecewise constant function) into {@code inInactive} too.
   */
  private static void callees(Object node, boolean inactive, Set<String> out, Set<String> inInactive) {
    String name = node instanceof Call c ? c.method() : node instanceof ACall c ? c.method() : null;
    if (name != null) {
      out.add(name);
      if (inactive) {
        inInactive.add(name);
      }
    }
    boolean below =
        inactive
            || node instanceof Cond
            || node instanceof Idx
            || (node instanceof Fn f && List.of("floor", "ceil", "rint", "signum").contains(f.name()));
    if (node instanceof List<?> list) {
      for (Object o : list) {
        callees(o, below, out, inInactive);
      }
    } else if (node instanceof Record rec) {
      for (java.lang.reflect.RecordComponent rc : rec.getClass().getRecordComponents()) {
        try {
          callees(rc.getAccessor().invoke(rec), below, out, inInactive);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Methods and statements

  /**
   * Clears the state of the method {@code name} about to be generated, reserves the names of the
   * class's members and draws whether it is static.
   */
  void begin(String name) {
    used.clear();
    doubles.clear();
    assignable.clear();
    arrays.clear();
    writable.clear();
    matrices.clear();
    ints.clear();
    safeInts.clear();
    labels.clear();
    paramArrays.clear();
    paramDoubles.clear();
    counter = 0;
    statements = 0;
    self = null;
    recursionCounter = null;
    for (FieldDecl f : fields) {
      used.add(f.name());
    }
    arrayFields.forEach(f -> used.add(f.name()));
    for (Method m : methods) {
      used.add(m.name());
    }
    used.add(name);
    longMethod = false;
    returnsVoid = false;
    isStatic = fields.stream().allMatch(FieldDecl::isStatic) ? r.nextInt(100) < 85 : r.nextInt(100) < 50;
  }

  private Method method(String name) {
    begin(name);

    List<Param> params = new ArrayList<>();
    int nd = r.nextInt(4);
    int na = r.nextInt(100) < 40 ? 1 + r.nextInt(2) : 0;
    if (nd + na == 0) {
      nd = 1;
    }
    for (int i = 0; i < nd; i++) {
      params.add(new Param(Kind.DOUBLE, paramName("x" + i)));
    }
    for (int i = 0; i < na; i++) {
      params.add(new Param(Kind.ARRAY, paramName("xs" + i)));
    }
    String intParam = null;
    if (r.nextInt(100) < 30) {
      intParam = paramName("n0");
      params.add(new Param(Kind.INT, intParam));
    }
    shuffle(params);
    for (Param p : params) {
      switch (p.kind()) {
        case DOUBLE -> {
          doubles.add(p.name());
          assignable.add(p.name());
          paramDoubles.add(p.name());
        }
        case ARRAY -> {
          arrays.add(p.name());
          paramArrays.add(p.name());
          if (r.nextInt(100) < 30) {
            writable.add(p.name());
          }
        }
        case INT -> ints.add(p.name());
      }
    }
    if (!arrayFields.isEmpty()) {
      for (String f : visibleArrayFields()) {
        arrays.add(f);
        if (r.nextInt(100) < 40) {
          writable.add(f);
        }
      }
    }

    List<String> wrt = null;
    List<Param> differentiable = params.stream().filter(p -> p.kind() != Kind.INT).toList();
    if (differentiable.size() >= 2 && r.nextInt(100) < 20) {
      wrt = new ArrayList<>();
      for (Param p : differentiable) {
        if (r.nextBoolean()) {
          wrt.add(p.name());
        }
      }
      if (wrt.isEmpty() || wrt.size() == differentiable.size()) {
        wrt = List.of(differentiable.get(r.nextInt(differentiable.size())).name());
      }
    }
    int chunk = r.nextInt(100) < 25 ? 1 + r.nextInt(4) : 0;
    returnsArray = r.nextInt(100) < 35;
    boolean isPublic = r.nextBoolean();

    List<Stmt> body = new ArrayList<>();
    if (intParam != null && r.nextInt(100) < 35) {
      // Recursion on n: the base case first, then calls of itself with n - 1.
      body.add(new Return(new ICmp(new IVar(intParam), 0), returnsArray ? finalArray() : expr(2)));
      self = new Method(name, params, returnsArray, null, wrt, chunk, isPublic, isStatic, 1);
      recursionCounter = intParam;
    }
    int n = 2 + r.nextInt(6);
    if (!avoid("longMethods") && r.nextInt(100) < 10) {
      longMethod = true;
      n = 40 + r.nextInt(121);
    }
    // a call of a void method at the top level, in most methods that may call one
    int voidCallAt = voids.callees().isEmpty() || r.nextInt(100) >= FuzzVoidShape.TOP_LEVEL_CALL ? -1 : r.nextInt(n);
    for (int i = 0; i < n; i++) {
      if (i == voidCallAt) {
        body.addAll(voids.call());
      }
      body.addAll(statement(0));
    }
    body.add(new Return(null, returnsArray ? finalArray() : finalExpr()));
    longMethod = false;
    return new Method(name, params, returnsArray, body, wrt, chunk, isPublic, isStatic, 1);
  }

  String paramName(String plain) {
    String name = plain;
    if (r.nextInt(100) < 10) {
      String t = TRICKY_PARAMS[r.nextInt(TRICKY_PARAMS.length)];
      if (!used.contains(t)) {
        name = t;
      }
    }
    used.add(name);
    return name;
  }

  String fresh(String prefix) {
    if (r.nextInt(100) < 15) {
      String t = TRICKY_LOCALS[r.nextInt(TRICKY_LOCALS.length)];
      if (!used.contains(t)) {
        used.add(t);
        return t;
      }
    }
    String name;
    do {
      name = prefix + (++counter);
    } while (used.contains(name));
    used.add(name);
    return name;
  }

  /** A block at the given nesting; the variables it declares go out of scope after it. */
  private List<Stmt> block(int nesting, int min, int max) {
    int[] marks = {
      doubles.size(), assignable.size(), arrays.size(), writable.size(), ints.size(), matrices.size()
    };
    List<Stmt> out = new ArrayList<>();
    int n = min + r.nextInt(max - min + 1);
    for (int i = 0; i < n; i++) {
      out.addAll(statement(nesting));
    }
    truncate(doubles, marks[0]);
    truncate(assignable, marks[1]);
    truncate(arrays, marks[2]);
    truncate(writable, marks[3]);
    truncate(ints, marks[4]);
    truncate(matrices, marks[5]);
    return out;
  }

  private static void truncate(List<String> list, int size) {
    while (list.size() > size) {
      list.remove(list.size() - 1);
    }
  }

  List<Stmt> statement(int nesting) {
    statements++;
    boolean room = nesting < 2 && statements < 24;
    if (!voids.callees().isEmpty() && r.nextInt(100) < FuzzVoidShape.STATEMENTS) {
      return voids.call();
    }
    if (!avoid("arrayLibrary") && !writable.isEmpty() && r.nextInt(100) < 4) {
      return List.of(arrayLibraryCall());
    }
    if (!avoid("matrix") && r.nextInt(100) < 4) {
      return matrix();
    }
    int k = r.nextInt(100);
    if (!labels.isEmpty() && k < 20 && !assignable.isEmpty()) {
      return List.of(accumulate());
    }
    k = r.nextInt(100);
    if (k < 22 || assignable.isEmpty()) {
      String name = fresh("d");
      List<Method> direct = callees(false);
      Stmt s;
      if (!avoid("switchExpression") && r.nextInt(100) < 8) {
        Idx selector;
        if (!ints.isEmpty() && r.nextInt(100) < 80) {
          selector = new IVar(pick(ints));
        } else if (!arrays.isEmpty()) {
          selector = new ILen(pick(arrays));
        } else {
          selector = new ICast(expr(1));
        }
        List<Expr> arms = new ArrayList<>();
        for (int i = 2 + r.nextInt(3); i > 0; i--) {
          arms.add(expr(1 + r.nextInt(2)));
        }
        s = new DeclSwitch(name, selector, arms, r.nextBoolean());
      } else if (longMethod && r.nextInt(100) < 33) {
        s = new DeclD(name, deepExpr());
      } else if (!direct.isEmpty() && r.nextInt(100) < 15) {
        Method m = direct.get(r.nextInt(direct.size()));
        s = new DeclD(name, new Call(m.name(), args(m, 2, true), qualify()));
      } else {
        s = new DeclD(name, expr(2 + r.nextInt(2)));
      }
      doubles.add(name);
      assignable.add(name);
      return List.of(s);
    }
    if (k < 33) {
      String v = pick(assignable);
      if (!avoid("throw") && r.nextInt(100) < 12) {
        return List.of(new ThrowIfNaN(expr(1 + r.nextInt(2))), new SetD(v, mix(new Ref(v))));
      }
      return List.of(new SetD(v, mix(new Ref(v))));
    }
    if (k < 42) {
      return List.of(new OpSetD(pick(assignable), opChar(), expr(2)));
    }
    if (k < 45) {
      return List.of(new IncD(pick(assignable), r.nextBoolean()));
    }
    if (k < 52) {
      DeclA d = declareArray();
      if (d.value() instanceof ARef source && !source.name().equals(d.name())
          && writable.contains(source.name()) && !avoid("localAlias") && r.nextInt(100) < 80) {
        // write through one name what the value reads through the other, at one index
        // (only the other name on the right: a read through the written name was always handled)
        // (one operation of elements: its partials are the operands themselves)
        Idx i = index(d.name());
        Expr read = new Bin(r.nextBoolean() ? '*' : '+', new Elem(source.name(), i), new Elem(source.name(), index(d.name())));
        List<Stmt> out = new ArrayList<>(List.of(d, new SetElem(d.name(), i, read)));
        if (r.nextBoolean()) {
          Idx j = index(source.name());
          out.add(new SetElem(source.name(), j, new Bin('*', new Elem(d.name(), j), new Elem(d.name(), i))));
        }
        return out;
      }
      if (d.value() instanceof ANew && r.nextInt(100) < 70) {
        // fill it, mostly: elements that stay zero are constant zeros
        String i = fresh("i");
        ints.add(i);
        safeInts.add(i);
        Stmt fill = new SetElem(d.name(), new IVar(i), expr(2));
        ints.remove(i);
        return List.of(d, new For(null, i, new ILen(d.name()), List.of(fill)));
      }
      return List.of(d);
    }
    if (k < 60 && !writable.isEmpty()) {
      String a = pick(writable);
      int w = r.nextInt(10);
      if (w < 5) {
        return List.of(new SetElem(a, index(a), expr(2)));
      }
      // Known limitation: a method call in the index of a[i] op= e or a[i]++ is rejected as a side
      // effect, even Math.abs.
      Idx i = index(a, !avoid("indexCall"));
      if (w < 6) {
        return List.of(new IncElem(a, i, r.nextBoolean()));
      }
      return List.of(new OpSetElem(a, i, opChar(), expr(r.nextInt(3))));
    }
    if (k < 62) {
      List<Method> callees = callees(r.nextBoolean());
      if (!callees.isEmpty()) {
        Method m = callees.get(r.nextInt(callees.size()));
        List<Arg> args = args(m, 1, true);
        boolean q = qualify();
        return List.of(new CallStmt(m.returnsArray() ? new ACall(m.name(), args, q) : new Call(m.name(), args, q)));
      }
    }
    if (k < 71 && room) {
      Cond c = condition(2);
      List<Stmt> then = block(nesting + 1, 1, 3);
      List<Stmt> otherwise = r.nextBoolean() ? block(nesting + 1, 1, 3) : List.of();
      return List.of(new If(c, then, otherwise));
    }
    if (k < 84 && room) {
      return List.of(loop(nesting));
    }
    if (k < 87 && room) {
      return List.of(switchStatement(nesting));
    }
    if (k < 92 && !labels.isEmpty()) {
      String label = null;
      if (r.nextInt(100) < 40) {
        List<String> named = labels.stream().filter(l -> l != null).toList();
        if (!named.isEmpty()) {
          label = pick(named);
        }
      }
      return List.of(new Jump(condition(1), r.nextInt(3) == 0, label));
    }
    if (k < 94) {
      return List.of(new Return(condition(1), returnsVoid ? null : returnsArray ? finalArray() : expr(2)));
    }
    String name = fresh("d");
    Stmt s = new DeclD(name, expr(1));
    doubles.add(name);
    assignable.add(name);
    return List.of(s);
  }

  /**
   * A chain of 20 to 60 nested operations, left- and right-nested, bounded (shape longMethods);
   * deeper chains overflow javac's stack on the oracle's nested calls.
   */
  private Expr deepExpr() {
    int depth = 20 + r.nextInt(41);
    Expr e = leaf();
    for (int i = 0; i < depth; i++) {
      e = switch (r.nextInt(4)) {
        case 0 -> new Bin('+', new Bin('*', new Num(0.5), e), leaf());
        case 1 -> new Bin('-', leaf(), new Bin('*', e, new Num(0.5)));
        case 2 -> new Fn(r.nextBoolean() ? "sin" : "tanh", List.of(e), false);
        default -> new Bin('*', new Fn("atan", List.of(e), false), new Num(1.5));
      };
    }
    return e;
  }

  /** An update of an accumulator that keeps it bounded over a few iterations. */
  private Stmt accumulate() {
    String v = pick(assignable);
    Ref acc = new Ref(v);
    return switch (r.nextInt(6)) {
      case 0 -> new SetD(v, new Bin('+', new Bin('*', acc, new Num(decay())), expr(2)));
      case 1 -> new OpSetD(v, r.nextBoolean() ? '+' : '-', expr(2));
      case 2 -> new OpSetD(v, '*', bounded(expr(2)));
      case 3 -> new SetD(v, new Bin(opChar3(), bounded(acc), expr(2)));
      case 4 -> new SetD(v, new Bin('*', acc, new Bin('+', new Num(0.5), new Bin('*', new Num(0.5), bounded(expr(1))))));
      default -> new SetD(v, mix(acc));
    };
  }

  private char opChar() {
    int k = r.nextInt(100);
    return k < 35 ? '+' : k < 60 ? '-' : k < 85 ? '*' : k < 95 ? '/' : '%';
  }

  char opChar3() {
    return "+-*".charAt(r.nextInt(3));
  }

  /** An expression that uses {@code self} (the variable's old value) and others. */
  private Expr mix(Expr old) {
    return switch (r.nextInt(4)) {
      case 0 -> new Bin(opChar3(), old, expr(2));
      case 1 -> new Bin('+', function(old, 1), expr(1));
      case 2 -> new Bin('*', old, bounded(expr(2)));
      default -> expr(3);
    };
  }

  /** {@code System.arraycopy} between arrays of the method, in range, or {@code Arrays.fill}. */
  private Stmt arrayLibraryCall() {
    String dst = pick(writable);
    if (r.nextInt(3) == 0) {
      return new Fill(dst, expr(2));
    }
    String src = pick(arrays);
    int len = 1 + r.nextInt(length);
    Idx count = len == length && r.nextBoolean() ? new ILen(src) : new IConst(len);
    return new ArrayCopy(
        src, new IConst(r.nextInt(length - len + 1)), dst, new IConst(r.nextInt(length - len + 1)), count);
  }

  /**
   * A square {@code double[][]} local, mostly filled by two nested loops; or, once there is one,
   * an element written, an element read into a new local, or a row taken as an array alias.
   */
  private List<Stmt> matrix() {
    if (matrices.isEmpty() || r.nextInt(100) < 15) {
      String m = fresh("m");
      List<Stmt> out = new ArrayList<>();
      out.add(new DeclM(m, length));
      if (r.nextInt(100) < 80) {
        String i = fresh("i");
        String j = fresh("j");
        ints.add(i);
        safeInts.add(i);
        ints.add(j);
        safeInts.add(j);
        Stmt set = new SetMElem(m, new IVar(i), new IVar(j), expr(2));
        ints.remove(j);
        ints.remove(i);
        out.add(new For(null, i, new ILen(m), List.of(new For(null, j, new ILen(m), List.of(set)))));
      }
      matrices.add(m);
      return out;
    }
    String m = pick(matrices);
    int k = r.nextInt(3);
    if (k == 0) {
      return List.of(new SetMElem(m, index(m), index(m), expr(2)));
    }
    if (k == 1) {
      String row = fresh("row");
      Stmt s = new DeclA(row, new ARow(m, index(m)));
      arrays.add(row);
      writable.add(row);
      return List.of(s);
    }
    String d = fresh("d");
    Stmt s = new DeclD(d, new Bin('+', new MElem(m, index(m), index(m)), expr(1)));
    doubles.add(d);
    assignable.add(d);
    return List.of(s);
  }

  private DeclA declareArray() {
    String name = fresh("a");
    Arr value;
    boolean canWrite = true;
    int k = r.nextInt(100);
    List<Method> arrayCallees = callees(true);
    List<String> fieldArrays = arrayFields.isEmpty() ? List.of() : visibleArrayFields();
    if (!fieldArrays.isEmpty() && r.nextInt(100) < 30) {
      value = new ARef(pick(fieldArrays)); // an alias of the field's storage
    } else if (!avoid("localAlias") && !writable.isEmpty() && r.nextInt(100) < 20) {
      value = new ARef(pick(writable)); // a second name for one array, written through either
    } else if (!avoid("arrayLibrary") && !arrays.isEmpty() && k < 8) {
      value = new ACopyOf(pick(arrays), r.nextBoolean());
    } else if (k < 30) {
      value = new ANew(r.nextBoolean() || arrays.isEmpty() ? new IConst(length) : new ILen(pick(arrays)));
    } else if (k < 60) {
      value = init(2, r.nextBoolean());
    } else if (k < 80 && !arrays.isEmpty()) {
      value = new AClone(pick(arrays));
    } else if (!arrayCallees.isEmpty()) {
      Method m = arrayCallees.get(r.nextInt(arrayCallees.size()));
      value = new ACall(m.name(), args(m, 2, true), qualify());
      canWrite = false;
    } else {
      value = new ANew(new IConst(length));
    }
    arrays.add(name);
    if (canWrite) {
      writable.add(name);
    }
    return new DeclA(name, value);
  }

  AInit init(int depth, boolean bare) {
    List<Expr> els = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      els.add(expr(depth));
    }
    return new AInit(els, bare);
  }

  private Stmt loop(int nesting) {
    String label = r.nextInt(100) < 25 ? fresh("loop") : null;
    labels.add(label);
    try {
      int k = r.nextInt(100);
      if (k < 45) {
        String counter = fresh("i");
        Idx bound;
        boolean safe;
        int b = r.nextInt(100);
        List<String> bounds = ints.stream().filter(i -> !safeInts.contains(i) && !i.equals(recursionCounter)).toList();
        if (b < 45) {
          int n = 1 + r.nextInt(4);
          bound = new IConst(n);
          safe = n <= length;
        } else if (b < 80 && !arrays.isEmpty()) {
          bound = new ILen(pick(arrays));
          safe = true;
        } else if (!bounds.isEmpty()) {
          bound = new IVar(pick(bounds));
          safe = false;
        } else {
          bound = new IConst(length);
          safe = true;
        }
        ints.add(counter);
        if (safe) {
          safeInts.add(counter);
        }
        List<Stmt> body = block(nesting + 1, 1, 3);
        ints.remove(counter);
        return new For(label, counter, bound, body, !avoid("forUpdateCall") && r.nextInt(100) < 25);
      }
      if (k < 65 && !arrays.isEmpty()) {
        String v = fresh("e");
        String a = pick(arrays);
        doubles.add(v);
        List<Stmt> body = block(nesting + 1, 1, 3);
        doubles.remove(v);
        return new ForEach(label, v, a, body);
      }
      String counter = fresh("j");
      Cond extra = r.nextInt(100) < 30 ? condition(1) : null;
      ints.add(counter);
      List<Stmt> body = block(nesting + 1, 1, 3);
      ints.remove(counter);
      int bound = 1 + r.nextInt(3);
      return r.nextBoolean()
          ? new While(label, counter, bound, extra, body,
              !avoid("incrementInCondition") && r.nextInt(100) < 40)
          : new DoWhile(label, counter, bound, extra, body);
    } finally {
      labels.remove(labels.size() - 1);
    }
  }

  private Stmt switchStatement(int nesting) {
    Idx selector;
    List<String> nonNegative = ints;
    if (!nonNegative.isEmpty() && r.nextInt(100) < 80) {
      selector = new IVar(pick(nonNegative));
    } else if (!arrays.isEmpty()) {
      selector = new ILen(pick(arrays));
    } else {
      selector = new ICast(expr(1));
    }
    int n = 2 + r.nextInt(3);
    List<List<Stmt>> cases = new ArrayList<>();
    List<Boolean> fall = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cases.add(block(nesting + 1, 0, 2));
      fall.add(r.nextInt(100) < 20);
    }
    return new Switch(selector, cases, r.nextBoolean(), fall);
  }

  private Expr finalExpr() {
    Expr e = expr(2);
    int n = r.nextInt(3);
    for (int i = 0; i < n && !doubles.isEmpty(); i++) {
      e = new Bin(opChar3(), e, new Ref(pick(doubles)));
    }
    return e;
  }

  private Arr finalArray() {
    int k = r.nextInt(100);
    // Known bug: a returned parameter (an alias of the caller's array) loses the alias in the
    // caller's scalar code.
    List<String> returnable = avoid("returnedAlias") ? writable.stream().filter(a -> !paramArrays.contains(a)).toList() : writable;
    if (k < 45 && !returnable.isEmpty()) {
      return new ARef(pick(returnable));
    }
    if (k < 55 && !arrays.isEmpty()) {
      String a = pick(arrays);
      return r.nextBoolean() || (avoid("returnedAlias") && paramArrays.contains(a)) ? new AClone(a) : new ARef(a);
    }
    List<Method> arrayCallees = callees(true);
    if (k < 65 && !arrayCallees.isEmpty()) {
      Method m = arrayCallees.get(r.nextInt(arrayCallees.size()));
      return new ACall(m.name(), args(m, 2, true), qualify());
    }
    return init(2, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  Expr expr(int depth) {
    if (depth <= 0 || r.nextInt(100) < 18) {
      return leaf();
    }
    int k = r.nextInt(100);
    if (k < 28) {
      return new Bin(opChar3(), expr(depth - 1), expr(depth - 1));
    }
    if (k < 35) {
      return divide(depth);
    }
    if (k < 38) {
      return new Bin('%', expr(depth - 1), modulus(depth - 1));
    }
    if (k < 41) {
      return new Neg(expr(depth - 1));
    }
    if (k < 80) {
      return function(expr(depth - 1), depth);
    }
    if (k < 88) {
      return new Tern(condition(depth - 1), expr(depth - 1), expr(depth - 1));
    }
    List<Method> doubleCallees = callees(false);
    if (!doubleCallees.isEmpty()) {
      Method m = doubleCallees.get(r.nextInt(doubleCallees.size()));
      return new Call(m.name(), args(m, depth - 1, false), qualify());
    }
    return new Bin(opChar3(), expr(depth - 1), leaf());
  }

  /** Whether {@code e} calls a generated method that takes a {@code double[]}. */
  private boolean callsWithArray(Expr e) {
    if (e instanceof Call c) {
      Method m = c.method().equals(self == null ? null : self.name()) ? self
          : methods.stream().filter(x -> x.name().equals(c.method())).findFirst().orElseThrow();
      if (m.params().stream().anyMatch(p -> p.kind() == Kind.ARRAY)) {
        return true;
      }
      for (Arg a : c.args()) {
        if (a instanceof ExprArg x && callsWithArray(x.value())) {
          return true;
        }
        if (a instanceof ArrArg x && x.value() instanceof AInit i && i.elements().stream().anyMatch(this::callsWithArray)) {
          return true;
        }
        if (a instanceof IntArg x && callsWithArray(x.value())) {
          return true;
        }
      }
      return false;
    }
    if (e instanceof Bin b) {
      return callsWithArray(b.left()) || callsWithArray(b.right());
    }
    if (e instanceof Neg n) {
      return callsWithArray(n.operand());
    }
    if (e instanceof Guard g) {
      return callsWithArray(g.operand());
    }
    if (e instanceof Fn f) {
      return f.args().stream().anyMatch(this::callsWithArray);
    }
    if (e instanceof Tern t) {
      return callsWithArray(t.then()) || callsWithArray(t.otherwise()); // conditions never do
    }
    if (e instanceof FromInt i) {
      return callsWithArray(i.value());
    }
    if (e instanceof Elem el) {
      return callsWithArray(el.index());
    }
    return false;
  }

  private boolean callsWithArray(Idx i) {
    if (i instanceof ICast c) {
      return callsWithArray(c.value());
    }
    if (i instanceof IMod m) {
      return callsWithArray(m.value());
    }
    if (i instanceof IAdd a) {
      return callsWithArray(a.value());
    }
    return false;
  }

  /**
   * {@code e}, or a variable instead of it if it is a constant leaf: an operand near whose zero the
   * function is singular should depend on the inputs, since the oracle cannot tell a constant zero
   * (no tangent code, no NaN) from an active one (0/0 = NaN in the tangent).
   */
  private Expr variable(Expr e) {
    if (!(e instanceof Num || e instanceof Field || e instanceof FromInt)) {
      return e;
    }
    if (!doubles.isEmpty() && (arrays.isEmpty() || r.nextBoolean())) {
      return new Ref(pick(doubles));
    }
    if (!arrays.isEmpty()) {
      String a = pick(arrays);
      return new Elem(a, index(a));
    }
    return e;
  }

  boolean qualify() {
    return r.nextInt(100) < 15;
  }

  private Expr leaf() {
    if (!matrices.isEmpty() && r.nextInt(100) < 10) {
      String m = pick(matrices);
      return new MElem(m, index(m), index(m));
    }
    int k = r.nextInt(100);
    if (k < 55 && !doubles.isEmpty()) {
      return new Ref(pick(doubles));
    }
    if (k < 75 && !arrays.isEmpty()) {
      String a = pick(arrays);
      return new Elem(a, index(a));
    }
    if (k < 82 && !ints.isEmpty()) {
      Idx i = new IVar(pick(ints));
      return new FromInt(r.nextBoolean() ? i : new IAdd(i, 1));
    }
    if (k < 84 && inactiveContext == 0) {
      inactiveContext++;
      Idx cast = new ICast(expr(1));
      inactiveContext--;
      return new FromInt(cast);
    }
    List<FieldDecl> visible = fields.stream().filter(f -> f.isStatic() || !isStatic).toList();
    if (k < 89 && !visible.isEmpty()) {
      FieldDecl f = pick(visible);
      return new Field(f.name(), f.isStatic(), qualify());
    }
    return new Num(constant());
  }

  private Expr divide(int depth) {
    Expr a = expr(depth - 1);
    Expr b;
    int k = r.nextInt(100);
    if (k < 45) {
      b = positive(expr(depth - 1));
    } else if (k < 65) {
      b = new Num(nonZero());
    } else if (k < 75 && !ints.isEmpty()) {
      b = new FromInt(new IAdd(new IVar(pick(ints)), 1));
    } else {
      b = new Guard(variable(expr(depth - 1)));
    }
    if (r.nextInt(100) < 10) {
      a = new Num(1.0); // the reciprocal rule
    }
    return new Bin('/', a, b);
  }

  private Expr modulus(int depth) {
    return r.nextBoolean() ? new Num(0.7 + round2(r.nextDouble() * 2)) : positive(expr(depth));
  }

  private Expr function(Expr a, int depth) {
    int d = Math.max(depth - 1, 0);
    String[] unary = {
      "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "expm1", "log",
      "log1p", "log10", "sqrt", "cbrt", "abs", "toRadians", "toDegrees", "floor", "ceil", "rint",
      "signum", "scalb", "nextUp", "nextDown"
    };
    String[] binary = {"atan2", "pow", "hypot", "min", "max", "copySign", "IEEEremainder", "fma"};
    boolean strict = r.nextInt(100) < 10;
    if (!avoid("extremeArgs") && r.nextInt(100) < 12) {
      String f = (r.nextBoolean() ? "hypot" : "atan2") + (r.nextBoolean() ? "$tiny" : "$huge");
      return new Fn(f, List.of(variable(a), expr(d)), strict);
    }
    if (r.nextInt(100) < 30) {
      String f = binary[r.nextInt(binary.length)];
      Expr b = expr(d);
      return switch (f) {
        case "pow" -> pow(a, b, strict);
        case "IEEEremainder" -> new Fn(f, List.of(a, modulus(d)), strict);
        case "atan2", "hypot" -> new Fn(f, List.of(variable(a), b), strict);
        case "fma" -> new Fn(f, List.of(a, b, expr(d)), strict);
        default -> new Fn(f, List.of(a, b), strict);
      };
    }
    String f = unary[r.nextInt(unary.length)];
    if (avoid("inactiveCall") && List.of("floor", "ceil", "rint", "signum").contains(f) && callsWithArray(a)) {
      // known bug: a piecewise constant function's argument is an inactive context
      inactiveContext++;
      a = expr(d);
      inactiveContext--;
    }
    Expr arg =
        switch (f) {
          case "tan" -> new Bin('*', new Num(1.2), bounded(a));
          case "asin", "acos" -> r.nextBoolean()
              ? new Bin('*', new Num(0.9), new Fn(r.nextBoolean() ? "tanh" : "sin", List.of(a), false))
              : new Bin('/', a, new Bin('+', new Num(1.0), new Bin('*', a, a)));
          case "sinh", "cosh", "exp", "expm1" -> a instanceof Num || (a instanceof Ref v && paramDoubles.contains(v.name()) && r.nextBoolean())
              ? a
              : new Bin('*', new Num(0.5 + round2(r.nextDouble() * 1.5)), bounded(a));
          case "log", "log10", "sqrt" -> positive(a);
          case "log1p" -> switch (r.nextInt(3)) {
            case 0 -> new Bin('*', a, a);
            case 1 -> new Bin('*', new Num(0.9), bounded(a));
            default -> positive(a);
          };
          case "cbrt" -> new Guard(variable(a));
          default -> a;
        };
    return new Fn(f, List.of(arg), strict);
  }

  private Expr pow(Expr a, Expr b, boolean strict) {
    return switch (r.nextInt(4)) {
      case 0 -> new Fn("pow", List.of(a, new Num(r.nextBoolean() ? 2.0 : 3.0)), strict);
      case 1 -> new Fn("pow", List.of(positive(a), new Num(round2(r.nextDouble() * 5.0 - 2.5))), strict);
      case 2 -> new Fn("pow", List.of(new Num(0.5 + round2(r.nextDouble() * 2)), bounded(b)), strict);
      default -> new Fn("pow", List.of(positive(a), new Bin('*', new Num(1.5), bounded(b))), strict);
    };
  }

  /** A positive expression of {@code a}, at least about 0.25. */
  private Expr positive(Expr a) {
    return switch (r.nextInt(6)) {
      case 0 -> new Bin('+', new Num(1.5), new Bin('*', a, a));
      case 1 -> new Fn("exp", List.of(bounded(a)), false);
      case 2 -> new Fn("cosh", List.of(bounded(a)), false);
      case 3 -> new Bin('+', new Num(2.0), new Fn("sin", List.of(a), false));
      case 4 -> new Fn("hypot", List.of(a, new Num(0.75)), false);
      default -> new Bin('+', new Num(0.25), new Bin('*', new Num(0.5), new Bin('+', new Fn("abs", List.of(a), false), new Num(0.5))));
    };
  }

  /** A bounded expression of {@code a}: at most 1 in magnitude. */
  Expr bounded(Expr a) {
    return switch (r.nextInt(5)) {
      case 0 -> new Fn("tanh", List.of(a), false);
      case 1 -> new Fn("sin", List.of(a), false);
      case 2 -> new Fn("cos", List.of(a), false);
      case 3 -> new Bin('*', new Num(0.6), new Fn("atan", List.of(a), false));
      default -> new Bin('/', a, new Bin('+', new Num(1.0), new Bin('*', a, a)));
    };
  }

  Cond condition(int depth) {
    inactiveContext++;
    try {
      int k = r.nextInt(100);
      if (k < 8 && !ints.isEmpty()) {
        return new Parity(new IVar(pick(ints)));
      }
      if (k < 16 && depth > 0) {
        Cond a = condition(depth - 1);
        Cond b = condition(depth - 1);
        return r.nextBoolean() ? new And(a, b) : new Or(a, b);
      }
      if (k < 20 && depth > 0) {
        return new Not(condition(depth - 1));
      }
      String op = new String[] {"<", "<=", ">", ">="}[r.nextInt(4)];
      Expr left = expr(Math.max(depth, 0));
      Expr right = r.nextBoolean() ? new Num(round2(r.nextDouble() * 2 - 1)) : expr(Math.max(depth - 1, 0));
      return new Cmp(op, left, right);
    } finally {
      inactiveContext--;
    }
  }

  private List<Method> callees(boolean returningArray) {
    if (noCalls) {
      return List.of();
    }
    List<Method> candidates = new ArrayList<>(methods);
    if (self != null) {
      candidates.add(self);
    }
    List<Method> out = new ArrayList<>();
    for (Method m : candidates) {
      if (m.isVoid() || m.returnsArray() != returningArray || (isStatic && !m.isStatic())) {
        continue;
      }
      boolean ok = true;
      for (Param p : m.params()) {
        if (p.kind() == Kind.ARRAY && inactiveContext > 0 && avoid("inactiveCall")) {
          ok = false; // known bug: its writes to the array would lose their tangents
        }
      }
      if (ok) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Arguments for a call of {@code m}. {@code direct}: the call is a whole statement or
   * initializer, so it may receive the caller's arrays themselves; elsewhere they are cloned when
   * avoiding the known bug of evaluation order (an operand read before the call in Java is read
   * after it in the generated code).
   */
  private List<Arg> args(Method m, int depth, boolean direct) {
    List<Arg> out = new ArrayList<>();
    for (Param p : m.params()) {
      switch (p.kind()) {
        case DOUBLE -> out.add(new ExprArg(m.differentiates(p) ? expr(Math.max(depth, 0)) : inactive()));
        case ARRAY -> {
          if (!m.differentiates(p)) {
            List<Expr> els = new ArrayList<>();
            for (int i = 0; i < length; i++) {
              els.add(inactive());
            }
            out.add(new ArrArg(new AInit(els, false)));
          } else if (!arrays.isEmpty() && r.nextInt(100) < 80) {
            String a = pick(arrays);
            boolean share = r.nextInt(100) >= 25 && (direct || !avoid("evaluationOrder"));
            out.add(new ArrArg(share ? new ARef(a) : new AClone(a)));
          } else {
            out.add(new ArrArg(init(Math.max(depth - 1, 0), false)));
          }
        }
        case INT -> {
          if (m == self) {
            out.add(new IntArg(new IAdd(new IVar(recursionCounter), -1)));
          } else {
            List<String> small = ints.stream().filter(i -> !i.equals(recursionCounter)).toList();
            out.add(new IntArg(small.isEmpty() || r.nextBoolean() ? new IConst(r.nextInt(4)) : new IVar(pick(small))));
          }
        }
      }
    }
    return out;
  }

  /** A value that does not depend on any input (for a parameter the callee does not differentiate). */
  Expr inactive() {
    List<FieldDecl> visible = fields.stream().filter(f -> f.isStatic() || !isStatic).toList();
    if (!visible.isEmpty() && r.nextBoolean()) {
      FieldDecl f = pick(visible);
      return new Field(f.name(), f.isStatic(), qualify());
    }
    return new Num(constant());
  }

  /** An index into {@code array}, always in range. */
  Idx index(String array) {
    return index(array, true);
  }

  private Idx index(String array, boolean mayCast) {
    List<String> safe = ints.stream().filter(safeInts::contains).toList();
    int k = r.nextInt(100);
    if (k < 40 && !safe.isEmpty()) {
      return new IVar(pick(safe));
    }
    if (k < 60 && !ints.isEmpty()) {
      Idx i = new IVar(pick(ints));
      return new IMod(r.nextBoolean() ? i : new IAdd(i, 1), array);
    }
    if (k < 66 && inactiveContext == 0 && mayCast) {
      inactiveContext++;
      Idx cast = new ICast(expr(1));
      inactiveContext--;
      return new IMod(cast, array);
    }
    return new IConst(r.nextInt(length));
  }

  // ---------------------------------------------------------------------------------------------

  double constant() {
    return round2(r.nextDouble() * 4 - 2);
  }

  private double nonZero() {
    double v = 0.5 + round2(r.nextDouble() * 2.5);
    return r.nextBoolean() ? v : -v;
  }

  double decay() {
    return round2(r.nextDouble() * 1.6 - 0.8);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  <T> T pick(List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
