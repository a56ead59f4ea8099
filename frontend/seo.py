"""What search engines read: canonical and hreflang links, schema.org JSON-LD, sitemap XML.

The language of a page is chosen by ``?lang=`` first, then the visitor's cookie, then French
(:class:`frontend.session.SiteMiddleware`). So the URL that *really* serves a language, whatever
cookie the visitor holds, is the one with ``?lang=xx``: each language's canonical and hreflang
alternate carry it, and ``x-default`` is the bare URL (French for a crawler, which keeps no
cookie; the visitor's own language for a person who has chosen one).

Every URL is absolute on the public address setting (``MIM_PUBLIC_URL``), never the host the
request came in on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup
from starlette.requests import Request

from frontend import i18n

SCHEMA_ORG = "https://schema.org"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# The sitemap protocol's limit on <url> (and <sitemap>) entries per file.
SITEMAP_MAX_URLS = 50_000
# Paths a search engine has no business in (robots.txt, and `noindex` on the pages).
PRIVATE_PREFIXES = ("/desk", "/signin", "/signout", "/rsvps")


@dataclass(frozen=True)
class HeadLinks:
    canonical: str
    alternates: list[tuple[str, str]]  # (hreflang, absolute URL), x-default last
    indexable: bool


def language_url(public_url: str, path: str, query: Sequence[tuple[str, str]], lang: str | None) -> str:
    """``path`` on the public address, with its query, in ``lang`` (None: the bare x-default URL)."""
    pairs = [(k, v) for k, v in query if k != "lang"]
    if lang is not None:
        pairs.append(("lang", lang))
    return (
        public_url.rstrip("/")
        + quote(path, safe="/-._~%:@!$'()*+,;=")
        + (f"?{urlencode(pairs)}" if pairs else "")
    )


def head_links(public_url: str, path: str, query: Sequence[tuple[str, str]], lang: str) -> HeadLinks:
    """Each URL names itself canonical: ``?lang=xx`` pages their language's URL, the bare URL
    (whose language depends on the visitor) itself, the x-default of the set."""
    alternates = [(code, language_url(public_url, path, query, code)) for code in i18n.LANGUAGES]
    alternates.append(("x-default", language_url(public_url, path, query, None)))
    asked = any(k == "lang" and i18n.normalize_language(v) for k, v in query)
    return HeadLinks(
        canonical=language_url(public_url, path, query, lang if asked else None),
        alternates=alternates,
        indexable=not is_private(path),
    )


def is_private(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in PRIVATE_PREFIXES)


# --- JSON-LD ---------------------------------------------------------------------------------

# Inside <script>, "</script" or "<!--" would end or change the element: the JSON keeps
# every <, > and & as a \u escape (still the same JSON value), and the two line separators
# some parsers take for line ends.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_ld_script(data: Mapping[str, Any]) -> Markup:
    """A ``<script type="application/ld+json">`` element, safe to place in the page as is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))  # noqa: S704


def _absolute(public_url: str, url: str | None) -> str | None:
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    return public_url.rstrip("/") + "/" + url.lstrip("/")


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def organization(exporter: Any, public_url: str, lang: str) -> dict[str, Any]:
    """schema.org ``Organization`` of an exporter's profile (an ExporterPublic)."""
    url = language_url(public_url, f"/exporters/{exporter.slug}", (), lang)
    region = getattr(exporter, "region", None)
    region_name = i18n.localized(region.name, lang) if region is not None else None
    website = getattr(exporter, "website", None)
    return _drop_empty(
        {
            "@context": SCHEMA_ORG,
            "@type": "Organization",
            "@id": language_url(public_url, f"/exporters/{exporter.slug}", (), None) + "#organization",
            "name": exporter.trade_name,
            "legalName": getattr(exporter, "legal_name", None),
            "url": url,
            "description": i18n.localized(getattr(exporter, "description", None), lang) or None,
            "logo": _absolute(public_url, getattr(exporter, "logo_url", None)),
            "foundingDate": str(exporter.founding_year) if getattr(exporter, "founding_year", None) else None,
            "address": _drop_empty(
                {
                    "@type": "PostalAddress",
                    "addressLocality": getattr(exporter, "city", None),
                    "addressRegion": region_name,
                    "addressCountry": "MA",
                }
            ),
            "sameAs": [website] if website else None,
        }
    )


