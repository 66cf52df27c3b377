from django.urls import path

from . import views

app_name = "supply"

urlpatterns = [
    path("suppliers", views.suppliers, name="suppliers"),
    path("suppliers/new", views.supplier_add, name="supplier-add"),
    path("suppliers/<uuid:public_id>", views.supplier, name="supplier"),
    path("suppliers/<uuid:public_id>/edit", views.supplier_edit, name="supplier-edit"),
    path("suppliers/<uuid:public_id>/<str:kind>/new", views.item_edit, name="item-add"),
    path("suppliers/<uuid:public_id>/<str:kind>/<int:item_id>", views.item_edit, name="item-edit"),
    path("suppliers/<uuid:public_id>/<str:kind>/<int:item_id>/remove", views.item_remove, name="item-remove"),
    path("contracts", views.contracts, name="contracts"),
    path("contracts/new", views.contract_add, name="contract-add"),
    path("contracts/import", views.contract_import, name="contract-import"),
    path("contracts/<uuid:public_id>", views.contract, name="contract"),
    path("contracts/<uuid:public_id>/edit", views.contract_edit, name="contract-edit"),
    path("concerns/<uuid:public_id>/supplier", views.concern_supplier, name="concern-supplier"),
    path("concerns/<uuid:public_id>/supplier/<int:link_id>/remove", views.concern_supplier_remove,
         name="concern-supplier-remove"),
]
