package org.yangguang.collector.alarm;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.ingest.MqttIngest;
import org.yangguang.collector.ingest.ResilientWriter;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.contract.Topics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where alarm events go: InfluxDB ({@code alarms}: tags station, device, type; fields state, severity, detail;
 * time = the event's time) and MQTT, retained on {@code yangguang/v1/alarm/{station}/{device}} with the device's
 * currently active alarms, so a dashboard that subscribes late still sees the state.
 */
public final class AlarmSink implements Consumer<Alarm> {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmSink.class);

    private final ResilientWriter writer;
    private final MqttIngest mqtt;
    private AlarmEngine engine;

    public AlarmSink(ResilientWriter writer, MqttIngest mqtt) {
        this.writer = writer;
        this.mqtt = mqtt;
    }

    public void engine(AlarmEngine engine) {
        this.engine = engine;
    }

    public static Sample sample(Alarm a) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("state", a.raised() ? "raised" : "cleared");
        fields.put("severity", a.type().severity());
        fields.put("detail", a.detail());
        // the console translates the code and fills in the parameters (AlarmDetail)
        fields.put("detail_code", a.about().code().wire());
        fields.put("params", new JsonObject(new java.util.LinkedHashMap<>(a.about().params())).encode());
        if (a.raised()) {
            fields.put("since", (double) a.since()); // lost energy is counted from the onset (collector.loss)
        }
        return new Sample(StorageSchema.ALARMS, Map.of("station", a.station(), "device", a.device(), "type", a.type().code()),
                fields, a.ts());
    }

    @Override
    public void accept(Alarm a) {
        LOG.info("alarm {} {} {}/{}: {}", a.raised() ? "RAISED" : "cleared", a.type().code(), a.station(), a.device(), a.detail());
        writer.write(List.of(new ResilientWriter.Entry<>(a, List.of(sample(a)))))
                .onFailure(e -> LOG.warn("alarm not stored: {}", e.getMessage()));
        JsonArray activeNow = new JsonArray();
        if (engine != null) {
            engine.active(a.station(), a.device()).forEach(x -> activeNow.add(new JsonObject()
                    .put("type", x.type().code()).put("severity", x.type().severity()).put("since", x.since()).put("detail", x.detail())
                    .put("detail_code", x.about().code().wire()).put("params", new JsonObject(new java.util.LinkedHashMap<>(x.about().params())))));
        }
        JsonObject msg = new JsonObject().put("schema", 1).put("station", a.station()).put("device", a.device())
                .put("type", a.type().code()).put("state", a.raised() ? "raised" : "cleared").put("severity", a.type().severity())
                .put("ts", a.ts()).put("detail", a.detail()).put("detail_code", a.about().code().wire())
                .put("params", new JsonObject(new java.util.LinkedHashMap<>(a.about().params()))).put("active", activeNow);
        if (a.raised()) {
            msg.put("since", a.since());
        }
        mqtt.publish(Topics.alarm(a.station(), a.device()), msg.encode().getBytes(StandardCharsets.UTF_8), true, Promise.promise(), 0);
    }
}
