"""Realistic Dutch display names for the synthetic organisation (exchange format v1.2).

Names come from their own random stream (seeded from the run's seed), so adding them changed no
other generated value, and the same seed always gives the same names. First names follow the
person's sex (either list for "x"); surnames include tussenvoegsels ("de Vries", "van den Berg")
and names common among Dutch people of Turkish, Moroccan and Surinamese descent.
"""

from __future__ import annotations

import numpy as np
import polars as pl

NAME_STREAM = 0x4E414D45  # "NAME": the stream id next to the seed

FEMALE = (
    "Anna", "Anouk", "Astrid", "Ayşe", "Bianca", "Carla", "Daphne", "Denise", "Eline", "Emma", "Esther",
    "Fatima", "Femke", "Hanneke", "Ilse", "Ingrid", "Iris", "Janneke", "Julia", "Karin", "Laura", "Lieke",
    "Linda", "Lisa", "Lotte", "Marieke", "Marloes", "Monique", "Nadia", "Naima", "Nicole", "Noor",
    "Petra", "Priya", "Renate", "Sanne", "Saskia", "Sophie", "Tamara", "Wilma", "Yvonne", "Zeynep",
)
MALE = (
    "Ahmed", "Arjen", "Bas", "Bram", "Daan", "Dennis", "Dirk", "Emre", "Erik", "Frank", "Gerard", "Hans",
    "Henk", "Jan", "Jasper", "Jeroen", "Joost", "Kees", "Koen", "Lars", "Marco", "Mark", "Martijn",
    "Mehmet", "Mohamed", "Niels", "Patrick", "Pieter", "Rachid", "Ravi", "Remco", "Rob", "Ruud", "Sander",
    "Sem", "Stefan", "Thijs", "Tom", "Vincent", "Willem", "Youssef", "Zakaria",
)
SURNAMES = (
    "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven",
    "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Jonge", "Kuipers", "Postma",
    "van 't Hof", "ter Horst", "in 't Veld", "El Amrani", "Yılmaz", "Kaya", "Öztürk", "Bouzid",
    "Ramdin", "Sitaram",
)


def draw_names(seed: int, sex: np.ndarray) -> pl.Series:
    """One display name per person ("Sanne de Vries"), deterministic from `seed` and `sex`."""
    rng = np.random.default_rng([seed, NAME_STREAM])
    n = len(sex)
    female = rng.choice(len(FEMALE), size=n)
    male = rng.choice(len(MALE), size=n)
    either = rng.random(n) < 0.5
    surname = rng.choice(len(SURNAMES), size=n)
    use_female = (sex == "f") | ((sex == "x") & either)
    first = pl.Series(FEMALE + MALE).gather(np.where(use_female, female, len(FEMALE) + male))
    return (first + " " + pl.Series(SURNAMES).gather(surname)).alias("display_name")
