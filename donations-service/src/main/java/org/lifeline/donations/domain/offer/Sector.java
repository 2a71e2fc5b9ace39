package org.lifeline.donations.domain.offer;

/** The IASC cluster of an offer or a need (docs/domain.md). */
public enum Sector {
    SHL, WSH, FSC, HEA, NUT, LOG, CCM, EDU, PRO, ERY, TEL
}
