package org.yangguang.distribution.post;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface WelfarePostRepository extends CrudRepository<WelfarePost, Long> {
    List<WelfarePost> findByHolderMemberId(Long holderMemberId);

    List<WelfarePost> findByVillageIdOrderById(Long villageId);
}
