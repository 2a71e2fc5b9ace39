package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FieldPathsTest {

    record Site(@NotBlank String name, @Max(90) double lat) { }

    record Item(@NotBlank String name) { }

    record PostNeed(@Positive int quantity, @NotNull @Valid Site site, List<@Valid Item> items,
                    List<@NotBlank String> tags) { }

    static class Needs {
        public void post(@Valid PostNeed request) { }

        public void list(@Max(200) int limit) { }
    }

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void a_body_field_is_named_without_the_method_and_parameter() {
        PostNeed request = new PostNeed(0, new Site("Clinic", 10), List.of(), List.of());

        assertThat(fieldsOf(call("post", PostNeed.class, request))).containsExactly("quantity");
    }

    @Test
    void a_nested_field_is_named_by_its_dotted_path() {
        PostNeed request = new PostNeed(5, new Site("Clinic", 95), List.of(), List.of());

        assertThat(fieldsOf(call("post", PostNeed.class, request))).containsExactly("site.lat");
    }

    @Test
    void list_elements_carry_their_index() {
        PostNeed request = new PostNeed(5, new Site("Clinic", 10), List.of(new Item("tents"), new Item(" ")),
                List.of("ok", ""));

        assertThat(fieldsOf(call("post", PostNeed.class, request)))
                .containsExactlyInAnyOrder("items[1].name", "tags[1]");
    }

    @Test
    void a_query_parameter_is_named_by_the_parameter() {
        assertThat(fieldsOf(call("list", int.class, 500))).containsExactly("limit");
    }

    @Test
    void a_bean_validated_directly_is_named_by_its_properties() {
        Set<ConstraintViolation<Site>> violations = VALIDATOR.validate(new Site("", 10));

        assertThat(violations).extracting(v -> FieldPaths.of(v.getPropertyPath())).containsExactly("name");
    }

    @Test
    void a_jackson_failure_is_named_by_its_json_path() {
        String json = """
                {"quantity": 5, "site": {"name": "Clinic", "lat": "north"}, "items": [], "tags": []}""";

        assertThat(FieldPaths.of(jacksonFailure(json))).isEqualTo("site.lat");
    }

    @Test
    void a_jackson_failure_inside_a_list_carries_the_index() {
        String json = """
                {"quantity": 5, "items": [{"name": "a"}, {"name": ["b"]}]}""";

        assertThat(FieldPaths.of(jacksonFailure(json))).isEqualTo("items[1].name");
    }

    @Test
    void a_jackson_failure_at_the_root_has_no_field() {
        assertThat(FieldPaths.of(jacksonFailure("[1, 2]"))).isNull();
    }

    private static Set<ConstraintViolation<Needs>> call(String method, Class<?> parameterType, Object argument) {
        try {
            Method target = Needs.class.getMethod(method, parameterType);
            return VALIDATOR.forExecutables().validateParameters(new Needs(), target, new Object[] {argument});
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldsOf(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> FieldPaths.of(v.getPropertyPath())).toList();
    }

    private static JsonMappingException jacksonFailure(String json) {
        return catchThrowableOfType(JsonMappingException.class,
                () -> new ObjectMapper().readValue(json, PostNeed.class));
    }
}
