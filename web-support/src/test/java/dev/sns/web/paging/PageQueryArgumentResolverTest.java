package dev.sns.web.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class PageQueryArgumentResolverTest {

    private final PageQueryArgumentResolver resolver = new PageQueryArgumentResolver();

    private PageQuery resolve(String... parameters) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/posts");
        for (int i = 0; i < parameters.length; i += 2) {
            request.addParameter(parameters[i], parameters[i + 1]);
        }
        return resolver.resolveArgument(null, null, new ServletWebRequest(request), null);
    }

    @Test
    void defaultsToTheFirstPageOfTwentyNewestFirst() {
        Pageable pageable = resolve().toPageable(Sort.by(Sort.Direction.DESC, "id"));

        assertThat(pageable.getPageNumber()).isZero();
        assertThat(pageable.getPageSize()).isEqualTo(20);
        assertThat(pageable.getSort()).isEqualTo(Sort.by(Sort.Direction.DESC, "id"));
    }

    @Test
    void readsAPageThatIsNotANumberAsTheFirstPage() {
        assertThat(resolve("page", "undefined").page()).isZero();
        assertThat(resolve("page", "").page()).isZero();
        assertThat(resolve("page", "-3").page()).isZero();
        assertThat(resolve("page", "99999999999999").page()).isEqualTo(Integer.MAX_VALUE);
        assertThat(resolve("page", "2").page()).isEqualTo(2);
    }

    @Test
    void asksTheDatabaseForAnOffsetThatFitsAnIntEvenForTheLastPossiblePage() {
        for (String size : new String[] {"1", "20", "100"}) {
            Pageable pageable = resolve("page", String.valueOf(Integer.MAX_VALUE), "size", size).toPageable(Sort.by("id"));

            assertThat(pageable.getOffset()).as("size %s", size).isLessThanOrEqualTo(Integer.MAX_VALUE);
            assertThat(pageable.getPageSize()).isEqualTo(Integer.parseInt(size));
        }
    }

    @Test
    void clampsTheSizeToOneToAHundred() {
        assertThat(resolve("size", "0").size()).isEqualTo(1);
        assertThat(resolve("size", "-5").size()).isEqualTo(1);
        assertThat(resolve("size", "1000").size()).isEqualTo(100);
        assertThat(resolve("size", "abc").size()).isEqualTo(20);
        assertThat(resolve("size", "7").size()).isEqualTo(7);
    }

    @Test
    void sortsByIdOrRegistrationTimeInEitherDirection() {
        assertThat(resolve("sort", "id,asc").sort()).isEqualTo(Sort.by(Sort.Direction.ASC, "id"));
        assertThat(resolve("sort", "registeredAt,DESC").sort()).isEqualTo(Sort.by(Sort.Direction.DESC, "registeredAt"));
        assertThat(resolve("sort", "registeredAt").sort()).isEqualTo(Sort.by(Sort.Direction.DESC, "registeredAt"));
        assertThat(resolve("sort", "id,asc").toPageable(Sort.by("registeredAt")).getSort())
                .as("an explicit order wins over the default").isEqualTo(Sort.by(Sort.Direction.ASC, "id"));
    }

    @Test
    void rejectsAnyOtherSortAsInvalidRequest() {
        for (String sort : new String[] {"password", "title,asc", "id,sideways", "id,asc,extra", "user.name", ",,,", ",asc"}) {
            assertThatThrownBy(() -> resolve("sort", sort)).as(sort)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }
}
