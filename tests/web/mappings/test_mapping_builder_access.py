"""Only the HR admin may open the builder, save, download or delete profiles; every other role gets
403 from the server, whatever the page shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.mappings.models import MappingProfile

OTHERS = [Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.WORKS_COUNCIL, "nobody"]


@pytest.fixture
def saved(db):
    return MappingProfile.objects.create(name="AFAS", toml='[tables.people]\ncolumns = { person_id = "Nr" }\n')


def _urls(saved):
    return [("get", reverse("mappings:index")), ("get", reverse("mappings:download", args=[saved.pk])),
            ("post", reverse("mappings:delete", args=[saved.pk])), ("post", reverse("mappings:upload_profile")),
            ("get", reverse("mappings:build", args=["a" * 32]))]


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_refused_everywhere(org, client_as, saved, role):
    client = client_as(role)
    for method, url in _urls(saved):
        assert getattr(client, method)(url).status_code == 403, url
    assert MappingProfile.objects.filter(pk=saved.pk).exists()  # the delete did nothing


def test_anonymous_is_sent_to_login(client, saved):
    for method, url in _urls(saved):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_hr_admin_sees_the_saved_profiles_and_can_download_and_delete(org, client_as, saved):
    client = client_as(Role.HR_ADMIN)
    page = client.get(reverse("mappings:index")).content.decode()
    assert "AFAS" in page and "Mappingprofielen" in page
    download = client.get(reverse("mappings:download", args=[saved.pk]))
    assert download.content.decode() == saved.toml
    assert download["Content-Disposition"] == 'attachment; filename="afas.toml"'
    assert client.post(reverse("mappings:delete", args=[saved.pk])).status_code == 302
    assert not MappingProfile.objects.exists()


def test_an_unknown_or_foreign_upload_token_is_not_found(org, client_as, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = client_as(Role.HR_ADMIN)
    response = admin.post(reverse("mappings:index"), {"file": SimpleUploadedFile("x.csv", b"a;b\n1;2\n")})
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert admin.get(reverse("mappings:build", args=["nope"])).status_code == 404
    other = users[Role.HR_ADMIN].__class__.objects.create_user("second-admin")
    from levensfase.web.accounts.models import Profile

    Profile.objects.create(user=other, role=Role.HR_ADMIN)
    admin.force_login(other)
    assert admin.get(reverse("mappings:build", args=[token])).status_code == 404  # another admin's upload
