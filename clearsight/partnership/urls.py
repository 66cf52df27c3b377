from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("partnership/groups/", views.groups, name="groups"),
    path("partnership/groups/add/", views.group_add, name="group-add"),
    path("partnership/groups/<uuid:public_id>/", views.group, name="group"),
    path("partnership/groups/<uuid:public_id>/change/", views.group_edit, name="group-edit"),
    path("partnership/groups/<uuid:public_id>/contacts/<uuid:organisation_id>/", views.member_contact, name="member-contact"),
    path("partnership/groups/<uuid:public_id>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("partnership/groups/<uuid:public_id>/invitations/<uuid:organisation_id>/", views.invitation_answer, name="invitation-answer"),
    path("partnership/agreements/", views.agreements, name="agreements"),
    path("partnership/agreements/add/", views.agreement_add, name="agreement-add"),
    path("partnership/agreements/<uuid:public_id>/", views.agreement, name="agreement"),
    path("partnership/agreements/<uuid:public_id>/change/", views.agreement_edit, name="agreement-edit"),
    path("partnership/agreements/<uuid:public_id>/accept/", views.agreement_accept, name="agreement-accept"),
    path("partnership/agreements/<uuid:public_id>/suspend/", views.agreement_suspend, name="agreement-suspend"),
    path("partnership/agreements/<uuid:public_id>/lift-suspension/", views.agreement_lift, name="agreement-lift"),
    path("partnership/agreements/<uuid:public_id>/end/", views.agreement_end, name="agreement-end"),
    path("partnership/meetings/<uuid:public_id>/", views.meeting, name="meeting"),
    path("partnership/meetings/<uuid:public_id>/change/", views.meeting_edit, name="meeting-edit"),
    path("partnership/meetings/<uuid:public_id>/open-items/", views.meeting_open_items, name="meeting-open-items"),
    path("partnership/meetings/<uuid:public_id>/actions/add/", views.action_add, name="action-add"),
    path("partnership/meetings/<uuid:public_id>/send-actions/", views.send_actions, name="send-actions"),
    path("partnership/actions/", views.my_actions, name="my-actions"),
    path("partnership/actions/<uuid:public_id>/", views.action_edit, name="action-edit"),
]
