package org.dualj.processor.read;

import com.sun.source.tree.Tree;
import org.dualj.processor.diag.Message;

/** A diagnostic found while reading or analysing a method, located at a tree. */
public record Problem(Tree tree, Message message, Object[] args) {
  public static Problem of(Tree tree, Message message, Object... args) {
    return new Problem(tree, message, args);
  }
}
