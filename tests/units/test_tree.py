import datetime as dt

import pytest

from chiso.assessments.models import Assessment
from chiso.units import policy
from chiso.units.models import Unit
from chiso.units.services import UnitError, merge_units, move_unit


def test_paths_follow_the_tree(world):
    school, phong, so = world.units["school"], world.units["phong_a"], world.units["so_a"]
    assert school.path == f"{so.path}{phong.pk}/{school.pk}/"
    assert school.is_within(so) and not school.is_within(world.units["so_b"])
    assert school.depth == 3


def test_moving_a_phong_moves_its_schools_and_keeps_their_results(world):
    phong, so_b = world.units["phong_a"], world.units["so_b"]
    move_unit(phong, so_b)
    school = Unit.objects.get(pk=world.units["school"].pk)
    assert school.path.startswith(so_b.path)
    assert school.depth == 3
    assert Assessment.objects.filter(unit=school).count() == 1
    assert school in Unit.objects.filter(path__startswith=so_b.path)


def test_a_unit_cannot_move_under_itself(world):
    with pytest.raises(UnitError):
        move_unit(world.units["so_a"], world.units["phong_a"])


def test_merging_provinces_moves_children_closes_the_old_one_and_loses_no_result(world):
    before = Assessment.objects.count()
    merge_units(world.units["so_b"], world.units["so_a"], on=dt.date(2025, 7, 1))
    so_b = Unit.objects.get(pk=world.units["so_b"].pk)
    assert not so_b.is_active and so_b.merged_into_id == world.units["so_a"].pk
    other = Unit.objects.get(pk=world.units["other"].pk)
    assert other.path.startswith(world.units["so_a"].path)
    assert Assessment.objects.count() == before
    assert Assessment.objects.filter(unit=other).count() == 1


def test_after_a_merge_the_new_province_sees_the_merged_schools(world):
    merge_units(world.units["so_b"], world.units["so_a"], on=dt.date(2025, 7, 1))
    so_head = world.users["so_head"]
    so_head.__dict__.pop("_chiso_memberships", None)
    assert policy.visible_units(so_head).filter(pk=world.units["other"].pk).exists()


def test_schools_may_sit_directly_under_the_so(world):
    direct = world.units["direct"]
    assert direct.parent == world.units["so_a"]
    assert policy.can(world.users["so_head"], "recognise", world.assessments["direct"])
    assert not policy.can(world.users["office_head"], "review", world.assessments["direct"])


def test_the_tree_order_puts_brothers_and_sisters_in_the_order_they_were_created():
    from chiso.units.models import Unit, tree_order

    paths = ["/1/10000/", "/1/9999/", "/1/9999/10001/", "/1/", "/2/"]
    units = [Unit(path=p) for p in paths]
    assert sorted(paths) != ["/1/", "/1/9999/", "/1/9999/10001/", "/1/10000/", "/2/"]  # text
    assert [u.path for u in sorted(units, key=tree_order)] == [
        "/1/",
        "/1/9999/",
        "/1/9999/10001/",
        "/1/10000/",
        "/2/",
    ]


def test_lists_of_an_office_keep_the_tree_order_once_ids_pass_a_power_of_ten(world):
    """The roles under an office and the institutions its rollups list are in tree order with
    the ids as numbers (text order puts unit 10000 before unit 9999)."""
    from chiso.assessments import rollups as assessment_rollups
    from chiso.units import accounts
    from chiso.units.models import Membership, Unit

    office = world.units["phong_b"]
    for pk, name in ((10000, "Trường MN Tân Thành"), (9999, "Trường MN Đa Phúc")):
        unit = Unit.objects.create(
            pk=pk, name=name, kind=Unit.Kind.INSTITUTION, parent=office,
            path=f"{office.path}{pk}/", depth=office.depth + 1,
        )  # fmt: skip
        Membership.objects.create(user=world.users["other_head"], unit=unit, role="member")
    manager = world.users["other_office_head"]
    roles = [m.unit.name for m in accounts.memberships_under(office, manager)]
    assert roles.index("Trường MN Đa Phúc") < roles.index("Trường MN Tân Thành")
    listed = [m.name for m in assessment_rollups.members(office, None)]
    assert listed.index("Trường MN Đa Phúc") < listed.index("Trường MN Tân Thành")
