package dev.sns.infra;

/** Something this module started; closing it stops it. */
public interface Service extends AutoCloseable {

    /** A running service that someone else owns: reused, never stopped by us. */
    Service EXTERNAL = () -> { };

    @Override
    void close();
}
