"""Words the demo organisation is made of: departments, people, roles, strengths, topics."""

from __future__ import annotations

# name -> (colour, cadence days, roles, strengths)
DEPARTMENTS: dict[str, tuple[str, int, tuple[str, ...], tuple[str, ...]]] = {
    "Marketing": (
        "#d81b60", 21,
        ("Marketing Lead", "Content Strategist", "Brand Manager", "Campaign Manager",
         "SEO Specialist", "Events Coordinator"),
        ("campaign planning", "brand voice", "event logistics", "SEO", "newsletters",
         "social media", "market research", "copywriting"),
    ),
    "Sales": (
        "#1e88e5", 21,
        ("Account Executive", "Sales Manager", "Key Account Manager", "Sales Analyst",
         "Inside Sales Rep"),
        ("margin analysis", "pipeline forecasting", "pricing", "customer objections",
         "conversion rates", "key accounts", "deal desk", "win/loss reviews"),
    ),
    "Finance": (
        "#43a047", 30,
        ("Financial Controller", "FP&A Analyst", "Accountant", "Finance Business Partner",
         "Treasury Analyst"),
        ("ROI models", "budget approvals", "cost allocation", "forecasting", "invoicing",
         "business cases", "capex rules", "quarter close"),
    ),
    "IT": (
        "#3949ab", 30,
        ("CRM Administrator", "Web Developer", "IT Project Manager", "Data Engineer",
         "Service Desk Lead", "Security Officer"),
        ("CRM workflows", "website releases", "e-mail tooling", "data exports", "SSO access",
         "analytics tags", "landing pages", "GDPR tooling"),
    ),
    "HR": (
        "#8e24aa", 45,
        ("HR Business Partner", "Recruiter", "Learning Manager", "Payroll Specialist"),
        ("hiring plans", "onboarding", "internal communications", "training budgets",
         "employer branding", "team offsites"),
    ),
    "Purchasing": (
        "#fb8c00", 45,
        ("Buyer", "Procurement Manager", "Vendor Manager", "Contract Specialist"),
        ("agency contracts", "vendor onboarding", "purchase orders", "framework agreements",
         "print suppliers", "negotiation"),
    ),
    "Operations": (
        "#00897b", 30,
        ("Operations Manager", "Logistics Planner", "Customer Service Lead",
         "Process Engineer", "Warehouse Supervisor"),
        ("fulfilment", "launch readiness", "customer service scripts", "stock levels",
         "process mapping", "returns handling", "shipping times"),
    ),
}  # fmt: skip

FIRST_NAMES = (
    "Ana", "Ben", "Chloé", "Daniel", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Lars", "Maya", "Nikolai", "Olivia", "Pedro", "Quinn", "Rosa", "Samir", "Tara",
    "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri",
    "Emma", "Felix", "Gabriela", "Hannah", "Ivan", "Julia", "Kenji", "Leila", "Marco", "Nora",
    "Oskar", "Priya", "Rafael", "Sofia", "Tomás", "Ugo", "Valentina", "Will", "Yara", "Zeynep",
)  # fmt: skip
LAST_NAMES = (
    "Lopez", "Chen", "Müller", "Okafor", "Novak", "Haddad", "Kim", "Santos", "Fischer", "Rossi",
    "Patel", "Nguyen", "Kowalski", "Andersen", "Dubois", "Silva", "Yilmaz", "Tanaka", "Berg",
    "Costa", "Ivanova", "Moreau", "Schmidt", "Jansen", "Ali", "Garcia", "Eriksson", "Murphy",
    "Horvat", "Lindqvist", "Mensah", "Bauer", "Ferreira", "Sato", "Olsen", "Kaur", "Brennan",
    "Vargas", "Petrov", "Wagner",
)  # fmt: skip
LOCATIONS = ("Head office", "Berlin", "Lisbon", "Remote", "Warehouse", "Amsterdam", "Madrid")
TAGS = ("champion", "new", "decision maker", "ally", "mentor", "budget holder", "expert")

MEETING_TOPICS = (
    "Q{q} campaign ROI review", "CRM lead-scoring rules", "Landing page release plan",
    "Margin impact of the spring promotion", "Budget approval for the trade fair",
    "Newsletter tooling migration", "Launch readiness check", "Agency contract renewal",
    "Hiring plan for the content team", "Pricing test results", "Customer service scripts",
    "Data export for the board deck", "Stock levels for the launch", "Event logistics sync",
    "Win/loss review", "Forecast alignment", "Website analytics tags", "Onboarding handover",
)  # fmt: skip
OUTCOMES = (
    "Agreed next steps", "Numbers to follow by Friday", "Approved", "Needs a second round",
    "Shared the draft", "Escalate to leadership", "Parked until next quarter",
)  # fmt: skip
ASK_TOPICS = (
    "ROI figures for the autumn campaign", "CRM field for lead source",
    "Margin by product line", "Headcount for the launch team", "Vendor shortlist for print",
    "Shipping times for the promo bundle", "Budget left for Q{q}", "Website release window",
    "Customer quotes for the case study", "Training budget for the team",
)  # fmt: skip
GOALS = (
    ("Raise marketing-qualified leads", "MQLs per month", "leads", 400.0, 650.0),
    ("Cut campaign cost per lead", "Cost per lead", "EUR", 48.0, 35.0),
    ("Lift gross margin on promotions", "Promotion margin", "%", 18.0, 24.0),
    ("Faster website releases", "Release lead time", "days", 14.0, 5.0),
    ("Shorter launch-to-shelf time", "Launch-to-shelf", "days", 60.0, 40.0),
    ("Grow newsletter reach", "Subscribers", "people", 12000.0, 20000.0),
)  # fmt: skip
PROJECTS = (
    ("Spring launch war room", "Marketing, Sales and Operations launch together.",
     ("Marketing", "Sales", "Operations")),
    ("CRM clean-up", "One customer record that Sales and Marketing both trust.",
     ("Marketing", "Sales", "IT")),
    ("Campaign ROI dashboard", "Finance-approved ROI for every campaign.",
     ("Marketing", "Finance", "IT")),
    ("Agency framework", "Fewer, better agencies on one contract.",
     ("Marketing", "Purchasing", "Finance")),
    ("Employer brand refresh", "Hiring pages that sound like us.", ("Marketing", "HR", "IT")),
)  # fmt: skip
TASK_TITLES = (
    "Send ROI template", "Check margin assumptions", "Draft launch timeline",
    "Set up CRM field", "Review agency quote", "Book the venue", "Update landing page copy",
    "Share stock forecast", "Prepare board slide", "Test newsletter template",
)  # fmt: skip
