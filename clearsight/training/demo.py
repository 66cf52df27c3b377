"""Fictional staff and training for the Anytown Council demo: a few hundred staff across five
directorates with line managers, cohorts and their training, completions that make compliance
realistic (mostly up to date, some due soon, some overdue, some never trained), new starters,
leavers, and sessions with attendees from partner organisations. Written for Clearsight; every name
is made up from lists of common first names and surnames."""

import random
from datetime import timedelta

from django.utils import timezone

from clearsight.core.dates import add_months
from clearsight.core.models import Organisation, User

from .models import (Attendance, Cohort, CohortRequirement, Completion, Course, Session, StaffMember, TrainingLevel)
from .services import place_organisation

COUNCIL = "Anytown Council"

LEVELS = [
    ("MS-AWARE", "Modern slavery awareness"),
    ("MS-FRONT", "Spotting the signs: frontline staff"),
    ("MS-FR", "First responder and NRM training"),
    ("ETH-PROC", "Ethical procurement"),
    ("MS-MGR", "Managing modern slavery concerns"),
    ("MS-MEMBER", "Modern slavery for elected members"),
]

# name, description, everyone, job title words, services, roles, [(level code, refresh months, grace days)]
COHORTS = [
    ("All staff", "Everyone employed by the council.", True, [], [], [], [("MS-AWARE", 36, 90)]),
    ("Frontline staff who meet the public", "Staff who visit homes and businesses or meet residents.", False,
     ["housing officer", "social worker", "support worker", "inspector", "adviser", "enforcement", "family worker"],
     ["Housing", "Customer services", "Licensing", "Trading standards", "Environmental health"], [],
     [("MS-FRONT", 24, 90)]),
    ("First responders and specialists", "Single points of contact and safeguarding specialists.", False,
     ["single point of contact", "safeguarding"], [], ["first_responder"], [("MS-FR", 12, 60)]),
    ("Procurement and contract managers", "Everyone who buys or manages contracts.", False,
     ["procurement", "contract manager", "buyer"], ["Procurement"], ["procurement_officer", "contract_manager"],
     [("ETH-PROC", 12, 90)]),
    ("Managers", "Anyone who manages staff.", False, ["manager", "team leader", "head of", "director"], [],
     ["line_manager"], [("MS-MGR", 24, 90)]),
    ("Elected members", "Councillors.", False, ["councillor"], [], [], [("MS-MEMBER", 48, 180)]),
]

# directorate: {service: [frontline job titles]}
STRUCTURE = {
    "Adults and Health": {"Adult social care": ["Social worker", "Support worker", "Occupational therapist"],
                          "Public health": ["Public health practitioner", "Health improvement officer"],
                          "Safeguarding adults": ["Safeguarding adults officer", "Social worker"]},
    "Children's Services": {"Children's social care": ["Social worker", "Family worker"],
                            "Early help": ["Family worker", "Early help practitioner"],
                            "Education": ["Education welfare officer", "School improvement adviser"]},
    "Place": {"Housing": ["Housing officer", "Tenancy support worker", "Homelessness adviser"],
              "Licensing": ["Licensing enforcement officer", "Licensing officer"],
              "Trading standards": ["Trading standards inspector", "Trading standards officer"],
              "Environmental health": ["Environmental health officer", "Food safety inspector"]},
    "Resources": {"Procurement": ["Procurement officer", "Buyer", "Contract manager"],
                  "Finance": ["Accountant", "Finance officer", "Payroll officer"],
                  "Workforce development": ["Learning and development adviser", "HR officer"],
                  "Customer services": ["Customer services adviser", "Contact centre adviser"]},
    "Chief Executive's Office": {"Policy": ["Policy officer", "Research officer"],
                                 "Democratic services": ["Democratic services officer", "Councillor"]},
}

FIRST = ["Amira", "Ben", "Chloe", "Dev", "Elena", "Farid", "Gemma", "Harry", "Isla", "Jamal", "Kate", "Leon", "Maya",
         "Nathan", "Olivia", "Patrick", "Rosa", "Sanjay", "Tara", "Umar", "Vicky", "Will", "Yasmin", "Zoe", "Adam",
         "Bethan", "Callum", "Dina", "Ethan", "Freya", "Gareth", "Hannah", "Imran", "Jess", "Kieran", "Lucy", "Marek",
         "Niamh", "Oscar", "Pooja", "Rhys", "Sara", "Tomasz", "Uma", "Wes", "Aoife", "Bilal", "Carys"]
