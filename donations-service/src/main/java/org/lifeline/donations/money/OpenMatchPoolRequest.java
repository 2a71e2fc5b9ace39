package org.lifeline.donations.money;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lifeline.donations.domain.money.MatchPools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.Instant;

/** The body of {@code POST /api/v1/campaigns/{id}/match-pools}. */
@OpenMatchPoolRequest.LimitsInPoolCurrency
public record OpenMatchPoolRequest(
        @NotBlank @Size(max = MatchPools.MAX_SPONSOR_LENGTH) String sponsor,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 4)
        BigDecimal ratio,
        @NotNull @Valid MoneyRequest pool,
        @Valid MoneyRequest perDonorCap,
        @Valid MoneyRequest minGift,
        Instant endsAt) {

    /** The per-donor cap and the minimum gift are in the pool's currency (named as {@code perDonorCap.currency}). */
    @Constraint(validatedBy = LimitsInPoolCurrency.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface LimitsInPoolCurrency {
        String message() default "must be the pool's currency";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Names each limit whose currency is not the pool's. */
        class Validator implements ConstraintValidator<LimitsInPoolCurrency, OpenMatchPoolRequest> {
            @Override
            public boolean isValid(OpenMatchPoolRequest request, ConstraintValidatorContext context) {
                if (request == null || request.pool() == null || request.pool().currency() == null) {
                    return true;
                }
                String currency = request.pool().currency();
                boolean valid = check("perDonorCap", request.perDonorCap(), currency, context);
                valid &= check("minGift", request.minGift(), currency, context);
                return valid;
            }

            private static boolean check(String field, MoneyRequest limit, String currency,
                                         ConstraintValidatorContext context) {
                if (limit == null || limit.currency() == null || limit.currency().equals(currency)) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                // A fixed template: the request's text never goes through message interpolation.
                context.buildConstraintViolationWithTemplate("must be the pool's currency")
                        .addPropertyNode(field).addPropertyNode("currency").addConstraintViolation();
                return false;
            }
        }
    }
}
