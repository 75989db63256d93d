package org.dualj.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.dualj.annotations.Differentiable;
import org.dualj.runtime.Dual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named modules (JPMS): generated code compiles without a {@code requires} the user did not
 * write, and the tangent-rule index of each module is in a package of its own, so two modules
 * with rules run together and each compilation finds the rules of the modules it reads.
 */
class ModulesTest {
  /** The dualj-annotations and dualj-runtime modules, as built (directories or jars). */
  private static String dualjModulePath() throws Exception {
    Path annotations = Path.of(Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path runtime = Path.of(Dual.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return annotations + java.io.File.pathSeparator + runtime;
  }

  private static void write(Path root, String path, String... lines) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /** Compiles every source under {@code src} as one module with dualj and -Xlint:all -Werror. */
  private static void compileModule(Path src, Path out, Path generated, String modulePath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(src)) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      List<String> options =
          new ArrayList<>(List.of("-Xlint:all", "-Werror", "--module-path", modulePath, "-d", out.toString(), "-s",
              generated.toString()));
      JavaCompiler.CompilationTask task = javac.getTask(log, files, null, options, null, units);
      task.setProcessors(List.of(new DifferentiableProcessor()));
      boolean ok = task.call();
      assertThat(log.toString()).isEmpty();
      assertThat(ok).isTrue();
    }
  }

  @Test
  void twoModulesWithRulesCompileAndRunTogether(@TempDir Path dir) throws Exception {
    String dualj = dualjModulePath();
    // Module geo: a function, its rule in another class and package, and a differentiated method.
    Path geoSrc = dir.resolve("geo-src");
    write(geoSrc, "module-info.java",
        "module geo {",
        "  requires static org.dualj.annotations;",
        "  requires transitive org.dualj.runtime;",
        "  exports geo.special;",
        "  exports geo.rules;",
        "  exports geo.model;",
        "}");
    write(geoSrc, "geo/special/Special.java",
        "package geo.special;",
        "public final class Special {",
        "  private Special() {}",
        "  public static double softplus(double x) { return Math.log1p(Math.exp(x)); }",
        "}");
    write(geoSrc, "geo/rules/SpecialRules.java",
        "package geo.rules;",
        "import org.dualj.annotations.TangentRule;",
        "import geo.special.Special;",
        "public final class SpecialRules {",
        "  private SpecialRules() {}",
        "  @TangentRule(of = Special.class, method = \"softplus\")",
        "  public static double softplusPartial(double x, double value) { return 1 / (1 + Math.exp(-x)); }",
        "}");
    write(geoSrc, "geo/model/Uses.java",
        "package geo.model;",
        "import org.dualj.annotations.Differentiable;",
        "import geo.special.Special;",
        "public final class Uses {",
        "  private Uses() {}",
        "  @Differentiable",
        "  public static double g(double x) { return Special.softplus(x) * x; }",
        "}");
    Path geoOut = dir.resolve("geo");
    Path geoGen = dir.resolve("geo-gen");
    compileModule(geoSrc, geoOut, geoGen, dualj);
    assertThat(Files.exists(geoOut.resolve("org/dualj/rules/index/geo/geo_rules_SpecialRules.class"))).isTrue();
    assertThat(Files.exists(geoOut.resolve("org/dualj/rules/index"))).isTrue();
    assertThat(indexClassesDirectlyIn(geoOut.resolve("org/dualj/rules/index"))).isEmpty();
    // geo does not read java.compiler: no @Generated
    assertThat(Files.readString(geoGen.resolve("geo/model/UsesDerivatives.java"))).doesNotContain("@Generated");

    // Module app: a rule of its own, and a method using geo's rule (found through geo's index).
    Path appSrc = dir.resolve("app-src");
    write(appSrc, "module-info.java",
        "module app {",
        "  requires static org.dualj.annotations;",
        "  requires transitive org.dualj.runtime;",
        "  requires java.compiler;",
        "  requires geo;",
        "  exports app;",
        "}");
    write(appSrc, "app/Cubic.java",
        "package app;",
        "import org.dualj.annotations.TangentRule;",
        "public final class Cubic {",
        "  private Cubic() {}",
        "  public static double cube(double x) { return x * x * x; }",
        "}");
    write(appSrc, "app/AppRules.java",
        "package app;",
        "import org.dualj.annotations.TangentRule;",
        "public final class AppRules {",
        "  private AppRules() {}",
        "  @TangentRule(of = Cubic.class, method = \"cube\")",
        "  public static double cubePartial(double x, double value) { return 3 * x * x; }",
        "}");
    write(appSrc, "app/internal/Hidden.java",
        "package app.internal;",
        "import org.dualj.annotations.Differentiable;",
        "public final class Hidden {",
        "  private Hidden() {}",
        "  @Differentiable",
        "  public static double h(double x) { return x * x; }",
        "}");
    write(appSrc, "app/Model.java",
        "package app;",
        "import org.dualj.annotations.Differentiable;",
        "import geo.special.Special;",
        "import geo.model.Uses;",
        "public final class Model {",
        "  private Model() {}",
        "  @Differentiable",
        "  public static double f(double x) { return Special.softplus(Cubic.cube(x)) + Uses.g(x); }",
        "}");
    Path appOut = dir.resolve("app");
    Path appGen = dir.resolve("app-gen");
    compileModule(appSrc, appOut, appGen, dualj + java.io.File.pathSeparator + geoOut);
    assertThat(Files.exists(appOut.resolve("org/dualj/rules/index/app/app_AppRules.class"))).isTrue();
    // app reads java.compiler: @Generated in its package that is not exported, as in class-path
    // builds; not in the exported one, where it would be API from a module app does not pass on
    assertThat(Files.readString(appGen.resolve("app/internal/HiddenDerivatives.java"))).contains("@Generated");
    assertThat(Files.readString(appGen.resolve("app/ModelDerivatives.java"))).doesNotContain("@Generated");

    // Both modules in one layer: no split package, and the derivative is the analytic one.
    ModuleFinder finder = ModuleFinder.of(Stream.concat(
        Stream.of(dualj.split(java.io.File.pathSeparator)).map(Path::of), Stream.of(geoOut, appOut)).toArray(Path[]::new));
    Configuration configuration =
        ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("app"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
    Class<?> derivatives = layer.findLoader("app").loadClass("app.ModelDerivatives");
    Method f = derivatives.getMethod("f", double.class, double.class);
    for (double x : new double[] {-1.3, 0.2, 0.9}) {
      Object y = f.invoke(null, x, 1.0);
      double value = (double) y.getClass().getMethod("value").invoke(y);
      double tangent = (double) y.getClass().getMethod("tangent").invoke(y);
      double u = x * x * x;
      double sigmoid = 1 / (1 + Math.exp(-u));
      double sx = 1 / (1 + Math.exp(-x));
      double expected = sigmoid * 3 * x * x + Math.log1p(Math.exp(x)) + x * sx;
      assertThat(value).isWithin(1e-15 * Math.max(1, Math.abs(value)))
          .of(Math.log1p(Math.exp(u)) + Math.log1p(Math.exp(x)) * x);
      assertThat(tangent).isWithin(1e-14 * Math.max(1, Math.abs(expected))).of(expected);
    }
  }

  private static List<String> indexClassesDirectlyIn(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".class")).map(Path::toString).toList();
    }
  }
}
