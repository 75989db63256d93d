package org.dualj.processor.steps;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.dualj.processor.diag.Message;
import org.dualj.processor.read.CheckedMethod;
import org.dualj.processor.read.Javac;
import org.dualj.processor.read.MethodReader;
import org.dualj.processor.read.SourceMethod;

/**
 * The work of one processing round, as a list of steps over the round's methods: each method is
 * checked (read into a model and analysed), transformed, and, with the other methods of its
 * class, generated. A method with an error is left out and the others still generate; calls to a
 * method that failed fail too.
 */
public final class Round {
  private final RoundState state;

  public Round(Javac javac, Progress progress, String processorName, String failOn, boolean last) {
    this.state = new RoundState(javac, progress, processorName, failOn, last);
  }

  /** Runs the steps over the round's annotated methods and those deferred by earlier rounds. */
  public void run(List<SourceMethod> annotated) throws IOException {
    List<SourceMethod> methods = Methods.ofRound(state, annotated);
    for (SourceMethod m : methods) {
      check(m);
    }
    Methods.addHelpers(state, this::check);
    Methods.raiseHelperOrders(state);
    state.javac.reportLambdaRecovery(); // the classes of the methods read are attributed now
    ArrayEffectsStep.run(state);
    for (CheckedMethod c : state.checked) {
      RoundState.Done d = guarded(c.method(), () -> TransformStep.transform(state, c));
      if (d != null) {
        state.done.computeIfAbsent(c.method().type(), k -> new java.util.ArrayList<>()).add(d);
      }
    }
    Drops.defer(state);
    Drops.signatureClashes(state);
    Drops.classNameClashes(state);
    Drops.tooLarge(state);
    Drops.callersOfFailed(state);
    AdjointStep.attach(state);
    GenerateStep.write(state);
  }

  private void check(SourceMethod m) {
    CheckedMethod c = guarded(m, () -> state.checks.check(m, state.failOn));
    if (c != null) {
      state.checked.add(c);
    }
  }

  /**
   * Runs one step for method {@code m}; null (and {@code m} failed) if it had errors. An
   * unexpected exception becomes an internal error on the method unless an error was reported;
   * a method naming a type javac cannot resolve yet goes to the round's erroneous methods.
   */
  private <T> T guarded(SourceMethod m, Supplier<T> step) {
    int before = state.javac.errorCount();
    try {
      T result = step.get();
      if (result == null) {
        state.fail(m);
      }
      return result;
    } catch (MethodReader.Erroneous javacReportsIt) {
      if (javacReportsIt.unresolved()) {
        state.erroneous.add(m); // perhaps generated in this round: wait for the next one
      } else {
        state.fail(m);
      }
    } catch (RuntimeException | StackOverflowError e) {
      if (state.javac.errorCount() == before) {
        state.javac.error(m, Message.INTERNAL_ERROR, describe(e));
      }
      state.fail(m);
    }
    return null;
  }

  /** An exception and where it was thrown, for an internal error. */
  public static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    return t + (st.length > 0 ? " at " + st[0] : "");
  }
}
