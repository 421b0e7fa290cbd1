"""What the form shows from other rows (evidence, the inventory's answers) follows every change
to them at the next request, though sections and the inventory note are kept in the cache."""

from chiso.evidence.models import Evidence
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from tests.conftest import PASSWORD


def form(client, assessment):
    assert client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{assessment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_evidence_row_changed_elsewhere_shows_changed_in_its_section(client, world):
    # Sections are keyed by every field of their rows: no namespace, no commit needed.
    a = world.assessments["school"]
    e = Evidence.objects.create(
        assessment=a, target_id="1.4", kind="link", url="https://a.edu.vn/", title="Kho học liệu"
    )
    assert "Kho học liệu" in form(client, a)
    e.title = "Kho học liệu số của trường"
    e.save()
    assert "Kho học liệu số của trường" in form(client, a)
    e.delete()
    assert "Kho học liệu số" not in form(client, a)


def test_the_inventory_note_follows_the_inventory(
    client, world, django_capture_on_commit_callbacks
):
    a = world.assessments["school"]
    entry = CatalogueEntry.objects.filter(fact="studio_room").first()
    assert entry is not None, "the catalogue names the studio room fact"
    assert "Lấy từ hiện trạng CNTT" not in form(client, a)
    with django_capture_on_commit_callbacks(execute=True):
        inventory = Inventory.objects.create(unit=a.unit, school_year=a.campaign.school_year)
        Line.objects.create(inventory=inventory, entry=entry, available=True)
    html = form(client, a)
    assert "Khác với hiện trạng CNTT" in html  # the assessment has no answer yet
    with django_capture_on_commit_callbacks(execute=True):
        inventory.delete()
    assert "hiện trạng CNTT:" not in form(client, a)
