package org.yangguang.collector.storage;

import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link TelemetryStore} over the InfluxDB v1 HTTP API with influxdb-java. influxdb-java reports a failed request
 * only by its error text; an OkHttp interceptor captures the HTTP status and Retry-After so that the batch writer
 * can tell 413 (split) from 400 (dead-letter) from 429/5xx (retry).
 */
public final class InfluxV1Store implements TelemetryStore {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxV1Store.class);

    private final InfluxDB influx;
    private final StorageSchema schema;

    public InfluxV1Store(String url, String username, String password, StorageSchema schema) {
        this.schema = schema;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false)
                .addInterceptor(InfluxV1Store::statusOf);
        this.influx = username == null
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, username, password, http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /** Turns a non-2xx answer into an {@link HttpStatusException} that keeps the status and Retry-After. */
    private static Response statusOf(okhttp3.Interceptor.Chain chain) throws IOException {
        Response r = chain.proceed(chain.request());
        if (r.isSuccessful()) {
            return r;
        }
        String body;
        try (ResponseBody b = r.body()) {
            body = b == null ? "" : b.string();
        }
        throw new HttpStatusException(r.code(), body, r.header("Retry-After"));
    }

    @Override
    public void prepare() throws StoreException {
        query(schema.createDatabase());
        for (String statement : schema.policyStatements(existingRetentionPolicies())) {
            LOG.info("storage: {}", statement);
            query(statement);
        }
    }

    private List<String> existingRetentionPolicies() throws StoreException {
        List<String> names = new ArrayList<>();
        for (Series s : query("SHOW RETENTION POLICIES ON \"" + schema.database() + "\"")) {
            int name = s.column("name");
            for (List<Object> row : s.values()) {
                names.add(String.valueOf(row.get(name)));
            }
        }
        return names;
    }

    @Override
    public void write(List<Sample> samples) throws StoreException {
        write(schema.rawPolicy(), samples);
    }

    @Override
    public void write(String retentionPolicy, List<Sample> samples) throws StoreException {
        if (samples.isEmpty()) {
            return;
        }
        String body = LineProtocol.encode(samples);
        try {
            influx.write(schema.database(), retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, body);
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    @Override
    public List<Series> query(String influxQl) throws StoreException {
        QueryResult result;
        try {
            result = influx.query(new Query(influxQl, schema.database()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw classify(e);
        }
        if (result.getError() != null) {
            throw new StoreException(StoreException.Kind.REJECTED, 200, result.getError() + " in: " + influxQl, null, null);
        }
        List<Series> out = new ArrayList<>();
        if (result.getResults() == null) {
            return out;
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.getError() != null) {
                throw new StoreException(StoreException.Kind.REJECTED, 200, r.getError() + " in: " + influxQl, null, null);
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                List<List<Object>> rows = new ArrayList<>();
                if (s.getValues() != null) {
                    for (List<Object> row : s.getValues()) {
                        List<Object> copy = new ArrayList<>(row);
                        if (!copy.isEmpty() && copy.get(0) instanceof Number n && "time".equals(s.getColumns().get(0))) {
                            copy.set(0, n.longValue());
                        }
                        rows.add(copy);
                    }
                }
                out.add(new Series(s.getName(), s.getTags() == null ? Map.of() : s.getTags(), s.getColumns(), rows));
            }
        }
        return out;
    }

    static StoreException classify(RuntimeException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpStatusException h) {
            int code = h.status();
            StoreException.Kind kind = code == 413 ? StoreException.Kind.TOO_LARGE
                    : code == 429 || code >= 500 ? StoreException.Kind.RETRYABLE
                    : StoreException.Kind.REJECTED;
            return new StoreException(kind, code, "InfluxDB answered " + code + ": " + h.body().trim(), h.retryAfter(), e);
        }
        if (e instanceof InfluxDBException && cause instanceof IOException io) {
            return new StoreException(StoreException.Kind.RETRYABLE, 0, "InfluxDB unreachable: " + io, null, e);
        }
        return new StoreException(StoreException.Kind.RETRYABLE, 0, "InfluxDB call failed: " + e, null, e);
    }

    @Override
    public boolean ping() {
        try {
            return influx.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        influx.close();
    }

    /** A non-2xx HTTP answer, thrown from the interceptor so that influxdb-java wraps it as the cause. */
    static final class HttpStatusException extends IOException {
        private final int status;
        private final String body;
        private final Duration retryAfter;

        HttpStatusException(int status, String body, String retryAfter) {
            super("HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
            this.retryAfter = parseRetryAfter(retryAfter);
        }

        private static Duration parseRetryAfter(String header) {
            if (header == null) {
                return null;
            }
            try {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                return null; // HTTP-date form: rare for InfluxDB; our own back-off applies
            }
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
