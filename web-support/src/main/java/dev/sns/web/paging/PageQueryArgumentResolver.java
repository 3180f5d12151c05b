package dev.sns.web.paging;

import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads {@code page}, {@code size} and {@code sort} query parameters into a {@link PageQuery}. */
public class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    /** The properties a client may sort by; also what the OpenAPI documents list (dev.sns.web.docs). */
    public static final Set<String> SORTABLE = Set.of("id", "registeredAt");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageQuery.class;
    }

    @Override
    public PageQuery resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                     WebDataBinderFactory binderFactory) {
        int page = number(request.getParameter("page"), 0);
        int size = number(request.getParameter("size"), PageQuery.DEFAULT_SIZE);
        String[] sortValues = request.getParameterValues("sort");
        return new PageQuery(page, size, sort(sortValues == null ? new String[0] : sortValues));
    }

    /** Lenient on purpose: clients of the course send {@code page=undefined}; anything not a number is the default. */
    private static int number(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.clamp(parsed, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Sort sort(String[] values) {
        List<Sort.Order> orders = new ArrayList<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            String[] parts = value.split(",");
            if (parts.length == 0 || parts.length > 2 || !SORTABLE.contains(parts[0].trim())) { // ",,," splits into nothing
                throw invalidSort(value);
            }
            String property = parts[0].trim();
            Sort.Direction direction = Sort.Direction.DESC;
            if (parts.length == 2) {
                direction = Sort.Direction.fromOptionalString(parts[1].trim()).orElseThrow(() -> invalidSort(value));
            }
            orders.add(new Sort.Order(direction, property));
        }
        return Sort.by(orders);
    }

    private static ApiException invalidSort(String value) {
        return new ApiException(ErrorCode.INVALID_REQUEST,
                "sort must be id or registeredAt, optionally followed by ,asc or ,desc (got '" + value + "')");
    }
}
