package org.yangguang.distribution.project;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.api.Inputs;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Small public-welfare projects, the project package's facade (issue 12 §2: project money is paid to a project's
 * payee, never to a household line). The village committee registers its village's projects (the county office,
 * a county approver, the pool's); the township accepts a village's finished project (乡镇验收), the county a pool
 * project; a project line is paid only after acceptance.
 */
@Singleton
public class ProjectService {
    private final ProjectRepository projects;
    private final Registry registry;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;

    public ProjectService(ProjectRepository projects, Registry registry, Scopes scopes, Audit audit,
                          BusinessCalendar calendar) {
        this.projects = projects;
        this.registry = registry;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
    }

    @Transactional
    public ProjectView create(Actor actor, String villageCode, NewProject n) {
        Village village = null;
        if (villageCode == null) {
            scopes.requireRole(actor, Role.COUNTY_APPROVER);
        } else {
            scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
            village = registry.requireVillage(villageCode, "village");
            scopes.requireVillage(actor, village);
        }
        String why = Audit.requireReason(n.reason());
        String name = text(n.name(), "name", 128);
        if (n.payeeKind() == null) {
            throw ApiException.badRequest("missing_field", "payeeKind is CONTRACTOR or COLLECTIVE", "payeeKind");
        }
        String payee = text(n.payeeName(), "payeeName", 128);
        String bank = text(n.bankName(), "bankName", 64);
        String account = n.bankAccount() == null ? "" : n.bankAccount().replace(" ", "");
        if (!account.matches("\\d{8,32}")) {
            throw ApiException.badRequest("bad_bank_account", "the payee's account must be 8-32 digits", "bankAccount");
        }
        long budget = Inputs.positiveFen(n.budgetFen(), "budgetFen");
        Project p = projects.save(new Project(null, village == null ? null : village.id(),
                village == null ? actor.countyId() : null, name, n.payeeKind(), payee, bank, account, budget,
                Project.State.OPEN, null, null, null, actor.username(), calendar.clock().instant()));
        audit.record(actor, "project.create", "project", String.valueOf(p.id()), why, name + ", payee " + payee
                + ", budget " + budget + " fen");
        return view(p);
    }

    /** 验收: the township (a village's project) or the county (a pool project) accepts the finished work. */
    @Transactional
    public ProjectView accept(Actor actor, long id, LocalDate acceptedOn, String reference, String reason) {
        Project p = projects.lockById(id).orElseThrow(() -> unknown(id));
        if (p.villageId() != null) {
            scopes.requireRole(actor, Role.TOWNSHIP_REVIEWER);
            scopes.requireVillage(actor, registry.village(p.villageId()));
        } else {
            scopes.requireRole(actor, Role.COUNTY_APPROVER);
            scopes.requireCounty(actor, p.poolCountyId());
        }
        String why = Audit.requireReason(reason);
        if (p.state() == Project.State.ACCEPTED) {
            throw ApiException.conflict("project_accepted", "project " + id + " was accepted on " + p.acceptedOn(),
                    "id");
        }
        if (acceptedOn == null || acceptedOn.isAfter(calendar.today())) {
            throw ApiException.badRequest("bad_date", "acceptedOn is the day of acceptance, not in the future",
                    "acceptedOn");
        }
        String ref = text(reference, "reference", 64);
        Project done = projects.update(p.accepted(acceptedOn, ref, actor.username()));
        audit.record(actor, "project.accept", "project", String.valueOf(id), why, "accepted " + acceptedOn + ", "
                + ref);
        return view(done);
    }

    @Transactional
    public List<ProjectView> list(Actor actor, String villageCode) {
        if (villageCode == null) {
            scopes.requireRole(actor, Role.COUNTY_APPROVER, Role.FINANCE, Role.AUDITOR, Role.ADMIN);
            return projects.findByPoolCountyIdOrderById(actor.countyId()).stream().map(this::view).toList();
        }
        Village village = registry.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        return projects.findByVillageIdOrderById(village.id()).stream().map(this::view).toList();
    }

    /** A project for the money path (no access check: the caller has checked its plan). */
    public Project project(long id) {
        return projects.findById(id).orElseThrow(() -> unknown(id));
    }

    /** The project's view for one of its readers. */
    public ProjectView view(Project p) {
        return ProjectView.of(p, p.villageId() == null ? null : registry.village(p.villageId()).code());
    }

    /** The township a village project's acceptance belongs to. */
    public Township townshipOf(Project p) {
        return registry.township(registry.village(p.villageId()).townshipId());
    }

    private static ApiException unknown(long id) {
        return ApiException.notFound("unknown_project", "no project " + id, "projectId");
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required", field);
        }
        if (value.length() > max || value.contains(",") || value.contains("\n")) {
            throw ApiException.badRequest("bad_text", field + " is at most " + max + " characters, without commas "
                    + "or line breaks (it goes into the bank file)", field);
        }
        return value.strip();
    }
}
