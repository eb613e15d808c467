import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from clinic.models import ClinicProfile
from tests.factories import UserFactory, image_upload


def test_clinic_profile_list_opens_the_single_profile(admin_client, clinic_profile):
    response = admin_client.get("/admin/clinic/clinicprofile/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/clinic/clinicprofile/1/change/"


def test_second_clinic_profile_cannot_be_added(admin_client, clinic_profile):
    assert admin_client.get("/admin/clinic/clinicprofile/add/").status_code == 403


def test_database_keeps_a_single_clinic_profile(db, clinic_profile):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicProfile.objects.bulk_create(
            [ClinicProfile(id=2, name="Second", postcode="G1", phone="1", email="a@b.c")]
        )


def test_practitioner_photo_upload_rejects_non_images_with_a_message(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/admin/clinic/practitioner/add/",
        {
            "name": "Dr New",
            "slug": "dr-new",
            "role": "Doctor",
            "regulator": "GMC",
            "registration_number": "7000999",
            "photo": SimpleUploadedFile("me.jpg", b"<?php echo 1; ?>"),
            "is_active": "on",
            "order": "0",
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_practitioner_added_in_admin_with_photo(admin_client):
    response = admin_client.post(
        "/admin/clinic/practitioner/add/",
        {
            "name": "Dr New",
            "slug": "dr-new",
            "role": "Doctor",
            "regulator": "GMC",
            "registration_number": "7000999",
            "photo": image_upload("portrait.png", image_format="PNG"),
            "is_active": "on",
            "order": "0",
        },
    )
    assert response.status_code == 302
    assert admin_client.get("/practitioners/dr-new/").status_code == 200


def test_staff_groups_exist_with_permissions(db):
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="change_page").exists()
    assert not editors.permissions.filter(codename="change_user").exists()
    assert Group.objects.filter(name="Moderators").exists()


def test_editor_can_edit_pages_but_not_users(client, db):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/clinic/page/add/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_create_staff_account_prints_a_generated_password_once(db, capsys):
    call_command("create_staff_account", "--username", "owner")
    first = capsys.readouterr().out
    assert "Created staff account 'owner' with password: " in first
    call_command("create_staff_account", "--username", "owner")
    assert "already exists; its password is unchanged" in capsys.readouterr().out
