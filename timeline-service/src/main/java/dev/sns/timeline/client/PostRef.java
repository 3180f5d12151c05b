package dev.sns.timeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A post by id and author: what a timeline keeps of it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostRef(long id, long userId) {
}
