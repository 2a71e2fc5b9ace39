package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The HXL export's layout: a header row, a hashtag row (the HXL tags of domain.md), then one row per need.
 * CSV per RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted.
 */
final class HxlCsv {

    static final List<String> HEADERS = List.of("Need id", "Crisis", "Date reported", "Needed by", "Status",
            "Sector", "Item", "Unit", "Requested", "Pledged", "Delivered", "Organisation", "Site", "Latitude",
            "Longitude", "Urgency", "Source feed position");
    static final List<String> HASHTAGS = List.of("#meta+id", "#crisis+code", "#date+reported", "#date+end",
            "#status+code", "#sector+cluster+code", "#item+name", "#item+unit", "#item+num+requested",
            "#item+num+pledged", "#item+num+delivered", "#org+impl+name", "#loc+name", "#geo+lat", "#geo+lon",
            "#severity", "#meta+source");

    private HxlCsv() {
    }

    /**
     * A need's row from its public model (so the export never shows more than the listing: APPROXIMATE sites are
     * already rounded). The crisis is the campaign's GLIDE number, or its id when it has none; the organisation is
     * its id: the feed knows no names.
     */
    static List<String> needRow(JsonNode need, String crisisCode, long position) {
        JsonNode site = need.path("site");
        return List.of(text(need, "id"), crisisCode, text(need, "postedAt"), text(need, "neededBy"),
                text(need, "status"), text(need, "sector"), inert(text(need, "item")), inert(text(need, "unit")),
                text(need, "requested"), text(need, "reserved"), text(need, "delivered"),
                text(need, "organisationId"), inert(text(site, "name")), degrees(site.path("lat")),
                degrees(site.path("lon")), text(need, "urgency"), Long.toString(position));
    }

    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escaped(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String escaped(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * Free text a coordinator typed, made inert for spreadsheets: a leading {@code = + - @} (or tab, CR) would make
     * the cell a formula when a partner opens the export, so it is prefixed with an apostrophe (OWASP CSV injection).
     */
    static String inert(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static String degrees(JsonNode value) {
        return value.isNumber() ? BigDecimal.valueOf(value.asDouble()).toPlainString() : "";
    }
}
