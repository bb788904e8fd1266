"""Importing a file: the upload and what the import did (or would do)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from referrals.api.schemas.common import ResponseModel, Role


class ImportUpload(BaseModel):
    """multipart/form-data: the file, and its format when it should not be detected."""

    file: bytes = Field(description="A CSV or vCard file of contacts, a CSV file of ties or of "
                                    "group memberships, or a team export (JSON).")
    format: Literal["csv", "vcard", "linkedin", "google", "outlook", "ties", "members",
                    "team"] | None = Field(
        None, description="Detected when absent. `csv` still tells LinkedIn, Google, Outlook, "
                          "ties and memberships files apart by their header.")
    dry_run: bool = Field(False, description="`true`: answer what the import would do and "
                                             "write nothing (a preview).")
    roles: list[Role] = Field(
        default_factory=list,
        description="Roles given to the people the import creates (repeat the field for "
                    "each role). People already in the team keep theirs unless "
                    "`roles_for_existing` is true. An unknown role is refused (400, "
                    "`fields.roles`) and nothing is written.")
    roles_for_existing: bool = Field(
        False, description="`true`: also give `roles` to the people already in the team that "
                           "the file names (matched by e-mail, or by name and company).")


class ImportRowError(ResponseModel):
    row: int = Field(description="The line number in the file, as a spreadsheet shows it "
                                 "(for a team export: the object's position in its list).")
    message: str


class ImportResult(ResponseModel):
    created: int = Field(ge=0)
    updated: int = Field(ge=0)
    skipped: int = Field(ge=0, description="Rows already up to date, repeated in the file, "
                                           "or with an error.")
    errors: list[ImportRowError]
    format: str = Field(description="The layout the file was read as, e.g. `linkedin`.")
    dry_run: bool = Field(description="True when nothing was written.")
