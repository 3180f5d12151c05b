package dev.sns.infra.suite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * POSIX {@code cksum} (CRC-32 of the bytes, then of the length; not {@link java.util.zip.CRC32}), printed as
 * {@code cksum < file} prints it: the AOT folders record their jar's checksum in this form ({@code jar.cksum}), which
 * the bash half of the runner writes and reads too.
 */
final class Cksum {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private Cksum() {
    }

    static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    static String of(InputStream in) throws IOException {
        int crc = 0;
        long length = 0;
        byte[] buffer = new byte[1 << 16];
        for (int read; (read = in.read(buffer)) > 0; length += read) {
            for (int i = 0; i < read; i++) {
                crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ buffer[i]) & 0xFF];
            }
        }
        for (long n = length; n > 0; n >>>= 8) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ (int) n) & 0xFF];
        }
        return Integer.toUnsignedString(~crc) + " " + length;
    }
}
