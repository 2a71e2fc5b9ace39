package org.lifeline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.offer.MatchProposed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The producers' check: what is published must have the golden sample's shape. */
class GoldenSamplesTest {

    private static ObjectNode sample(String type) {
        return (ObjectNode) GoldenSamples.tree(type);
    }

    @Test
    void every_sample_conforms_to_itself() {
        IntegrationEvents.all().forEach(contract ->
                assertThatCode(() -> GoldenSamples.assertConformsTo(contract.type(), GoldenSamples.tree(contract.type())))
                        .doesNotThrowAnyException());
    }

    @Test
    void other_values_of_the_same_kinds_conform() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.put("quantity", 12).put("item", "Hygiene kit").put("sector", "WSH");
        ((ObjectNode) published.get("site")).put("lat", 31).put("privacy", "APPROXIMATE");
        published.remove("neededBy");

        assertThat(GoldenSamples.conformsTo(NeedPosted.TYPE, published)).isTrue();
    }

    @Test
    void a_missing_required_field_is_reported() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.remove("urgency");

        assertThat(GoldenSamples.violations(NeedPosted.TYPE, published))
                .containsExactly("urgency is required but missing");
    }

    @Test
    void a_renamed_field_is_reported_twice_unknown_and_missing() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.set("requested", published.remove("quantity"));

        assertThat(GoldenSamples.violations(NeedPosted.TYPE, published)).containsExactlyInAnyOrder(
                "requested is not in the sample", "quantity is required but missing");
    }

    @Test
    void a_value_of_another_kind_is_reported_however_deep() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.put("quantity", "300");
        ((ObjectNode) published.get("site")).put("lat", "31.06");
        ((ObjectNode) published.get("site")).remove("privacy");

        assertThat(GoldenSamples.violations(NeedPosted.TYPE, published)).containsExactlyInAnyOrder(
                "quantity is string, the sample has number",
                "site.lat is string, the sample has number",
                "site.privacy is required but missing");
    }

    @Test
    void array_elements_are_checked_against_the_sample_element() {
        ObjectNode published = sample(MatchProposed.TYPE);
        ((ObjectNode) published.get("proposals").get(1)).put("score", true);
        ((ArrayNode) published.get("proposals")).addObject().put("needId", "x");

        assertThat(GoldenSamples.violations(MatchProposed.TYPE, published)).containsExactlyInAnyOrder(
                "proposals[1].score is boolean, the sample has number",
                "proposals[2].score is required but missing",
                "proposals[2].distanceKm is required but missing");

        ObjectNode urls = sample(PostPublished.TYPE);
        ((ArrayNode) urls.get("mediaUrls")).add(42);
        assertThat(GoldenSamples.violations(PostPublished.TYPE, urls))
                .containsExactly("mediaUrls[1] is number, the sample has string");
    }

    @Test
    void an_optional_field_is_left_out_not_written_as_null() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.putNull("neededBy");

        assertThat(GoldenSamples.violations(NeedPosted.TYPE, published))
                .containsExactly("neededBy is null, the sample has string");
    }

    @Test
    void the_assertion_lists_what_differs() {
        ObjectNode published = sample(NeedPosted.TYPE);
        published.remove("site");
        published.put("siteName", "Yingxiu");

        assertThatThrownBy(() -> GoldenSamples.assertConformsTo(NeedPosted.TYPE, published))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(NeedPosted.TYPE + " does not conform")
                .hasMessageContaining("site is required but missing")
                .hasMessageContaining("siteName is not in the sample");
    }

    @Test
    void a_published_event_that_is_not_an_object_is_reported() {
        JsonNode published = ContractJson.mapper().getNodeFactory().textNode("NeedPosted");
        assertThat(GoldenSamples.violations(NeedPosted.TYPE, published))
                .containsExactly("the event is string, the sample has object");
    }
}
