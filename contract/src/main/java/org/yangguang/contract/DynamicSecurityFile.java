package org.yangguang.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration file of Mosquitto's dynamic-security plugin ({@code plugin_opt_config_file}), written before the
 * broker starts: clients with their password hashes, each bound to its client id where one is given, roles from
 * {@link BrokerAccess}, and every default access denied, so that a client may do only what a role names.
 *
 * <p>Passwords are hashed as the plugin does (PBKDF2-HMAC-SHA512, 12 random salt bytes, 101 iterations, 64-byte hash;
 * {@code mosquitto_ctrl dynsec init} writes the same), so no clear password is written and none stands on a command
 * line. The plugin rewrites this file itself when it is changed over {@code $CONTROL} ({@code mosquitto_ctrl}).
 */
public final class DynamicSecurityFile {
    private static final int SALT_BYTES = 12;
    private static final int ITERATIONS = 101;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param clientId the only client id this user may connect with (null: any); binding it is what stops another
     *                 login from taking over a gateway's session by connecting with its client id
     */
    public record Client(String username, String clientId, String password, List<String> roles) {
        public Client {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            roles = List.copyOf(roles);
        }
    }

    private final Map<String, BrokerAccess.Role> roles = new LinkedHashMap<>();
    private final List<Client> clients = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /** Adds a role (a role of the same name is replaced). */
    public DynamicSecurityFile role(BrokerAccess.Role role) {
        roles.put(role.name(), role);
        return this;
    }

    public DynamicSecurityFile client(Client client) {
        for (String r : client.roles()) {
            if (!roles.containsKey(r)) {
                throw new IllegalArgumentException("client " + client.username() + " names role " + r + ", which was not added");
            }
        }
        clients.removeIf(c -> c.username().equals(client.username()));
        clients.add(client);
        return this;
    }

    /** A gateway's login, bound to its client id, with its own role. */
    public DynamicSecurityFile gateway(String username, String station, String gateway, String clientId, String password) {
        BrokerAccess.Role role = BrokerAccess.gateway(station, gateway);
        role(role);
        return client(new Client(username, clientId, password, List.of(role.name())));
    }

    public byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode cs = root.putArray("clients");
        for (Client c : clients) {
            ObjectNode n = cs.addObject();
            n.put("username", c.username());
            if (c.clientId() != null) {
                n.put("clientid", c.clientId());
            }
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            n.put("password", Base64.getEncoder().encodeToString(hash(c.password(), salt)));
            n.put("salt", Base64.getEncoder().encodeToString(salt));
            n.put("iterations", ITERATIONS);
            ArrayNode rs = n.putArray("roles");
            c.roles().forEach(r -> rs.addObject().put("rolename", r));
        }
        root.putArray("groups");
        ArrayNode rs = root.putArray("roles");
        for (BrokerAccess.Role r : roles.values()) {
            ObjectNode n = rs.addObject();
            n.put("rolename", r.name());
            ArrayNode acls = n.putArray("acls");
            for (BrokerAccess.Acl a : r.acls()) {
                acls.addObject().put("acltype", a.type().wire()).put("topic", a.topic()).put("priority", 0).put("allow", a.allow());
            }
        }
        root.putObject("defaultACLAccess")
                .put("publishClientSend", false)
                .put("publishClientReceive", false)
                .put("subscribe", false)
                .put("unsubscribe", true);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the file readable by its owner only (it holds password hashes), replacing it atomically. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".dynsec", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, toJson());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static byte[] hash(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 64 * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
        }
    }
}
