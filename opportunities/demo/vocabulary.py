"""What the demo's listings are made of: fictional organizations (a few own most listings),
roles and tasks per industry with their skills, wordings, and the shares of formats, work modes
and pay. Entries whose title says "data" are the only ones with data skills."""

from decimal import Decimal

from ..models import Compensation, CompensationModel, Family, WorkMode

DATA_SHARE = 0.15

# name, industry slug, city, relative share of the listings (a few big posters, a long tail)
ORGANIZATIONS = [
    ("Northwind Systems", "technology", "Seattle, WA", 40),
    ("Brightpath Health", "healthcare", "Boston, MA", 30),
    ("Keystone Savings Bank", "finance", "Philadelphia, PA", 24),
    ("Lumen Media Group", "media", "New York, NY", 20),
    ("City of Riverton", "government", "Riverton, OH", 16),
    ("Open Meadow Foundation", "nonprofit", "Denver, CO", 12),
    ("Copperleaf Marketing", "marketing", "Chicago, IL", 10),
    ("Granite Bridge Engineering", "engineering", "Pittsburgh, PA", 8),
    ("Fernhill Learning", "education", "Austin, TX", 8),
    ("Studio Tandem", "design", "Portland, OR", 7),
    ("Bluefin Software", "technology", "Austin, TX", 6),
    ("Harborview Clinic", "healthcare", "Baltimore, MD", 5),
    ("Ledgerline Partners", "finance", "Charlotte, NC", 5),
    ("Pinecrest School District", "education", "Madison, WI", 4),
    ("Signal & Story", "media", "Atlanta, GA", 4),
    ("Greenway Transit Authority", "government", "Minneapolis, MN", 4),
    ("Tidewater Conservancy", "nonprofit", "Norfolk, VA", 3),
    ("Orbit Labs", "technology", "San Jose, CA", 3),
    ("Maple Street Creative", "design", "Providence, RI", 3),
    ("Summit Structural", "engineering", "Salt Lake City, UT", 3),
    ("Cardinal Credit Union", "finance", "St. Louis, MO", 2),
    ("Sunrise Community Health", "healthcare", "Phoenix, AZ", 2),
    ("Wildflower Books", "marketing", "Asheville, NC", 2),
    ("Lakeside Public Library", "government", "Cleveland, OH", 2),
    ("Kindling Youth Network", "nonprofit", "Detroit, MI", 2),
    ("Quarry Hill Robotics", "engineering", "Worcester, MA", 2),
    ("Paper Lantern Press", "media", "Brooklyn, NY", 1),
    ("Ridgeback Outdoor Co.", "marketing", "Boulder, CO", 1),
    ("Corner Table Café", "marketing", "Burlington, VT", 1),
    ("Evergreen Tutoring", "education", "Eugene, OR", 1),
    ("Foxglove Design Studio", "design", "Savannah, GA", 1),
    ("Beacon Legal Aid", "nonprofit", "Newark, NJ", 1),
]

