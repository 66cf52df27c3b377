"""Demo: screen every demo organisation's suppliers, after the supply and spend demo data."""


def load():
    from clearsight.core.models import Organisation
    from clearsight.supply.api import Supplier

    from .services import screen_suppliers

    with_suppliers = Supplier.objects.values_list("organisation_id", flat=True).distinct().order_by()
    for organisation in Organisation.objects.filter(pk__in=with_suppliers):
        screen_suppliers(organisation)
