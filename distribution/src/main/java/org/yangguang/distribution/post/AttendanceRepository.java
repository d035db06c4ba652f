package org.yangguang.distribution.post;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AttendanceRepository extends CrudRepository<Attendance, Long> {
    Optional<Attendance> findByPostIdAndPeriod(Long postId, String period);
}
