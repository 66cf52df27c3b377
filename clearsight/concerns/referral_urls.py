"""NRM referrals and Duty to Notify reports. Included in the "concerns" namespace; records are
named by their public id only."""

from django.urls import path

from .views import referral

urlpatterns = [
    path("referrals/<uuid:public_id>", referral.task_list, name="referral"),
    path("referrals/<uuid:public_id>/page/<path:step>", referral.question_page, name="referral-page"),
    path("referrals/<uuid:public_id>/ready", referral.mark_ready, name="referral-mark-ready"),
    path("referrals/<uuid:public_id>/nrm-ready", referral.ready_view, name="referral-ready"),
    path("referrals/<uuid:public_id>/nrm-ready.pdf", referral.ready_pdf, name="referral-pdf"),
    path("referrals/<uuid:public_id>/submitted", referral.submitted, name="referral-submitted"),
]
