package org.lifeline.support;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/** Turns Bean Validation and Jackson paths into the JSON field paths clients see, such as {@code site.lat}. */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * The JSON path of a constraint violation: the property path below the method parameter (the
     * request body), or the parameter name itself for a query, path or header parameter. Null for
     * a constraint on the whole body.
     */
    static String of(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        boolean belowParameter = false;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            belowParameter = true;
            if (node.isInIterable()) {
                field.append(node.getIndex() != null ? "[" + node.getIndex() + "]" : "[" + node.getKey() + "]");
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!belowParameter) {
            return parameter;
        }
        return field.isEmpty() ? null : field.toString();
    }

    /** The JSON path at which Jackson failed, or null when it failed outside any field. */
    static String of(JsonMappingException e) {
        List<JsonMappingException.Reference> references = e.getPath();
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }
}
