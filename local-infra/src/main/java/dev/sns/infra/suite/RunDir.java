package dev.sns.infra.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder {@code $SNS_HOME/run}: one {@code <name>.pid} and one {@code <name>.port} file (one line each) per
 * process the runner started, written when it starts and removed when it stops. An interface, not an implementation
 * detail: the chaos tests, the e2e tests and the bench runner read these files (README "Files of a running suite"), so
 * their names and contents stay exactly what the bash runner wrote.
 */
final class RunDir {

    private final Path dir;

    RunDir(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The names with a pid file, sorted. */
    List<String> names() {
        return files(".pid").map(f -> strip(f, ".pid")).sorted().toList();
    }

    /** The instances of a service ({@code <service>-<n>}, running or not), in index order. */
    List<String> instancesOf(String service) {
        Pattern instance = Pattern.compile(Pattern.quote(service) + "-([0-9]+)");
        return names().stream().filter(n -> instance.matcher(n).matches())
                .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(service.length() + 1))))
                .toList();
    }

    OptionalLong pid(String name) {
        return read(name + ".pid").map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    Optional<Integer> port(String name) {
        return read(name + ".port").map(Integer::valueOf);
    }

    /** Whether the process of that name has a pid file and runs. */
    boolean alive(String name) {
        OptionalLong pid = pid(name);
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether an instance of this suite has that port (running or just starting: the file is written first). */
    boolean portTaken(int port) {
        return files(".port").anyMatch(f -> read(f.getFileName().toString()).equals(Optional.of(String.valueOf(port))));
    }

    void writePort(String name, int port) {
        write(name + ".port", port);
    }

    void writePid(String name, long pid) {
        write(name + ".pid", pid);
    }

    void remove(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
            Files.deleteIfExists(dir.resolve(name + ".port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, long value) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> read(String file) {
        try {
            String value = Files.readString(dir.resolve(file)).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stream<Path> files(String suffix) {
        if (!exists()) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }
}
