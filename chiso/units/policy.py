"""Every permission decision: who may see or do what, on which unit. Nothing else decides.

Missing and forbidden look the same (404): a user never learns what is outside their scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404

from chiso.units import cached
from chiso.units.models import Membership, ReviewMode, Succession, Unit

if TYPE_CHECKING:
    from chiso.assessments.models import Assessment

Role = Membership.Role
INSTITUTION_ROLES = {Role.MEMBER, Role.HEAD}
OFFICE_ROLES = {Role.REVIEWER, Role.OFFICE_HEAD}

# What each action on an assessment needs: the roles allowed, and where the role must sit:
# "own" = on the assessment's unit itself; "above" = on an office strictly above it.
ASSESSMENT_ACTIONS: dict[str, tuple[set[str], str]] = {
    "view": (INSTITUTION_ROLES, "own"),
    "edit": (INSTITUTION_ROLES, "own"),
    "submit": ({Role.HEAD}, "own"),
    "assign": ({Role.HEAD}, "own"),  # the head shares the criteria among the council
    "review": (OFFICE_ROLES, "above"),
    "comment": (OFFICE_ROLES, "above"),
    "return": (OFFICE_ROLES, "above"),
    "recognise": ({Role.OFFICE_HEAD}, "above"),
    "publish": ({Role.OFFICE_HEAD}, "above"),
    "reopen": ({Role.OFFICE_HEAD}, "above"),
    # An office head may load the files a unit sent (appendix XLSX) into its draft.
    "import": ({Role.OFFICE_HEAD}, "above"),
    # Whoever follows a unit (reviews it, or only watches it) may remind it of a deadline.
    "remind": (OFFICE_ROLES, "above"),
}

# Who does what on the result of a school a commune manages, by the campaign's setting: the
# commune's own staff ("commune") or those of the Sở above it ("province"). The others follow:
# they read, see the dashboards and documents, and remind.
REVIEW_STEPS = {"review", "comment", "return"}
RECOGNITION_STEPS = {"recognise", "publish", "reopen", "import"}
MODE_ACTIONS: dict[str, dict[str, set[str]]] = {
    ReviewMode.COMMUNE: {"commune": REVIEW_STEPS | RECOGNITION_STEPS, "province": set()},
    ReviewMode.COMMUNE_THEN_SO: {
        "commune": REVIEW_STEPS,
        "province": {"review", "comment"} | RECOGNITION_STEPS,
    },
    ReviewMode.SO: {"commune": set(), "province": REVIEW_STEPS | RECOGNITION_STEPS},
}
FOLLOWED_STEPS = REVIEW_STEPS | RECOGNITION_STEPS


def review_mode(assessment: Assessment) -> str:
    """The campaign's setting for the assessment's institution type (the commune by default)."""
    modes = getattr(assessment.campaign, "review_modes", None) or {}
    mode = modes.get(assessment.unit.institution_type or "", ReviewMode.COMMUNE)
    return mode if mode in MODE_ACTIONS else ReviewMode.COMMUNE


# An office's own assessment (Quyết định 3806) is written by its staff and signed by its head;
# the office above reviews it as it reviews institutions.
OFFICE_OWN_ROLES: dict[str, set[str]] = {
    "view": OFFICE_ROLES,
    "edit": OFFICE_ROLES,
    "submit": {Role.OFFICE_HEAD},
    "assign": {Role.OFFICE_HEAD},
}


def can_start(user: Any, unit: Unit, *, on_behalf: bool = False) -> bool:
    """Whether `user` may open the unit's assessment of a campaign (its own staff; an office
    head above it when loading files on its behalf)."""
    held = roles_for(user, unit)
    if on_behalf:
        return f"{Role.OFFICE_HEAD}:above" in held
    own = INSTITUTION_ROLES if unit.kind == Unit.Kind.INSTITUTION else OFFICE_ROLES
    return any(f"{role}:own" in held for role in own)


def memberships(user: Any) -> list[Membership]:
    """The user's roles with their units (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_chiso_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, unit__is_active=True).select_related("unit")
        )
        user._chiso_memberships = cached
    return cached


