package dev.sns.alarm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Stream bookkeeping alone, no server: reconnects racing the close of a user's previous stream, the admission cap. */
class StreamsByUserTest {

    @Test
    void aStreamOpenedWhileTheUsersLastStreamClosesStaysReachable() throws Exception {
        StreamsByUser<String> streams = new StreamsByUser<>(Integer.MAX_VALUE);
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
        StreamsByUser<String> streams = new StreamsByUser<>(Integer.MAX_VALUE);
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

    @Test
    void aBurstGetsExactlyTheCapAdmittedAndAClosedStreamFreesItsPlace() throws Exception {
        StreamsByUser<Integer> streams = new StreamsByUser<>(100);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1_000; i++) {
                int stream = i;
                answers.add(threads.submit(() -> streams.add(stream % 37, stream)));
            }
        }
        long admitted = answers.stream().filter(answer -> answer.resultNow()).count();
        assertThat(admitted).isEqualTo(100);
        assertThat(streams.total()).isEqualTo(100);
        assertThat(streams.all()).hasSize(100);

        Integer anAdmittedOne = streams.all().getFirst();
        assertThat(streams.add(999, 1_000)).as("full").isFalse();
        streams.remove(anAdmittedOne % 37, anAdmittedOne);
        streams.remove(anAdmittedOne % 37, anAdmittedOne); // closed twice: frees one place, not two
        assertThat(streams.add(999, 1_000)).isTrue();
        assertThat(streams.add(999, 1_001)).isFalse();
    }

    @Test
    void theDefaultCapIsWhatTheHeapHoldsBesideItsReserve() {
        AlarmStreamProperties derived = new AlarmStreamProperties(Duration.ofSeconds(20), Duration.ofMinutes(30), 100,
                "sns:alarms", 0, DataSize.ofKilobytes(100), DataSize.ofMegabytes(100), 0, 2000);
        assertThat(derived.streamCap(DataSize.ofMegabytes(1100).toBytes())).isEqualTo(10_240);
        assertThat(derived.streamCap(DataSize.ofMegabytes(64).toBytes())).as("a tiny heap still admits some").isEqualTo(100);
        AlarmStreamProperties configured = new AlarmStreamProperties(Duration.ofSeconds(20), Duration.ofMinutes(30),
                100, "sns:alarms", 5, DataSize.ofKilobytes(100), DataSize.ofMegabytes(100), 0, 2000);
        assertThat(configured.streamCap(DataSize.ofGigabytes(4).toBytes())).isEqualTo(5);
    }
}
