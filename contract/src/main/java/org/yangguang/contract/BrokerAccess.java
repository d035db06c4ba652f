package org.yangguang.contract;

import java.util.List;

/**
 * Who may do what on the broker, written once from the topic layout ({@link Topics}): the roles of Mosquitto's
 * dynamic-security plugin that the demo broker, the tests' secured broker and the production example
 * (gateway/README.md, "Securing the broker") all use.
 *
 * <p>Why the dynamic-security plugin and not an {@code acl_file}: Mosquitto 2.0's ACL file does not check SUBSCRIBE at
 * all (only each message's delivery), and a shared subscription picks its member before that check, so any
 * authenticated client that joined {@code $share/collectors/...} took its turn and the message went nowhere. The
 * plugin refuses the SUBSCRIBE itself (SUBACK 0x87) unless a role allows that filter: here only collectors may
 * subscribe to telemetry, shared or not.
 */
public final class BrokerAccess {
    /** The plugin's ACL types, as its JSON and {@code mosquitto_ctrl dynsec addRoleACL} spell them. */
    public enum AclType {
        PUBLISH_CLIENT_SEND("publishClientSend"),
        PUBLISH_CLIENT_RECEIVE("publishClientReceive"),
        SUBSCRIBE_LITERAL("subscribeLiteral"),
        SUBSCRIBE_PATTERN("subscribePattern");

        private final String wire;

        AclType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One ACL line of a role: allow or deny {@code type} on {@code topic} (a filter; + and # match as in MQTT). */
    public record Acl(AclType type, String topic, boolean allow) {
        static Acl allow(AclType type, String topic) {
            return new Acl(type, topic, true);
        }
    }

    public record Role(String name, List<Acl> acls) {
        public Role {
            acls = List.copyOf(acls);
        }
    }

    public static final String COLLECTOR_ROLE = "yangguang-collector";
    public static final String VIEWER_ROLE = "yangguang-viewer";

    private BrokerAccess() {
    }

    /**
     * A gateway: its own station's telemetry (v2), its own status (and so its last will, which the broker checks as
     * a publish), its station's devices' nameplates (retained), and its own receipts, which nobody else but the
     * collectors may read.
     */
    public static Role gateway(String station, String gateway) {
        String receipts = Topics.receipt(station, gateway);
        return new Role(gatewayRole(gateway), List.of(
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, Topics.ROOT_V2 + "/telemetry/" + Topics.requireId("station", station) + "/+"),
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, Topics.status(station, gateway)),
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, Topics.ROOT + "/device/" + Topics.requireId("station", station) + "/+"),
                Acl.allow(AclType.SUBSCRIBE_LITERAL, receipts),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, receipts)));
    }

    public static String gatewayRole(String gateway) {
        return "gateway-" + Topics.requireId("gateway", gateway);
    }

    /**
     * Collectors: telemetry through their shared subscriptions (any group) and, unshared, for the alarm feed; gateway
     * status; devices' nameplates (every collector learns every device); every gateway's receipts (to follow each
     * gateway's stored ranges); they publish alarms, dead letters
     * and receipts. The only role that may subscribe to telemetry.
     */
    public static Role collector() {
        String v2 = Topics.ROOT_V2 + "/telemetry/#";
        String v1 = Topics.ROOT + "/telemetry/#";
        String status = Topics.ROOT + "/status/#";
        String receipts = Topics.ROOT_V2 + "/receipt/#";
        String devices = Topics.DEVICE_FILTER;
        return new Role(COLLECTOR_ROLE, List.of(
                Acl.allow(AclType.SUBSCRIBE_PATTERN, "$share/+/" + v2),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, "$share/+/" + v1),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, v2),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, v1),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, status),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, receipts),
                Acl.allow(AclType.SUBSCRIBE_PATTERN, devices),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, v2),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, v1),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, status),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, receipts),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, devices),
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, Topics.ROOT + "/alarm/#"),
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, Topics.DEAD_LETTER_ROOT + "/#"),
                Acl.allow(AclType.PUBLISH_CLIENT_SEND, receipts)));
    }

    /**
     * A read-only operator (mosquitto_sub): status, alarms, dead letters and receipts, and telemetry unshared (a copy,
     * never a turn in the collectors' share). Publishes nothing.
     */
    public static Role viewer() {
        return new Role(VIEWER_ROLE, List.of(
                Acl.allow(AclType.SUBSCRIBE_PATTERN, "yangguang/#"),
                Acl.allow(AclType.PUBLISH_CLIENT_RECEIVE, "yangguang/#")));
    }
}
