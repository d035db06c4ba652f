package org.yangguang.gateway.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.SeqRanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Store-and-forward log of readings on local disk. Every reading is appended (and so survives a crash of the
 * gateway) before it is published; the buffer only forgets a reading once a collector has confirmed it stored or
 * refused ({@link #confirm(long, long)}, from a receipt: docs/mqtt-contract.md), never because the broker took it.
 * Sequence numbers come from here, so they keep increasing across restarts.
 *
 * <p>Layout: segment files {@code <first seq>.seg} of records
 * {@code [int len][long seq][short topicLen][topic][payload][int crc32]}, plus {@code acked}, the highest
 * sequence number up to which everything was confirmed ({@link Confirmations}). Appends are written straight to the file
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
    private Confirmations confirmed;
    private FileChannel active;
    private long nextSeq;
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
        confirmed = Confirmations.load(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        long maxSeq = confirmed.upTo();
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
            long unacked = unconfirmedIn(seg);
            confirmed.forget(seg.firstSeq, seg.lastSeq);
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
            long lost = unconfirmedIn(oldest);
            if (oldest.lastSeq > confirmed.upTo()) {
                confirmed.skipTo(oldest.lastSeq);
                advance();
            }
            dropped += lost;
            totalBytes -= oldest.bytes;
            Files.deleteIfExists(oldest.file);
            LOG.warn("buffer over quota ({} bytes): dropped {} oldest unsent readings (seq {}..{}), {} dropped in total",
                    maxBytes, lost, oldest.firstSeq, oldest.lastSeq, dropped);
        }
    }

    /** Readings of a segment not yet confirmed. */
    private long unconfirmedIn(Segment seg) {
        if (seg.lastSeq <= confirmed.upTo()) {
            return 0;
        }
        return seg.lastSeq - Math.max(confirmed.upTo(), seg.firstSeq - 1) - confirmed.confirmedAbove(seg.firstSeq, seg.lastSeq);
    }

    /**
     * Up to {@code max} stored records with seq &gt; {@code afterSeq} and &lt; {@code beforeSeq}, oldest first,
     * skipping those already confirmed.
     */
    public synchronized List<BufferedRecord> readAfter(long afterSeq, long beforeSeq, int max) {
        List<BufferedRecord> out = new ArrayList<>();
        long from = Math.max(afterSeq, confirmed.upTo());
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
                        if (r.seq() > from && !confirmed.isConfirmed(r.seq())) {
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

    /**
     * A collector confirmed readings {@code first..last} (a receipt named them stored or refused); the buffer advances
     * over every contiguous confirmed reading and deletes the segments it has passed. Numbers the buffer has not
     * handed out yet are ignored: a receipt can only speak of readings written before it. Returns how many readings
     * were confirmed for the first time.
     */
    public synchronized long confirm(long first, long last) {
        long news = confirmed.confirm(first, Math.min(last, nextSeq - 1));
        if (news == 0) {
            return 0;
        }
        advance();
        try {
            deleteAcknowledgedSegments();
        } catch (IOException e) {
            LOG.warn("cannot delete confirmed buffer segment in {}", dir, e);
        }
        return news;
    }

    /** Every range of {@code ranges}, as {@link #confirm(long, long)}; returns how many readings were news. */
    public synchronized long confirm(SeqRanges ranges) {
        long news = 0;
        for (SeqRanges.Range r : ranges) {
            news += confirm(r.first(), r.last());
        }
        return news;
    }

    /** One reading, as {@link #confirm(long, long)}. */
    public void confirm(long seq) {
        confirm(seq, seq);
    }

    /** The stored readings not confirmed yet, oldest first: what a collector has still to account for. */
    public synchronized SeqRanges unconfirmed() {
        SeqRanges out = new SeqRanges();
        for (Segment seg : segments.values()) {
            out.add(Math.max(seg.firstSeq, confirmed.upTo() + 1), seg.lastSeq);
        }
        out.removeAll(confirmed.above());
        return out;
    }

    /** Those of {@code candidates} that are stored and not confirmed. */
    public synchronized SeqRanges unconfirmed(SeqRanges candidates) {
        SeqRanges out = SeqRanges.copyOf(candidates);
        if (!out.isEmpty()) {
            SeqRanges open = unconfirmed();
            for (SeqRanges.Range gap : open.missing(out.first(), out.last())) {
                out.remove(gap.first(), gap.last());
            }
        }
        return out;
    }

    private void advance() {
        // Sequence numbers with no record (lost to the quota) are not waited for.
        confirmed.advance(this::exists, nextSeq);
    }

    private boolean exists(long seq) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        return e != null && seq <= e.getValue().lastSeq;
    }

    private void deleteAcknowledgedSegments() throws IOException {
        long ackedUpTo = confirmed.upTo();
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
                acked = confirmed.upTo();
            }
            try {
                for (FileChannel ch : rolled) {
                    closeForced(ch);
                }
                if (current != null && current.isOpen()) {
                    current.force(false);
                }
                confirmed.persist(acked);
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

    /** Readings appended and not yet confirmed by a collector. */
    public synchronized long pending() {
        long n = 0;
        for (Segment s : segments.values()) {
            n += unconfirmedIn(s);
        }
        return n;
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long nextSeq() {
        return nextSeq;
    }

    /** Everything up to here is confirmed (the persisted low-water mark). */
    public synchronized long confirmedUpTo() {
        return confirmed.upTo();
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
