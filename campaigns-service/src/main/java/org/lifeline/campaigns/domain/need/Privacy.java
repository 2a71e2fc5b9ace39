package org.lifeline.campaigns.domain.need;

/** Whether a site's coordinates may be shown as given or only roughly (e.g. a private home). */
public enum Privacy {
    EXACT, APPROXIMATE
}
