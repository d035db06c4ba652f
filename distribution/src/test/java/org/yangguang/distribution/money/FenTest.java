package org.yangguang.distribution.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FenTest {
    @Test
    void yuanConversionIsExact() {
        assertThat(Fen.ofYuan("31618900.00")).isEqualTo(Fen.of(3_161_890_000L));
        assertThat(Fen.ofYuan("0.01").toYuan()).isEqualByComparingTo("0.01");
        assertThatThrownBy(() -> Fen.ofYuan("1.234")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundHalfUpRoundsHalvesAwayFromZero() {
        assertThat(Fen.roundHalfUp(new BigDecimal("8.5"))).isEqualTo(Fen.of(9));
        assertThat(Fen.roundHalfUp(new BigDecimal("8.4999999"))).isEqualTo(Fen.of(8));
        assertThat(Fen.roundHalfUp(new BigDecimal("-8.5"))).isEqualTo(Fen.of(-9));
    }

    @Test
    void arithmeticRefusesToOverflow() {
        assertThat(Fen.of(5).plus(Fen.of(7)).minus(Fen.of(2)).times(3)).isEqualTo(Fen.of(30));
        assertThatThrownBy(() -> Fen.of(Long.MAX_VALUE).plus(Fen.of(1))).isInstanceOf(ArithmeticException.class);
        assertThat(Fen.of(123456).toString()).isEqualTo("1234.56 yuan");
    }
}
