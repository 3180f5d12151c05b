package dev.sns.post.author;

import dev.sns.api.ApiResponse;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * user-service's batch lookup, resolved through discovery and Spring Cloud LoadBalancer. Only {@link AuthorDirectory}
 * calls it, behind a circuit breaker; each call carries post-service's service token ({@link ServiceIdentity}).
 */
@FeignClient(name = UserClient.SERVICE, configuration = ServiceIdentity.class)
interface UserClient {

    /** The service id in Eureka, also the name of this client's own Feign context. */
    String SERVICE = "user-service";

    /** @param ids comma-separated user ids, e.g. {@code 1,2,3} */
    @GetMapping("/internal/users")
    ApiResponse<List<Author>> findByIds(@RequestParam("ids") String ids);
}