def is_national_admin(user: Any) -> bool:
    """An administrator at the ministry: the national role, owner of the national indices."""
    return any(
        m.role == Role.ADMIN and m.unit.kind == Unit.Kind.MINISTRY for m in memberships(user)
    )


def subtree_q(units: list[Unit], prefix: str = "") -> Q:
    query = Q(pk__in=[])
    for unit in units:
        query |= Q(**{f"{prefix}path__startswith": unit.path})
    return query


def visible_units(user: Any) -> QuerySet[Unit]:
    """Every unit the user may see: the subtrees of the units they belong to."""
    roots = [m.unit for m in memberships(user)]
    if not roots:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_q(roots))


def office_units(user: Any) -> list[Unit]:
    """The offices where the user reviews or leads (or administers)."""
    return [m.unit for m in memberships(user) if m.role in OFFICE_ROLES or m.role == Role.ADMIN]


def institution_units(user: Any) -> list[Unit]:
    return [m.unit for m in memberships(user) if m.role in INSTITUTION_ROLES]


def roles_for(user: Any, unit: Unit) -> set[str]:
    """Roles that apply to `unit`, and whether they come from the unit itself or from above."""
    out = set()
    for m in memberships(user):
        if m.unit_id == unit.pk:
            out.add(f"{m.role}:own")
        elif unit.path.startswith(m.unit.path):
            out.add(f"{m.role}:above")
    return out


def can_set_document_symbol(user: Any, unit: Unit) -> bool:
    """The unit's head (or its administrator) sets the symbol its documents are numbered with."""
    allowed = {f"{Role.HEAD}:own", f"{Role.OFFICE_HEAD}:own", f"{Role.ADMIN}:own"}
    return bool(allowed & roles_for(user, unit))


# Separation of duties: whoever submitted a result never recognises or publishes it, whatever
# roles they hold (an office head who also holds a school's head role, say).
SEPARATED_FROM_SUBMISSION = {"recognise", "publish"}


def submitted_it(user: Any, assessment: Assessment) -> bool:
    """Whether `user` made the assessment's latest submission."""
    submitter = getattr(assessment, "submitted_by_id", None)
    return submitter is not None and submitter == getattr(user, "pk", None)


def can(user: Any, action: str, assessment: Assessment) -> bool:
    """Whether `user` may do `action` on `assessment` (the one rule for UI and API alike)."""
    needed_roles, where = ASSESSMENT_ACTIONS[action]
    unit = assessment.unit
    if where == "own" and unit.kind != Unit.Kind.INSTITUTION:
        needed_roles = OFFICE_OWN_ROLES.get(action, set())
    held = roles_for(user, unit) if where == "own" else roles_over(user, assessment, action)
    if any(f"{role}:{where}" in held for role in needed_roles):
        return action not in SEPARATED_FROM_SUBMISSION or not submitted_it(user, assessment)
    # Office staff may read what they review and the history of the units they manage today;
    # administrators may read everything below them.
    if action == "view":
        return (
            can(user, "review", assessment)
            or any(r.startswith(f"{Role.ADMIN}:") for r in held)
            or any(f"{r}:above" in held for r in OFFICE_ROLES)
            or reads_history(user, unit)
        )
    return False


def works_for_office(user: Any, office: Unit) -> bool:
    """Whether `user` reviews for `office` (a reviewer or head there or above): the one who opens
    its units' reviews and reminds them of deadlines, unlike an administrator who only reads."""
    return any(r.split(":")[0] in OFFICE_ROLES for r in roles_for(user, office))


def managing_body_of(assessment: Assessment) -> Unit | None:
    """The body that managed the assessment's unit in its school year (from the shared cache)."""
    body_id = getattr(assessment, "managing_body_id", None)
    if body_id is None:
        return None
    if "managing_body" not in assessment._state.fields_cache:
        # Kept on the row for the rest of the request, as `select_related` would have.
        assessment.managing_body = cached.unit(body_id)
    return assessment.managing_body


