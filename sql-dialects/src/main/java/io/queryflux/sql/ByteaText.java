package io.queryflux.sql;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * PostgreSQL's bytea input text ({@code '\x0102ff'}, or the escape format {@code 'a\001\\'}) as
 * the bytes it means, in hexadecimal. Other engines read such text by rules of their own (DuckDB
 * takes {@code \x01} as one escaped byte and the rest as characters), so a cast of it to bytea is
 * printed from the bytes instead.
 */
final class ByteaText {
    private ByteaText() {}

    /** @throws Untranslatable for text PostgreSQL itself rejects */
    static String hex(String text) {
        if (text.startsWith("\\x")) {
            String digits = text.substring(2).replaceAll("\\s", "");
            if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw invalid(text);
            }
            return digits.toLowerCase(java.util.Locale.ROOT);
        }
        StringBuilder hex = new StringBuilder();
        HexFormat format = HexFormat.of();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = i + Character.charCount(text.codePointAt(i));
                hex.append(format.formatHex(text.substring(i, end).getBytes(StandardCharsets.UTF_8)));
                i = end;
            } else if (text.startsWith("\\\\", i)) {
                hex.append(format.toHexDigits((byte) '\\'));
                i += 2;
            } else if (isOctalByte(text, i + 1)) {
                hex.append(format.toHexDigits((byte) Integer.parseInt(text.substring(i + 1, i + 4), 8)));
                i += 4;
            } else {
                throw invalid(text);
            }
        }
        return hex.toString();
    }

    /**
     * Whether another engine may read the text otherwise: it has a backslash, or a character
     * beyond ASCII (DuckDB refuses those); plain ASCII means its own bytes everywhere.
     */
    static boolean readsDifferently(String text) {
        return text.chars().anyMatch(c -> c == '\\' || c > 0x7f);
    }

    private static boolean isOctalByte(String text, int at) {
        return at + 3 <= text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '3'
                && text.charAt(at + 1) >= '0' && text.charAt(at + 1) <= '7'
                && text.charAt(at + 2) >= '0' && text.charAt(at + 2) <= '7';
    }

    private static Untranslatable invalid(String text) {
        return new Untranslatable("bytea literal", "invalid input syntax for type bytea: " + text);
    }
}
