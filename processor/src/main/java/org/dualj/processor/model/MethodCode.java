package org.dualj.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A generated method, still as model statements: what an emitter prints.
 *
 * @param doc Javadoc text (may be empty)
 * @param workspace for lane code, the number of tangent lanes its workspace holds; 0 otherwise
 */
public record MethodCode(
    String name,
    List<MethodModel.Param> params,
    TypeName returnType,
    List<Stmt> body,
    String doc,
    int workspace) {}
