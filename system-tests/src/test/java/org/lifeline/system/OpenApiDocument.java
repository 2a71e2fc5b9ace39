package org.lifeline.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole public API as the running gateway documents it at {@code /q/openapi}: its operations, parsed. */
final class OpenApiDocument {

    /** One operation: {@code POST /api/v1/pledges} and what the document says of it. */
    record Endpoint(String method, String path, Operation operation) {

        String key() {
            return method + " " + path;
        }

        boolean isWrite() {
            return method.equals("POST") || method.equals("PATCH") || method.equals("DELETE") || method.equals("PUT");
        }

        /** The JSON schema of the request body, resolved; null when the operation takes none. */
        Schema<?> bodySchema(OpenAPI api) {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return null;
            }
            var json = operation.getRequestBody().getContent().get("application/json");
            return json == null ? null : resolve(api, json.getSchema());
        }

        boolean takesHeader(OpenAPI api, String name) {
            return takes(api, "header", name);
        }

        /** Whether the operation takes the parameter ({@code in}: path, query, header). */
        boolean takes(OpenAPI api, String in, String name) {
            return operation.getParameters() != null && operation.getParameters().stream()
                    .map(parameter -> resolveParameter(api, parameter))
                    .anyMatch(parameter -> in.equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()));
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private final OpenAPI api;
    private final List<Endpoint> endpoints;

    private OpenApiDocument(OpenAPI api) {
        this.api = api;
        List<Endpoint> found = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                found.add(new Endpoint(method.name(), path, operation))));
        found.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        this.endpoints = List.copyOf(found);
    }

    /** Fetches and parses the document the gateway serves; fails when it does not parse cleanly. */
    static OpenApiDocument fetch(Api api) {
        Api.Answer answer = Api.require(api.get("/q/openapi?format=json", Api.Credential.NONE), 200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            throw new AssertionError("the gateway's OpenAPI document does not parse: " + result.getMessages());
        }
        return new OpenApiDocument(result.getOpenAPI());
    }

    OpenAPI api() {
        return api;
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    List<Endpoint> writes() {
        return endpoints.stream().filter(Endpoint::isWrite).toList();
    }

    /** Follows {@code $ref}s to the schema they name. */
    static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        Schema<?> current = schema;
        for (int depth = 0; current != null && current.get$ref() != null && depth < 20; depth++) {
            String name = current.get$ref().substring(current.get$ref().lastIndexOf('/') + 1);
            current = api.getComponents().getSchemas().get(name);
        }
        if (current != null && current.getAllOf() != null && current.getAllOf().size() == 1 && current.getType() == null
                && current.getTypes() == null) {
            return resolve(api, current.getAllOf().get(0));
        }
        return current;
    }

    static Parameter resolveParameter(OpenAPI api, Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getParameters().get(name);
    }

    /** The properties of an object schema, resolved; empty for anything else. */
    static Map<String, Schema<?>> properties(OpenAPI api, Schema<?> schema) {
        Schema<?> resolved = resolve(api, schema);
        Map<String, Schema<?>> properties = new LinkedHashMap<>();
        if (resolved != null && resolved.getProperties() != null) {
            resolved.getProperties().forEach(properties::put);
        }
        return properties;
    }

    /** The schema's JSON type ("integer", "string", "object" …), from 3.0's {@code type} or 3.1's {@code types}. */
    static String type(OpenAPI api, Schema<?> schema) {
        Schema<?> resolved = resolve(api, schema);
        if (resolved == null) {
            return "";
        }
        if (resolved.getType() != null) {
            return resolved.getType();
        }
        if (resolved.getTypes() != null) {
            return resolved.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse("");
        }
        if (resolved.getProperties() != null) {
            return "object";
        }
        return "";
    }

    static PathItem.HttpMethod method(String name) {
        return PathItem.HttpMethod.valueOf(name);
    }
}
