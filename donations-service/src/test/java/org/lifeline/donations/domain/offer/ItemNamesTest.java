package org.lifeline.donations.domain.offer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ItemNamesTest {

    @ParameterizedTest(name = "''{0}'' is ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "Blankets|blanket",
            "  blanket |blanket",
            "BLANKET|blanket",
            "Family tent (4-6 persons)|family tent 4 6 person",
            "Water purification tablets|water purification tablet",
            "glass|glass",
            "bus|bus",
            "Ｗａｔｅｒ　ｂｏｔｔｌｅｓ|water bottle",
            "帐篷|帐篷",
            "矿泉水（550ml）|矿泉水 550ml"})
    void names_are_compared_in_one_form(String name, String normalised) {
        assertThat(ItemNames.normalise(name)).isEqualTo(normalised);
    }
}
