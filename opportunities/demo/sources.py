"""What listings are drawn from: the catalogue rows as admins curate them (formats, industries,
skills) and the organizations that post, with the share of listings each gets."""

from dataclasses import dataclass, field
from itertools import accumulate

from ..models import Format, Industry, Organization, Skill, listing_slug, organization_key
from .vocabulary import DURATIONS, FORMAT_WEIGHTS, ORGANIZATIONS


def _org_slug(name: str) -> str:
    return listing_slug(name.replace("&", "and"))


def format_weights(formats: list[Format]) -> list[int]:
    """Each format's share of the listings; formats an admin added later still get one."""
    return [FORMAT_WEIGHTS.get(f.slug, 5) for f in formats]


@dataclass
class DemoSources:
    """The rows listings are drawn from, with the shares each gets.

    The demo reads them from the database (`read_sources`, which creates its organizations
    when missing); the benchmark (bench/draw.py) builds them from its own unsaved rows, with
    thousands of organizations and Zipf weights. Every organization's `industry` must be one
    of the vocabulary's industries, and `industries` must hold them all.
    """

    formats: list[Format]
    format_weights: list[int]
    industries: dict[str, Industry]
    skills: dict[str, int]  # slug -> id
    organizations: list[Organization]
    organization_weights: list[float]
    organization_cities: dict[int, str]
    # Worked out once here rather than for every listing: the weights added up (`choices()`
    # would add up the benchmark's thousands of organizations each time; the draws are the
    # same either way) and each format's advertised durations, by format slug.
    format_cum_weights: list[float] = field(init=False, repr=False)
    organization_cum_weights: list[float] = field(init=False, repr=False)
    durations: dict[str, list] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.format_cum_weights = list(accumulate(self.format_weights))
        self.organization_cum_weights = list(accumulate(self.organization_weights))
        self.durations = {
            f.slug: [w for w in DURATIONS if f.weeks_min <= w <= f.weeks_max] for f in self.formats
        }


def _ensure_organizations() -> tuple[list[Organization], list[int], dict[int, str]]:
    industries = {i.slug: i for i in Industry.objects.all()}
    Organization.objects.bulk_create(
        [
            Organization(
                name=name,
                slug=_org_slug(name),
                name_key=organization_key(name),  # bulk_create() skips save(), which derives it
                website=f"https://{_org_slug(name)}.example.org",
                description=f"{name} is a fictional {industries[industry].name.lower()} "
                f"organization based in {city}, used in the demo.",
                industry=industries[industry],
                is_verified=weight > 1,
                is_demo=True,
            )
            for name, industry, city, weight in ORGANIZATIONS
        ],
        ignore_conflicts=True,
    )
    by_slug = Organization.objects.select_related("industry").in_bulk(
        [_org_slug(name) for name, *_ in ORGANIZATIONS], field_name="slug"
    )
    organizations = [by_slug[_org_slug(name)] for name, *_ in ORGANIZATIONS]
    weights = [weight for *_, weight in ORGANIZATIONS]
    cities = {
        org.pk: city for org, (_, _, city, _) in zip(organizations, ORGANIZATIONS, strict=True)
    }
    return organizations, weights, cities


def read_sources() -> DemoSources:
    """The demo's sources: the active formats, every industry and skill, and the demo's
    organizations (created when missing)."""
    formats = list(Format.objects.active().order_by("display_order", "pk"))
    organizations, weights, cities = _ensure_organizations()
    return DemoSources(
        formats=formats,
        format_weights=format_weights(formats),
        industries={i.slug: i for i in Industry.objects.all()},
        skills=dict(Skill.objects.values_list("slug", "pk")),
        organizations=organizations,
        organization_weights=weights,
        organization_cities=cities,
    )
