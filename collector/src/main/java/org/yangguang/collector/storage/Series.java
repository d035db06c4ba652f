package org.yangguang.collector.storage;

import java.util.List;
import java.util.Map;

/** One series of a query result: name, tags (GROUP BY), column names and rows (time first, epoch ms). */
public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {
    public Series {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        columns = List.copyOf(columns);
        values = values == null ? List.of() : values;
    }

    public int column(String name) {
        return columns.indexOf(name);
    }
}