def product(item: Any, exporter: Any, label: Any, public_url: str, lang: str) -> dict[str, Any]:
    """schema.org ``Product`` (a ProductPublic), made by the exporter's ``Organization``, with
    its Made in Morocco label as a ``Certification`` while the label is active."""
    maker = organization(exporter, public_url, lang)
    maker.pop("@context", None)
    maker_ref = _drop_empty({k: maker.get(k) for k in ("@type", "@id", "name", "url", "logo")})
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Product",
        "name": i18n.localized(item.name, lang),
        "description": i18n.localized(item.description, lang) or None,
        "url": language_url(public_url, f"/products/{item.id}", (), lang),
        "image": _absolute(public_url, getattr(item, "image_url", None)),
        "brand": {"@type": "Brand", "name": exporter.trade_name},
        "manufacturer": maker_ref,
        "countryOfOrigin": {"@type": "Country", "name": "Morocco", "identifier": "MA"},
    }
    if label is not None and getattr(label, "status", None) == "active":
        data["hasCertification"] = _drop_empty(
            {
                "@type": "Certification",
                "name": "Made in Morocco",
                "certificationIdentification": label.certificate_number,
                "certificationStatus": f"{SCHEMA_ORG}/CertificationActive",
                "expires": str(label.valid_until) if getattr(label, "valid_until", None) else None,
                "url": language_url(public_url, f"/labels/{label.certificate_number}", (), lang),
                "issuedBy": {"@type": "Organization", "name": "Club Made in Morocco", "url": public_url},
            }
        )
    return _drop_empty(data)


# --- Sitemaps --------------------------------------------------------------------------------


def items_per_sitemap(max_urls: int) -> int:
    """How many pages (items) one sitemap file lists: each is written once per language,
    and the count is a multiple of 100 (the API's largest page) when it can be."""
    per_file = max(1, min(max_urls, SITEMAP_MAX_URLS) // len(i18n.LANGUAGES))
    return per_file - per_file % 100 if per_file >= 100 else per_file


def sitemap_index(public_url: str, names: Iterable[str]) -> bytes:
    base = public_url.rstrip("/")
    rows = "".join(f"<sitemap><loc>{xml_escape(f'{base}/sitemaps/{n}.xml')}</loc></sitemap>" for n in names)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">{rows}</sitemapindex>\n'
    ).encode()


def url_set(public_url: str, paths: Iterable[str]) -> bytes:
    """A ``<urlset>``: every path once per language, each with its hreflang alternates."""
    rows: list[str] = []
    for path in paths:
        links = head_links(public_url, path, (), i18n.DEFAULT_LANGUAGE).alternates
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(href)}"/>'
            for code, href in links
        )
        for code, href in links:
            if code != "x-default":
                rows.append(f"<url><loc>{xml_escape(href)}</loc>{alternates}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">'
        + "".join(rows)
        + "</urlset>\n"
    ).encode()


def robots_txt(public_url: str) -> str:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in PRIVATE_PREFIXES)]
    return "\n".join([*lines, "", f"Sitemap: {public_url.rstrip('/')}/sitemap.xml", ""])


# --- For the page handlers: one call each ------------------------------------------------------


def _public_url(request: Request) -> str:
    return str(request.app.state.settings.public_url)


def organization_ld(request: Request, exporter: Any) -> Markup:
    return json_ld_script(organization(exporter, _public_url(request), i18n.lang()))


def product_ld(request: Request, item: Any, exporter: Any, label: Any) -> Markup:
    return json_ld_script(product(item, exporter, label, _public_url(request), i18n.lang()))
