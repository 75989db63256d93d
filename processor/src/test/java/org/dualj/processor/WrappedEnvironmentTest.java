package org.dualj.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build tools wrap javac's processing environment: IntelliJ in a dynamic proxy, Gradle's
 * incremental processing in a delegating class. The processor looks through both; where it cannot
 * reach javac's trees at all it reports one clear error instead of failing.
 */
class WrappedEnvironmentTest {
  private static final JavaFileObject MODEL =
      Compilations.source(
          "Model",
          "package test;",
          "import org.dualj.annotations.Differentiable;",
          "class Model {",
          "  @Differentiable",
          "  static double f(double x) {",
          "    return x * x;",
          "  }",
          "}");

  @Test
  void dynamicProxyAsIntelliJWrapsIt() {
    Compilation c = compileWrapped(WrappedEnvironmentTest::proxy);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ModelDerivatives");
  }

  @Test
  void delegatingClassAsGradleWrapsIt() {
    Compilation c = compileWrapped(Delegating::new);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ModelDerivatives");
  }

  @Test
  void unreachableTreesGiveOneClearError() {
    Compilation c = compileWrapped(env -> new Opaque(() -> env));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[DiffNeedsJavac]").inFile(MODEL).onLine(5);
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compileWrapped(
      Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
    return javac().withProcessors(new Wrapping(wrap)).compile(MODEL);
  }

  private static ProcessingEnvironment proxy(ProcessingEnvironment env) {
    return (ProcessingEnvironment)
        Proxy.newProxyInstance(
            WrappedEnvironmentTest.class.getClassLoader(),
            new Class<?>[] {ProcessingEnvironment.class},
            (p, method, args) -> {
              try {
                return method.invoke(env, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Runs the real processor with a wrapped environment. */
  private static final class Wrapping extends AbstractProcessor {
    private final DifferentiableProcessor delegate = new DifferentiableProcessor();
    private final Function<ProcessingEnvironment, ProcessingEnvironment> wrap;

    Wrapping(Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
      this.wrap = wrap;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(wrap.apply(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  /** Delegates through a field, as Gradle's incremental wrappers do. */
  private static class Delegating implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    Delegating(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public javax.lang.model.util.Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** Hides javac's environment behind a supplier, as a compiler without trees would. */
  private static final class Opaque extends Delegating {
    private final Supplier<ProcessingEnvironment> hidden;

    Opaque(Supplier<ProcessingEnvironment> hidden) {
      super(null);
      this.hidden = hidden;
    }

    @Override
    public Map<String, String> getOptions() {
      return hidden.get().getOptions();
    }

    @Override
    public Messager getMessager() {
      return hidden.get().getMessager();
    }

    @Override
    public Filer getFiler() {
      return hidden.get().getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return hidden.get().getElementUtils();
    }

    @Override
    public javax.lang.model.util.Types getTypeUtils() {
      return hidden.get().getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return hidden.get().getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return hidden.get().getLocale();
    }
  }
}
