from django.urls import path

from referrals.views import handout, lists, tracking

app_name = "referrals"

urlpatterns = [
    path("referrals/list/", lists.current, name="current"),
    path("referrals/list/add/", lists.add, name="add"),
    path("referrals/list/remove/", lists.remove, name="remove"),
    path("referrals/list/new/", lists.new_list, name="new"),
    path("referrals/lists/<int:pk>/", lists.detail, name="detail"),
    path("referrals/lists/<int:pk>/items/<int:item_pk>/", lists.item, name="item"),
    path("referrals/lists/<int:pk>/share/", lists.share, name="share"),
    path("referrals/lists/<int:pk>/share/<int:link_pk>/revoke/", lists.revoke, name="revoke"),
    path("referrals/lists/<int:pk>/sent/", lists.mark_sent, name="mark_sent"),
    path("referrals/lists/<int:pk>/handout/", handout.handout, name="handout"),
    path("referrals/lists/<int:pk>/handout.pdf", handout.handout_pdf, name="handout_pdf"),
    path("referrals/", tracking.referrals, name="referrals"),
    path("referrals/<int:pk>/status/", tracking.update, name="update"),
    # The share page: no sign-in. The access log hides the token (config.middleware).
    path("r/<str:token>/", handout.shared, name="shared"),
]
