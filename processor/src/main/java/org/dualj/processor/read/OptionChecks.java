package org.dualj.processor.read;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.ExecutableElement;
import org.dualj.processor.diag.Diagnostics;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Types;

/** The values of a method's {@code @Differentiable}, each error at the value it is about. */
final class OptionChecks {
  private OptionChecks() {}

  /** {@code wrt} names double or double[] parameters; {@code chunk} is not negative. */
  static boolean valid(ExecutableElement m, Diagnostics diag) {
    Options o = Options.orDefault(m);
    boolean ok = true;
    for (String name : o.wrt()) {
      var param =
          m.getParameters().stream()
              .filter(p -> p.getSimpleName().contentEquals(name))
              .findFirst();
      if (param.isEmpty()) {
        diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_UNKNOWN, name);
        ok = false;
      } else if (!Types.isDifferentiable(TypeName.get(param.get().asType()))
          && !Types.isMatrix(TypeName.get(param.get().asType()))) {
        diag.error(m, o.mirror(), o.wrtValue(), Message.WRT_TYPE, name, param.get().asType());
        ok = false;
      } else if (Types.isMatrix(TypeName.get(param.get().asType())) && o.order() == 2) {
        diag.error(
            m,
            o.mirror(),
            o.orderValue(),
            Message.BAD_ORDER,
            o.order(),
            "second derivatives with respect to a double[][] (" + name + ") are not generated;"
                + " pass its elements as a double[], or leave it out of wrt");
        ok = false;
      }
    }
    if (o.chunk() < 0) {
      diag.error(m, o.mirror(), o.chunkValue(), Message.BAD_CHUNK, o.chunk());
      ok = false;
    }
    if (o.order() != 1 && o.order() != 2) {
      diag.error(
          m, o.mirror(), o.orderValue(), Message.BAD_ORDER, o.order(), "order must be 1 or 2");
      ok = false;
    }
    return ok;
  }
}
