package org.lifeline.donations.domain.offer;

/** OPEN while some is left to place; PLACED when all of it went to needs; EXPIRED past its available-until; WITHDRAWN. */
public enum OfferStatus {
    NONE, OPEN, PLACED, EXPIRED, WITHDRAWN
}
