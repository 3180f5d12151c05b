package dev.sns.timeline.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import org.junit.jupiter.api.Test;

/** The keyset cursor's rules, in milliseconds: no Spring, no Redis (TimelineTest checks the pages it cuts). */
class CursorTest {

    @Test
    void aCursorGivesBackThePostIdItWasMadeOf() {
        for (long before : new long[] {1, 42, 1_000_000_007L, Long.MAX_VALUE}) {
            assertThat(Cursor.decode(Cursor.encode(before))).isEqualTo(before);
        }
    }

    @Test
    void isOpaqueToClients() {
        assertThat(Cursor.encode(42)).startsWith("t1.").doesNotContain("42");
    }

    @Test
    void noCursorIsTheNewestPage() {
        assertThat(Cursor.decode(null)).isEqualTo(Long.MAX_VALUE);
        assertThat(Cursor.decode("")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aCursorThisApiDidNotGiveOutIsAnInvalidRequest() {
        for (String bad : new String[] {"nonsense", "42", "t2." + Cursor.encode(42).substring(3), "t1.", "t1.!!",
                "t1.LTE" /* "-1" */, "t1.MA" /* "0" */, "t1.YWJj" /* "abc" */}) {
            assertThatThrownBy(() -> Cursor.decode(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }
}
