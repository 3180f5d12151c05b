package dev.sns.infra.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/** Ports on 127.0.0.1: whether something listens (local-infra asks too), and which one a new instance takes. */
public final class Ports {

    static final int FIRST = 20000;
    static final int COUNT = 10000;

    private Ports() {
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The preferred port if it is free, else {@link #free(int, IntPredicate, int)} from a random start. */
    static int free(int preferred, RunDir run) {
        int offset = ThreadLocalRandom.current().nextInt(COUNT);
        return free(preferred, port -> listening(port) || run.portTaken(port), offset);
    }

    /**
     * The preferred port (if above 0 and not taken), else the first free one in 20000-29999 from {@code offset} on:
     * searched from a random start, so that suites of other {@code SNS_HOME}s starting instances at the same moment
     * ({@code ./sns test} beside {@code ./sns chaos}) do not pick the same one. Taken: something listens, or an
     * instance of this suite has it (it may not listen yet).
     */
    static int free(int preferred, IntPredicate taken, int offset) {
        if (preferred > 0 && !taken.test(preferred)) {
            return preferred;
        }
        for (int i = 0; i < COUNT; i++) {
            int port = FIRST + (offset + i) % COUNT;
            if (!taken.test(port)) {
                return port;
            }
        }
        throw new SuiteException("no free port");
    }
}
