package org.lifeline.campaigns.domain.need;

/** IASC cluster the need belongs to. */
public enum Sector {
    /** Shelter. */ SHL,
    /** Water, sanitation and hygiene. */ WSH,
    /** Food security. */ FSC,
    /** Health. */ HEA,
    /** Nutrition. */ NUT,
    /** Logistics. */ LOG,
    /** Camp coordination and camp management. */ CCM,
    /** Education. */ EDU,
    /** Protection. */ PRO,
    /** Early recovery. */ ERY,
    /** Emergency telecommunications. */ TEL
}
