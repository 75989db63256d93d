package org.dualj.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

/**
 * What the writers of entry points share: the method they are for, fresh local names, the
 * method's own parameters, and the columns of its derivatives (the differentiated parameters in
 * declaration order, a {@code double[]} contributing one column per element).
 */
abstract class EntryPointWriter {
  protected final DerivativesGenerator.Entry e;
  protected final MethodModel m;
  /** Names taken in the method being written: its parameters and the locals so far. */
  private final Set<String> used = new HashSet<>();

  EntryPointWriter(DerivativesGenerator.Entry e) {
    this.e = e;
    this.m = e.source();
  }

  /** A local name that no parameter of the method has. */
  protected final String fresh(String base) {
    String name = base;
    for (int i = 2; used.contains(name); i++) {
      name = base + "_" + i;
    }
    used.add(name);
    return name;
  }

  /** Starts a generated method: its receiver parameter, and a fresh scope of names. */
  protected final MethodSpec.Builder method(String name) {
    return method(name, true);
  }

  /** Starts a generated method, {@code public} or package-private. */
  protected final MethodSpec.Builder method(String name, boolean isPublic) {
    used.clear();
    for (MethodModel.Param p : m.params()) {
      used.add(p.name());
    }
    MethodSpec.Builder b =
        isPublic
            ? MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            : MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC);
    if (!m.isStatic()) {
      used.add(e.selfName());
      b.addParameter(m.receiverType(), e.selfName());
    }
    return b;
  }

  /** The method's own parameters, unchanged. */
  protected final void primalParameters(MethodSpec.Builder b) {
    for (MethodModel.Param p : m.params()) {
      b.addParameter(p.type(), p.name());
    }
  }

  /** The columns for Javadoc: {@code (x, y[0..y.length)) in this order}. */
  protected final String columnsDoc() {
    List<String> names = new ArrayList<>();
    for (MethodModel.Param p : m.activeParams()) {
      names.add(
          Types.DOUBLE.equals(p.type())
              ? p.name()
              : Types.isMatrix(p.type())
                  ? p.name() + "[i][j] row by row"
                  : p.name() + "[0.." + p.name() + ".length)");
    }
    return "(" + String.join(", ", names) + ") in this order";
  }

  /** A column index as written in code: a constant plus array lengths. */
  protected static final class Column {
    int constant;
    final List<CodeBlock> terms = new ArrayList<>();

    /** Moves past one parameter's columns. */
    void advance(MethodModel.Param p) {
      if (Types.DOUBLE.equals(p.type())) {
        constant++;
      } else if (Types.isMatrix(p.type())) {
        terms.add(CodeBlock.of("$T.count($L)", Types.LANES, p.name()));
      } else {
        terms.add(CodeBlock.of("$L.length", p.name()));
      }
    }

    CodeBlock code() {
      List<CodeBlock> all = new ArrayList<>();
      if (constant > 0 || terms.isEmpty()) {
        all.add(CodeBlock.of("$L", constant));
      }
      all.addAll(terms);
      return CodeBlock.join(all, " + ");
    }
  }

  /** The method's own arguments, receiver first: {@code self, x, y}. */
  protected final CodeBlock ownArguments() {
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    return CodeBlock.join(args, ", ");
  }

  /**
   * Where the arrays of a method's passes come from: numbered arrays of the {@code Workspace}
   * parameter {@code work}, or new arrays when the method has no workspace ({@code work} null).
   * Lanes may be longer than needed; values (working copies, directions) have their exact length.
   */
  protected static final class Slots {
    private final String work;
    private int next;

    Slots(String work) {
      this.work = work;
    }

    /** A zero lane array of at least {@code length}. */
    CodeBlock lanes(CodeBlock length) {
      return work == null
          ? CodeBlock.of("new double[$L]", length)
          : CodeBlock.of("$T.arrayOf($L, $L, $L)", Types.WORKSPACE, work, next++, length);
    }

    /** A zero array of exactly {@code length}. */
    CodeBlock exactly(CodeBlock length) {
      return work == null
          ? CodeBlock.of("new double[$L]", length)
          : CodeBlock.of("$T.exactlyOf($L, $L, $L)", Types.WORKSPACE, work, next++, length);
    }

    /** {@code count} rows of lanes of width {@code p} for the lane core's locals. */
    CodeBlock rows(int count, String p) {
      return work == null
          ? CodeBlock.of("$T.workspace($L, $L)", Types.LANES, count, p)
          : CodeBlock.of("$T.rowsOf($L, $L, $L)", Types.WORKSPACE, work, count, p);
    }
  }

  /**
   * Declares {@code n}, the number of columns, and {@code p}, the columns seeded per pass: the
   * method's chunk, or all of them when the method's effects must run once.
   */
  protected final void columnsAndWidth(MethodSpec.Builder b, String n, String p) {
    b.addStatement("int $L = $L", n, columnCount());
    if (m.chunk() == MethodModel.ONE_PASS) {
      b.addComment("one pass: the method calls methods with effects, which must run once");
      b.addStatement("int $L = $T.chunk($L, $L)", p, Types.LANES, n, n);
    } else {
      b.addStatement("int $L = $T.chunk($L, $L)", p, Types.LANES, n, m.chunk());
    }
  }

  /** The number of columns: 1 per double, the length per double[]. */
  protected final CodeBlock columnCount() {
    Column c = new Column();
    for (MethodModel.Param p : m.activeParams()) {
      c.advance(p);
    }
    return c.code();
  }
}
