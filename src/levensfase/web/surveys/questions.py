"""The questionnaire texts (English msgids, Dutch in the app catalogue) and the WAI short disease list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

WAI_Q1 = _("Assume that your work ability at its best has a value of 10 points. How many points would you give "
           "your current work ability? (0 means that you cannot work at all at the moment.)")
WAI_Q2_PHYSICAL = _("How do you rate your current work ability with respect to the physical demands of your work?")
WAI_Q2_MENTAL = _("How do you rate your current work ability with respect to the mental demands of your work?")
RATING_1_5 = [(5, _("very good")), (4, _("rather good")), (3, _("moderate")), (2, _("rather poor")),
              (1, _("very poor"))]
WAI_Q3 = _("Which of these disease groups do you have now, diagnosed or treated by a physician?")
WAI_Q3_HELP = _("Tick only what a physician diagnosed. Only the number of ticked groups is kept, not which ones.")
DISEASES = [
    ("injury", _("Injury from an accident (back, limbs, other)")),
    ("musculoskeletal", _("Musculoskeletal disorder (back, neck, joints, muscles)")),
    ("cardiovascular", _("Cardiovascular disease (high blood pressure, heart)")),
    ("respiratory", _("Respiratory disease (asthma, bronchitis)")),
    ("mental", _("Mental disorder (depression, anxiety, burn-out)")),
    ("neurological", _("Neurological or sensory disease (hearing, sight, migraine)")),
    ("digestive", _("Digestive disease")),
    ("genitourinary", _("Genitourinary disease")),
    ("skin", _("Skin disease")),
    ("tumour", _("Tumour")),
    ("endocrine", _("Endocrine or metabolic disease (diabetes, thyroid)")),
    ("blood", _("Blood disease")),
    ("birth_defect", _("Birth defect")),
    ("other", _("Other disorder or disease")),
]
WAI_Q4 = _("Is your illness or injury a hindrance to your current job?")
WAI_Q4_CHOICES = [
    (6, _("There is no hindrance, or I have no diseases")),
    (5, _("I am able to do my job, but it causes some symptoms")),
    (4, _("I must sometimes slow down my work pace or change my work methods")),
    (3, _("I must often slow down my work pace or change my work methods")),
    (2, _("Because of my disease, I feel I am able to do only part-time work")),
    (1, _("In my opinion I am entirely unable to work")),
]
WAI_Q5 = _("How many whole days have you been off work because of a health problem (illness, treatment or "
           "examination) during the past 12 months?")
WAI_Q6 = _("Do you believe that, from the standpoint of your health, you will be able to do your current job "
           "two years from now?")
WAI_Q6_CHOICES = [(1, _("unlikely")), (4, _("not certain")), (7, _("relatively certain"))]
WAI_Q7 = [
    _("Have you recently been able to enjoy your regular daily activities?"),
    _("Have you recently been active and alert?"),
    _("Have you recently felt yourself to be full of hope for the future?"),
]
FREQUENCY_0_4 = [(4, _("often")), (3, _("rather often")), (2, _("sometimes")), (1, _("rather seldom")),
                 (0, _("never"))]

UWES9 = [
    _("At my work, I feel bursting with energy."),
    _("At my job, I feel strong and vigorous."),
    _("I am enthusiastic about my job."),
    _("My job inspires me."),
    _("When I get up in the morning, I feel like going to work."),
    _("I feel happy when I am working intensely."),
    _("I am proud of the work that I do."),
    _("I am immersed in my work."),
    _("I get carried away when I'm working."),
]
UWES_SCALE = [(0, _("never")), (1, _("almost never")), (2, _("rarely")), (3, _("sometimes")), (4, _("often")),
              (5, _("very often")), (6, _("always"))]

BAND_TEXT = {
    "excellent": (_("excellent"), _("Your work ability is excellent. The aim is to keep it that way.")),
    "good": (_("good"), _("Your work ability is good. The aim is to support it, so it stays good.")),
    "moderate": (_("moderate"), _("Your work ability is moderate. The aim is to improve it; small changes in "
                                  "work or life often help.")),
    "poor": (_("poor"), _("Your work ability is poor. The aim is to restore it; please talk to the bedrijfsarts "
                          "(occupational physician) soon.")),
}
BAND_HELP = {
    "excellent": [_("Keep investing in your health, skills and the work you enjoy."),
                  _("Talk about your ambitions in your next career conversation.")],
    "good": [_("Keep an eye on your workload and recovery."),
             _("Use your development budget to keep learning.")],
    "moderate": [_("Discuss your workload, hours or tasks with your manager."),
                 _("Ask the bedrijfsarts for advice; you can do so without telling your manager."),
                 _("Look at arrangements for your life phase, such as different hours or lighter duties.")],
    "poor": [_("Make an appointment with the bedrijfsarts: they can help you restore your work ability."),
             _("Discuss with your manager what would make your work feasible again."),
             _("Look at arrangements for your life phase, such as different hours or lighter duties.")],
}
UWES_BAND_TEXT = {
    "very low": _("very low"), "low": _("low"), "average": _("average"), "high": _("high"),
    "very high": _("very high"),
}
