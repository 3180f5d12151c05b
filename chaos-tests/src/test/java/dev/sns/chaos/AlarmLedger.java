package dev.sns.chaos;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The alarms one post owner must end up with: one per acknowledged like and comment of someone else, counted by
 * {@code type:fromUserId:postId}. Compared with the alarms the owner really has, it tells lost ones from duplicates.
 */
final class AlarmLedger {

    /** What is missing and what is there too often, by key. */
    record Difference(Map<String, Integer> lost, Map<String, Integer> extra) {

        int lostCount() {
            return lost.values().stream().mapToInt(Integer::intValue).sum();
        }

        int extraCount() {
            return extra.values().stream().mapToInt(Integer::intValue).sum();
        }

        boolean none() {
            return lost.isEmpty() && extra.isEmpty();
        }
    }

    private final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();

    void liked(long postId, long byUserId) {
        add("NEW_LIKE_ON_POST", byUserId, postId);
    }

    void commented(long postId, long byUserId) {
        add("NEW_COMMENT_ON_POST", byUserId, postId);
    }

    private void add(String type, long from, long target) {
        expected.computeIfAbsent(type + ":" + from + ":" + target, k -> new AtomicInteger()).incrementAndGet();
    }

    int size() {
        return expected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Difference compare(Collection<JsonNode> alarms) {
        Map<String, Integer> actual = new HashMap<>();
        for (JsonNode alarm : alarms) {
            String key = alarm.get("alarmType").asString() + ":" + alarm.get("alarmArgs").get("fromUserId").asLong() + ":"
                    + alarm.get("alarmArgs").get("targetId").asLong();
            actual.merge(key, 1, Integer::sum);
        }
        Map<String, Integer> lost = new HashMap<>();
        Map<String, Integer> extra = new HashMap<>();
        expected.forEach((key, count) -> {
            int missing = count.get() - actual.getOrDefault(key, 0);
            if (missing > 0) {
                lost.put(key, missing);
            }
        });
        actual.forEach((key, count) -> {
            AtomicInteger wanted = expected.get(key);
            int surplus = count - (wanted == null ? 0 : wanted.get());
            if (surplus > 0) {
                extra.put(key, surplus);
            }
        });
        return new Difference(lost, extra);
    }
}
