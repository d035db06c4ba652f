package org.yangguang.distribution.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error code the API answers with, one line each: the one list the console translates (its i18n.js has a
 * Chinese and an English message per code, checked by a browser test) and {@code GET /api/catalogue} serves.
 * A code thrown anywhere in the service must be listed here ({@code ErrorCatalogueTest} reads the sources), so a
 * user never meets a code the console cannot say in their language. The meanings are for API clients; people read
 * the console's translations.
 */
public final class ErrorCatalogue {
    /** A code and what it means (English, for API clients). */
    @Serdeable
    public record Entry(String code, String meaning) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("account_exists", "an account with this user name exists"),
            new Entry("already_reversed", "the ledger transaction is already reversed"),
            new Entry("amount_too_large", "an amount is larger than the largest accepted"),
            new Entry("attendance_exists", "the post's attendance for this month is already recorded"),
            new Entry("bad_amount", "an amount is not a positive (or non-negative) whole number of fen"),
            new Entry("bad_attendance", "days worked must be between 0 and the days required"),
            new Entry("bad_bank_account", "a bank account number must be 12-19 digits"),
            new Entry("bad_capacity", "a station's or device's capacity (kWp) must be positive"),
            new Entry("bad_code", "a station, gateway or device code is not a valid id (lower-case letters, digits, '-')"),
            new Entry("bad_columns", "a CSV line has the wrong number of columns"),
            new Entry("bad_date", "a date is not yyyy-MM-dd, or is out of the accepted range"),
            new Entry("bad_datetime", "a time is not an ISO-8601 date or date-time"),
            new Entry("bad_header", "the first line of a file is not the expected header"),
            new Entry("bad_id", "a station or device id has characters an id cannot have"),
            new Entry("bad_id_number", "a resident ID number is not 18 characters with a valid check digit"),
            new Entry("bad_json", "the request body is not JSON of the expected shape"),
            new Entry("bad_kind", "a receipt's kind is BENCHMARK (grid) or SUBSIDY, or a device's kind is not known"),
            new Entry("bad_latitude", "latitude must be between -90 and 90 degrees"),
            new Entry("bad_line", "a line of an imported file has the wrong number of fields"),
            new Entry("bad_link", "a device link is Modbus TCP (host and port) or RTU (serial port), exactly one"),
            new Entry("bad_longitude", "longitude must be between -180 and 180 degrees"),
            new Entry("bad_month", "the month has not begun yet"),
            new Entry("bad_nameplate", "a nameplate text (make, model, serial, firmware) is too long or not printable"),
            new Entry("bad_number", "a number in a file does not parse, is negative or has too many decimals"),
            new Entry("bad_percent", "a percent is not between 0 and 100"),
            new Entry("bad_period", "a period is not a month yyyy-MM, or ends before it starts"),
            new Entry("bad_policy", "an allocation policy document is not valid"),
            new Entry("bad_poverty_share", "a centralized station's poverty share is 0-100 % with at most 6 decimals"),
            new Entry("bad_query", "the collector refused a query"),
            new Entry("bad_reference", "a reference (bank voucher) is missing or has characters it cannot have"),
            new Entry("bad_register_map", "a register map is named by a shipped map (e.g. huawei-sun2000)"),
            new Entry("bad_registration_no", "a household registration number has the wrong form"),
            new Entry("bad_request", "the request is not understood"),
            new Entry("bad_resource_zone", "the solar resource zone is I, II, III or IV"),
            new Entry("bad_result", "a bank result is not PAID, FAILED or RETURNED"),
            new Entry("bad_scope", "a plan scope is not VILLAGE or COUNTY_POOL"),
            new Entry("bad_site", "latitude and longitude are given together"),
            new Entry("bad_statement_no", "a statement number has characters it cannot have"),
            new Entry("bad_term", "a post's term is missing or ends before it starts"),
            new Entry("bad_text", "a text is too long or holds commas or line breaks"),
            new Entry("bad_unit", "a Modbus unit id is 0-255, or a device kind is not known"),
            new Entry("bad_username", "a user name has characters it cannot have"),
            new Entry("bad_value", "a value in the path or query cannot be read as its type (a number, a date, a choice)"),
            new Entry("bad_wage", "a monthly wage is not a positive number of fen"),
            new Entry("bad_whole", "shares in parts need a positive whole"),
            new Entry("balance_changed", "the money available changed since the plan was drafted"),
            new Entry("batch_not_settled", "the payment batch has no bank results yet"),
            new Entry("budget_exceeded", "the lines of a category need more than its budget"),
            new Entry("categories_exceed_100", "the category percents add up to more than 100"),
            new Entry("collector_unavailable", "the collector (live data) cannot be reached"),
            new Entry("device_exists", "the station already has a device with this code"),
            new Entry("device_not_pending", "only a device reported by a scan and not yet confirmed can be confirmed"),
            new Entry("duplicate_category", "a category appears twice"),
            new Entry("duplicate_in_file", "a statement appears twice in one file"),
            new Entry("duplicate_unit", "a Modbus unit id is listed twice on one link"),
            new Entry("duty_conflict", "the person who drafted a plan cannot approve it"),
            new Entry("earlier_plan_open", "an earlier month's plan is not finished yet"),
            new Entry("energy_unavailable", "the energy of the period cannot be determined yet"),
            new Entry("flat_per_head_split", "equal amounts to every household with no post, labour or review (a flat per-head split) are forbidden"),
            new Entry("forbidden", "your role or area does not allow this"),
            new Entry("forbidden_category", "the policy forbids spending on this category"),
            new Entry("gateway_exists", "the gateway is registered already (a gateway serves one station)"),
            new Entry("gateway_of_other_station", "the gateway serves another station"),
            new Entry("holder_cannot_work", "a welfare post's holder must be able to work"),
            new Entry("holder_outside_village", "a welfare post's holder is registered in another village"),
            new Entry("household_exists", "the household is already registered"),
            new Entry("household_twice", "a category lists a household more than once"),
            new Entry("import_rejected", "some lines of the file are wrong; nothing was imported"),
            new Entry("internal_error", "an internal error; the service log has the details"),
            new Entry("invalid_transition", "the plan cannot make this move from its state"),
            new Entry("later_plan_exists", "a later month's plan already exists"),
            new Entry("legacy_entry", "the ledger entry predates double entry and is kept as it is"),
            new Entry("line_without_category", "a line is for a category the plan gives no share"),
            new Entry("login_failed", "wrong user name or password"),
            new Entry("method_not_allowed", "this address does not take this method"),
            new Entry("missing_body", "the request has no body"),
            new Entry("missing_field", "a required value is missing"),
            new Entry("missing_reason", "every change needs a reason"),
            new Entry("negative_amount", "the amount to allocate is negative"),
            new Entry("no_policy", "there is no allocation policy for the year"),
            new Entry("no_tariff", "there is no tariff for the station's batch and zone on that day"),
            new Entry("no_township", "the objection names no household, so no township signs it off"),
            new Entry("not_acceptable", "the service cannot answer in the asked format"),
            new Entry("not_eligible", "the household's status does not qualify for the category"),
            new Entry("not_found", "there is nothing at this address"),
            new Entry("not_in_notice", "the plan is not in its public notice"),
            new Entry("not_published", "the plan is a draft and has no public notice"),
            new Entry("not_reversible", "this ledger transaction is not reversed by hand"),
            new Entry("nothing_to_pay", "no approved, unpaid plan line is ready to pay"),
            new Entry("nothing_to_sign_off", "the objection has no proposed resolution to sign off"),
            new Entry("notice_font_missing", "the Chinese font for the notice PDF is missing on the server"),
            new Entry("notice_running", "the public notice is still running"),
            new Entry("number_too_large", "a number is larger than the largest accepted"),
            new Entry("objection_resolved", "the objection is already resolved"),
            new Entry("open_objections", "objections to the plan are not resolved yet"),
            new Entry("outside_term", "the month is outside the post's term"),
            new Entry("paid_share_violation", "what the lines pay breaks the policy's shares (declared percents do not count)"),
            new Entry("payload_too_large", "the request body is too large"),
            new Entry("payment_not_paid", "the payment line is not paid"),
            new Entry("period_already_used", "the shares cannot change for a period already used"),
            new Entry("person_exists", "a member is already registered in a household"),
            new Entry("person_has_account", "the person already has an account"),
            new Entry("plan_not_draft", "the month's plan is not a draft any more"),
            new Entry("policy_violation", "the plan breaks a rule of the county policy"),
            new Entry("project_accepted", "the project is already accepted"),
            new Entry("project_budget_exceeded", "the project's lines exceed its budget"),
            new Entry("project_pays_household", "project money goes to a project's payee, never to a household"),
            new Entry("reason_too_long", "the reason is too long"),
            new Entry("receipt_conflict", "the receipt was recorded before with other values"),
            new Entry("reconcile_mismatch", "the account debit differs from what the batch paid"),
            new Entry("result_conflict", "a payment line cannot take this bank result from its state"),
            new Entry("retained_has_no_lines", "the collective retention takes no lines"),
            new Entry("reversal_of_reversal", "a reversal cannot be reversed"),
            new Entry("service_role", "a service account's role (collector, installer) cannot be given to a person's account"),
            new Entry("share_duplicate_village", "a village appears twice in a share set"),
            new Entry("share_negative", "a share is negative"),
            new Entry("share_precision", "a share has too many decimals"),
            new Entry("share_set_exists", "the station already has a share set from that day"),
            new Entry("share_total_exceeds_100", "the shares add up to more than 100 %"),
            new Entry("shares_not_applicable", "a centralized station's revenue is pooled, not split by shares"),
            new Entry("statement_conflict", "the statement was imported before with other values"),
            new Entry("station_exists", "a station with this code exists"),
            new Entry("status_out_of_order", "a status change is dated before the latest one"),
            new Entry("status_unchanged", "the household already has this status"),
            new Entry("too_many_login_attempts", "too many failed logins; wait and try again"),
            new Entry("too_many_objections", "too many objections from this household today"),
            new Entry("too_many_requests", "too many requests; wait and try again"),
            new Entry("two_paid_posts", "the holder already has a paid post in that term"),
            new Entry("unauthenticated", "log in first"),
            new Entry("unknown_alarm", "no active alarm with this key"),
            new Entry("unknown_batch", "no such payment batch"),
            new Entry("unknown_category", "no such category in the policy"),
            new Entry("unknown_county", "no such county"),
            new Entry("unknown_device", "the station has no device with this code"),
            new Entry("unknown_entry", "no such ledger entry"),
            new Entry("unknown_gateway", "no gateway with this code is registered"),
            new Entry("unknown_household", "no such household"),
            new Entry("unknown_line", "no such line in the batch"),
            new Entry("unknown_objection", "no such objection"),
            new Entry("unknown_person", "no such household member"),
            new Entry("unknown_plan", "no such plan"),
            new Entry("unknown_post", "no such welfare post"),
            new Entry("unknown_project", "no such project"),
            new Entry("unknown_statement", "no such settlement statement"),
            new Entry("unknown_station", "no such station"),
            new Entry("unknown_township", "no such township"),
            new Entry("unknown_transition", "no such plan move"),
            new Entry("unknown_village", "no such village"),
            new Entry("unpaid_lines", "the plan still has unpaid lines"),
            new Entry("unsupported_media_type", "the request body has a type this address does not take"),
            new Entry("village_station_single_owner", "a village station belongs to exactly one village"),
            new Entry("wage_line_typed", "wage lines come from posts and attendance only (先劳后酬), never typed"),
            new Entry("weak_password", "the password is too short"));

    private static final Map<String, Entry> BY_CODE = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Entry::code, Function.identity()));

    private ErrorCatalogue() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static boolean contains(String code) {
        return BY_CODE.containsKey(code);
    }
}
