package dev.sns.bench.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * The report's arithmetic on figures that may be missing (a step that failed or did not run): an expression over a
 * missing figure, or a division by zero, renders as {@code ?}, and a target over one is not met, never a number made
 * up. Rounding is C's printf rounding (half-even on the double's exact value), as the bash report's awk printed.
 */
final class Calc {

    /** A figure that is not there (or not a number), or a division by zero: the expression has no value. */
    static final class NoValue extends RuntimeException {
        NoValue(String message) {
            super(message, null, false, false);
        }
    }

    private Calc() {
    }

    /** A figure as a number. */
    static double num(String figure) {
        try {
            return Double.parseDouble(figure.strip());
        } catch (NumberFormatException e) {
            throw new NoValue("not a number: '" + figure + "'");
        }
    }

    static double div(double dividend, double divisor) {
        if (divisor == 0) {
            throw new NoValue("division by zero");
        }
        return dividend / divisor;
    }

    /** {@code %.<decimals>f}, or {@code ?}. */
    static String fixed(int decimals, DoubleSupplier value) {
        try {
            return fixed(decimals, value.getAsDouble());
        } catch (NoValue e) {
            return "?";
        }
    }

    static String fixed(int decimals, double value) {
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return value < 0 && !text.startsWith("-") ? "-" + text : text; // C prints -0.00 for a small negative value
    }

    /** {@code %+.0f}: a rounded difference with its sign, or {@code ?}. */
    static String signedRounded(DoubleSupplier value) {
        try {
            double v = value.getAsDouble();
            String text = fixed(0, v);
            return text.startsWith("-") ? text : "+" + text;
        } catch (NoValue e) {
            return "?";
        }
    }

    /** {@code %+d}: a difference truncated to an integer, with its sign, or {@code ?}. */
    static String signedInteger(DoubleSupplier value) {
        try {
            long v = (long) value.getAsDouble();
            return v < 0 ? String.valueOf(v) : "+" + v;
        } catch (NoValue e) {
            return "?";
        }
    }

    /** A number as awk's {@code print} shows it (an integer as such, else 6 significant digits), or {@code ?}. */
    static String plain(DoubleSupplier value) {
        try {
            double v = value.getAsDouble();
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.valueOf((long) v);
            }
            return new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
        } catch (NoValue e) {
            return "?";
        }
    }

    /** "met", or "**not met**" when the target is missed or a figure it needs is missing. */
    static String met(BooleanSupplier target) {
        try {
            return target.getAsBoolean() ? "met" : "**not met**";
        } catch (NoValue e) {
            return "**not met**";
        }
    }
}
