package dev.sns.alarm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Stream bookkeeping alone, no server: a reconnect that races the close of the user's previous stream. */
class StreamsByUserTest {

    @Test
    void aStreamOpenedWhileTheUsersLastStreamClosesStaysReachable() throws Exception {
        StreamsByUser<String> streams = new StreamsByUser<>();
        CyclicBarrier together = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (long user = 0; user < 20_000; user++) {
                long userId = user;
                streams.add(userId, "old");
                Future<?> closing = threads.submit(() -> {
                    together.await();
                    streams.remove(userId, "old");
                    return null;
                });
                Future<?> reconnecting = threads.submit(() -> {
                    together.await();
                    streams.add(userId, "new");
                    return null;
                });
                closing.get();
                reconnecting.get();

                List<String> reached = new ArrayList<>();
                assertThat(streams.forEach(userId, reached::add)).as("streams of user %d", userId).isEqualTo(1);
                assertThat(reached).containsExactly("new");
            }
        }
        assertThat(streams.total()).isEqualTo(20_000);
    }

    @Test
    void closingTheLastStreamForgetsTheUser() {
        StreamsByUser<String> streams = new StreamsByUser<>();
        streams.add(7, "tab");
        streams.add(7, "phone");
        streams.remove(7, "tab");
        assertThat(streams.count(7)).isEqualTo(1);
        streams.remove(7, "phone");
        streams.remove(7, "phone"); // a second close (timeout after completion) is harmless
        assertThat(streams.count(7)).isZero();
        assertThat(streams.all()).isEmpty();
        assertThat(streams.forEach(7, stream -> { throw new AssertionError("no stream is left"); })).isZero();
    }
}
