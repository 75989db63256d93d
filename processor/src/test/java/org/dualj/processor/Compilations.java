package org.dualj.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Compiles test sources with the dualj processor, as javac does in a user's build. */
public final class Compilations {
  private Compilations() {}

  public static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new DifferentiableProcessor()).compile(sources);
  }

  /** A source file {@code test/<name>.java} whose body is given line by line. */
  public static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }
}
