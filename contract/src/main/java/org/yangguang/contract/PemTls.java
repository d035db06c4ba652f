package org.yangguang.contract;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS to the broker from the PEM files a Mosquitto deployment hands out (CA certificate, client certificate,
 * PKCS#8 key), for both ends of the contract: the gateway and the collector load them the same way. Errors are
 * {@link IllegalArgumentException}s naming the file; callers prefix the option it came from.
 */
public final class PemTls {
    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);
    private PemTls() {
    }

    /** An SSLContext trusting {@code trust} (null: the JVM's default CAs) and presenting {@code keys} (null: none). */
    public static SSLContext context(TrustManager[] trust, KeyManager[] keys) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the CA certificate(s) in {@code caPem}, not the JVM's default CAs. */
    public static TrustManager[] trustManagers(Path caPem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caPem)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(caPem + ": cannot load CA certificates: " + e.getMessage(), e);
        }
    }

    /** Presents the certificate (chain) in {@code certPem} with the PKCS#8 private key in {@code keyPem}. */
    public static KeyManager[] keyManagers(Path certPem, Path keyPem) {
        try {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            char[] none = new char[0];
            keys.setKeyEntry("client", privateKey(keyPem), none, certificates(certPem).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            return kmf.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(certPem + ", " + keyPem + ": cannot load the client certificate: "
                    + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
        if (certs.isEmpty()) {
            // An empty trust store would make every handshake fail later with a far vaguer message.
            throw new IllegalArgumentException(pem + ": no PEM certificate (BEGIN CERTIFICATE) in it");
        }
        return certs;
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        Matcher m = PKCS8.matcher(Files.readString(pem));
        if (!m.find()) {
            // Java reads PKCS#8 only; older openssl and many CA scripts write PKCS#1 ("BEGIN RSA PRIVATE KEY").
            throw new IllegalArgumentException(pem + ": need a PKCS#8 key (BEGIN PRIVATE KEY); convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String alg : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // fall through to the next algorithm
            }
        }
        throw new IllegalArgumentException(pem + ": not an RSA or EC PKCS#8 key");
    }
}
