package org.sealworkbench.ui;

/**
 * The numbers of a form's text fields, read so that a half-typed value becomes a message naming the field
 * ("k must be a whole number, got 'two'") rather than an exception the form does not expect.
 */
public final class FormNumbers {
    private FormNumbers() {}

    public static int whole(String name, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + (s == null ? "" : s) + "'");
        }
    }

    public static double number(String name, String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + (s == null ? "" : s) + "'");
        }
    }

    /** A form field's whole number, or "what: 'text' is not a whole number" (the windows' forms show it as it is). */
    public static int wholeField(String what, String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a whole number");
        }
    }

    /** A form field's finite number, or "what: 'text' is not a number". */
    public static double numberField(String what, String text) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a number");
        }
    }
}
