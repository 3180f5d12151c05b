package dev.sns.bench;

import dev.sns.testsupport.Gateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE capacity: opens {@code bench.connections} alarm streams (default 10,000) at {@code bench.connectRate} (default 500) per
 * second over one NIO selector (a few bytes of state per stream, so the client is not the limit), spread over the
 * bench users, against {@code bench.target} (default the gateway). When all are open (or no progress for 20 s) it
 * forces a full GC in the alarm-service JVM ({@code bench.alarmPid}, with jcmd) and reads its heap, RSS and file
 * descriptors, then likes one post of every subscribed user and counts the streams that receive the alarm.
 * Prints one {@code RESULT} line.
 */
public final class SseCapacityProbe {

    private static final byte[] CONNECTED = "connect completed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALARM = "new like!".getBytes(StandardCharsets.US_ASCII);

    /** Per stream: which markers were seen, the tail of the last read (a marker may span two reads). */
    private static final class Stream {
        final byte[] request;
        boolean connected;
        boolean alarmed;
        boolean closed;
        long alarmedAt; // System.nanoTime() when the alarm was seen
        long lastReadAt;
        long bytes;
        final int index;
        byte[] tail = new byte[0]; // of the body
        byte[] rawTail = new byte[0]; // of the bytes read
        boolean rawAlarmed;
        /** Decoding the response: its head (until the blank line), then the body, de-chunked if it is chunked. */
        private java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        private boolean chunked;
        private int headEnd; // the last four bytes of the head
        private int chunkLeft = -1; // -1: reading a chunk-size line; -2: the CRLF after a chunk's data; -3: the end
        private final StringBuilder sizeLine = new StringBuilder();

