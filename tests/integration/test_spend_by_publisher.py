"""The spend overview split by publisher (issue 16): files imported, payment lines, total, first and
last date paid and the last import for each publisher, each linking to that publisher's files; files
undone are not counted. The overview and the imports list offer an upload; a report says what next."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.spend import summary, undo

from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Paid Date", "Amount"]


def spend_file(*lines):
    return csv_bytes([HEADER, *lines])


@pytest.fixture
def files(anytown, user_with):
    run_spend_file(anytown, spend_file(["Acme Ltd", "07/04/2015", "100.00"], ["Bolt Ltd", "09/05/2015", "50.50"]),
                   name="a1.csv", publisher="Anytown Council")
    run_spend_file(anytown, spend_file(["Acme Ltd", "01/06/2016", "10.00"]), name="a2.csv", publisher="ANYTOWN council")
    run_spend_file(anytown, spend_file(["Crane Ltd", "03/03/2016", "1,000.00"]), name="f1.csv",
                   publisher="Anytown Fire Authority")
    gone = run_spend_file(anytown, spend_file(["Dray Ltd", "03/03/2014", "7.00"]), name="f0.csv",
                          publisher="Anytown Fire Authority")
    undo.undo_import(gone, user_with(Role.PROCUREMENT_OFFICER), gone.version)


def test_spend_is_split_by_publisher_however_its_name_is_written(anytown, files):
    council, fire = sorted(summary.spend_by_publisher(anytown), key=lambda entry: entry.key)
    assert (council.key, council.publisher, council.files, council.lines, council.total) == (
        "anytown council", "ANYTOWN council", 2, 3, Decimal("160.50"))
    assert (council.first_paid, council.last_paid) == (datetime.date(2015, 4, 7), datetime.date(2016, 6, 1))
    assert council.last_import is not None
    # the undone file is not counted
    assert (fire.files, fire.lines, fire.total, fire.first_paid) == (1, 1, Decimal("1000.00"), datetime.date(2016, 3, 3))
    assert [entry.key for entry in summary.spend_by_publisher(anytown)] == ["anytown fire authority", "anytown council"]


def test_the_overview_table_links_to_each_publishers_files(client, user_with, sign_in, files):
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    overview = client.get(reverse("spend:overview")).content.decode()
    assert 'id="spend-by-publisher"' in overview and "Anytown Fire Authority" in overview
    link = reverse("spend:imports") + "?publisher=anytown%20fire%20authority"
    assert link in overview
    assert reverse("spend:upload") in overview and reverse("spend:layouts") in overview
    listed = client.get(link).content.decode()
    assert "f1.csv" in listed and "f0.csv" in listed and "a1.csv" not in listed
    assert "Showing the files published by Anytown Fire Authority" in listed
    assert "a1.csv" in client.get(reverse("spend:imports")).content.decode()


def test_people_who_only_see_spend_get_no_upload_or_layouts_links(client, user_with, sign_in, files):
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    overview = client.get(reverse("spend:overview")).content.decode()
    assert "Anytown Council" in overview
    assert reverse("spend:upload") not in overview and reverse("spend:layouts") not in overview


def test_another_organisations_publishers_are_not_shown(client, user_with, sign_in, bexford):
    run_spend_file(bexford, spend_file(["Acme Ltd", "07/04/2015", "100.00"]), publisher="Bexford Borough")
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    assert b"Bexford Borough" not in client.get(reverse("spend:overview")).content
    assert b"Bexford Borough" not in client.get(reverse("spend:imports") + "?publisher=bexford+borough").content


def test_the_report_says_what_next(client, user_with, sign_in, anytown):
    spend_import = run_spend_file(anytown, spend_file(["Acme Ltd", "07/04/2015", "100.00"]))
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    report = client.get(reverse("spend:report", kwargs={"public_id": spend_import.public_id})).content.decode()
    assert "What next" in report
    for url in (reverse("spend:overview"), reverse("spend:upload")):
        assert url in report
    # A first file's one name has nothing like it to review: the report says so rather than offering an empty queue
    assert "is a new supplier with no likely match" in html.unescape(report)
    assert reverse("matching:queue") not in report