# Per industry: roles (for internships and hybrids) and tasks (for the short formats), each
# with the skills it uses. Entries whose title says "data" are the only ones with data skills.
CONTENT = {
    "technology": {
        "roles": [
            ("Software engineering", ["python", "web-development", "qa-testing"]),
            ("Data engineering", ["python", "sql", "data-analysis"]),
            ("Product management", ["product-management", "ux-research", "communication"]),
            ("Cloud operations", ["cloud-computing", "python", "problem-solving"]),
            ("Security operations", ["cybersecurity", "research", "problem-solving"]),
        ],
        "tasks": [
            ("Write test cases for a mobile app release", ["qa-testing", "writing"]),
            ("Build a landing page prototype", ["web-development", "javascript"]),
            ("Clean and chart app usage data", ["data-analysis", "data-visualization", "sql"]),
            ("Review an onboarding flow with five users", ["ux-research", "customer-research"]),
            ("Document a public API", ["writing", "web-development"]),
            ("Audit a website for accessibility problems", ["web-development", "qa-testing"]),
            ("Automate a spreadsheet report with Python", ["python", "excel"]),
        ],
    },
    "finance": {
        "roles": [
            ("Financial analysis", ["financial-modeling", "excel", "accounting"]),
            ("Risk data analysis", ["data-analysis", "statistics", "sql"]),
            ("Audit", ["accounting", "excel", "teamwork"]),
            ("Client services", ["communication", "sales", "customer-research"]),
        ],
        "tasks": [
            ("Build a cash-flow model for a small business", ["financial-modeling", "excel"]),
            ("Reconcile a quarter of expense records", ["accounting", "excel"]),
            ("Summarize a competitor's annual report", ["research", "writing"]),
            ("Analyze loan application data for trends", ["data-analysis", "statistics"]),
            (
                "Prepare a pitch deck on a fintech market",
                ["presentation-design", "market-research"],
            ),
            ("Compare budgeting apps for a student guide", ["research", "writing"]),
        ],
    },
    "marketing": {
        "roles": [
            ("Digital marketing", ["digital-marketing", "social-media", "content-strategy"]),
            ("Brand and content", ["copywriting", "content-strategy", "social-media"]),
            ("Marketing data analysis", ["data-analysis", "digital-marketing", "excel"]),
            ("Market research", ["market-research", "customer-research", "statistics"]),
        ],
        "tasks": [
            ("Plan a month of social media posts", ["social-media", "copywriting"]),
            ("Run a keyword audit for a small shop", ["seo", "digital-marketing"]),
            ("Write three product descriptions", ["copywriting"]),
            ("Survey 50 customers and report the findings", ["customer-research", "research"]),
            ("Analyze campaign data from an email newsletter", ["data-analysis", "excel"]),
            ("Map the competitors of a new café", ["market-research", "research"]),
        ],
    },
    "healthcare": {
        "roles": [
            ("Health services administration", ["project-management", "communication", "excel"]),
            ("Clinical research", ["research", "statistics", "writing"]),
            ("Public health data analysis", ["data-analysis", "statistics", "python"]),
            ("Patient experience", ["customer-research", "communication", "community-outreach"]),
        ],
        "tasks": [
            ("Update a clinic's patient information leaflets", ["writing", "graphic-design"]),
            ("Summarize recent studies on sleep and exams", ["research", "writing"]),
            ("Clean a vaccination data set for reporting", ["data-analysis", "excel"]),
            ("Plan a community health fair", ["event-planning", "community-outreach"]),
            ("Translate discharge instructions into Spanish", ["translation", "writing"]),
            ("Map wheelchair access across a hospital campus", ["research", "community-outreach"]),
        ],
    },
    "education": {
        "roles": [
            ("Teaching assistant", ["teaching", "public-speaking", "communication"]),
            ("Learning design", ["content-strategy", "writing", "ux-research"]),
            ("Education data analysis", ["data-analysis", "statistics", "excel"]),
            ("Student outreach", ["community-outreach", "event-planning", "social-media"]),
        ],
        "tasks": [
            ("Tutor a small algebra group online", ["teaching"]),
            ("Record a short explainer video", ["video-editing", "public-speaking"]),
            ("Design worksheets for a science unit", ["graphic-design", "teaching"]),
            ("Analyze course feedback data", ["data-analysis", "excel"]),
            ("Proofread a course handbook", ["writing"]),
            ("Organize a campus open day", ["event-planning", "communication"]),
        ],
    },
    "nonprofit": {
        "roles": [
            ("Fundraising", ["fundraising", "communication", "grant-writing"]),
            ("Program coordination", ["project-management", "community-outreach", "teamwork"]),
            ("Impact data analysis", ["data-analysis", "data-visualization", "excel"]),
            ("Volunteer management", ["community-outreach", "event-planning", "communication"]),
        ],
        "tasks": [
            ("Draft a section of a grant application", ["grant-writing", "writing"]),
            ("Research local funders", ["research", "fundraising"]),
            ("Create a donor thank-you video", ["video-editing"]),
            ("Build a dashboard of donation data", ["data-visualization", "data-analysis"]),
            ("Plan a volunteer recruitment drive", ["community-outreach", "social-media"]),
            ("Translate a flyer into French", ["translation"]),
        ],
    },
    "design": {
        "roles": [
            ("Graphic design", ["graphic-design", "presentation-design", "communication"]),
            ("UX design", ["ux-research", "web-development", "customer-research"]),
            ("Motion and video", ["video-editing", "graphic-design", "content-strategy"]),
            ("Data visualization design", ["data-visualization", "graphic-design"]),
        ],
        "tasks": [
            ("Redesign a community group's logo", ["graphic-design"]),
            ("Run five usability tests on a prototype", ["ux-research", "customer-research"]),
            ("Design an infographic from survey data", ["data-visualization", "graphic-design"]),
            ("Create social media templates", ["graphic-design", "social-media"]),
            ("Lay out a 12-page annual report", ["graphic-design", "presentation-design"]),
            ("Edit a 60-second product video", ["video-editing"]),
        ],
    },
    "engineering": {
        "roles": [
            ("Mechanical engineering", ["cad", "problem-solving", "project-management"]),
            ("Civil engineering", ["cad", "project-management", "teamwork"]),
            ("Sensor data engineering", ["data-analysis", "python", "statistics"]),
            ("Manufacturing quality", ["statistics", "problem-solving", "excel"]),
        ],
        "tasks": [
            ("Model a mounting bracket in CAD", ["cad"]),
            ("Write a test plan for a prototype pump", ["qa-testing", "writing"]),
            ("Analyze sensor data from a test rig", ["data-analysis", "python"]),
            ("Compare three suppliers' specifications", ["research", "excel"]),
            ("Draw up a site safety checklist", ["writing", "project-management"]),
            ("Estimate the energy use of a lab", ["excel", "problem-solving"]),
        ],
    },
    "media": {
        "roles": [
            ("Journalism", ["writing", "research", "communication"]),
            ("Video production", ["video-editing", "content-strategy", "teamwork"]),
            ("Audience growth", ["social-media", "digital-marketing", "content-strategy"]),
            ("Data journalism", ["data-analysis", "data-visualization", "writing"]),
        ],
        "tasks": [
            ("Fact-check a long-form article", ["research", "writing"]),
            ("Cut a podcast episode into short clips", ["video-editing"]),
            ("Write headlines for ten stories", ["copywriting", "writing"]),
            ("Chart election data for an explainer", ["data-visualization", "data-analysis"]),
            ("Transcribe and caption two interviews", ["writing", "translation"]),
            ("Schedule a week of newsletter content", ["content-strategy", "social-media"]),
        ],
    },
    "government": {
        "roles": [
            ("Policy analysis", ["policy-analysis", "research", "writing"]),
            ("Public administration", ["project-management", "communication", "excel"]),
            ("Open data analysis", ["data-analysis", "sql", "data-visualization"]),
            ("Community engagement", ["community-outreach", "public-speaking", "event-planning"]),
        ],
        "tasks": [
            ("Summarize public comments on a bike-lane plan", ["policy-analysis", "writing"]),
            ("Analyze service-request data from the city hotline", ["data-analysis", "sql"]),
            ("Draft a plain-language guide to a local benefit", ["writing", "communication"]),
            ("Survey residents about library hours", ["customer-research", "community-outreach"]),
            ("Benchmark permit fees in five cities", ["research", "excel", "policy-analysis"]),
            ("Prepare slides for a council briefing", ["presentation-design", "public-speaking"]),
        ],
    },
}

