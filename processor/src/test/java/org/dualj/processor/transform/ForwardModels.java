package org.dualj.processor.transform;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.codegen.ModelPrinter;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.Elementary;

/**
 * Method models built by hand for the forward transforms, and a way to run what they produce:
 * the generated methods printed into one class, compiled without the processor and loaded.
 */
final class ForwardModels {
  static final ClassName OWNER = ClassName.get("t", "M");
  static final ClassName DERIVATIVES = ClassName.get("t", "MDerivatives");

  private ForwardModels() {}

  static Expr.Var dbl(String name) {
    return new Expr.Var(name, Types.DOUBLE);
  }

  static Expr.Var integer(String name) {
    return new Expr.Var(name, Types.INT);
  }

  static Expr lit(double v) {
    return new Expr.Literal(Double.toString(v), Types.DOUBLE);
  }

  static Expr intLit(int v) {
    return new Expr.Literal(Integer.toString(v), Types.INT);
  }

  static Expr bin(String op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Types.DOUBLE);
  }

  static Expr math(Elementary fn, Expr... args) {
    return new Expr.MathCall(Types.MATH, fn, List.of(args), Types.DOUBLE);
  }

  /** A source statement on line {@code line}. */
  static Stmt line(int line, String text, Stmt s) {
    return new Stmt.SourceLine(line, text, s);
  }

  /** {@code static double f(params) { body }}, differentiated with respect to the active params. */
  static MethodModel method(String name, List<MethodModel.Param> params, Stmt... body) {
    return new MethodModel(
        OWNER,
        DERIVATIVES,
        name,
        true,
        params,
        Types.DOUBLE,
        new Stmt.Block(List.of(body)),
        "M.java",
        1,
        0,
        List.of(),
        List.of(),
        OWNER);
  }

  static MethodModel.Param active(String name) {
    return new MethodModel.Param(name, Types.DOUBLE, true);
  }

  static MethodModel.Param inactive(String name, TypeName type) {
    return new MethodModel.Param(name, type, false);
  }

  static Activity activity(MethodModel m) {
    Activity a =
        Activity.of(
            m,
            m.activeParams().stream().map(MethodModel.Param::name).collect(Collectors.toSet()));
    if (!a.findings().isEmpty()) {
      throw new AssertionError("model rejected: " + a.findings());
    }
    return a;
  }

  /** The Java text of a generated method. */
  static String print(MethodCode code) {
    String params =
        code.params().stream().map(p -> p.type() + " " + p.name()).collect(Collectors.joining(", "));
    return "static " + code.returnType() + " " + code.name() + "(" + params + ") {\n"
        + ModelPrinter.print(code.body()) + "}\n";
  }

  /** Compiles {@code methods} into class {@code t.Gen} and loads it. */
  static Class<?> compile(MethodCode... methods) {
    StringBuilder src = new StringBuilder("package t;\nfinal class Gen {\n");
    for (MethodCode m : methods) {
      src.append(print(m));
    }
    src.append("}\n");
    Compilation c =
        Compiler.javac()
            .withOptions("-proc:none")
            .compile(JavaFileObjects.forSourceString("t.Gen", src.toString()));
    if (c.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError(c.diagnostics() + "\n" + src);
    }
    return new Loader(c).load("t.Gen");
  }

  /** Invokes the static method {@code name} of {@code c}. */
  static Object call(Class<?> c, String name, Object... args) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        try {
          m.setAccessible(true);
          return m.invoke(null, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  /** The statements of {@code body} and everything nested in them, of class {@code kind}. */
  static <T extends Stmt> List<T> all(List<Stmt> body, Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (Stmt s : body) {
      for (Stmt x : Stmts.all(s)) {
        if (kind.isInstance(x)) {
          out.add(kind.cast(x));
        }
      }
    }
    return out;
  }

  /** Names declared anywhere in {@code body}. */
  static List<String> declared(List<Stmt> body) {
    return all(body, Stmt.Declare.class).stream().map(Stmt.Declare::name).toList();
  }

  static HashSet<String> names(List<MethodModel.Param> params) {
    return params.stream().map(MethodModel.Param::name).collect(Collectors.toCollection(HashSet::new));
  }

  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    Loader(Compilation compilation) {
      super(ForwardModels.class.getClassLoader());
      for (JavaFileObject f : compilation.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = f.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + 13, path.length() - 6);
        try (InputStream in = f.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }

    Class<?> load(String name) {
      try {
        return loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
  }
}
