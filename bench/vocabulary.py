"""The words the benchmark's own rows are drawn from (bench.draw): organizations, people,
profiles and their histories. Listings are the demo's (opportunities.demo.draw_listing).

The common search term is the one the demo's vocabulary makes common: "data" is in the titles
of its data topics (opportunities.demo DATA_SHARE, 15 %) and nowhere else. The selective one is
placed in a few open listings here. No word below contains either (tests check the pools).
"""

COMMON_TERM = "data"
SELECTIVE_TERM, SELECTIVE_SHARE = "hydrology", 0.003
HYDROLOGY_SENTENCE = "Some background in hydrology or river science is a plus."

TOPICS = (  # what students' past experiences were about
    "market research", "social media campaign", "user interviews", "financial model",
    "grant proposal", "website redesign", "supply chain review", "customer survey",
    "brand strategy", "content writing", "event planning", "policy brief", "product testing",
    "process mapping", "budget review", "mobile app prototype", "sustainability audit",
    "competitor study", "fundraising plan", "curriculum design", "patient outreach",
    "video production", "cloud migration", "accessibility review", "pricing study",
    "community engagement", "recruitment campaign", "quality assurance", "energy efficiency study",
    "translation project", "newsletter relaunch", "onboarding guide", "inventory forecast",
    "podcast series", "volunteer programme", "legal research", "clinical trial support",
)  # fmt: skip
WORDS = (
    "clients", "teams", "reports", "research", "planning", "design", "strategy", "operations",
    "outreach", "partners", "students", "communities", "patients", "customers", "volunteers",
    "markets", "products", "services", "campaigns", "budgets", "audits", "forecasts",
    "interviews", "workshops", "prototypes", "presentations", "documentation", "policies",
    "schedules", "suppliers", "logistics", "analytics", "metrics", "quality", "training",
    "mentoring", "feedback", "deadlines", "stakeholders", "research", "sustainability",
    "accessibility", "innovation", "growth", "finance", "marketing", "engineering", "health",
    "education", "energy", "media", "software", "hardware", "retail", "transport", "housing",
)  # fmt: skip
ORG_FIRST = (
    "North", "Blue", "Bright", "Cedar", "Harbor", "Summit", "River", "Granite", "Maple",
    "Silver", "Golden", "Prairie", "Coastal", "Lakeside", "Pioneer", "Evergreen", "Oak",
    "Beacon", "Atlas", "Orchard", "Meridian", "Crescent", "Sterling", "Willow", "Union",
)  # fmt: skip
ORG_SECOND = (
    "Valley", "Bridge", "Point", "Field", "Stone", "Light", "Ridge", "Creek", "Gate", "Park",
    "Works", "Path", "Line", "Hill", "Bay", "Grove", "Port", "Forge", "Mill", "Square",
)  # fmt: skip
ORG_KIND = (
    "Labs", "Partners", "Health", "Foundation", "Group", "Studio", "Energy", "Consulting",
    "Media", "Trust", "Systems", "Collective", "Institute", "Bank", "Logistics", "Council",
)  # fmt: skip
FIRST_NAMES = (
    "Ava", "Liam", "Noah", "Emma", "Mia", "Lucas", "Zoe", "Ethan", "Maya", "Omar", "Priya",
    "Chen", "Sofia", "Diego", "Amara", "Kenji", "Leila", "Mateo", "Nora", "Ravi", "Sara",
    "Tariq", "Yuki", "Ines", "Jonah", "Kofi", "Lena", "Marco", "Nia", "Oscar", "Rosa", "Sami",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Garcia", "Nguyen", "Patel", "Kim", "Johnson", "Lopez", "Chen", "Okafor",
    "Müller", "Rossi", "Silva", "Khan", "Cohen", "Ivanova", "Tanaka", "Brown", "Davis",
    "Martin", "Haddad", "Novak", "Santos", "Walker", "Young", "Ahmed", "Berg", "Costa",
    "Dubois", "Evans", "Fischer", "Gupta", "Hughes", "Jensen", "Larsen", "Moreno", "Osei",
)  # fmt: skip
PROGRAMMES = (
    "BSc Economics", "BA History", "BSc Computer Science", "BEng Civil Engineering",
    "BA Communication", "BSc Biology", "BBA Business", "BSc Nursing", "BA Psychology",
    "MSc Public Policy", "MA Education", "BFA Design", "MSc Environmental Science",
)  # fmt: skip
LEVELS = ("undergraduate", "masters", "doctoral")
REC_STATUSES = ("draft", "shared", "accepted", "declined")
WINDOWS = (  # label, weeks, weekly hours, start month, start day
    ("Fall term", 15, 6, 9, 1), ("Spring term", 14, 8, 1, 15), ("Summer", 10, 35, 6, 1),
    ("Winter break", 3, 25, 12, 18), ("Summer", 12, 40, 6, 1), ("Spring term", 14, 4, 1, 15),
)  # fmt: skip