        /** The body bytes among {@code raw[from..]}. */
        byte[] body(byte[] raw, int from) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = from; i < raw.length; i++) {
                byte b = raw[i];
                if (head != null) {
                    head.write(b);
                    headEnd = headEnd << 8 | (b & 0xff);
                    if (headEnd == 0x0d0a0d0a) { // CR LF CR LF
                        chunked = head.toString(StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT)
                                .contains("transfer-encoding: chunked");
                        head = null;
                    }
                } else if (!chunked) {
                    out.write(b);
                } else if (chunkLeft > 0) {
                    out.write(b);
                    if (--chunkLeft == 0) {
                        chunkLeft = -2;
                    }
                } else if (chunkLeft == -2) {
                    if (b == '\n') {
                        chunkLeft = -1;
                    }
                } else if (chunkLeft == -1) {
                    if (b == '\n') {
                        String size = sizeLine.toString().trim();
                        int semicolon = size.indexOf(';');
                        int length = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                        sizeLine.setLength(0);
                        chunkLeft = length == 0 ? -3 : length;
                    } else if (b != '\r') {
                        sizeLine.append((char) b);
                    }
                }
            }
            return out.toByteArray();
        }

        Stream(byte[] request, int index) {
            this.request = request;
            this.index = index;
        }
    }

    private final java.util.concurrent.atomic.AtomicLong likeDone = new java.util.concurrent.atomic.AtomicLong();
    private int connected;
    private int alarmed;
    private int rawAlarmed;
    private int failed;
    private int opened;

    public static void main(String[] args) throws Exception {
        new SseCapacityProbe().run();
        System.exit(0);
    }

    private void run() throws Exception {
        String gateway = Fixture.gateway();
        URI target = URI.create(System.getProperty("bench.target", gateway));
        int wanted = Integer.getInteger("bench.connections", 10_000);
        int connectRate = Integer.getInteger("bench.connectRate", 500);
        System.out.printf("[sse] %d streams at %d per second to %s%n", wanted, connectRate, target);
        long alarmPid = Long.getLong("bench.alarmPid", 0L);
        String alarmUrl = System.getProperty("bench.alarmUrl", "");
        List<Fixture.User> users = Fixture.users();
        List<Long> posts = Fixture.createPosts(gateway, users, users.size(), "broadcast"); // post i belongs to user i

        String idle = alarmPid > 0 ? heapAfterGc(alarmPid, alarmUrl) : "";
        double idleHeap = idle.isEmpty() ? Double.NaN : Double.parseDouble(idle.replaceAll("heap_mb=(\\S+).*", "$1"));
        InetSocketAddress address = new InetSocketAddress(target.getHost(), target.getPort());
        List<SocketChannel> channels = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        long start = System.nanoTime();
        long lastProgress = start;
        int lastConnected = 0;
        try (Selector selector = Selector.open()) {
            // phase 1: open the streams at the given rate until all say "connect completed" or progress stops
            while (connected + failed < wanted && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20)) {
                long due = Math.min(wanted, (System.nanoTime() - start) * connectRate / 1_000_000_000L + 1);
                while (opened < due) {
                    Fixture.User user = users.get(opened % users.size());
                    String request = "GET /api/v1/users/alarm/subscribe?token=" + user.token() + " HTTP/1.1\r\nHost: "
                            + target.getHost() + "\r\nAccept: text/event-stream\r\n\r\n";
                    try {
                        SocketChannel channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.connect(address);
                        channel.register(selector, SelectionKey.OP_CONNECT,
                                new Stream(request.getBytes(StandardCharsets.US_ASCII), opened));
                        channels.add(channel);
                    } catch (IOException e) {
                        failed++; // e.g. out of file descriptors on this side
                    }
                    opened++;
                }
                poll(selector, buffer, 10);
                if (connected > lastConnected) {
                    lastConnected = connected;
                    lastProgress = System.nanoTime();
                }
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[sse] %d of %d streams open in %.1f s (%d failed)%n", connected, wanted, connectSeconds,
                    failed);
            for (int i = 0; i < 20; i++) {
                poll(selector, buffer, 100); // let the last connections settle
            }

            // phase 2: heap of alarm-service after a full GC, its RSS and file descriptors, the gateway's fds
            String heap = alarmPid > 0 ? heapAfterGc(alarmPid, alarmUrl) : "heap_mb=NaN rss_mb=NaN fds=NaN";
            double heapMb = Double.parseDouble(heap.replaceAll("heap_mb=(\\S+).*", "$1"));
            double perStreamKb = (heapMb - idleHeap) * 1024 / Math.max(1, connected);
            // how many streams a 512 MB heap holds at that rate, keeping 10 % of it free for the garbage collector
            heap += String.format(" idle_heap_mb=%.0f kb_per_stream=%.1f streams_in_512mb=%.0f", idleHeap, perStreamKb,
                    (512 * 0.9 - idleHeap) * 1024 / perStreamKb);
            long gatewayPid = Long.getLong("bench.gatewayPid", 0L);
            if (gatewayPid > 0) {
                heap += " " + processStats(gatewayPid).replace("rss_mb", "gateway_rss_mb").replace("fds", "gateway_fds");
            }

            // phase 3: the broadcast, one alarm for every subscribed user
            long broadcastStart = System.nanoTime();
            List<Thread> likers = new ArrayList<>();
            int subscribedUsers = Math.min(users.size(), wanted);
            for (int i = 0; i < subscribedUsers; i++) {
                long postId = posts.get(i);
                Fixture.User liker = users.get((i + 1) % users.size());
                likers.add(Thread.ofVirtual().start(() -> {
                    Fixture.ok(Fixture.send(Fixture.post(gateway + "/api/v1/posts/" + postId + "/likes", liker, null)));
                    likeDone.accumulateAndGet(System.nanoTime(), Math::max);
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (alarmed < connected && System.nanoTime() < deadline) {
                poll(selector, buffer, 50);
            }
            double broadcastSeconds = (System.nanoTime() - broadcastStart) / 1e9;
            for (Thread liker : likers) {
                liker.join();
            }
            System.out.printf("[sse] the last like answered after %.2f s%n", (likeDone.get() - broadcastStart) / 1e9);
            long hold = Long.getLong("bench.holdSeconds", 0L); // keep the streams open, e.g. for a heap histogram
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(hold); System.nanoTime() < until; ) {
                poll(selector, buffer, 100);
            }
            if (Boolean.getBoolean("bench.details")) {
                System.out.printf("[sse] received, searched in the bytes on the wire (as before): %d%n", rawAlarmed);
                details(selector, broadcastStart);
            }
            int stillOpen = (int) selector.keys().stream().filter(k -> !((Stream) k.attachment()).closed).count();
            System.out.printf("RESULT target=%s requested=%d connected=%d failed=%d still_open=%d received=%d "
                            + "connect_s=%.1f broadcast_s=%.1f %s%n", target, wanted, connected, failed, stillOpen,
                    alarmed, connectSeconds, broadcastSeconds, heap);
        } finally {
            for (SocketChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void poll(Selector selector, ByteBuffer buffer, long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Stream stream = (Stream) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    channel.write(ByteBuffer.wrap(stream.request)); // ~700 bytes: fits the socket buffer at once
                    key.interestOps(SelectionKey.OP_READ);
                } else if (key.isReadable()) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        close(key, stream);
                        continue;
                    }
                    buffer.flip();
                    stream.lastReadAt = System.nanoTime();
                    stream.bytes += read;
                    byte[] raw = new byte[stream.rawTail.length + buffer.remaining()];
                    System.arraycopy(stream.rawTail, 0, raw, 0, stream.rawTail.length);
                    buffer.get(raw, stream.rawTail.length, raw.length - stream.rawTail.length);
                    if (!stream.rawAlarmed && contains(raw, ALARM)) {
                        stream.rawAlarmed = true; // as the probe counted before it decoded the chunked body
                        rawAlarmed++;
                    }
                    stream.rawTail = java.util.Arrays.copyOfRange(raw, Math.max(0, raw.length - 32), raw.length);
                    // the events are searched in the response body, not in the bytes on the wire: over HTTP/1.1 the
                    // gateway sends the stream chunked, and an event that reached it in two parts (HTTP/2 splits a
                    // DATA frame at the edge of the flow-control window) goes on as two chunks, with the chunk framing
                    // ("\r\n5\r\n") in the middle of its text
                    byte[] body = stream.body(raw, raw.length - read);
                    byte[] bytes = new byte[stream.tail.length + body.length];
                    System.arraycopy(stream.tail, 0, bytes, 0, stream.tail.length);
                    System.arraycopy(body, 0, bytes, stream.tail.length, body.length);
                    if (!stream.connected && contains(bytes, CONNECTED)) {
                        stream.connected = true;
                        connected++;
                    }
                    if (!stream.alarmed && contains(bytes, ALARM)) {
                        stream.alarmed = true;
                        stream.alarmedAt = System.nanoTime();
                        alarmed++;
                    }
                    int keep = Math.min(bytes.length, 32);
                    stream.tail = java.util.Arrays.copyOfRange(bytes, bytes.length - keep, bytes.length);
                }
            } catch (IOException e) {
                close(key, stream);
            }
        }
    }

    /** When the streams received the broadcast (percentiles), and which did not (index, user, local port, last bytes). */
    private static void details(Selector selector, long broadcastStart) throws IOException {
        List<Long> times = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            Stream stream = (Stream) key.attachment();
            if (stream.alarmed) {
                times.add(stream.alarmedAt - broadcastStart);
            } else if (stream.connected) {
                System.out.printf("[sse] missed: stream %d user %d local port %s closed=%s bytes=%d last read at %.1f s tail=%s%n", stream.index,
                        stream.index % 100, ((SocketChannel) key.channel()).isOpen()
                                ? ((SocketChannel) key.channel()).getLocalAddress() : "-", stream.closed, stream.bytes,
                        (stream.lastReadAt - broadcastStart) / 1e9,
                        new String(stream.tail, StandardCharsets.US_ASCII).replace("\n", "\\n").replace("\r", "\\r"));
            }
        }
        times.sort(null);
        if (!times.isEmpty()) {
            System.out.printf("[sse] received after (s): p10 %.2f p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                    at(times, 0.10), at(times, 0.5), at(times, 0.9), at(times, 0.99), at(times, 0.999),
                    times.getLast() / 1e9);
            StringBuilder perSecond = new StringBuilder("[sse] received per second:");
            int second = 0;
            int count = 0;
            for (long t : times) {
                while (t >= (second + 1) * 1_000_000_000L) {
                    perSecond.append(' ').append(second).append(':').append(count);
                    second++;
                    count = 0;
                }
                count++;
            }
            perSecond.append(' ').append(second).append(':').append(count);
            System.out.println(perSecond);
        }
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e9;
    }

    private void close(SelectionKey key, Stream stream) {
        if (!stream.closed) {
            stream.closed = true;
            if (!stream.connected) {
                failed++;
            }
        }
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // gone anyway
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Full GC in the alarm-service JVM (jcmd), then its heap used (Micrometer), RSS and open file descriptors. */
    private static String heapAfterGc(long pid, String alarmUrl) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        double heapBytes = Double.NaN;
        if (!alarmUrl.isEmpty()) {
            String metrics = Gateway.HTTP.send(Fixture.get(alarmUrl + "/actuator/prometheus", null),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher used = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)").matcher(metrics);
            heapBytes = 0;
            while (used.find()) {
                heapBytes += Double.parseDouble(used.group(1));
            }
        }
        return String.format("heap_mb=%.0f %s", heapBytes / 1048576, processStats(pid));
    }

    /** "rss_mb=.. fds=.." of a process. */
    private static String processStats(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        long rssKb = rss.find() ? Long.parseLong(rss.group(1)) : -1;
        long fds;
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = list.count();
        }
        return String.format("rss_mb=%d fds=%d", rssKb / 1024, fds);
    }
}
