from django.utils.functional import SimpleLazyObject

from .models import Notification

# The bell shows "99+" past this: counting stops there, so the query reads at most this many
# entries of a small partial index (notification_unread_idx), whatever a person has piled up.
UNREAD_SHOWN = 99


def unread_notifications(request):
    """`unread_notifications`: the signed-in user's unread count, capped at UNREAD_SHOWN + 1.

    Lazy: the one query runs only when a page's nav shows the bell (full pages for a signed-in
    user), never for htmx fragments or anonymous visitors.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        unread = Notification.objects.for_user(user).unread().order_by()
        return unread[: UNREAD_SHOWN + 1].count()

    return {"unread_notifications": SimpleLazyObject(count), "unread_shown": UNREAD_SHOWN}
