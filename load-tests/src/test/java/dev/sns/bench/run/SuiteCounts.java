package dev.sns.bench.run;

import dev.sns.bench.Resp;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Metrics;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's measurements that are no load: counters of the database (MariaDB's per-user {@code USER_STATISTICS})
 * and of user-service's metrics around a few hundred requests, the follow counts against the follow rows, and the
 * rows that make the fan-out probe's 10,000 followers. Each puts its figures, or {@code failed: <why>}, into
 * {@link Figures}.
 */
final class SuiteCounts {

    /** Requests of each kind whose statements are counted. */
    private static final int REQUESTS = 200;
    private static final Pattern ID = Pattern.compile("\"id\":([0-9]+)");
    private static final Pattern FOLLOWER_COUNT = Pattern.compile("\"followerCount\":([0-9]+)");
    private static final String DROP_AUTHORS = "local n = 0 for _, k in ipairs(redis.call('KEYS', 'sns:author:*'))"
            + " do n = n + redis.call('DEL', k) end return n";

    private final BenchMain.Suite suite;
    private final Figures figures;

    SuiteCounts(BenchMain.Suite suite, Figures figures) {
        this.suite = suite;
        this.figures = figures;
    }

    /**
     * Figure 2: SQL statements and user-service calls per request, from the database's per-user counters and
     * user-service's request metrics before and after {@value #REQUESTS} requests of each kind through the gateway,
     * minus what the services do meanwhile on their own (the outbox relays poll), measured over an idle window first.
     * Each kind's figure: post-service statements / its SELECTs / user-service statements / user-service calls / OKs.
     */
    void queries() throws Exception {
        BenchMain.say("bench: queries: SQL statements and user-service calls per request");
        try (SuiteDatabase db = suite.database()) {
            db.execute("SET GLOBAL userstat=1");
            String token = suite.user(0).get(2);
            String gw = suite.gatewayUrl();
            Matcher firstId = ID.matcher(get(gw + "/api/v1/posts?size=1", token).body());
            String postId = firstId.find() ? firstId.group(1) : "";
            String load = BenchMain.loadNow();
            long[] before = statements(db);
            long t0 = System.nanoTime();
            Thread.sleep(5000);
            long[] after = statements(db);
            double[] idle = new double[3];
            for (int i = 0; i < 3; i++) { // per second, as many decimals as the figure shows
                idle[i] = Double.parseDouble(Calc.fixed(3, (after[i] - before[i]) / seconds(t0)));
            }
            StringBuilder out = new StringBuilder();
            // timeline before create: the fan-out of the new posts (one call to user-service's follow graph each)
            // runs after their requests and would be counted to the next kind
            for (String kind : List.of("feed", "post", "likes", "timeline", "create")) {
                before = statements(db);
                long calls0 = userServiceCalls();
                long started = System.nanoTime();
                int ok = 0;
                for (int n = 1; n <= REQUESTS; n++) {
                    Gateway.Reply reply = switch (kind) {
                        case "feed" -> get(gw + "/api/v1/posts?page=0&size=20&n=" + n, token);
                        case "post" -> get(gw + "/api/v1/posts/" + postId + "?n=" + n, token);
                        case "likes" -> get(gw + "/api/v1/posts/" + postId + "/likes?n=" + n, token);
                        case "timeline" -> get(gw + "/api/v1/timeline?size=20&n=" + n, token); // warm: cached
                        default -> Gateway.call(URI.create(gw + "/api/v1/posts?n=" + n), "POST", token,
                                "{\"title\":\"count me\",\"body\":\"statements per request\"}");
                    };
                    ok += reply.body().contains("\"resultCode\":\"SUCCESS\"") ? 1 : 0;
                }
                double elapsed = seconds(started);
                after = statements(db);
                long calls = userServiceCalls() - calls0;
                out.append(kind).append('=');
                for (int i = 0; i < 3; i++) {
                    out.append(Calc.fixed(2, (after[i] - before[i] - idle[i] * elapsed) / REQUESTS)).append('/');
                }
                out.append(Calc.fixed(2, (double) calls / REQUESTS)).append('/').append(ok).append(' ');
            }
            long dropped = redis(DROP_AUTHORS); // a cold author cache: one feed page after the cached authors are gone
            if (dropped < 0) {
                figures.put("queries", "failed: could not drop the cached authors");
                return;
            }
            long calls0 = userServiceCalls();
            get(gw + "/api/v1/posts?page=0&size=20", token);
            out.append("cold_feed_calls=").append(userServiceCalls() - calls0).append(" idle=")
                    .append(Calc.fixed(3, idle[0])).append('/').append(Calc.fixed(3, idle[1])).append('/').append(Calc.fixed(3, idle[2]));
            figures.put("queries", out.toString());
            figures.put("queries.cmd", REQUESTS + " requests of each kind (java.net.http through the gateway), counters of"
                    + " MariaDB USER_STATISTICS and user-service's /actuator/prometheus before/after");
            figures.put("queries.load", load + " → " + BenchMain.loadNow());
        } catch (SQLException e) {
            figures.put("queries", "failed: the suite's database did not answer (" + e.getMessage() + ")");
        }
    }

    /** post-service's statements, its SELECTs, user-service's statements, so far. */
    private static long[] statements(SuiteDatabase db) throws SQLException {
        return db.numbers("""
                SELECT COALESCE(SUM(IF(USER='post_service', SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, 0)), 0),
                       COALESCE(SUM(IF(USER='post_service', SELECT_COMMANDS, 0)), 0),
                       COALESCE(SUM(IF(USER='user_service', SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, 0)), 0)
                FROM information_schema.USER_STATISTICS""");
    }

