package dev.sns.web.paging;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** The one Page JSON shape of the API, independent of Spring Data's serialisation. */
public record PageResponse<T>(
        List<T> content,
        int number,
        int size,
        long totalElements,
        int totalPages,
        int numberOfElements,
        boolean first,
        boolean last,
        boolean empty) {

    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages(), page.getNumberOfElements(), page.isFirst(), page.isLast(), page.isEmpty());
    }

    public <R> PageResponse<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResponse<>(content.stream().<R>map(mapper).toList(), number, size, totalElements, totalPages,
                numberOfElements, first, last, empty);
    }
}
