package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void text_without_nul_or_lone_surrogates_is_storable() {
        assertThat(StorableText.isStorable("")).isTrue();
        assertThat(StorableText.isStorable("Rice, 25 kg \t\n")).isTrue();
        assertThat(StorableText.isStorable("Hôpital \uD83C\uDFE5 救援")).isTrue();
        assertThat(StorableText.isStorable("\u0001\u001f\u007f\uFFFF")).isTrue();
    }

    @Test
    void a_nul_or_an_unpaired_surrogate_anywhere_is_not() {
        assertThat(StorableText.isStorable("\u0000")).isFalse();
        assertThat(StorableText.isStorable("rice\u0000")).isFalse();
        assertThat(StorableText.isStorable("\uD83C")).isFalse();
        assertThat(StorableText.isStorable("\uD83C rice")).isFalse();
        assertThat(StorableText.isStorable("rice \uDFE5")).isFalse();
        assertThat(StorableText.isStorable("\uDFE5\uD83C")).isFalse();
        assertThat(StorableText.isStorable("\uD83C\uDFE5\uD83C")).isFalse();
    }
}