LAST = ["Ahmed", "Baker", "Clarke", "Dixon", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones", "Khan", "Lewis",
        "Morgan", "Nolan", "Owen", "Parker", "Quinn", "Roberts", "Singh", "Turner", "Underwood", "Vaughan", "Walsh",
        "Young", "Ali", "Brennan", "Chen", "Doyle", "Ellis", "Foster", "Grant", "Hughes", "Jackson", "Kowalski", "Lloyd"]

# Demo users who are Anytown staff: email -> (directorate, service, manager's email or None)
DEMO_STAFF = {
    "line.manager@anytown.example": ("Place", "Housing", None),
    "staff@anytown.example": ("Place", "Housing", "line.manager@anytown.example"),
    "first.responder@anytown.example": ("Adults and Health", "Safeguarding adults", None),
    "caseworker@anytown.example": ("Adults and Health", "Adult social care", None),
    "team.manager@anytown.example": ("Adults and Health", "Safeguarding adults", None),
    "coordinator@anytown.example": ("Chief Executive's Office", "Policy", None),
    "procurement@anytown.example": ("Resources", "Procurement", None),
    "contracts@anytown.example": ("Resources", "Procurement", None),
    "training@anytown.example": ("Resources", "Workforce development", None),
    "statement@anytown.example": ("Chief Executive's Office", "Policy", None),
    "admin@anytown.example": ("Resources", "Customer services", None),
}


class _Names:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def __call__(self):
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name


def _setup(council):
    levels = {}
    for code, name in LEVELS:
        levels[code], _ = TrainingLevel.objects.update_or_create(organisation=council, code=code, defaults={"name": name})
    for name, description, everyone, words, services, roles, reqs in COHORTS:
        cohort, _ = Cohort.objects.update_or_create(organisation=council, name=name, defaults={
            "description": description, "everyone": everyone, "job_title_words": "\n".join(words),
            "services": "\n".join(services), "roles": "\n".join(roles)})
        for code, months, grace in reqs:
            CohortRequirement.objects.update_or_create(cohort=cohort, level=levels[code],
                                                       defaults={"refresh_months": months, "grace_days": grace})
    return levels


def _staff(council, rng, today):
    names = _Names(rng)
    number = iter(range(10001, 20000))
    made = []

    def add(name, title, directorate, service, manager, *, email=None, start=None, leave=None, user=None):
        employee_number = f"E{next(number)}"
        if start is None:
            roll = rng.random()
            start = today - timedelta(days=rng.randint(10, 85) if roll < 0.05 else rng.randint(120, 6000))
        staff, _ = StaffMember.objects.update_or_create(organisation=council, employee_number=employee_number, defaults={
            "full_name": name, "job_title": title, "directorate": directorate, "service": service, "manager": manager,
            "email": email or f"{name.lower().replace(' ', '.')}@anytown.example", "start_date": start,
            "leave_date": leave, "user": user})
        made.append(staff)
        return staff

    users = {u.email: u for u in User.objects.filter(email__in=DEMO_STAFF)}
    chief = add(names(), "Chief executive", "Chief Executive's Office", "Policy", None)
    heads = {}
    for directorate, services in STRUCTURE.items():
        director = chief if directorate == "Chief Executive's Office" else add(
            names(), f"Director of {directorate}", directorate, next(iter(services)), chief)
        for service, titles in services.items():
            head = add(names(), f"Head of {service}", directorate, service, director)
            heads[service] = head
            teams = 2 if service in ("Housing", "Adult social care", "Children's social care", "Customer services") else 1
            for _ in range(teams):
                leader = add(names(), f"Team leader, {service.lower()}", directorate, service, head)
                for _ in range(rng.randint(11, 15)):
                    leave = today - timedelta(days=rng.randint(1, 200)) if rng.random() < 0.04 else None
                    add(names(), rng.choice(titles), directorate, service, leader, leave=leave)
    # The demo users, placed in the structure; the line manager's team is his own.
    people = {}
    for email in ["line.manager@anytown.example"] + [e for e in DEMO_STAFF if e != "line.manager@anytown.example"]:
        user = users.get(email)
        if user is None:
            continue
        directorate, service, boss = DEMO_STAFF[email]
        manager = people.get(boss) or heads[service]
        people[email] = add(user.full_name, user.job_title, directorate, service, manager, email=email, user=user,
                            start=today - timedelta(days=rng.randint(400, 3000)))
    mark = people.get("line.manager@anytown.example")
    if mark is not None:
        for _ in range(7):
            add(names(), rng.choice(STRUCTURE["Place"]["Housing"]), "Place", "Housing", mark)
        add(names(), "Housing officer", "Place", "Housing", mark, start=today - timedelta(days=20))  # a new starter
    for _ in range(6):
        add(names(), "Councillor", "Chief Executive's Office", "Democratic services", None,
            start=today - timedelta(days=rng.randint(30, 1500)))
    return made


