package org.yangguang.gateway.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Store-and-forward log of readings on local disk. Every reading is appended (and so survives a crash of the
 * gateway) before it is published; the buffer only forgets a reading once the broker has acknowledged it
 * ({@link #ack(long)}). Sequence numbers come from here, so they keep increasing across restarts.
 *
 * <p>Layout: segment files {@code <first seq>.seg} of records
 * {@code [int len][long seq][short topicLen][topic][payload][int crc32]}, plus {@code acked}, the highest
 * sequence number up to which everything was acknowledged. Appends are written straight to the file
 * channel (no user-space buffer), so a {@code kill -9} loses nothing appended; {@link #sync()} forces them to
 * the device every sync interval, so a power cut loses at most that interval. A torn record at the tail (power
 * cut mid-write) is detected by length and CRC and cut off at start-up.
 *
 * <p>When the quota is exceeded the oldest segment is deleted even if unacknowledged: on a days-long outage
 * the newest data is worth more than the oldest. Dropped readings are counted ({@link #dropped()}).
 */
public final class DiskBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
    private static final int HEADER = 4 + 8 + 2;
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    /** first seq of a segment → its state; the last entry is the segment appended to. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** Acked sequence numbers above {@link #ackedUpTo} (acks can arrive out of order with several in flight). */
    private final NavigableSet<Long> ackedAbove = new ConcurrentSkipListSet<>();
    private FileChannel active;
    private long nextSeq;
    private volatile long ackedUpTo;
    private volatile long persistedAck = -1;
    private long dropped;
    private long totalBytes;
    private final ReadCursor cursor = new ReadCursor();
    /** Segments rolled over since the last sync: forced and closed by it. */
    private final List<FileChannel> toForce = new ArrayList<>();
    private final Object syncLock = new Object();
    /** The next append opens a new segment instead of reopening the tail one (after a failure or a lost file). */
    private boolean startNewSegment;
    /** Where appendAll lays out its records before the one write; kept between writes up to SCRATCH_MAX. */
    private byte[] scratch = new byte[64 * 1024];
    private static final int SCRATCH_MAX = 1024 * 1024;
    /** Appends since the last sync forced the active segment. */
    private boolean unforced;

    private static final class Segment {
        final Path file;
        final long firstSeq;
        long lastSeq;
        long bytes;
        long records;

        Segment(Path file, long firstSeq) {
            this.file = file;
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
        }
    }

    /** Where the last {@link #readAfter} stopped, so replay does not rescan a segment per batch. */
    private static final class ReadCursor {
        long afterSeq = -1;
        long segmentFirst = -1;
        long position;
    }

    private DiskBuffer(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    public static DiskBuffer open(Path dir, long maxBytes, long segmentBytes) {
        DiskBuffer b = new DiskBuffer(dir, maxBytes, segmentBytes);
        try {
            Files.createDirectories(dir);
            b.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open buffer in " + dir, e);
        }
        return b;
    }

    private void recover() throws IOException {
        Path ackFile = dir.resolve("acked");
        ackedUpTo = Files.exists(ackFile) ? Long.parseLong(Files.readString(ackFile).trim()) : 0;
        persistedAck = ackedUpTo;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        long maxSeq = ackedUpTo;
        for (Path f : files) {
            String name = f.getFileName().toString();
            Segment seg = new Segment(f, Long.parseLong(name.substring(0, name.length() - 4)));
            long valid = scan(seg);
            long size = Files.size(f);
            if (valid < size) {
                LOG.warn("buffer segment {}: cut {} bytes of a torn record at the tail (power cut while writing)",
                        f, size - valid);
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(valid);
                }
            }
            seg.bytes = valid;
            if (seg.records == 0) {
                Files.delete(f);
                continue;
            }
            segments.put(seg.firstSeq, seg);
            totalBytes += seg.bytes;
            maxSeq = Math.max(maxSeq, seg.lastSeq);
        }
        nextSeq = maxSeq + 1;
        deleteAcknowledgedSegments();
        LOG.info("buffer {}: {} readings waiting, next seq {}", dir, pending(), nextSeq);
    }

    /** Counts the valid records of a segment; returns the byte length of its valid prefix. */
    private long scan(Segment seg) throws IOException {
        long pos = 0;
        try (FileChannel ch = FileChannel.open(seg.file, StandardOpenOption.READ)) {
            while (true) {
                BufferedRecord r = readAt(ch, pos);
                if (r == null) {
                    return pos;
                }
                seg.records++;
                seg.lastSeq = r.seq();
                pos += recordLength(ch, pos);
            }
        }
    }

    /** A reading to append: its topic, and its payload for the sequence number the buffer assigns. */
    public record Entry(String topic, LongFunction<byte[]> payloadFor) {
    }

    /**
     * Appends one reading; {@code payloadFor} builds the payload for the sequence number assigned here.
     * Returns the stored record.
     */
    public BufferedRecord append(String topic, LongFunction<byte[]> payloadFor) {
        BufferedRecord r = appendAll(List.of(new Entry(topic, payloadFor)))[0];
        if (r == null) {
            throw new IllegalArgumentException("no payload for " + topic);
        }
        return r;
    }

    /**
     * Appends readings in one write: the store thread hands over what polled since its last turn, and one system
     * call per turn instead of one per reading is what keeps a station's many readings cheap. Sequence numbers
     * are assigned in order; an entry whose {@code payloadFor} returns null is skipped (no number, null in the
     * result at its index). A failed write stores none of them and throws; the buffer is as it was.
     */
    public synchronized BufferedRecord[] appendAll(List<Entry> entries) {
        BufferedRecord[] out = new BufferedRecord[entries.size()];
        byte[][] topics = new byte[entries.size()][];
        long seq = nextSeq;
        int len = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] payload = e.payloadFor().apply(seq);
            if (payload == null) {
                continue;
            }
            topics[i] = e.topic().getBytes(StandardCharsets.UTF_8);
            out[i] = new BufferedRecord(seq++, e.topic(), payload);
            len += HEADER + topics[i].length + payload.length + 4;
        }
        if (seq == nextSeq) {
            return out;
        }
        if (scratch.length < len && len <= SCRATCH_MAX) {
            scratch = new byte[Math.min(SCRATCH_MAX, Math.max(len, scratch.length * 2))];
        }
        // one array for every write (a fresh one per write was a tenth of the store thread's time)
        ByteBuffer bb = ByteBuffer.wrap(len <= scratch.length ? scratch : new byte[len], 0, len);
        CRC32 crc = new CRC32();
        for (int i = 0; i < out.length; i++) {
            BufferedRecord r = out[i];
            if (r == null) {
                continue;
            }
            int start = bb.position();
            int recLen = HEADER + topics[i].length + r.payload().length + 4;
            bb.putInt(recLen).putLong(r.seq()).putShort((short) topics[i].length).put(topics[i]).put(r.payload());
            crc.reset();
            crc.update(bb.array(), start + 4, recLen - 8);
            bb.putInt((int) crc.getValue());
        }
        bb.flip();
        try {
            Segment seg = segments.isEmpty() ? null : segments.lastEntry().getValue();
            if (seg == null || active == null || seg.bytes + len > segmentBytes && seg.records > 0) {
                seg = rollTo(nextSeq);
            }
            try {
                while (bb.hasRemaining()) {
                    active.write(bb);
                }
            } catch (IOException e) {
                abandonActive(seg); // half-written records must not sit in front of the next ones
                throw e;
            }
            seg.bytes += len;
            seg.records += seq - nextSeq;
            seg.lastSeq = seq - 1;
            totalBytes += len;
            nextSeq = seq;
            unforced = true;
            enforceQuota();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to buffer in " + dir, e);
        }
        return out;
    }

    /** Opens the segment to append to; on failure (directory gone, disk full) nothing here has changed. */
    private Segment rollTo(long firstSeq) throws IOException {
        Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
        boolean reopen = !startNewSegment && last != null && active == null && last.bytes < segmentBytes;
        Path file = reopen ? last.file : dir.resolve(String.format("%020d.seg", firstSeq));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (active != null) {
            // Forced and closed by the next sync(), outside the lock: an fsync on an SD card takes tens of ms
            // and must not stall polling.
            toForce.add(active);
        }
        active = ch;
        startNewSegment = false;
        if (reopen) {
            return last; // the tail segment after a restart
        }
        Segment seg = new Segment(file, firstSeq);
        segments.put(firstSeq, seg);
        return seg;
    }

    /**
     * Stops appending to the active segment after a failed write: cuts it back to its last whole record (if the
     * storage still lets us) and makes the next append start a new segment.
     */
    private void abandonActive(Segment seg) {
        try {
            active.truncate(seg.bytes);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot cut buffer segment {} back to {} bytes", seg.file, seg.bytes, e);
        }
        toForce.add(active);
        active = null;
        startNewSegment = true;
    }

    /**
     * Segments whose file is gone (the storage was unmounted or wiped under us): their unsent readings are lost,
     * so they are counted as dropped and no longer waited for, and appending starts a new segment. Run when a sync
     * finds the newest segment gone (a vanished directory is noticed within a sync interval even between rolls)
     * or a replay finds one it needs gone.
     */
    private void forgetVanishedSegments() {
        for (Segment seg : new ArrayList<>(segments.values())) {
            if (Files.exists(seg.file)) {
                continue;
            }
            boolean appendingToIt = active != null && segments.lastEntry().getValue() == seg;
            segments.remove(seg.firstSeq);
            long unacked = seg.lastSeq <= ackedUpTo ? 0 : seg.lastSeq - Math.max(ackedUpTo, seg.firstSeq - 1)
                    - ackedAbove.subSet(seg.firstSeq, true, seg.lastSeq, true).size();
            ackedAbove.subSet(seg.firstSeq, true, seg.lastSeq, true).clear();
            dropped += unacked;
            totalBytes -= seg.bytes;
            if (appendingToIt) {
                toForce.add(active);
                active = null;
                startNewSegment = true;
            }
            LOG.error("buffer segment {} is gone (storage unmounted or wiped?): {} unsent readings (seq {}..{}) lost, "
                    + "{} dropped in total", seg.file, unacked, seg.firstSeq, seg.lastSeq, dropped);
        }
        advance();
    }

    private void enforceQuota() throws IOException {
        while (totalBytes > maxBytes && segments.size() > 1) {
            Segment oldest = segments.pollFirstEntry().getValue();
            long lost = 0;
            if (oldest.lastSeq > ackedUpTo) {
                lost = oldest.lastSeq - Math.max(ackedUpTo, oldest.firstSeq - 1)
                        - ackedAbove.subSet(oldest.firstSeq, true, oldest.lastSeq, true).size();
                ackedAbove.headSet(oldest.lastSeq, true).clear();
                ackedUpTo = oldest.lastSeq;
                advance();
            }
            dropped += lost;
            totalBytes -= oldest.bytes;
            Files.deleteIfExists(oldest.file);
            LOG.warn("buffer over quota ({} bytes): dropped {} oldest unsent readings (seq {}..{}), {} dropped in total",
                    maxBytes, lost, oldest.firstSeq, oldest.lastSeq, dropped);
        }
    }

    /**
     * Up to {@code max} stored records with seq &gt; {@code afterSeq} and &lt; {@code beforeSeq}, oldest first,
     * skipping those already acknowledged.
     */
    public synchronized List<BufferedRecord> readAfter(long afterSeq, long beforeSeq, int max) {
        List<BufferedRecord> out = new ArrayList<>();
        long from = Math.max(afterSeq, ackedUpTo);
        try {
            Map.Entry<Long, Segment> e = segments.floorEntry(from + 1);
            if (e == null) {
                e = segments.ceilingEntry(from + 1);
            }
            long pos = 0;
            if (e != null && cursor.afterSeq == from && cursor.segmentFirst == e.getKey()) {
                pos = cursor.position;
            }
            while (e != null && out.size() < max) {
                Segment seg = e.getValue();
                boolean done = false;
                FileChannel opened;
                try {
                    opened = FileChannel.open(seg.file, StandardOpenOption.READ);
                } catch (java.nio.file.NoSuchFileException gone) {
                    forgetVanishedSegments(); // counted as dropped; the next read goes on past them
                    return out;
                }
                try (FileChannel ch = opened) {
                    while (out.size() < max) {
                        BufferedRecord r = readAt(ch, pos);
                        if (r == null) {
                            break;
                        }
                        if (r.seq() >= beforeSeq) {
                            done = true;
                            break;
                        }
                        pos += recordLength(ch, pos);
                        cursor.afterSeq = r.seq();
                        cursor.segmentFirst = seg.firstSeq;
                        cursor.position = pos;
                        if (r.seq() > from && !ackedAbove.contains(r.seq())) {
                            out.add(r);
                        }
                    }
                }
                if (done || out.size() >= max) {
                    break;
                }
                e = segments.higherEntry(e.getKey());
                pos = 0;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read buffer in " + dir, ex);
        }
        return out;
    }

    private static int recordLength(FileChannel ch, long pos) throws IOException {
        ByteBuffer lenBuf = ByteBuffer.allocate(4);
        ch.read(lenBuf, pos);
        return lenBuf.flip().getInt();
    }

    /** The record at {@code pos}, or null at the end or at a torn/corrupt record. */
    private static BufferedRecord readAt(FileChannel ch, long pos) throws IOException {
        ByteBuffer lenBuf = ByteBuffer.allocate(4);
        if (ch.read(lenBuf, pos) < 4) {
            return null;
        }
        int len = lenBuf.flip().getInt();
        if (len < HEADER + 4 || len > MAX_RECORD || pos + len > ch.size()) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.allocate(len);
        while (bb.hasRemaining()) {
            if (ch.read(bb, pos + bb.position()) < 0) {
                return null;
            }
        }
        byte[] a = bb.array();
        CRC32 crc = new CRC32();
        crc.update(a, 4, len - 8);
        bb.position(len - 4);
        if (bb.getInt() != (int) crc.getValue()) {
            return null;
        }
        bb.position(4);
        long seq = bb.getLong();
        int tlen = bb.getShort() & 0xFFFF;
        String topic = new String(a, HEADER, tlen, StandardCharsets.UTF_8);
        byte[] payload = new byte[len - HEADER - tlen - 4];
        System.arraycopy(a, HEADER + tlen, payload, 0, payload.length);
        return new BufferedRecord(seq, topic, payload);
    }

    /** The broker acknowledged {@code seq}; the buffer advances over every contiguous acknowledged reading. */
    public synchronized void ack(long seq) {
        if (seq <= ackedUpTo) {
            return;
        }
        ackedAbove.add(seq);
        advance();
        try {
            deleteAcknowledgedSegments();
        } catch (IOException e) {
            LOG.warn("cannot delete acknowledged buffer segment in {}", dir, e);
        }
    }

    private void advance() {
        while (!ackedAbove.isEmpty() && ackedAbove.first() <= ackedUpTo + 1) {
            long s = ackedAbove.pollFirst();
            ackedUpTo = Math.max(ackedUpTo, s);
        }
        // Sequence numbers with no record (lost to the quota) are not waited for.
        while (ackedUpTo + 1 < nextSeq && !ackedAbove.isEmpty() && !exists(ackedUpTo + 1)) {
            ackedUpTo++;
            while (!ackedAbove.isEmpty() && ackedAbove.first() <= ackedUpTo + 1) {
                ackedUpTo = Math.max(ackedUpTo, ackedAbove.pollFirst());
            }
        }
    }

    private boolean exists(long seq) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        return e != null && seq <= e.getValue().lastSeq;
    }

    private void deleteAcknowledgedSegments() throws IOException {
        while (segments.size() > 1 && segments.firstEntry().getValue().lastSeq <= ackedUpTo) {
            Segment s = segments.pollFirstEntry().getValue();
            totalBytes -= s.bytes;
            Files.deleteIfExists(s.file);
        }
        if (segments.size() == 1 && active == null && segments.firstEntry().getValue().lastSeq <= ackedUpTo) {
            Segment s = segments.pollFirstEntry().getValue();
            totalBytes -= s.bytes;
            Files.deleteIfExists(s.file);
        }
    }

    /**
     * Forces appended records to the device and persists the acknowledged position. The slow part (fsync)
     * runs outside the buffer's lock, so appends continue meanwhile; concurrent syncs are serialized.
     */
    public void sync() {
        synchronized (syncLock) {
            List<FileChannel> rolled;
            FileChannel current;
            long acked;
            synchronized (this) {
                // one stat a sync: a wiped directory takes the newest segment with it; an older file that
                // vanished alone is found when replay reaches it (readAfter)
                if (!segments.isEmpty() && !Files.exists(segments.lastEntry().getValue().file)) {
                    forgetVanishedSegments();
                }
                rolled = new ArrayList<>(toForce);
                toForce.clear();
                // nothing appended since the last sync: no fsync (an idle gateway's SD card is left alone)
                current = unforced ? active : null;
                unforced = false;
                acked = ackedUpTo;
            }
            try {
                for (FileChannel ch : rolled) {
                    closeForced(ch);
                }
                if (current != null && current.isOpen()) {
                    current.force(false);
                }
                if (persistedAck != acked) {
                    Path tmp = dir.resolve("acked.tmp");
                    Files.writeString(tmp, Long.toString(acked));
                    try {
                        Files.move(tmp, dir.resolve("acked"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, dir.resolve("acked"), StandardCopyOption.REPLACE_EXISTING);
                    }
                    persistedAck = acked;
                }
            } catch (java.nio.channels.ClosedChannelException e) {
                LOG.debug("buffer segment closed during sync", e);
            } catch (IOException e) {
                LOG.warn("buffer sync in {} failed", dir, e);
                synchronized (this) {
                    unforced = true; // try again next time
                }
            }
        }
    }

    /** Forces and closes a segment no longer appended to; one that cannot be forced is still closed. */
    private void closeForced(FileChannel ch) {
        try {
            ch.force(false);
        } catch (IOException e) {
            LOG.warn("buffer segment could not be forced to the device: {}", e.toString());
        } finally {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a buffer segment failed", e);
            }
        }
    }

    /** Readings appended and not yet acknowledged. */
    public synchronized long pending() {
        long n = 0;
        for (Segment s : segments.values()) {
            if (s.lastSeq > ackedUpTo) {
                n += s.lastSeq - Math.max(ackedUpTo, s.firstSeq - 1);
            }
        }
        return n - ackedAbove.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long nextSeq() {
        return nextSeq;
    }

    public long ackedUpTo() {
        return ackedUpTo;
    }

    public synchronized long bytes() {
        return totalBytes;
    }

    @Override
    public void close() {
        sync();
        synchronized (this) {
            closeActive();
        }
    }

    private void closeActive() {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } catch (IOException e) {
            LOG.warn("closing buffer in {} failed", dir, e);
        }
    }
}
