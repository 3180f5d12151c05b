package dev.sns.user.account;

import dev.sns.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An account. Soft-deleted rows stay in the table (their name stays taken, so nobody can take over a deleted
 * user's identity) but no query of the API finds them ({@link SoftDeletable}).
 */
@Entity
@Table(name = "users")
public class User extends SoftDeletable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_name", nullable = false, length = 30)
    private String userName;

    /** BCrypt hash, never the password. */
    @Column(nullable = false, length = 100)
    private String password;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Role role;

    protected User() {
    }

    /** @param registeredAt {@code Timestamps.now}: as it will be stored */
    public User(String userName, String passwordHash, Role role, Instant registeredAt) {
        super(registeredAt);
        this.userName = userName;
        this.password = passwordHash;
        this.role = role;
    }

    public Long getId() {
        return id;
    }

    public String getUserName() {
        return userName;
    }

    public String getPassword() {
        return password;
    }

    public Role getRole() {
        return role;
    }
}
