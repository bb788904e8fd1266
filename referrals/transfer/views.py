"""Pages to import a file (upload, preview, import), export the team, and merge two people."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from referrals.clock import today_for
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.models import Person
from referrals.people import services as people
from referrals.transfer import services, storage
from referrals.transfer.exports import attachment
from referrals.transfer.forms import (
    FORMAT_LABELS,
    ConfirmForm,
    ContactsForm,
    FindPersonForm,
    MergeForm,
    UploadForm,
    mapping_form,
    mapping_from,
)
from referrals.transfer.limits import allow_import_body, check_file_size
from referrals.transfer.planning import Plan
from referrals.transfer.records import ParsedFile
from referrals.transfer.services import NoNameColumn
from referrals.web.forms import ID, attach_errors, call_service

bp = Blueprint("transfer", __name__, url_prefix="/transfer")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.url_value_preprocessor
def _import_body_limit(endpoint: str | None, values: dict | None) -> None:
    """The upload may carry an import file (see `limits`); every other form stays small."""
    if endpoint == "transfer.index" and request.method == "POST":
        allow_import_body()


@bp.context_processor
def _labels() -> dict:
    return {"format_labels": FORMAT_LABELS,
            "limit_mb": current_app.config["IMPORT_MAX_FILE_SIZE"] // (1024 * 1024)}


@bp.route("/", methods=["GET", "POST"])
def index() -> Page:
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read()
        check_file_size(data)
        try:
            services.read_upload(data, form.format.data)
        except NoNameColumn:
            pass  # a CSV whose columns the rep chooses on the preview
        except DomainError as exc:
            attach_errors(form, exc)
        if not form.errors and not form.form_errors:
            meta = {"filename": form.file.data.filename or "upload", "format": form.format.data}
            token = storage.save_upload(db.session, current_user.id, data, meta)
            db.session.commit()
            return _preview(token, data, meta, None)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("transfer/index.html", form=form), status


@bp.post("/preview")
def preview() -> Page:
    """The previewed upload again: new column choices, or the import itself."""
    token = request.form.get("upload", "")
    data, meta = storage.load_upload(db.session, current_user.id, token)
    return _preview(token, data, meta, request.form)


def _preview(token: str, data: bytes, meta: dict, posted: Any) -> Page:
    parsed = services.read_upload(data, meta["format"])
    form_class = mapping_form(parsed.columns, parsed.mapping) if parsed.format == "csv" else \
        ContactsForm if parsed.kind == "contacts" else ConfirmForm
    form = form_class(formdata=posted, upload=token)
    mapping = mapping_from(form, parsed.columns) if parsed.format == "csv" else None
    options = form.role_options() if isinstance(form, ContactsForm) else {}
    if posted is not None and form.validate() and posted.get("action") == "import" and (
        done := call_service(form, services.import_upload, current_user, data, meta["format"],
                             mapping, today=today_for(current_user), **options)
    ):
        return _imported(token, meta, *done)
    parsed = services.read_upload(data, meta["format"], mapping)
    plan = None if parsed.needs_mapping else services.preview_import(
        db.session, current_user, parsed, today=today_for(current_user), **options)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("transfer/preview.html", form=form, parsed=parsed, plan=plan,
                           meta=meta), status


def _imported(token: str, meta: dict, parsed: ParsedFile, plan: Plan) -> Page:
    storage.claim_upload(db.session, current_user.id, token)  # one transaction with the import
    db.session.commit()
    flash(f"Imported {meta['filename']}: {plan.created} created, {plan.updated} updated, "
          f"{plan.skipped} skipped.", "success")
    return render_template("transfer/result.html", parsed=parsed, plan=plan, meta=meta)


@bp.get("/exports")
def exports() -> Page | Response:
    """The export page; with `?file=people.csv` (or another export) the download itself."""
    name = request.args.get("file")
    if name:
        return attachment(db.session, current_user.team_id, name, today_for(current_user))
    return render_template("transfer/exports.html")


@bp.route(f"/merge/<{ID}:person_id>")
def merge_pick(person_id: int) -> Page:
    keep = people.get_person(db.session, current_user.team_id, person_id)
    form = FindPersonForm(request.args)
    q = form.data["q"] if form.validate() and form.data["q"] else keep.name.split()[-1]
    candidates = db.session.scalars(people.people_query(current_user.team_id, q=q)
                                    .where(Person.id != keep.id)
                                    .order_by(Person.name, Person.id).limit(50)).all()
    return render_template("transfer/merge_pick.html", keep=keep, form=form,
                           candidates=candidates, q=q)


@bp.route(f"/merge/<{ID}:person_id>/<{ID}:other_id>", methods=["GET", "POST"])
def merge(person_id: int, other_id: int) -> Page | Response:
    keep = people.get_person(db.session, current_user.team_id, person_id)
    other = people.get_person(db.session, current_user.team_id, other_id)
    form = MergeForm()
    if form.validate_on_submit() and (
        merged := call_service(form, services.merge_people, keep, other)
    ):
        flash(f"Merged the duplicate into {merged.name}.", "success")
        return redirect(url_for("people.detail", person_id=merged.id))
    counts = {p.id: services.ties_and_groups(db.session, p) for p in (keep, other)}
    status = 400 if form.errors or form.form_errors else 200
    return render_template("transfer/merge.html", keep=keep, other=other, form=form,
                           counts=counts), status
