package org.yangguang.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.yangguang.contract.Nameplate;
import org.yangguang.gateway.registry.RegistryClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gateway scan ... --register URL --station CODE --credentials FILE [--gateway ID]}: what the scan found goes
 * to distribution's registry as PENDING devices (nameplate, unit id, kind, how to read it, the link), for an operator
 * to confirm; the answer says, per unit, which device it is there and whether it was new.
 */
record Registration(RegistryClient client, String station, String gateway) {

    static Registration from(Args a) {
        String url = a.get("register", null);
        String station = a.get("station", null);
        String credentials = a.get("credentials", null);
        String gateway = a.get("gateway", null);
        if (url == null) {
            if (station != null || credentials != null || gateway != null) {
                throw new IllegalArgumentException("--station, --credentials and --gateway go with --register URL");
            }
            return null;
        }
        if (station == null || credentials == null) {
            throw new IllegalArgumentException("--register needs --station CODE (the station in the registry) and "
                    + "--credentials FILE (first line user:secret of an INSTALLER or operator account)");
        }
        return new Registration(RegistryClient.of(url, Path.of(credentials)), station, gateway);
    }

    void send(LinkArgs where, List<ScanCommand.Found> found, PrintStream out) throws IOException, InterruptedException {
        Map<String, Object> link = new LinkedHashMap<>();
        if (where.rtu() != null) {
            link.put("serialPort", where.rtu().port());
            link.put("baud", where.rtu().baud());
            link.put("parity", where.rtu().parity());
            link.put("stopBits", where.rtu().stopBits());
        } else {
            link.put("host", where.tcp().host());
            link.put("port", where.tcp().port());
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (ScanCommand.Found f : found) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("unit", f.unit());
            u.put("kind", f.kind());
            u.put("registerMap", f.map());
            Nameplate np = f.nameplate() == null ? Nameplate.empty() : f.nameplate();
            u.put("make", np.get(Nameplate.MANUFACTURER));
            u.put("model", np.get(Nameplate.MODEL));
            u.put("serial", np.get(Nameplate.SERIAL));
            u.put("firmware", np.get(Nameplate.VERSION));
            units.add(u);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("gateway", gateway);
        report.put("link", link);
        report.put("found", units);
        JsonNode answer = client.reportScan(station, report);
        for (JsonNode o : answer) {
            out.println("registered unit " + o.path("unit").asInt() + " as " + station + "/" + o.path("device").asText()
                    + ": " + o.path("outcome").asText() + " (" + o.path("state").asText() + ")"
                    + (o.path("serialDiffers").asBoolean() ? " — its serial differs from the registry's: a swapped unit?" : ""));
        }
    }
}