GENERAL_SKILLS = ["communication", "teamwork", "problem-solving"]

SUMMARIES = {
    Family.MICRO: [
        "{org} needs a student to {task}. A clear brief and a self-contained piece of work.",
        "Help {org} {task}, on your own schedule, with feedback from the team.",
        "A short project for {org}: {task}. A good first step into {industry}.",
    ],
    Family.HYBRID: [
        "A run of short {role} assignments at {org}, arranged around your timetable.",
        "Join {org} for a few weeks of {role} work, in pieces that fit your term.",
    ],
    Family.INTERNSHIP: [
        "Join the {role} team at {org} and work on its real projects for a term.",
        "A {role} internship at {org}, with a mentor, a team and projects that ship.",
    ],
}

DESCRIPTIONS = [
    "You will work with a small team at {org} in {industry}. {scope}\n\n"
    "Skills you will use: {skills}. You get a named contact, a short kick-off call and "
    "feedback on what you deliver.",
    "{org} works in {industry}. {scope}\n\n"
    "We are looking for someone curious and organized. You will use {skills}, and you can "
    "ask questions at any time.",
]

SCOPES = {
    Family.MICRO: "The work is one well-defined deliverable, agreed at the start.",
    Family.HYBRID: "The work comes as a few short assignments, each with its own goal.",
    Family.INTERNSHIP: "You take part in the team's day-to-day work and one larger project.",
}

# Durations people actually advertise: half a day, days, then whole weeks. Each listing picks
# one inside its format's typical range (repeats make the common lengths more likely).
DAYS = ("0.1", "0.2", "0.2", "0.4", "0.4", "0.6", "0.8")
WEEKS = (1, 1, 2, 2, 3, 4, 4, 5, 6, 8, 8, 10, 10, 12, 12, 12, 14, 16, 20, 24, 26)
DURATIONS = [Decimal(d) for d in (*DAYS, *WEEKS)]

WORK_MODES = {
    Family.MICRO: ([WorkMode.REMOTE, WorkMode.HYBRID, WorkMode.ONSITE], [70, 15, 15]),
    Family.HYBRID: ([WorkMode.REMOTE, WorkMode.HYBRID, WorkMode.ONSITE], [40, 40, 20]),
    Family.INTERNSHIP: ([WorkMode.ONSITE, WorkMode.HYBRID, WorkMode.REMOTE], [45, 40, 15]),
}

PAY = {
    CompensationModel.PER_TASK: (
        [Compensation.FIXED_FEE, Compensation.HOURLY],
        [85, 15],
    ),
    CompensationModel.PAID: ([Compensation.HOURLY, Compensation.STIPEND], [70, 30]),
    CompensationModel.PAID_OR_CREDIT: (
        [Compensation.HOURLY, Compensation.STIPEND, Compensation.CREDIT, Compensation.UNPAID],
        [55, 15, 20, 10],
    ),
    CompensationModel.VARIES: (
        [
            Compensation.HOURLY,
            Compensation.FIXED_FEE,
            Compensation.STIPEND,
            Compensation.CREDIT,
            Compensation.UNPAID,
        ],
        [40, 25, 15, 15, 5],
    ),
}

FORMAT_WEIGHTS = {
    "internship": 18,
    "micro-internship": 16,
    "project-based-micro-internship": 9,
    "remote-micro-engagement": 8,
    "flexternship": 7,
    "nano-internship": 7,
    "skill-burst-internship": 6,
    "flashternship": 6,
    "experiential-sprint": 6,
    "modular-internship": 6,
    "just-in-time-internship": 6,
    "gigternship": 5,
}


# What the demo's internships say about visa sponsorship, in turn (most say nothing).
SPONSORSHIP = ["", "offers", "", "does_not_offer", "", "citizenship_required"]
