package org.lifeline.donations.money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.lifeline.donations.domain.money.Donations;
import org.lifeline.donations.domain.money.Money;

/** Money as a client sends it: {@code {"amount": 5000, "currency": "CNY"}}, the amount in minor units. */
public record MoneyRequest(
        @NotNull @Min(1) @Max(Donations.MAX_AMOUNT) Long amount,
        @NotNull @CurrencyCode String currency) {

    Money toMoney() {
        return new Money(amount, currency);
    }

    static Money toMoney(MoneyRequest request) {
        return request == null ? null : request.toMoney();
    }
}
