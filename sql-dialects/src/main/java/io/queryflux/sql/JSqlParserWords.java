package io.queryflux.sql;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * Which words JSQLParser reads as plain names. Its lexer turns hundreds of words into keyword
 * tokens, many through patterns (DATE, DAY, INT...) that no list spells out, so JSQLParser's own
 * token manager is asked, once per distinct word. {@link FastSelectParser} takes a word as a
 * name only when that lexer does, so a keyword with a meaning of its own is never read as a name.
 */
final class JSqlParserWords {
    /** Bounds the memory a stream of distinct identifiers can take; past it words are looked up each time. */
    private static final int MAX_CACHED = 8_192;
    private static final Map<String, Boolean> PLAIN = new ConcurrentHashMap<>();

    private JSqlParserWords() {}

    static boolean isPlainName(String word) {
        String key = word.toLowerCase(Locale.ROOT);
        Boolean cached = PLAIN.get(key);
        if (cached != null) {
            return cached;
        }
        Token token = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(key))).getNextToken();
        boolean plain = token.kind == CCJSqlParserConstants.S_IDENTIFIER && token.image.length() == key.length();
        if (PLAIN.size() < MAX_CACHED) {
            PLAIN.put(key, plain);
        }
        return plain;
    }
}