    /** Requests user-service served on /internal/users (the author lookup), from its metrics. */
    private long userServiceCalls() {
        return (long) Metrics.sumOf(Metrics.scrape(suite.port("user-service-1")), "http_server_requests_seconds_count",
                labels -> labels.contains("uri=\"/internal/users\""));
    }

    /**
     * Figure 9: after follows and unfollows at saturation, users whose follower or following counter differs from
     * their follow rows, and bench users whose profile (through the gateway) shows another follower count.
     */
    void followCounts() throws Exception {
        BenchMain.say("bench: follow_counts: counters and profiles against the follow rows");
        try (SuiteDatabase db = suite.database()) {
            long countersOff = db.number("""
                    SELECT COUNT(*) FROM sns_user.users u
                    WHERE u.follower_count <> (SELECT COUNT(*) FROM sns_user.follows f WHERE f.followee_id = u.id)
                       OR u.following_count <> (SELECT COUNT(*) FROM sns_user.follows f WHERE f.follower_id = u.id)""");
            String token = suite.user(0).get(2);
            int checked = 0, off = 0;
            for (List<String> user : suite.users()) {
                Matcher count = FOLLOWER_COUNT.matcher(get(suite.gatewayUrl() + "/api/v1/profiles/" + user.get(1), token).body());
                long rows = db.number("SELECT COUNT(*) FROM sns_user.follows WHERE followee_id = " + Long.parseLong(user.get(0)));
                off += count.find() && count.group(1).equals(String.valueOf(rows)) ? 0 : 1;
                checked++;
            }
            figures.put("follow_counts", "counters_off=" + countersOff + " profiles_checked=" + checked + " profiles_off=" + off
                    + " follows=" + db.number("SELECT COUNT(*) FROM sns_user.follows"));
            figures.put("follow_counts.cmd", "SQL: users whose follower_count/following_count differ from COUNT(*) of their"
                    + " follow rows; GET /api/v1/profiles/{name} of each bench user against its rows");
        } catch (SQLException e) {
            figures.put("follow_counts", "failed: the suite's database did not answer (" + e.getMessage() + ")");
        }
    }

    /**
     * Figure 9's followers: an author with {@code followers} followers, made straight in user-service's tables (as
     * many joins and logins through the API would cost hours of BCrypt here) with consecutive explicit ids, the follow
     * rows and the counters; everyone signs in with the bench users' password (a bench user's hash is copied).
     *
     * @return the fan-out probe's parameters ({@code fanout.author}, {@code .first}, {@code .authorId}, {@code .followers})
     */
    java.util.Map<String, String> fanOutFollowers(int followers) throws SQLException {
        String run = String.valueOf(System.currentTimeMillis() / 1000 % 1_000_000);
        String author = "fanout" + run;
        long benchId = Long.parseLong(suite.user(0).get(0));
        try (SuiteDatabase db = suite.database()) {
            long first = db.number("SELECT MAX(id) + 1000 FROM sns_user.users");
            BenchMain.say("bench: fanout: " + followers + " followers of " + author + " (user ids " + first + "-"
                    + (first + followers - 1) + "), made in the database");
            db.execute("INSERT INTO sns_user.users (id, user_name, password, role, registered_at, follower_count)"
                    + " SELECT " + (first - 1) + ", '" + author + "', password, 'USER', NOW(6), " + followers
                    + " FROM sns_user.users WHERE id = " + benchId);
            db.execute("INSERT INTO sns_user.users (id, user_name, password, role, registered_at, following_count)"
                    + " SELECT " + first + " + s.seq - 1, CONCAT('fan" + run + "_', s.seq), u.password, 'USER', NOW(6), 1"
                    + " FROM sns_user.seq_1_to_" + followers + " s JOIN sns_user.users u ON u.id = " + benchId);
            db.execute("INSERT INTO sns_user.follows (follower_id, followee_id, created_at)"
                    + " SELECT " + first + " + seq - 1, " + (first - 1) + ", NOW(6) FROM sns_user.seq_1_to_" + followers);
            return java.util.Map.of("fanout.author", author, "fanout.first", String.valueOf(first),
                    "fanout.authorId", String.valueOf(first - 1), "fanout.followers", String.valueOf(followers));
        }
    }

    /** Alarms stored so far (0 if the database does not answer, as a count that then cannot be met). */
    long alarms() {
        try (SuiteDatabase db = suite.database()) {
            return db.number("SELECT COUNT(*) FROM sns_alarm.alarms");
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Figure 3: waits (30 s at most) until every successful like of step {@code key} has its alarm; appends the count. */
    void awaitAlarms(String key, long before) throws InterruptedException {
        long likes;
        try {
            likes = (long) (Calc.num(figures.field(key, "requests")) - Calc.num(figures.field(key, "ko")));
        } catch (Calc.NoValue e) {
            likes = Long.MAX_VALUE; // the run failed: count what arrived within the 30 s
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long stored;
        while ((stored = alarms() - before) < likes && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        figures.append(key, "alarms=" + stored);
    }

    private static Gateway.Reply get(String url, String token) {
        return Gateway.call(URI.create(url), "GET", token, null);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** The integer reply of a Lua script on the suite's Redis; -1 if Redis does not answer. */
    private long redis(String script) {
        try (Socket redis = new Socket("127.0.0.1", suite.redisPort())) {
            redis.setSoTimeout(5000);
            return Resp.command(redis.getOutputStream(), new BufferedInputStream(redis.getInputStream()), "EVAL", script, "0");
        } catch (IOException | IllegalStateException e) {
            BenchMain.say("bench: Redis did not run the script: " + e.getMessage());
            return -1;
        }
    }
}
