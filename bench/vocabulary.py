"""The words the benchmark's rows are drawn from (bench.draw).

No word below contains "data" or "hydrology" except where placed on purpose, so that the two
search terms match exactly the share of listings drawn for them (tests check the pools).
"""

COMMON_TERM, COMMON_SHARE = "data", 0.14
SELECTIVE_TERM, SELECTIVE_SHARE = "hydrology", 0.003

TOPICS = (
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
DATA_TOPICS = (
    "data analysis", "data visualisation dashboard", "data cleaning", "customer data review",
    "data pipeline", "open data report",
)  # fmt: skip
ROLES = ("intern", "assistant", "project", "sprint", "associate", "fellow", "coordinator")
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
SENTENCES = (
    "You will work with our {a} and {b} team on {topic}.",
    "The project covers {a}, {b} and {c}, with regular feedback from a mentor.",
    "We value curiosity, clear writing and reliable {a}.",
    "You will present your findings on {topic} to {a} at the end.",
    "Expect about {hours} hours a week, mostly on {a} and {b}.",
    "Our {a} group supports {b} across the region.",
    "This is a good fit if you enjoy {a} and want to learn about {b}.",
    "Previous experience with {a} helps but is not required.",
)
HYDROLOGY_SENTENCE = "Some background in hydrology or river {a} is a plus."
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
CITIES = (
    "Boston", "Chicago", "Denver", "Austin", "Seattle", "Atlanta", "Phoenix", "Portland",
    "Columbus", "Madison", "Raleigh", "Pittsburgh", "Sacramento", "Tucson", "Albany",
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
