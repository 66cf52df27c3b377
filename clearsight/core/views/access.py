"""View helpers for access control. Views stay thin: they ask these, never roles directly."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache


def requires(*capabilities):
    """The view needs a signed-in user with one of ``capabilities`` (core/roles.py); anyone else gets
    the 403 page. Which organisations' records they then see still follows the roles they hold in
    each (the models' scoping). Pages are never cached: they may show personal data."""

    def decorator(view):
        @never_cache
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(request.user.can(capability) for capability in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capabilities[0] if len(capabilities) == 1 else capabilities
        return wrapped

    return decorator


# The name the contexts use for it.
needs = requires
