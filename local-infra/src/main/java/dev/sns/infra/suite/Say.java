package dev.sns.infra.suite;

/** The runner's progress lines on standard error, {@code [sns]} in bold, as the bash half prints them. */
final class Say {

    private Say() {
    }

    static void say(String message) {
        System.err.println("\033[1m[sns]\033[0m " + message);
    }
}
