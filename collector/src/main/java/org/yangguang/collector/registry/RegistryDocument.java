package org.yangguang.collector.registry;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * Distribution's registry feed (GET /api/registry, docs/registry-api.md) read into what the collector keeps of it:
 * stations (kWp, position), the gateways serving each, and ACTIVE devices (kind, kWp). A document with a bad entry is
 * refused whole, naming the entry: a half-read registry would silently reject the readings of what it left out.
 */
public record RegistryDocument(String county, List<StationRegistry.Station> stations,
                               List<StationRegistry.Gateway> gateways, List<StationRegistry.Device> devices) {

    public static RegistryDocument parse(String json) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the registry feed is not a JSON object: " + e.getMessage());
        }
        JsonArray stations = root.getJsonArray("stations");
        if (stations == null) {
            throw new IllegalArgumentException("the registry feed has no 'stations' list");
        }
        List<StationRegistry.Station> ss = new ArrayList<>();
        List<StationRegistry.Gateway> gs = new ArrayList<>();
        List<StationRegistry.Device> ds = new ArrayList<>();
        for (int i = 0; i < stations.size(); i++) {
            JsonObject s = stations.getJsonObject(i);
            String where = "stations[" + i + "]";
            String code = id(s.getString("code"), where + ".code");
            ss.add(new StationRegistry.Station(code, number(s, "capacityKwp", 0, where), number(s, "latitude",
                    Double.NaN, where), number(s, "longitude", Double.NaN, where)));
            JsonArray gws = s.getJsonArray("gateways", new JsonArray());
            for (int g = 0; g < gws.size(); g++) {
                JsonObject gw = gws.getJsonObject(g);
                String gid = id(gw.getString("code"), where + ".gateways[" + g + "].code");
                gs.add(new StationRegistry.Gateway(gid, code, gw.getString("brokerUser", gid)));
            }
            JsonArray devs = s.getJsonArray("devices", new JsonArray());
            for (int d = 0; d < devs.size(); d++) {
                JsonObject dev = devs.getJsonObject(d);
                String dw = where + ".devices[" + d + "]";
                if (!"ACTIVE".equals(dev.getString("state", "ACTIVE"))) {
                    continue; // pending devices wait for an operator; the feed should not carry them anyway
                }
                ds.add(new StationRegistry.Device(code, id(dev.getString("code"), dw + ".code"),
                        dev.getString("kind", "inverter"), number(dev, "capacityKwp", 0, dw)));
            }
        }
        return new RegistryDocument(root.getString("county", ""), ss, gs, ds);
    }

    private static String id(String v, String where) {
        if (v == null || !Topics.isId(v)) {
            throw new IllegalArgumentException(where + ": '" + v + "' is not an id (" + Topics.ID.pattern() + ")");
        }
        return v;
    }

    /** JSON numbers, or the decimal strings BigDecimal values may be written as; absent or null: the fallback. */
    private static double number(JsonObject o, String key, double fallback, String where) {
        Object v = o.getValue(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + key + ": '" + v + "' is not a number");
        }
    }
}
