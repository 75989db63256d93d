package org.dualj.processor.read;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} for a processing environment, looking through the wrappers that
 * build tools put around javac's own environment (IntelliJ uses a dynamic proxy, Gradle's
 * incremental processing a delegating class).
 */
public final class TreesLocator {
  private static final int MAX_DEPTH = 4;

  private TreesLocator() {}

  /** Javac's trees, or null when the compiler is not javac (ECJ has no Compiler Tree API). */
  public static Trees find(ProcessingEnvironment env) {
    return find(env, 0, new IdentityHashMap<>());
  }

  private static Trees find(Object env, int depth, Map<Object, Boolean> seen) {
    if (env == null || depth > MAX_DEPTH || seen.put(env, Boolean.TRUE) != null) {
      return null;
    }
    if (env instanceof ProcessingEnvironment pe) {
      try {
        return Trees.instance(pe);
      } catch (IllegalArgumentException | LinkageError notJavac) {
        // fall through and look for a wrapped environment
      }
    }
    Object holder = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        if (!ProcessingEnvironment.class.isAssignableFrom(f.getType())
            && f.getType() != Object.class) {
          continue;
        }
        try {
          f.setAccessible(true);
          Trees t = find(f.get(holder), depth + 1, seen);
          if (t != null) {
            return t;
          }
        } catch (RuntimeException | IllegalAccessException inaccessible) {
          // a module may forbid access; try the next field
        }
      }
    }
    return null;
  }
}
