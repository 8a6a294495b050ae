package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatetimeFormatTest {
    @Test
    void convertsBetweenPatternLanguages() {
        assertEquals("%Y-%m-%d %H:%M:%S", DatetimeFormat.MYSQL.convertTo(DatetimeFormat.STRFTIME, "%Y-%m-%d %T"));
        assertEquals("YYYY-MM-DD HH24:MI", DatetimeFormat.MYSQL.convertTo(DatetimeFormat.POSTGRES, "%Y-%m-%d %H:%i"));
        assertEquals("%Y-%m-%d %H:%i", DatetimeFormat.JODA.convertTo(DatetimeFormat.MYSQL, "yyyy-MM-dd HH:mm"));
        assertEquals("%A, %B %-d", DatetimeFormat.JODA.convertTo(DatetimeFormat.STRFTIME, "EEEE, MMMM d"));
        assertEquals("yyyy'Q'MM", DatetimeFormat.POSTGRES.convertTo(DatetimeFormat.JODA, "YYYY\"Q\"MM"));
        assertEquals("100%% %Y", DatetimeFormat.MYSQL.convertTo(DatetimeFormat.STRFTIME, "100%% %Y"));
    }

    @Test
    void refusesWhatTheTargetCannotPrint() {
        assertThrows(Untranslatable.class, () -> DatetimeFormat.MYSQL.parse("%U"));
        assertThrows(Untranslatable.class, () -> DatetimeFormat.POSTGRES.parse("Day"));
        assertThrows(Untranslatable.class, () -> DatetimeFormat.JODA.parse("yyyy G"));
    }
}
