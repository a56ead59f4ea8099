# ruff: noqa: E501, S608  -- data tables; SQL names are fixed identifiers.
"""A deterministic synthetic catalogue for benchmarks: N exporters, about 3 products each.

Bulk inserts with the search triggers off, then one full-text rebuild (on SQLite merged into
one segment): 100,000 exporters and 300,000 products load in minutes, not hours. Same N and
seed, same catalogue.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Table, func, insert, inspect, select, text
from sqlmodel import SQLModel

from services.common.db import make_sync_engine
from services.registry import search
from services.registry import text as txt
from services.registry.demo import make_ice
from services.registry.models import (
    ApplicationStatus,
    Exporter,
    ExporterMarket,
    ExporterSector,
    Label,
    LabelApplication,
    LabelEvent,
    LabelStatus,
    Product,
    Region,
    Sector,
)

CITIES = {
    "MA-01": ["Tanger", "Tétouan", "Al Hoceïma", "Larache"], "MA-02": ["Oujda", "Nador", "Berkane"],
    "MA-03": ["Fès", "Meknès", "Sefrou", "Taza"], "MA-04": ["Rabat", "Salé", "Kénitra", "Témara"],
    "MA-05": ["Béni Mellal", "Khénifra", "Azilal"], "MA-06": ["Casablanca", "Mohammedia", "El Jadida", "Settat"],
    "MA-07": ["Marrakech", "Safi", "Essaouira"], "MA-08": ["Ouarzazate", "Errachidia", "Zagora"],
    "MA-09": ["Agadir", "Taroudant", "Tiznit"], "MA-10": ["Guelmim", "Tan-Tan", "Sidi Ifni"],
    "MA-11": ["Laâyoune", "Boujdour"], "MA-12": ["Dakhla"],
}  # fmt: skip
PREFIXES = [
    "Atlas",
    "Sahara",
    "Rif",
    "Souss",
    "Oasis",
    "Andalous",
    "Zellige",
    "Argane",
    "Médina",
    "Kasbah",
    "Nour",
    "Amal",
    "Baraka",
    "Yasmine",
    "Cèdre",
    "Safran",
    "Menara",
    "Tafilalet",
    "Draa",
    "Oum Rabii",
]
KINDS = [
    "Industries",
    "Export",
    "Coopérative",
    "Négoce",
    "Manufacture",
    "Atelier",
    "Groupe",
    "Trading",
    "Production",
    "Distribution",
]
# (sector slug, [(product fr, product en, product ar, HS code)])
PRODUCTS = {
    "agrifood": [("Huile d'olive", "Olive oil", "زيت الزيتون", "150920"), ("Couscous", "Couscous", "كسكس", "190240"),
                 ("Confiture de figues", "Fig jam", "مربى التين", "200799"), ("Sardines en conserve", "Canned sardines", "سردين معلب", "160413")],
    "agriculture": [("Tomates", "Tomatoes", "طماطم", "070200"), ("Clémentines", "Clementines", "كليمانتين", "080521"),
                    ("Dattes", "Dates", "تمور", "080410"), ("Myrtilles", "Blueberries", "توت أزرق", "081040")],
    "textile": [("Chemise en coton", "Cotton shirt", "قميص قطني", "620520"), ("Jean", "Jeans", "جينز", "620342"),
                ("Linge de maison", "Household linen", "مفروشات", "630291")],
    "automotive": [("Faisceau de câblage", "Wiring harness", "حزمة أسلاك", "854430"), ("Siège automobile", "Car seat", "مقعد سيارة", "940120")],
    "aeronautics": [("Pièce composite", "Composite part", "قطعة مركبة", "880730")],
    "crafts": [("Tapis berbère", "Berber rug", "زربية أمازيغية", "570110"), ("Tajine en céramique", "Ceramic tagine", "طاجين خزفي", "691200"),
               ("Babouches", "Babouches", "بلغة", "640399")],
    "cosmetics": [("Huile d'argan", "Argan oil", "زيت الأركان", "151590"), ("Savon noir", "Black soap", "صابون بلدي", "340119")],
    "fisheries": [("Poulpe congelé", "Frozen octopus", "أخطبوط مجمد", "030752"), ("Huîtres", "Oysters", "محار", "030711")],
    "pharma": [("Comprimés génériques", "Generic tablets", "أقراص جنيسة", "300490")],
    "chemicals": [("Engrais phosphaté", "Phosphate fertiliser", "سماد فوسفاطي", "310520")],
    "digital": [("Logiciel de gestion", "Management software", "برنامج تدبير", "852349")],
    "building-materials": [("Carreaux de ciment", "Cement tiles", "زليج إسمنتي", "681099")],
}  # fmt: skip
SIZES = ["micro", "small", "small", "medium", "medium", "large"]
MARKETS = [
    "FR",
    "ES",
    "DE",
    "IT",
    "BE",
    "NL",
    "GB",
    "US",
    "CA",
    "SN",
    "CI",
    "AE",
    "SA",
    "QA",
    "JP",
    "CN",
    "RU",
    "MR",
]
CHUNK = 5_000


def _table(model: type[SQLModel]) -> Table:
    table = inspect(model).local_table
    assert isinstance(table, Table), model
    return table


def _bulk(conn: Connection, model: type[SQLModel], rows: list[dict[str, object]]) -> None:
    table = _table(model)
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(table), rows[start : start + CHUNK])


def seed_synthetic(url: str, exporters: int, *, seed: int = 2035, echo: bool = True) -> tuple[int, int]:
    """Fill an empty, migrated registry with ``exporters`` synthetic exporters; returns (exporters, products)."""
    started = time.monotonic()
    rng = random.Random(seed)
    engine = make_sync_engine(url)
    dialect = engine.dialect.name
    now = datetime.now(UTC)
    today = date.today()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(_table(Exporter))).scalar_one():
            raise RuntimeError("the registry already holds exporters; seed an empty database")
        regions = {r.code: r for r in conn.execute(select(_table(Region))).all()}
        sectors = {s.slug: s for s in conn.execute(select(_table(Sector))).all()}
        sector_slugs = [s for s in PRODUCTS if s in sectors]
        triggers: list[str] = []
        if dialect == "sqlite":
            triggers = [
                r[1]
                for r in conn.execute(
                    text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fts_%'")
                )
            ]
            for name in [
                r[0]
                for r in conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fts_%'")
                )
            ]:
                conn.execute(text(f'DROP TRIGGER "{name}"'))
        else:
            for table in ("exporter", "product"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER fts_{table}_terms"))
        exporter_rows: list[dict[str, object]] = []
        product_rows: list[dict[str, object]] = []
        link_rows: list[dict[str, object]] = []
        market_rows: list[dict[str, object]] = []
        app_rows: list[dict[str, object]] = []
        label_rows: list[dict[str, object]] = []
        product_id = 0
        for eid in range(1, exporters + 1):
            region = rng.choice(list(regions))
            city = rng.choice(CITIES[region])
            main = rng.choice(sector_slugs)
            chosen = [main] + ([rng.choice(sector_slugs)] if rng.random() < 0.3 else [])
            chosen = list(dict.fromkeys(chosen))
            trade = f"{rng.choice(PREFIXES)} {rng.choice(KINDS)} {eid}"
            description = f"{trade} : producteur de {sectors[main].name_fr.lower()} à {city}, exportateur depuis {rng.randint(1970, 2024)}."
            labelled = rng.random() < 0.05
            valid_until = today + timedelta(days=rng.randint(-200, 900)) if labelled else None
            exp_products: list[dict[str, object]] = []
            product_search_names: list[str] = []
            for _ in range(rng.choice((2, 3, 3, 4))):
                product_id += 1
                fr, en, ar, hs = rng.choice(PRODUCTS[main])
                name_fr = (
                    f"{fr} {rng.choice(['premium', 'bio', 'traditionnel', 'export', 'artisanal', 'extra'])}"
                )
                value_added = float(rng.randint(20, 100))
                if labelled and not exp_products:
                    value_added = max(40.0, value_added)
                description_fr = f"{name_fr} de {city}, fabriqué par {trade}."
                product: dict[str, object] = {
                    "id": product_id, "exporter_id": eid, "name_fr": name_fr, "name_en": en, "name_ar": ar,
                    "description_fr": description_fr, "description_en": f"{en} from {city}.",
                    "description_ar": ar, "hs_code": hs, "hs_chapter": hs[:2],
                    "value_added_pct": value_added, "capacity": f"{rng.randint(1, 500)} t / an",
                    "image_url": None, "label_status": "none", "label_valid_until": None,
                    "created_at": now, "updated_at": now,
                }  # fmt: skip
                if labelled and not exp_products:
                    product["label_status"], product["label_valid_until"] = LabelStatus.active, valid_until
                    app_rows.append(
                        {
                            "id": product_id,
                            "exporter_id": eid,
                            "product_id": product_id,
                            "status": ApplicationStatus.granted,
                            "note": "",
                            "submitted_by": "synthetic",
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
                    label_rows.append({"id": product_id, "certificate_number": f"MIM-SYN-{product_id:08d}",
                                       "application_id": product_id, "exporter_id": eid, "product_id": product_id,
                                       "status": LabelStatus.active, "valid_from": (valid_until or today) - timedelta(days=1000),
                                       "valid_until": valid_until, "created_at": now, "updated_at": now,
                                       # What the grant rested on (labels.GRANT_FACTS).
                                       "granted_product_name_fr": name_fr, "granted_product_name_en": en,
                                       "granted_product_name_ar": ar, "granted_hs_code": hs,
                                       "granted_value_added_pct": value_added,
                                       "granted_exporter_ice": make_ice(50_000_000 + eid),
                                       "granted_exporter_legal_name": f"{trade} SARL",
                                       "granted_exporter_trade_name": trade, "granted_exporter_region": region})  # fmt: skip
                product["search_name"] = search_name = txt.document(name_fr, en, ar)
                product["sort_key"] = txt.sort_text(name_fr)[:200]
                product["search_text"] = txt.document(description_fr, en, hs, trade, city)
                exp_products.append(product)
                product_search_names.append(search_name)
            product_rows += exp_products
            r = regions[region]
            names = [n for s in chosen for n in (sectors[s].name_fr, sectors[s].name_en, sectors[s].name_ar)]
            exporter_rows.append({
                "id": eid, "ice": make_ice(50_000_000 + eid), "slug": f"{txt.slugify(trade)}", "legal_name": f"{trade} SARL",
                "trade_name": trade, "description_fr": description, "description_en": f"{trade}, exporter from {city}.",
                "description_ar": "", "region_code": region, "city": city, "size_band": rng.choice(SIZES),
                "founding_year": rng.randint(1960, 2024), "employee_band": None, "website": None, "email": None,
                "phone": None, "verified": rng.random() < 0.6,
                "label_status": LabelStatus.active if labelled else "none", "label_valid_until": valid_until,
                "sort_key": txt.sort_text(trade)[:200], "search_name": txt.document(trade, f"{trade} SARL"),
                "search_text": txt.document(city, r.name_fr, r.name_en, r.name_ar, *names, description,
                                            *product_search_names),
                "created_at": now, "updated_at": now,
            })  # fmt: skip
            link_rows += [{"exporter_id": eid, "sector_id": sectors[s].id} for s in chosen]
            markets = rng.sample(MARKETS, rng.randint(1, 5))
            market_rows += [{"exporter_id": eid, "country_code": c} for c in markets]
            exporter_rows[-1]["search_tags"] = search.filter_tags(
                region_code=region, sector_ids=[sectors[s].id for s in chosen], markets=markets
            )
        if echo:
            print(f"generated in {time.monotonic() - started:.1f}s; inserting")
        _bulk(conn, Exporter, exporter_rows)
        _bulk(conn, Product, product_rows)
        _bulk(conn, ExporterSector, link_rows)
        _bulk(conn, ExporterMarket, market_rows)
        _bulk(conn, LabelApplication, app_rows)
        _bulk(conn, Label, label_rows)
        _bulk(conn, LabelEvent, [
            {"application_id": a["id"], "label_id": a["id"], "subject": "label", "from_status": None,
             "to_status": LabelStatus.active, "actor_sub": "synthetic", "actor_role": "organiser", "reason": "", "at": now}
            for a in app_rows
        ])  # fmt: skip
        if echo:
            print(f"inserted in {time.monotonic() - started:.1f}s; indexing")
        if dialect == "sqlite":
            for table in ("exporter", "product"):
                conn.execute(text(f"INSERT INTO fts_{table}(fts_{table}) VALUES ('rebuild')"))
                # The rebuild leaves the index in many segments (14 for 100k exporters, one each
                # time its in-memory table filled), every one read by each lookup: merged into
                # one (2 s at 100k), a lookup of a word absent from the index reads one.
                conn.execute(text(f"INSERT INTO fts_{table}(fts_{table}) VALUES ('optimize')"))
            for statement in triggers:
                conn.execute(text(statement))
            conn.execute(text("ANALYZE"))
        else:
            for table in ("exporter", "product"):
                conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER fts_{table}_terms"))
                conn.execute(
                    text(
                        "INSERT INTO fts_term(term) SELECT DISTINCT w FROM (SELECT regexp_split_to_table("
                        f"search_name || ' ' || search_text, '\\s+') AS w FROM {table}) t "
                        "WHERE length(w) >= 4 ON CONFLICT DO NOTHING"
                    )
                )
            for table in ("exporter", "product", "label_application", "label", "label_event"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    if dialect == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    if echo:
        print(f"done in {time.monotonic() - started:.1f}s")
    return exporters, product_id
