"""A small exchange export for the import page tests, and how to pack it as an upload."""

from __future__ import annotations

import io
import zipfile

FILES = {
    "units.csv": "unit_id,name,parent_id\nU1,Organisatie,\nU2,Team A,U1\n",
    "jobs.csv": "job_id,title,job_family,work_demand,grade\nJ1,Verpleegkundige,zorg,mixed,7\n",
    "people.csv": "person_id,birth_date,sex\nA1,1980-05-01,f\nA2,1990-02-03,m\n",
    "assignments.csv": (
        "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
        "A1,2020-01-01,,U2,J1,0.8,permanent,\n"
        "A2,2021-03-01,2023-12-31,U2,J1,1.0,fixed_term,voluntary\n"
    ),
}


def zipped(files: dict[str, str], *, folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(folder + name, text)
    return buffer.getvalue()