def roles_over(user: Any, assessment: Assessment, action: str = "review") -> set[str]:
    """The user's roles over an assessment as its reviewers for `action`: "above" when held on
    the body that managed its unit that school year or on a unit above that body (a school's
    2024-2025 result belongs to its Phòng's line, its 2025-2026 result to its UBND phường's);
    for a school a commune manages, only where the campaign's setting names that level."""
    body = managing_body_of(assessment)
    if body is None:
        return roles_for(user, assessment.unit)
    named = None
    if body.kind == Unit.Kind.COMMUNE and action in FOLLOWED_STEPS:
        named = MODE_ACTIONS[review_mode(assessment)]
    out = set()
    for m in memberships(user):
        if m.unit_id == assessment.unit_id:
            out.add(f"{m.role}:own")
        elif body.path.startswith(m.unit.path):
            level = "commune" if m.unit_id == body.pk else "province"
            if named is None or action in named[level]:
                out.add(f"{m.role}:above")
    return out


def reviewing_bodies(assessment: Assessment) -> tuple[Unit | None, Unit | None]:
    """Who reviews and who recognises the assessment (its managing body or the Sở above it)."""
    body = managing_body_of(assessment)
    if body is None or body.kind != Unit.Kind.COMMUNE:
        return body, body
    province = cached.unit(body.parent_id) if body.parent_id else None
    named = MODE_ACTIONS[review_mode(assessment)]
    reviewer = body if "return" in named["commune"] else province
    recogniser = body if "recognise" in named["commune"] else province
    return reviewer, recogniser


# -- history across reorganisations: read only -----------------------------------------------


