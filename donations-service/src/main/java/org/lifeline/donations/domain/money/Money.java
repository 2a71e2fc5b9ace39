package org.lifeline.donations.domain.money;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in minor units (fen, cents) of an ISO 4217 currency, written
 * {@code {"amount": 5000, "currency": "CNY"}}. Lifeline never converts between currencies.
 */
public record Money(long amount, String currency) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * Whether {@code code} is an ISO 4217 code of a currency people pay with: three capital letters that
     * the JDK knows, with minor units (so not XXX "no currency", XTS "testing" or the metals XAU, XAG …,
     * which have none).
     */
    public static boolean isCurrencyCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return false;
        }
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    public Money plus(long minorUnits) {
        return new Money(Math.addExact(amount, minorUnits), currency);
    }

    public Money minus(long minorUnits) {
        return new Money(Math.subtractExact(amount, minorUnits), currency);
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}
