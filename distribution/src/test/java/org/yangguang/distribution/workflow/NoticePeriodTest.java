package org.yangguang.distribution.workflow;

import org.junit.jupiter.api.Test;
import org.yangguang.distribution.time.BusinessCalendar;
import org.yangguang.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public notice's length: the policy's days by default, a demo's exact length only when set. */
class NoticePeriodTest {
    // 2026-12-06 09:00 in Lin County
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T01:00:00Z"));
    final BusinessCalendar calendar = new BusinessCalendar("Asia/Shanghai", clock);

    static Plan noticed(LocalDate start, LocalDate end) {
        return new Plan(1L, 1L, "2026-12", PlanState.NOTICE, 1L, 0, 0, start, end, "vc", Instant.EPOCH, null, null, 0);
    }

    @Test
    void theDefaultIsThePolicysSevenCalendarDays() {
        NoticePeriod notice = new NoticePeriod(7, "", calendar);
        assertThat(notice.demo()).isFalse();
        Instant published = clock.instant();
        Plan plan = noticed(notice.startDate(published), notice.endDate(published));
        assertThat(plan.noticeEnd()).isEqualTo(LocalDate.of(2026, 12, 13));
        clock.advance(Duration.ofDays(6).plusHours(14));          // 12-12 23:00: still running
        assertThat(notice.running(plan, published)).isTrue();
        clock.advance(Duration.ofHours(1));                       // 12-13 00:00 local: over
        assertThat(notice.running(plan, published)).isFalse();
    }

    @Test
    void aDemoLengthRunsFromTheMomentOfPublication() {
        NoticePeriod notice = new NoticePeriod(7, "PT2M", calendar);
        assertThat(notice.demo()).isTrue();
        assertThat(notice.length()).isEqualTo(Duration.ofMinutes(2));
        Instant published = clock.instant();
        Plan plan = noticed(notice.startDate(published), notice.endDate(published));
        assertThat(plan.noticeEnd()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(notice.endsAt(plan, published)).isEqualTo(published.plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(notice.running(plan, published)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(notice.running(plan, published)).isFalse();
        assertThat(notice.describe()).isEqualTo("2 minutes (demo setting)");
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> new NoticePeriod(7, "2 minutes", calendar))
                .hasMessageContaining("yangguang.workflow.notice-duration").hasMessageContaining("'2 minutes'");
        assertThatThrownBy(() -> new NoticePeriod(7, "PT0S", calendar)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new NoticePeriod(0, "", calendar)).hasMessageContaining("notice-days");
    }
}