def predecessors(units: list[Unit]) -> list[Unit]:
    """Every unit the given units took over from, directly or through earlier reorganisations
    (successions, and merges recorded on the closed unit): a few queries per level of history."""
    seen = {u.pk for u in units}
    frontier = set(seen)
    found: list[int] = []
    while frontier:
        ids = set(
            Succession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        ids |= set(Unit.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        frontier = ids - seen
        seen |= frontier
        found += sorted(frontier)
    return list(Unit.objects.filter(pk__in=found)) if found else []


def history_units(user: Any) -> list[Unit]:
    """The predecessors of the units the user belongs to (cached on the user for the request):
    their results, and those of the units below them, are the user's to read, never to change."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached_history = getattr(user, "_chiso_history", None)
    if cached_history is None:
        cached_history = predecessors([m.unit for m in memberships(user)])
        user._chiso_history = cached_history
    return cached_history


def reads_history(user: Any, unit: Unit) -> bool:
    """Whether `unit` is a predecessor of one of the user's units, or below one (read only)."""
    return any(unit.path.startswith(p.path) for p in history_units(user))


def can_reorganise(user: Any, office: Unit) -> bool:
    """Applying a table of reorganisations (merges, splits) to the units below `office`: the head
    or an administrator of a Sở (its own province) or of the Bộ (provinces); never a commune,
    a Phòng or an institution."""
    return office.kind in (Unit.Kind.MINISTRY, Unit.Kind.DEPARTMENT) and leads_office(user, office)


def can_see_unit(user: Any, unit: Unit) -> bool:
    """Whether `unit` is in the subtree of one of the user's units (as `visible_units`)."""
    return any(unit.path.startswith(m.unit.path) for m in memberships(user))


def get_unit_for_user(user: Any, pk: int) -> Unit:
    """The unit if it is in the user's subtrees; Http404 otherwise (missing or not theirs)."""
    unit = cached.unit(pk)
    if unit is None or not can_see_unit(user, unit):
        raise Http404
    return unit


def can_write_unit_reports(user: Any, unit: Unit) -> bool:
    """A unit's own reports (periodic, yearly): written by its own staff."""
    held = roles_for(user, unit)
    writers = (
        INSTITUTION_ROLES if unit.kind == Unit.Kind.INSTITUTION else OFFICE_ROLES | {Role.ADMIN}
    )
    return any(f"{role}:own" in held for role in writers)


def can_read_unit_reports(user: Any, unit: Unit) -> bool:
    """Its writers, and the offices above it (staff and administrators)."""
    held = roles_for(user, unit)
    readers = OFFICE_ROLES | {Role.ADMIN}
    return can_write_unit_reports(user, unit) or any(f"{r}:above" in held for r in readers)


def can_manage_outlines(user: Any, unit: Unit) -> bool:
    """Report outlines belong to an office; its staff (or an administrator above) edit them."""
    if unit.kind == Unit.Kind.INSTITUTION:
        return False
    held = roles_for(user, unit)
    return (
        any(f"{r}:own" in held for r in OFFICE_ROLES | {Role.ADMIN})
        or f"{Role.ADMIN}:above" in held
    )


def leads_office(user: Any, unit: Unit) -> bool:
    """The office's head (or an administrator of it or above): campaign-wide actions."""
    held = roles_for(user, unit)
    return unit.kind != Unit.Kind.INSTITUTION and bool(
        held & {f"{Role.OFFICE_HEAD}:own", f"{Role.ADMIN}:own", f"{Role.ADMIN}:above"}
    )


def can_issue_documents(user: Any, unit: Unit) -> bool:
    """Issuing a unit's document (a number, a date, a signature): its head (HIỆU TRƯỞNG,
    TRƯỞNG PHÒNG, GIÁM ĐỐC) or an administrator of the unit."""
    held = roles_for(user, unit)
    head = Role.HEAD if unit.kind == Unit.Kind.INSTITUTION else Role.OFFICE_HEAD
    return bool(held & {f"{head}:own", f"{Role.ADMIN}:own"})


# -- accounts: who may grant, reset or revoke which role -----------------------------------------

# A role outranks those below it; a role on a unit strictly above outranks the same role below.
ROLE_RANK = {Role.MEMBER: 1, Role.HEAD: 2, Role.REVIEWER: 3, Role.OFFICE_HEAD: 4, Role.ADMIN: 5}
MANAGING_ROLES = {Role.OFFICE_HEAD, Role.ADMIN}


def roles_of_unit(unit: Unit) -> tuple[str, ...]:
    """The roles a unit can hold: staff of an institution, or of an office (and its administrators)."""
    if unit.kind == Unit.Kind.INSTITUTION:
        return (Role.MEMBER, Role.HEAD)
    return (Role.REVIEWER, Role.OFFICE_HEAD, Role.ADMIN)


def _outranks(held: Membership, role: str, unit: Unit) -> bool:
    if held.role not in MANAGING_ROLES or not held.unit.is_office:
        return False
    if not unit.path.startswith(held.unit.path):
        return False
    higher = ROLE_RANK[held.role] > ROLE_RANK[role]
    return higher or (held.role == role and held.unit_id != unit.pk)


def can_grant(user: Any, role: str, unit: Unit) -> bool:
    """Whether `user` may grant `role` on `unit`, and so reset or revoke it: only with a managing
    role (office head, administrator) over the unit that outranks it. Nobody acts on a role at
    or above their own, so an office head never touches an administrator."""
    if role not in roles_of_unit(unit):
        return False
    return any(_outranks(m, role, unit) for m in memberships(user))


def can_act_on_account(user: Any, target_memberships: list[Membership]) -> bool:
    """Resetting a user's password acts on every role they hold: each must be grantable by `user`,
    and nobody resets their own."""
    if not target_memberships or any(m.user_id == user.pk for m in target_memberships):
        return False
    return all(can_grant(user, m.role, m.unit) for m in target_memberships)


def grantable_roles(user: Any, office: Unit) -> list[str]:
    """The roles `user` may grant somewhere in `office`'s subtree (the choices of the form)."""
    below = office.path + "0/"  # a unit strictly below the office, for the rule's sake
    places = [office, Unit(kind=Unit.Kind.INSTITUTION, path=below)]
    if office.kind not in (Unit.Kind.DISTRICT, Unit.Kind.COMMUNE):  # no offices below them
        places.append(Unit(kind=Unit.Kind.DISTRICT, path=below))
    return [role for role in ROLE_RANK if any(can_grant(user, role, u) for u in places)]


# What each action on a unit's own records (IT inventory, plan, figures) needs, as above.
UNIT_ACTIONS: dict[str, tuple[set[str], str]] = {
    "records.view": (INSTITUTION_ROLES, "own"),
    "records.edit": (INSTITUTION_ROLES, "own"),
    # A plan is every unit's own (S1): a school's staff write the school's, an office's the
    # office's; offices above read it.
    "plan.view": (INSTITUTION_ROLES | OFFICE_ROLES, "own"),
    "plan.edit": (INSTITUTION_ROLES | OFFICE_ROLES, "own"),
    # An office head extends the inventory catalogue for the subtree of their own office.
    "catalogue.edit": ({Role.OFFICE_HEAD, Role.ADMIN}, "own"),
    # Office staff read the records of their subtree consolidated (their own office or above it).
    "records.consolidate": (OFFICE_ROLES | {Role.ADMIN}, "own"),
}


def can_on_unit(user: Any, action: str, unit: Unit) -> bool:
    """Whether `user` may do `action` on a unit's own records; offices above may read them."""
    needed_roles, where = UNIT_ACTIONS[action]
    held = roles_for(user, unit)
    if any(f"{role}:{where}" in held for role in needed_roles):
        return True
    if action in ("records.view", "records.consolidate", "plan.view"):
        above = OFFICE_ROLES | {Role.ADMIN}
        return any(f"{role}:above" in held for role in above) or f"{Role.ADMIN}:own" in held
    return False


def get_unit_for_action(user: Any, pk: int, action: str) -> Unit:
    """The unit if the user may do `action` on its records; Http404 otherwise."""
    unit = Unit.objects.filter(pk=pk, is_active=True).first()
    if unit is None or not can_on_unit(user, action, unit):
        raise Http404
    return unit


# -- frameworks (indices): national ones are the national role's, a local one its office's ----

FRAMEWORK_STAFF = {f"{r}:own" for r in OFFICE_ROLES} | {f"{Role.ADMIN}:own", f"{Role.ADMIN}:above"}
FRAMEWORK_LEADS = {f"{Role.OFFICE_HEAD}:own", f"{Role.ADMIN}:own", f"{Role.ADMIN}:above"}


def can_manage_framework(user: Any, owner: Unit | None) -> bool:
    """Create and edit drafts: the national role for national indices; for an office's own index,
    its staff (or an administrator at or above it)."""
    if owner is None:
        return is_national_admin(user)
    return owner.is_office and bool(roles_for(user, owner) & FRAMEWORK_STAFF)


def can_publish_framework(user: Any, owner: Unit | None) -> bool:
    """Publish or retire: the national role for national indices; the office head for its own."""
    if owner is None:
        return is_national_admin(user)
    return owner.is_office and bool(roles_for(user, owner) & FRAMEWORK_LEADS)


def related_units_q(user: Any, prefix: str) -> Q:
    """Units at, above or below the user's units (who is assessed on, or consolidates, an index)."""
    query = Q(pk__in=[])
    for m in memberships(user):
        query |= Q(**{f"{prefix}path__startswith": m.unit.path})
        query |= Q(**{f"{prefix}pk__in": m.unit.ancestor_ids})
    return query


def related_units(user: Any) -> QuerySet[Unit]:
    """Units at, above or below the user's own: whose campaigns and indices concern them."""
    return Unit.objects.filter(related_units_q(user, ""))


def framework_owner_choices(user: Any, *, national: bool = True) -> list[Unit | None]:
    """Where the user may start an index: None (national: the national role) and their offices."""
    out: list[Unit | None] = [None] if national and is_national_admin(user) else []
    for m in memberships(user):
        staff = m.role in OFFICE_ROLES or m.role == Role.ADMIN
        if m.unit.is_office and staff and m.unit not in out:
            out.append(m.unit)
    return out


def can_rescore_campaign(user: Any, campaign: Any) -> bool:
    """Moving a campaign to another index version: the head of the office that owns it."""
    return leads_office(user, campaign.owner)
