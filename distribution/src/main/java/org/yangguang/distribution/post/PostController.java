package org.yangguang.distribution.post;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actors;

import java.util.List;

/** Welfare posts of a village and their attendance. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PostController {
    private final PostService posts;

    public PostController(PostService posts) {
        this.posts = posts;
    }

    @Get("/villages/{village}/posts")
    public List<WelfarePost> list(Authentication auth, @PathVariable String village) {
        return posts.list(Actors.of(auth), village);
    }

    @Post("/villages/{village}/posts")
    public HttpResponse<WelfarePost> create(Authentication auth, @PathVariable String village, @Body NewPost body) {
        return HttpResponse.created(posts.create(Actors.of(auth), village, body));
    }

    @Post("/posts/{id}/attendance")
    public HttpResponse<Attendance> attendance(Authentication auth, @PathVariable long id,
                                               @Body AttendanceRequest body) {
        return HttpResponse.created(posts.recordAttendance(Actors.of(auth), id, body.period(), body.daysWorked(),
                body.daysRequired(), body.reason()));
    }
}
