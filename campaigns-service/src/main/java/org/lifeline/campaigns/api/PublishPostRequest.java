package org.lifeline.campaigns.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of {@code POST /api/v1/campaigns/{id}/posts}. */
public record PublishPostRequest(
        @NotBlank @Size(max = 5000) String text,
        @Valid LocationRequest location,
        @Size(max = 10) List<@NotNull @Size(max = 2000)
                @Pattern(regexp = "^https://[^\\s/?#]+\\S*$", message = "must be an https URL") String> mediaUrls) {
}
