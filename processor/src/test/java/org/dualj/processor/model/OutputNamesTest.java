package org.dualj.processor.model;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The processor's families of outputs are the annotation's, name for name and in order. */
class OutputNamesTest {
  @Test
  void namesMatchTheAnnotationsEnum() {
    assertThat(Arrays.stream(Output.values()).map(Enum::name).toList())
        .containsExactlyElementsIn(
            Arrays.stream(org.dualj.annotations.Output.values()).map(Enum::name).toList())
        .inOrder();
  }
}