def _completions(staff, levels, rng, today):
    from .services import facts_for

    by_id = {lv.pk: lv for lv in levels.values()}
    facts = facts_for(staff)
    rows = []
    for s in staff:
        if s.start_date and (today - s.start_date).days < 30:
            continue  # new starters have not done their training yet
        for req in facts[s.pk].requirements:
            months = req.refresh_months or 36
            roll = rng.random()
            if roll < 0.08:
                continue  # never trained
            if roll < 0.20:
                last = add_months(today, -months) - timedelta(days=rng.randint(1, 200))  # overdue
            elif roll < 0.30:
                last = add_months(today, -months) + timedelta(days=rng.randint(1, 29))  # due within 30 days
            else:
                last = add_months(today, -months) + timedelta(days=rng.randint(31, max(32, months * 30 - 10)))
            if s.start_date and last < s.start_date and rng.random() < 0.7:
                last = min(today, s.start_date + timedelta(days=rng.randint(5, 80)))
            dates = [last]
            earlier = add_months(last, -months) - timedelta(days=rng.randint(0, 60))
            if s.start_date is None or earlier >= s.start_date:
                dates.append(earlier)
            for day in dates:
                if day <= today:
                    rows.append(Completion(staff=s, level=by_id[req.level], completed_on=day))
    Completion.objects.bulk_create(rows, ignore_conflicts=True)


def _sessions(council, levels, staff, rng, today):
    courses = {}
    for title, kind, code in [
        ("Modern slavery awareness", Course.Kind.E_LEARNING, "MS-AWARE"),
        ("Spotting the signs", Course.Kind.CLASSROOM, "MS-FRONT"),
        ("NRM and Duty to Notify for first responders", Course.Kind.WEBINAR, "MS-FR"),
        ("Ethical procurement in practice", Course.Kind.CLASSROOM, "ETH-PROC"),
        ("Learning circle: lessons from local cases", Course.Kind.LEARNING_CIRCLE, None),
    ]:
        courses[title], _ = Course.objects.update_or_create(organisation=council, title=title,
                                                            defaults={"kind": kind, "level": levels.get(code)})
    partners = list(Organisation.objects.filter(name__in=["Anytown Police", "Anytown and District NHS Foundation Trust",
                                                          "Harbour Light Refuge", "Open Door Migrant Support"]))
    partner_roles = {"Anytown Police": ["Police constable", "Detective constable", "PCSO"],
                     "Anytown and District NHS Foundation Trust": ["Safeguarding nurse", "Midwife", "Emergency department nurse"],
                     "Harbour Light Refuge": ["Support worker", "Refuge manager"],
                     "Open Door Migrant Support": ["Caseworker", "Volunteer"]}
    plans = [("Spotting the signs", -60, 24, "Anytown Police modern slavery team"),
             ("Learning circle: lessons from local cases", -20, 16, "Complex safeguarding coordinator"),
             ("NRM and Duty to Notify for first responders", 14, 30, "Anytown Police and Harbour Light Refuge"),
             ("Spotting the signs", 40, 24, "Anytown Police modern slavery team")]
    current = [s for s in staff if s.leave_date is None]
    for title, offset, capacity, facilitators in plans:
        held_on = today + timedelta(days=offset)
        course = courses[title]
        session, created = Session.objects.get_or_create(course=course, held_on=held_on, defaults={
            "capacity": capacity, "venue": "Anytown Civic Centre, room 2" if course.kind != Course.Kind.WEBINAR else "Online",
            "facilitators": facilitators})
        if not created:
            continue
        session.agencies.set(partners)
        past = offset < 0
        for s in rng.sample(current, capacity // 2):
            came = rng.random() < 0.85 if past else True
            Attendance.objects.create(session=session, staff=s, role=s.job_title, attended=came,
                                      feedback_score=rng.choice([3, 4, 4, 5, 5]) if past and came else None)
            if past and came and course.level_id:
                Completion.objects.get_or_create(staff=s, level=course.level, completed_on=held_on,
                                                 defaults={"source": Completion.Source.SESSION})
        for org in partners:
            for _ in range(rng.randint(1, 3)):
                came = rng.random() < 0.9 if past else True
                Attendance.objects.create(session=session, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", agency=org,
                                          role=rng.choice(partner_roles[org.name]), attended=came,
                                          feedback_score=rng.choice([3, 4, 5, 5]) if past and came else None)


def load():
    council = Organisation.objects.filter(name=COUNCIL).first()
    if council is None or StaffMember.objects.filter(organisation=council).exists():
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    levels = _setup(council)
    staff = _staff(council, rng, today)
    place_organisation(council.pk, today=today)
    _completions(staff, levels, rng, today)
    _sessions(council, levels, staff, rng, today)
