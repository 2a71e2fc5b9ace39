package org.lifeline.donations.domain.pledge;

/** How the donor gets the goods to the site. */
public enum DeliveryMethod {
    DROP_OFF, SHIPMENT, PICKUP
}
