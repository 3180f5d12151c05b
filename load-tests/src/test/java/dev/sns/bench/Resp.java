package dev.sns.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Redis without a client library: one command in RESP (an array of bulk strings) whose reply is an integer, e.g. an
 * {@code EVAL} of a Lua script that returns a count. The embedded Redis of local-infra ships no redis-cli.
 */
public final class Resp {

    private Resp() {
    }

    /** Sends one command and reads its reply, an integer; an error reply fails. */
    public static long command(OutputStream out, InputStream in, String... parts) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(bytes);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        String line = line(in);
        return switch (line.charAt(0)) {
            case ':' -> Long.parseLong(line.substring(1));
            case '-' -> throw new IllegalStateException("Redis: " + line.substring(1));
            default -> throw new IllegalStateException("unexpected Redis reply " + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
