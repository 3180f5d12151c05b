package dev.sns.web.conditional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.api.ApiResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** If-None-Match as RFC 9110 reads it, and what the answers say to caches. */
class ConditionalGetTest {

    private static final ETag CURRENT = ETags.weak("post", 42, 7);

    private final ConditionalGetArgumentResolver resolver = new ConditionalGetArgumentResolver();

    private ConditionalGet request(String... ifNoneMatch) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/posts/42");
        for (String value : ifNoneMatch) {
            request.addHeader(HttpHeaders.IF_NONE_MATCH, value);
        }
        return resolver.resolveArgument(null, null, new ServletWebRequest(request), null);
    }

    @Test
    void weakComparisonIgnoresTheWeakPrefixOnEitherSide() {
        String opaque = '"' + CURRENT.tag() + '"';

        assertThat(request(CURRENT.formattedTag()).matches(CURRENT)).isTrue();
        assertThat(request(opaque).matches(CURRENT)).isTrue();
        assertThat(request("W/\"other\"").matches(CURRENT)).isFalse();
        assertThat(request().matches(CURRENT)).isFalse();
    }

    @Test
    void anyTagOfAListOrOfSeveralHeadersMatches() {
        assertThat(request("\"a\", " + CURRENT.formattedTag() + ", W/\"b\"").matches(CURRENT)).isTrue();
        assertThat(request("\"a\"", CURRENT.formattedTag()).matches(CURRENT)).isTrue();
        assertThat(request("\"a\", \"b\"").matches(CURRENT)).isFalse();
    }

    @Test
    void aStarMatchesAnyCurrentRepresentation() {
        assertThat(request("*").matches(CURRENT)).isTrue();
    }

    @Test
    void somethingThatIsNoTagMatchesNothing() {
        assertThat(request("no quotes at all").matches(CURRENT)).isFalse();
        assertThat(request("\"unterminated").matches(CURRENT)).isFalse();
    }

    @Test
    void aMatchAnswers304WithoutBuildingTheBody() {
        AtomicInteger built = new AtomicInteger();

        ResponseEntity<ApiResponse<String>> answer = request(CURRENT.formattedTag()).perCaller()
                .answer(() -> Optional.of(CURRENT), () -> {
                    built.incrementAndGet();
                    return new Tagged<>("body", CURRENT);
                });

        assertThat(answer.getStatusCode().value()).isEqualTo(304);
        assertThat(answer.getBody()).isNull();
        assertThat(built).hasValue(0);
        assertThat(answer.getHeaders().getETag()).isEqualTo(CURRENT.formattedTag());
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo("max-age=0, must-revalidate, private");
        assertThat(answer.getHeaders().getVary()).containsExactly(HttpHeaders.AUTHORIZATION);
    }

    @Test
    void noMatchAnswersTheBodyWithItsOwnTag() {
        ETag newer = ETags.weak("post", 42, 8);
        AtomicInteger asked = new AtomicInteger();

        ResponseEntity<ApiResponse<String>> answer = request(CURRENT.formattedTag())
                .answer(() -> {
                    asked.incrementAndGet();
                    return Optional.of(newer);
                }, () -> new Tagged<>("body", newer));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().result()).isEqualTo("body");
        assertThat(answer.getHeaders().getETag()).isEqualTo(newer.formattedTag());
        assertThat(answer.getHeaders().getVary()).isEmpty();
        assertThat(asked).hasValue(1);
    }

    @Test
    void withoutIfNoneMatchTheMarkerIsNotEvenAsked() {
        ResponseEntity<ApiResponse<String>> answer = request().answer(() -> {
            throw new AssertionError("no If-None-Match: nothing to compare");
        }, () -> Tagged.untagged("degraded"));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getETag()).isNull();
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo("max-age=0, must-revalidate, private");
    }

    @Test
    void aStarForSomethingThatIsGoneGetsTheFullAnswer() {
        ResponseEntity<ApiResponse<String>> answer = request("*").answer(Optional::empty, () -> Tagged.untagged("404"));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void tagsDependOnEveryValueAndItsPlace() {
        assertThat(ETags.weak("post", 42, 7)).isEqualTo(ETags.weak("post", 42, 7));
        assertThat(ETags.weak("post", 42, 7).weak()).isTrue();
        assertThat(ETags.weak("post", 42, 8)).isNotEqualTo(ETags.weak("post", 42, 7));
        assertThat(ETags.weak("post", 4, 27)).isNotEqualTo(ETags.weak("post", 42, 7));
        assertThat(ETags.weak("post", 7, 42)).isNotEqualTo(ETags.weak("post", 42, 7));
    }
}
