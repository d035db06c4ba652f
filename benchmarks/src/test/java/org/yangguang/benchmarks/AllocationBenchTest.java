package org.yangguang.benchmarks;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.Services;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark at a small scale against real PostgreSQL: its summary line, conservation and the ledger it writes. */
class AllocationBenchTest {
    @Test
    void smallRunIsConservedAndReportsTheRatio() throws Exception {
        JdbcTarget pg = Services.freshPostgresDatabase("yg_dist_bench");
        String line = AllocationBench.run("test", 120, 8_351, pg.url(), pg.user(), pg.password());
        assertThat(line).matches("allocation test: 120 villages, 8351 households, \\d+ ledger entries, \\d+\\.\\d s, "
                + "COPY \\d+\\.\\d s, ratio \\d+\\.\\d\\d, conserved");
    }
}
