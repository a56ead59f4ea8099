"""Demo programme for `make run`: the Mornings, a Journée nationale de l'industrie, MoroccoTech.

Dates of the Mornings are laid out around today so the demo always has past and
upcoming editions. People named here are fictional.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events import clock
from services.events.models import Event, EventSeries, EventStatus, Panel, Partner, Speaker

MORNINGS_SLUG = "mornings-les-imperiales"
JNI_SLUG = "journee-nationale-industrie"
MOROCCOTECH_SLUG = "moroccotech"

# (fr, en, ar) — the first one is the founding question of the Mornings.
MORNING_THEMES: list[tuple[str, str, str]] = [
    (
        "Comment accélérer le climat des affaires autour du Made in Morocco, pour des acteurs "
        "interdépendants de métiers différents qui partagent des valeurs communes ?",
        "How can we speed up the business climate around Made in Morocco for interdependent actors "
        "of different trades who share common values?",
        "كيف نسرّع مناخ الأعمال حول صنع في المغرب لفاعلين مترابطين من مهن مختلفة يتقاسمون قيما مشتركة؟",
    ),
    (
        "Préférence nationale : que disent les Marocains du Made in Morocco ?",
        "National preference: what do Moroccans say about Made in Morocco?",
        "الأفضلية الوطنية: ماذا يقول المغاربة عن صنع في المغرب؟",
    ),
    (
        "Export : comment libérer les 15 milliards de dirhams de potentiel inexploité ?",
        "Exports: how do we unlock 15 billion dirhams of untapped potential?",
        "التصدير: كيف نحرر 15 مليار درهم من الإمكانات غير المستغلة؟",
    ),
    (
        "De 6 000 à 12 000 entreprises exportatrices d'ici 2035 : quel accompagnement ?",
        "From 6,000 to 12,000 exporting companies by 2035: what support do they need?",
        "من 6000 إلى 12000 مقاولة مصدرة في أفق 2035: أي مواكبة؟",
    ),
    (
        "Nation branding : raconter l'industrie marocaine au monde",
        "Nation branding: telling the world about Moroccan industry",
        "العلامة الوطنية: كيف نروي الصناعة المغربية للعالم",
    ),
    (
        "Le label Made in Morocco : 40 % de valeur ajoutée, et après ?",
        "The Made in Morocco label: 40% value added, and then what?",
        "علامة صنع في المغرب: 40 في المائة من القيمة المضافة، ثم ماذا؟",
    ),
    (
        "Financer la relance des PME industrielles après la crise",
        "Financing the recovery of industrial SMEs after the crisis",
        "تمويل انتعاش المقاولات الصناعية الصغرى والمتوسطة بعد الأزمة",
    ),
    (
        "Logistique et diversification des marchés : les régions prennent la parole",
        "Logistics and new markets: the regions speak up",
        "اللوجستيك وتنويع الأسواق: الجهات تأخذ الكلمة",
    ),
]

JNI_PANELS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "Souveraineté industrielle et substitution aux importations",
        "Industrial sovereignty and import substitution",
        "السيادة الصناعية وتعويض الواردات",
        [
            ("Salma Benkirane", "Directrice générale", "Atlas Composants Industriels"),
            ("Youssef El Idrissi", "Économiste", "Observatoire fictif de l'industrie"),
        ],
    ),
    (
        "Banque de projets innovants : de l'idée à l'usine",
        "Bank of innovative projects: from idea to factory",
        "بنك المشاريع المبتكرة: من الفكرة إلى المصنع",
        [
            ("Karim Tazi-Alaoui", "Fondateur", "Startup Usinage 4.0"),
            ("Nadia Ouazzani", "Chargée d'investissement", "Fonds Régional de Démonstration"),
        ],
    ),
    (
        "Valoriser les brevets marocains avec l'OMPIC",
        "Turning Moroccan patents into products with OMPIC",
        "تثمين براءات الاختراع المغربية مع المكتب المغربي للملكية الصناعية",
        [
            ("Hicham Berrada", "Ingénieur brevets", "Cabinet fictif Propriété & Innovation"),
            ("Imane Chraïbi", "Chercheuse", "Laboratoire Matériaux Avancés (fictif)"),
        ],
    ),
    (
        "Compétitivité à l'export et nouveaux marchés africains",
        "Export competitiveness and new African markets",
        "التنافسية التصديرية والأسواق الإفريقية الجديدة",
        [
            ("Omar Lahlou", "Délégué régional (fictif)", "Conseil des régions exportatrices"),
            ("Leïla Fassi-Fihri", "Directrice export", "Tanger Auto Câblage"),
        ],
    ),
    (
        "Conventions de partenariat : signatures sur scène",
        "Partnership conventions: signed on stage",
        "اتفاقيات الشراكة: توقيعات على المنصة",
        [
            ("Rachid Amrani", "Président (fictif)", "Fédération régionale de l'industrie"),
            ("Zineb Alami", "Directrice", "Agence régionale d'investissement (fictive)"),
        ],
    ),
]


def _second_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    offset = (3 - first.weekday()) % 7  # Thursday is weekday 3
    return first + timedelta(days=offset + 7)


def _mornings_dates(today: date, *, before: int = 5, after: int = 4) -> list[date]:
    """Monthly dates from a December, covering ``before`` past and ``after`` coming months."""
    year, month = today.year, today.month - before
    while month < 1:
        year, month = year - 1, month + 12
    # Back to the December the series started in.
    while month != 12:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    dates = []
    end_index = today.year * 12 + today.month + after
    while year * 12 + month <= end_index:
        dates.append(_second_thursday(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


async def load_demo(*, session: AsyncSession, today: date | None = None) -> bool:
    """Load the demo programme into an empty events database; False if it already had data."""
    if (await session.exec(select(func.count()).select_from(EventSeries))).one() > 0:
        return False
    today = today or clock.now().date()
    published = clock.now() - timedelta(days=60)

    mornings = EventSeries(
        slug=MORNINGS_SLUG,
        name_fr="Les Mornings du Club Made in Morocco",
        name_en="Club Made in Morocco Mornings",
        name_ar="لقاءات صباحية لنادي صنع في المغرب",
        description_fr="Petits-déjeuners mensuels des Impériales : professionnels, experts et décideurs "
        "autour d'une question par édition.",
        description_en="Monthly breakfast meetings by Les Impériales: professionals, experts and policy "
        "makers around one question each time.",
        description_ar="لقاءات فطور شهرية تنظمها جمعية الإمبرياليات حول سؤال واحد في كل دورة.",
        organiser="Les Impériales",
        cadence="monthly",
    )
    jni = EventSeries(
        slug=JNI_SLUG,
        name_fr="Journée nationale de l'industrie",
        name_en="National Industry Day",
        name_ar="اليوم الوطني للصناعة",
        description_fr="Rendez-vous annuel du ministère de l'Industrie et du Commerce avec la CGEM : "
        "5 panels, banque de projets innovants, valorisation des brevets, conventions signées.",
        description_en="Annual meeting of the ministry of Industry and Commerce with CGEM: 5 panels, a bank "
        "of innovative projects, patent valorisation, conventions signed on stage.",
        description_ar="موعد سنوي لوزارة الصناعة والتجارة مع الاتحاد العام لمقاولات المغرب.",
        organiser="Ministère de l'Industrie et du Commerce, CGEM",
        cadence="annual",
    )
    moroccotech = EventSeries(
        slug=MOROCCOTECH_SLUG,
        name_fr="MoroccoTech",
        name_en="MoroccoTech",
        name_ar="المغرب الرقمي",
        description_fr="La marque nationale du numérique « made in Morocco ».",
        description_en="The national brand for digital made in Morocco.",
        description_ar="العلامة الوطنية للرقمي المغربي.",
        organiser="Ministère de la Transition numérique",
        cadence="one-off",
    )
    session.add_all([mornings, jni, moroccotech])
    await session.flush()

    for number, day in enumerate(_mornings_dates(today), 1):
        fr, en, ar = MORNING_THEMES[(number - 1) % len(MORNING_THEMES)]
        starts = clock.casablanca(day.year, day.month, day.day, 8, 30)
        session.add(
            Event(
                series_id=mornings.id,
                slug=f"morning-{day:%Y-%m}",
                title_fr=f"Morning n°{number} du Club Made in Morocco",
                title_en=f"Club Made in Morocco Morning #{number}",
                title_ar=f"اللقاء الصباحي رقم {number} لنادي صنع في المغرب",
                theme_fr=fr,
                theme_en=en,
                theme_ar=ar,
                description_fr="Petit-déjeuner d'échanges entre professionnels du marketing, de la "
                "communication, des médias et du digital, industriels et décideurs publics.",
                description_en="A breakfast exchange between marketing, communication, media and digital "
                "professionals, manufacturers and policy makers.",
                description_ar="فطور للنقاش بين مهنيي التسويق والتواصل والإعلام والرقمي والصناعيين.",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue="Salons de l'Hôtel Anfa Horizon (fictif), boulevard d'Anfa",
                city="Casablanca",
                region_code="MA-06",
                format="hybrid" if number % 3 == 0 else "in_person",
                online_url="https://live.example.org/mornings" if number % 3 == 0 else None,
                capacity=80,
                rsvp_opens_at=starts - timedelta(days=30),
                rsvp_closes_at=starts - timedelta(hours=12),
                status=EventStatus.published,
                published_at=published,
            )
        )

    jni_day = today + timedelta(days=75)
    jni_start = clock.casablanca(jni_day.year, jni_day.month, jni_day.day, 9, 0)
    edition = Event(
        series_id=jni.id,
        slug=f"journee-nationale-industrie-{jni_day.year}-tanger",
        title_fr=f"Journée nationale de l'industrie {jni_day.year} — édition régionale de Tanger",
        title_en=f"National Industry Day {jni_day.year} — Tangier regional edition",
        title_ar=f"اليوم الوطني للصناعة {jni_day.year} — الدورة الجهوية بطنجة",
        theme_fr="L'industrie marocaine dans les régions : innover, exporter, coopérer",
        theme_en="Moroccan industry in the regions: innovate, export, cooperate",
        theme_ar="الصناعة المغربية في الجهات: الابتكار والتصدير والتعاون",
        description_fr="Cinq panels, une banque de projets innovants, une plateforme de valorisation des "
        "brevets avec l'OMPIC et des conventions de partenariat signées sur scène.",
        description_en="Five panels, a bank of innovative projects, a patent valorisation platform with "
        "OMPIC and partnership conventions signed on stage.",
        description_ar="خمس ندوات وبنك للمشاريع المبتكرة ومنصة لتثمين البراءات واتفاقيات شراكة.",
        starts_at=jni_start,
        ends_at=jni_start + timedelta(hours=9),
        venue="Palais des congrès de Tanger (fictif)",
        city="Tanger",
        region_code="MA-01",
        format="in_person",
        capacity=400,
        rsvp_opens_at=published,
        rsvp_closes_at=jni_start - timedelta(days=1),
        status=EventStatus.published,
        published_at=published,
    )
    session.add(edition)
    await session.flush()
    assert edition.id is not None
    for position, (fr, en, ar, people) in enumerate(JNI_PANELS, 1):
        panel_start = jni_start + timedelta(minutes=30 + 90 * (position - 1))
        panel = Panel(
            event_id=edition.id,
            position=position,
            title_fr=fr,
            title_en=en,
            title_ar=ar,
            starts_at=panel_start,
            ends_at=panel_start + timedelta(minutes=75),
        )
        session.add(panel)
        await session.flush()
        for rank, (name, role, organisation) in enumerate(people, 1):
            session.add(
                Speaker(
                    event_id=edition.id,
                    panel_id=panel.id,
                    position=rank,
                    name=name,
                    role=role,
                    organisation=organisation,
                )
            )
    session.add(
        Speaker(
            event_id=edition.id,
            position=0,
            name="Mehdi Bensouda",
            role="Discours d'ouverture (personnage fictif)",
            organisation="Ministère de l'Industrie et du Commerce",
        )
    )
    for position, (name, kind) in enumerate(
        [
            ("Ministère de l'Industrie et du Commerce", "organiser"),
            ("CGEM", "organiser"),
            ("OMPIC", "partner"),
            ("Les Impériales — Club Made in Morocco", "partner"),
        ],
        1,
    ):
        session.add(Partner(event_id=edition.id, position=position, name=name, kind=kind))

    launch_start = clock.casablanca(2022, 1, 14, 10, 0)
    launch = Event(
        series_id=moroccotech.id,
        slug="moroccotech-launch-2022",
        title_fr="Lancement de MoroccoTech",
        title_en="MoroccoTech launch",
        title_ar="إطلاق علامة المغرب الرقمي",
        theme_fr="Le numérique made in Morocco : start-ups, PME, grands groupes et offshoring",
        theme_en="Digital made in Morocco: start-ups, SMEs, large companies and offshoring",
        theme_ar="الرقمي المغربي: المقاولات الناشئة والصغرى والكبرى والأوفشورينغ",
        description_fr="Lancement de la marque nationale du numérique par le ministère de la Transition "
        "numérique avec l'APEBI, l'AMDIE, l'ADD, la CGEM, l'AUSIM et Technopark.",
        description_en="Launch of the national digital brand by the ministry of Digital Transition with "
        "APEBI, AMDIE, ADD, CGEM, AUSIM and Technopark.",
        description_ar="إطلاق العلامة الوطنية للرقمي من طرف وزارة الانتقال الرقمي وشركائها.",
        starts_at=launch_start,
        ends_at=launch_start + timedelta(hours=3),
        venue="Technopark Casablanca",
        city="Casablanca",
        region_code="MA-06",
        format="hybrid",
        capacity=300,
        status=EventStatus.published,
        published_at=datetime(2021, 12, 20, 9, 0, tzinfo=launch_start.tzinfo),
    )
    session.add(launch)
    await session.flush()
    assert launch.id is not None
    for position, name in enumerate(
        ["Ministère de la Transition numérique", "APEBI", "AMDIE", "ADD", "CGEM", "AUSIM", "Technopark"], 1
    ):
        session.add(
            Partner(
                event_id=launch.id,
                position=position,
                name=name,
                kind="organiser" if position == 1 else "partner",
            )
        )
    await session.flush()
    return True
