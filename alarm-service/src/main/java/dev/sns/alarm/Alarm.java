package dev.sns.alarm;

import dev.sns.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An alarm one user received, as the list and the replay read it. Written once per post event by {@link AlarmWriter}
 * (plain JDBC, a batch per statement), never changed by the API.
 */
@Entity
@Table(name = "alarms")
public class Alarm extends SoftDeletable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false) // the receiver (the column keeps the course's name)
    private long receiverId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR) // a VARCHAR column, not Hibernate's default MySQL ENUM: new types need no DDL
    @Column(name = "alarm_type", nullable = false, length = 40)
    private AlarmType alarmType;

    @Column(name = "from_user_id", nullable = false) // the actor (the API's fromUserId)
    private long actorId;

    @Column(name = "target_id", nullable = false)
    private long targetId;

    @Column(name = "event_id", nullable = false, length = 36, columnDefinition = "char(36)")
    private String eventId;

    protected Alarm() {
    }

    public Long getId() {
        return id;
    }

    public long getReceiverId() {
        return receiverId;
    }

    public AlarmType getAlarmType() {
        return alarmType;
    }

    public long getActorId() {
        return actorId;
    }

    public long getTargetId() {
        return targetId;
    }

    public String getEventId() {
        return eventId;
    }
}
