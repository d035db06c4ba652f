package org.yangguang.distribution.project;

import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.access.Actors;

import java.time.LocalDate;
import java.util.List;

/** Projects of a village and of the county pool, and their acceptance. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProjectController {
    private final ProjectService projects;

    public ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @Serdeable
    public record AcceptanceRequest(@Nullable LocalDate acceptedOn, @Nullable String reference,
                                    @Nullable String reason) {
    }

    @Get("/villages/{village}/projects")
    public List<ProjectView> list(Authentication auth, @PathVariable String village) {
        return projects.list(Actors.of(auth), village);
    }

    @Post("/villages/{village}/projects")
    public HttpResponse<ProjectView> create(Authentication auth, @PathVariable String village, @Body NewProject body) {
        return HttpResponse.created(projects.create(Actors.of(auth), village, body));
    }

    @Get("/county/pool/projects")
    public List<ProjectView> poolList(Authentication auth) {
        return projects.list(Actors.of(auth), null);
    }

    @Post("/county/pool/projects")
    public HttpResponse<ProjectView> poolCreate(Authentication auth, @Body NewProject body) {
        return HttpResponse.created(projects.create(Actors.of(auth), null, body));
    }

    @Post("/projects/{id}/acceptance")
    public ProjectView accept(Authentication auth, @PathVariable long id, @Body AcceptanceRequest body) {
        return projects.accept(Actors.of(auth), id, body.acceptedOn(), body.reference(), body.reason());
    }
}
