"""Who may use a desk: the signed-in account and its role, as a FastAPI dependency.

The session cookie (signed, HttpOnly, SameSite=Lax) keeps the id of a website
session held by the gateway (no bearer token): signing out ends it at the gateway,
so a copy of the cookie stops working too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from frontend.gateway import SESSION_CREDENTIAL, ApiError
from frontend.i18n import gettext_ as _
from frontend.session import get_session

STAFF = ("admin", "organiser")
EXPORTER = "exporter"


class SignInRequired(Exception):
    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@dataclass(frozen=True)
class DeskUser:
    """The signed-in account as a desk page needs it."""

    role: str
    token: str
    """The credential for the gateway: the website session the gateway holds."""
    exporter_id: int | None = None

    @property
    def is_exporter(self) -> bool:
        return self.role == EXPORTER


def signed_in_user(request: Request, roles: tuple[str, ...]) -> DeskUser:
    """The visitor's account if its role is one of `roles`.

    Not signed in: `SignInRequired` (the site answers with the sign-in page). Signed in
    with another role: a 403 page. The cookie keeps only the gateway's session id, so
    signing out (or an admin deactivating the account) ends it for every copy of the cookie.
    """
    session = get_session(request)
    web_session = session.get("web_session")
    if not web_session:
        raise SignInRequired(request.url.path)
    role = session.get("role")
    if role not in roles:
        raise ApiError(403, {"detail": _("You need to sign in with an account that may see this page.")})
    exporter_id = session.get("exporter_id")
    return DeskUser(
        role=str(role),
        token=f"{SESSION_CREDENTIAL}{web_session}",
        exporter_id=int(exporter_id) if exporter_id is not None else None,
    )


def require_role(*roles: str) -> Callable[[Request], Awaitable[DeskUser]]:
    """A dependency: the signed-in `DeskUser` with one of `roles`, else sign-in or 403."""

    async def dependency(request: Request) -> DeskUser:
        return signed_in_user(request, roles)

    return dependency


Staff = Annotated[DeskUser, Depends(require_role(*STAFF))]
ExporterAccount = Annotated[DeskUser, Depends(require_role(EXPORTER))]
AnyAccount = Annotated[DeskUser, Depends(require_role(*STAFF, EXPORTER))]
