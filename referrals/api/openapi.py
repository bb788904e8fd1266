"""The OpenAPI 3.1 document of API v1, served at GET /api/v1/openapi.json.

Schemas come from the pydantic models in referrals.api.schemas; the paths come from
OPERATIONS below, one entry per route. A test checks both ways that OPERATIONS and the routes
agree and that real answers validate against the documented schemas: add a route, add its
line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from flask import jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel

from referrals.api import bp
from referrals.api.auth import public
from referrals.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from referrals.api.idempotency import REPLAYED_HEADER
from referrals.api.idempotency import applies as takes_idempotency_key
from referrals.api.schemas.advocate_calls import AdvocateCall, AdvocateCallCreate, AdvocateCallList
from referrals.api.schemas.common import Error, ListQuery
from referrals.api.schemas.followups import Followup, FollowupCreate, FollowupList, FollowupsQuery
from referrals.api.schemas.groups import (
    Group,
    GroupCreate,
    GroupList,
    GroupsQuery,
    GroupUpdate,
    MemberAdd,
    Membership,
)
from referrals.api.schemas.imports import ImportResult, ImportUpload
from referrals.api.schemas.introductions import (
    Introduction,
    IntroductionCreate,
    IntroductionList,
    IntroductionsQuery,
    IntroductionUpdate,
)
from referrals.api.schemas.me import Me
from referrals.api.schemas.outreach import (
    CallbackCard,
    MessageCheck,
    MessageCheckRequest,
    OpenersAnswer,
    OpenerSave,
    OpenersQuery,
    SavedOpener,
    StallDiagnosis,
    StallQuery,
    StallReview,
    StallReviewCreate,
    VoicemailDraft,
    VoicemailRequest,
    VoicemailScript,
    VoicemailScriptList,
)
from referrals.api.schemas.paths import PathList, PathsQuery, RankingList, RankingQuery
from referrals.api.schemas.people import (
    PeopleQuery,
    Person,
    PersonCreate,
    PersonList,
    PersonUpdate,
    RolesChange,
    RolesChanged,
)
from referrals.api.schemas.relationships import (
    Relationship,
    RelationshipCreate,
    RelationshipList,
    RelationshipsQuery,
    RelationshipUpdate,
)
from referrals.api.schemas.touches import Cadence, Touch, TouchCreate, TouchesQuery, TouchList
from referrals.api.schemas.value_items import (
    ValueItem,
    ValueItemCreate,
    ValueItemList,
    ValueItemsQuery,
    ValueItemUpdate,
)
from referrals.transfer.teamdoc import TeamDocument

API_VERSION = "1.0.0"
REF = "#/components/schemas/{model}"

STATUS_TEXT = {
    200: "OK.",
    201: "Created; `Location` is the new object's URL.",
    204: "Done; no content.",
    400: "Malformed or invalid input; `fields` says what is wrong with each field.",
    401: "No bearer token, or not a valid one.",
    404: "No such object in your team (an id of another team looks exactly the same).",
    409: "Conflicts with something already saved (a duplicate).",
    412: "`If-Match` names an older version: someone changed the object since you read it. "
         "Nothing was written; GET it again and retry with its new `ETag`.",
    413: "The request body is larger than the server accepts.",
    415: "The body is not JSON (send Content-Type: application/json, UTF-8).",
}


@dataclass(frozen=True)
class Operation:
    method: Literal["GET", "POST", "PATCH", "DELETE"]
    path: str  # relative to /api/v1, path parameters as {name}
    endpoint: str  # the view function's name, used as the operationId
    summary: str
    tag: str
    status: int  # the success status
    response: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    body_media_type: str = "application/json"
    errors: tuple[int, ...] = ()  # beyond those implied (401, 404 for ids, 400/413/415 for input)
    response_media_type: str = "application/json"  # exports answer CSV or vCard
    description: str = ""
    public: bool = False
    also: tuple[tuple[int, type[BaseModel]], ...] = ()  # other success answers (e.g. a preview)


OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/openapi.json", "openapi", "This document", "meta", 200, public=True,
              description="The OpenAPI 3.1 description of this API. Needs no token."),
    Operation("GET", "/me", "get_me", "The token's user, their person and team", "me", 200, Me),
    # people
    Operation("GET", "/people", "list_people", "List people", "people", 200, PersonList,
              query=PeopleQuery),
    Operation("POST", "/people", "create_person", "Create a person", "people", 201, Person,
              body=PersonCreate, errors=(409,)),
    Operation("POST", "/people/roles", "change_roles", "Give or take a role, many people at once",
              "people", 200, RolesChanged, body=RolesChange, errors=(404,),
              description="All or nothing: one id outside your team (404) or invalid input "
                          "(400) changes nobody. Each changed person's version (ETag) moves on."),
    Operation("GET", "/people/{person_id}", "get_person", "Read a person", "people", 200,
              Person),
    Operation("PATCH", "/people/{person_id}", "update_person", "Change some of a person's fields",
              "people", 200, Person, body=PersonUpdate, errors=(409,)),
    Operation("DELETE", "/people/{person_id}", "delete_person", "Delete a person", "people", 204,
              errors=(400,),
              description="Their relationships and group memberships go with them. A rep's own "
                          "person cannot be deleted (400)."),
    # relationships
    Operation("GET", "/relationships", "list_relationships", "List relationships",
              "relationships", 200, RelationshipList, query=RelationshipsQuery),
    Operation("POST", "/relationships", "create_relationship", "Record a relationship",
              "relationships", 201, Relationship, body=RelationshipCreate, errors=(409,),
              description="One relationship per pair of people and kind (409 for a second)."),
    Operation("GET", "/relationships/{relationship_id}", "get_relationship",
              "Read a relationship", "relationships", 200, Relationship),
    Operation("PATCH", "/relationships/{relationship_id}", "update_relationship",
              "Change some of a relationship's fields", "relationships", 200, Relationship,
              body=RelationshipUpdate, errors=(409,)),
    Operation("DELETE", "/relationships/{relationship_id}", "delete_relationship",
              "Delete a relationship", "relationships", 204),
    # groups
    Operation("GET", "/groups", "list_groups", "List groups", "groups", 200, GroupList,
              query=GroupsQuery),
    Operation("POST", "/groups", "create_group", "Create a group", "groups", 201, Group,
              body=GroupCreate, errors=(409,)),
    Operation("GET", "/groups/{group_id}", "get_group", "Read a group", "groups", 200, Group),
    Operation("PATCH", "/groups/{group_id}", "update_group", "Change some of a group's fields",
              "groups", 200, Group, body=GroupUpdate, errors=(409,)),
    Operation("DELETE", "/groups/{group_id}", "delete_group", "Delete a group", "groups", 204,
              description="Its memberships go with it; the people stay."),
    Operation("GET", "/groups/{group_id}/members", "list_members", "List a group's members",
              "groups", 200, PersonList, query=ListQuery),
    Operation("POST", "/groups/{group_id}/members", "add_member", "Add a person to a group",
              "groups", 201, Membership, body=MemberAdd, errors=(409,)),
    Operation("GET", "/groups/{group_id}/members/{person_id}", "get_member",
              "Read a membership", "groups", 200, Membership),
    Operation("DELETE", "/groups/{group_id}/members/{person_id}", "remove_member",
              "Remove a person from a group", "groups", 204),
    # warm paths
    Operation("GET", "/people/{person_id}/paths", "person_paths",
              "Warm paths to a person, best first", "paths", 200, PathList,
              query=PathsQuery,
              description="From the rep (`from=me`) or another person to this one. `warmth` "
                          "is the product of the path's tie strengths; paths are sorted by "
                          "`penalised_warmth`, which is lower only when `penalty` names an "
                          "over-asked helper on the path; no path gives "
                          "`{\"paths\": []}`."),
    Operation("GET", "/prospects/ranking", "prospect_ranking",
              "The team's prospects, warmest first", "paths", 200, RankingList,
              query=RankingQuery,
              description="Every prospect with its best warmth from the rep and the first "
                          "step of that path."),
    # advocates and follow-ups
    Operation("GET", "/advocate-calls", "list_advocate_calls", "List advocate calls",
              "advocates", 200, AdvocateCallList, query=ListQuery),
    Operation("POST", "/advocate-calls", "create_advocate_call", "Log an advocate's call",
              "advocates", 201, AdvocateCall, body=AdvocateCallCreate,
              description="A call an advocate made on the rep's behalf (not in the future). "
                          "Creating it marks the person an advocate, records a touch on the "
                          "prospect and creates its follow-ups: a thank-you due the next "
                          "business day and feedback due a week later (sooner when the "
                          "prospect's outcome changes). Ids of people outside your team are "
                          "field errors (400). The same call (advocate, prospect, day and "
                          "outcome) posted again within 10 minutes is taken for a repeat: "
                          "the call logged first comes back with 200 and nothing is "
                          "written.",
              also=((200, AdvocateCall),)),
    Operation("GET", "/advocate-calls/{call_id}", "get_advocate_call", "Read an advocate call",
              "advocates", 200, AdvocateCall),
    Operation("GET", "/followups", "list_followups", "List follow-ups", "advocates", 200,
              FollowupList, query=FollowupsQuery,
              description="Your team's follow-ups in id order; `due_before` is exclusive."),
    Operation("POST", "/followups", "create_followup", "Set yourself a reminder", "advocates",
              201, Followup, body=FollowupCreate,
              description="Your own follow-up about a person of your team: `kind` `call` (a "
                          "call you promised) or `custom`, due today or later. A person "
                          "outside your team is a field error (400); a refused request "
                          "writes nothing."),
    Operation("GET", "/followups/{followup_id}", "get_followup", "Read a follow-up",
              "advocates", 200, Followup),
    Operation("POST", "/followups/{followup_id}/complete", "complete_followup",
              "Mark a follow-up done", "advocates", 200, Followup,
              description="It stays in the history; completing a done follow-up changes "
                          "nothing."),
    # introduction requests
    Operation("GET", "/introductions", "list_introductions", "List introduction requests",
              "introductions", 200, IntroductionList, query=IntroductionsQuery,
              description="Your team's requests in id order; `person_id` finds those where "
                          "the person is the helper or the prospect."),
    Operation("POST", "/introductions", "create_introduction",
              "Ask a helper for an introduction", "introductions", 201, Introduction,
              body=IntroductionCreate, errors=(409,),
              description="Starts as `draft` or `asked`. Without `message` the ask is drafted "
                          "from the data: it says the helper knows the prospect only when a "
                          "tie between them is recorded. Asking a helper already asked up to "
                          "the team's cap answers 409 with the reason under "
                          "`fields.confirm_over_cap`; send `confirm_over_cap: true` to ask "
                          "anyway. Ids of people outside your team are field errors (400)."),
    Operation("GET", "/introductions/{introduction_id}", "get_introduction",
              "Read an introduction request", "introductions", 200, Introduction),
    Operation("PATCH", "/introductions/{introduction_id}", "update_introduction",
              "Move an introduction request on", "introductions", 200, Introduction,
              body=IntroductionUpdate, errors=(409,),
              description="Sets `status` and adds it, with `note`, to the history. Reaching "
                          "`introduced` creates the thank-you and feedback for the helper; "
                          "`won` makes the prospect a customer and queues word of it for "
                          "everyone who helped. Leaving `draft` is an ask, checked against "
                          "the team's cap (409 as for creating)."),
    # outreach: touches and cadence
    Operation("GET", "/touches", "list_touches", "List touches", "outreach", 200, TouchList,
              query=TouchesQuery),
    Operation("POST", "/touches", "create_touch", "Log a touch", "outreach", 201, Touch,
              body=TouchCreate, errors=(409,),
              description="An outreach to a person of your team: channel, when, outcome, the "
                          "value item that went with it. A voicemail that breaks the team's "
                          "cadence (more than its limit in its window, or during a lay-off) "
                          "answers 409 with the reason under `fields.confirm`; send "
                          "`confirm: true` to log it anyway. A value item already used in a "
                          "voicemail to the person is refused for another (400). A meeting "
                          "set brings the helpers' feedback follow-ups forward. `call_on` "
                          "adds a `call` follow-up due that day; a conversation (a call or "
                          "visit where they spoke, called back or agreed a meeting) closes "
                          "the calls promised to the person."),
    Operation("GET", "/touches/{touch_id}", "get_touch", "Read a touch", "outreach", 200,
              Touch),
    Operation("GET", "/people/{person_id}/cadence", "person_cadence",
              "Where the rep stands with a prospect", "outreach", 200, Cadence,
              description="Attempts against the budgets the deal value is worth (calls and "
                          "voicemails; other channels), the voicemail rule, whether to switch "
                          "to e-mail, the next off-hours call windows in the prospect's time "
                          "zone (the rep's, flagged by `timezone_known`, when theirs is "
                          "unknown) and the next step."),
    # outreach: the value library
    Operation("GET", "/value-items", "list_value_items", "List the value library", "outreach",
              200, ValueItemList, query=ValueItemsQuery),
    Operation("POST", "/value-items", "create_value_item", "Add to the value library",
              "outreach", 201, ValueItem, body=ValueItemCreate, errors=(409,)),
    Operation("GET", "/value-items/{item_id}", "get_value_item", "Read a value item",
              "outreach", 200, ValueItem),
    Operation("PATCH", "/value-items/{item_id}", "update_value_item",
              "Change some of a value item's fields", "outreach", 200, ValueItem,
              body=ValueItemUpdate, errors=(409,)),
    Operation("DELETE", "/value-items/{item_id}", "delete_value_item", "Delete a value item",
              "outreach", 204, description="Scripts and touches that used it keep their "
                                           "words; their link to it is cleared."),
    # outreach: openers, voicemail scripts, the message check, the call-back card
    Operation("GET", "/people/{person_id}/openers", "person_openers",
              "Openers for each warm path to a person", "outreach", 200, OpenersAnswer,
              query=OpenersQuery,
              description="Every variant of the team's templates for each path's kind of "
                          "connection, naming the person the prospect knows; public-hook "
                          "variants; and the opener saved last."),
    Operation("POST", "/people/{person_id}/openers", "save_person_opener",
              "Save the opener picked (and maybe edited) for a person", "outreach", 201,
              SavedOpener, body=OpenerSave),
    Operation("GET", "/people/{person_id}/voicemail-scripts", "list_voicemail_scripts",
              "A person's voicemail scripts", "outreach", 200, VoicemailScriptList,
              query=ListQuery),
    Operation("POST", "/people/{person_id}/voicemail-scripts", "create_voicemail_script",
              "Build and save a voicemail script", "outreach", 201, VoicemailScript,
              body=VoicemailRequest,
              also=((200, VoicemailDraft),),
              description="One to three reasons (value items and pressing issues), the "
                          "connection and one call to action make the script, unless `text` "
                          "gives the rep's own. A value item already used in a voicemail to "
                          "the person is refused (a series never repeats one). Over 30 "
                          "seconds is refused unless `override`. `preview: true` answers the "
                          "draft with its length and message-check flags (200, "
                          "`VoicemailDraft`) and saves nothing."),
    Operation("POST", "/message-checks", "create_message_check", "Check a voicemail or e-mail",
              "outreach", 200, MessageCheck, body=MessageCheckRequest,
              description="Flags a message that is only a name and number, gives no reason, "
                          "blames, is all about the rep or runs too long – each with why and "
                          "what to do instead. Writes nothing."),
    Operation("GET", "/people/{person_id}/callback-card", "person_callback_card",
              "Everything to have in front of you when a prospect calls back", "outreach",
              200, CallbackCard),
    Operation("GET", "/people/{person_id}/stall", "person_stall",
              "Why a prospect doesn't call back, and a different approach", "outreach", 200,
              StallDiagnosis, query=StallQuery,
              description="The causes the history of attempts points to (unanswered voicemails "
                          "with no one vouching, messages that gave no reason, nothing of "
                          "value offered, calls only in working hours, a conversation then "
                          "silence, a junior title on a large deal…), each with its evidence, "
                          "and for the likeliest cause (or `cause`) the approaches that answer "
                          "it: a warm path not yet tried, another channel, unused value, a "
                          "reference, another person at the company, or a message to send."),
    Operation("POST", "/people/{person_id}/stall-reviews", "create_stall_review",
              "Record why you think a prospect doesn't call back", "outreach", 201,
              StallReview, body=StallReviewCreate),
    # imports
    Operation("POST", "/imports", "create_import", "Import contacts or ties from a file",
              "imports", 200, ImportResult, body=ImportUpload,
              body_media_type="multipart/form-data",
              description="CSV (LinkedIn connections, Google or Outlook contacts, any CSV "
                          "with a name column, ties, group memberships), vCard 3.0/4.0 or a "
                          "team export; the format is detected unless `format` is given. "
                          "Someone already there (same e-mail, or same name and company) "
                          "only gets their empty fields filled; an e-mail of someone with "
                          "another name is a row error. The counts are of the file's own "
                          "objects (people for contacts, ties for a ties file); `row` is the "
                          "line number as a spreadsheet shows it. Rows with errors are "
                          "skipped, the rest is written in one transaction; `dry_run=true` "
                          "writes nothing. A file over 16 MiB gets 413; a vCard past its reading "
                          "limits, a team document nested over 64 levels, or an empty, binary "
                          "or nameless file gets 400."),
    # exports
    Operation("GET", "/exports/people.csv", "export_people_csv", "People as CSV", "exports",
              200, response_media_type="text/csv",
              description="One row per person; the columns import back with `POST /imports`."),
    Operation("GET", "/exports/people.vcf", "export_people_vcard", "People as vCards",
              "exports", 200, response_media_type="text/vcard",
              description="vCard 3.0, one card per person."),
    Operation("GET", "/exports/relationships.csv", "export_relationships_csv",
              "Relationships as CSV", "exports", 200, response_media_type="text/csv",
              description="Both people's e-mail, name and company, then kind, rating, last "
                          "interaction and notes; imports back with `POST /imports`."),
    Operation("GET", "/exports/team.json", "export_team", "The whole team as one document",
              "exports", 200, TeamDocument,
              description="Everything the team owns: people, relationships, groups, touches, "
                          "value items, opener templates and saved openers, voicemail scripts, "
                          "stall reviews, advocate calls, introductions with their history, "
                          "reference asks and follow-ups. Ids only link the document's own "
                          "objects; users appear by e-mail. `POST /imports` reads its people, "
                          "relationships, groups and touches into any team (new ids)."),
)

RESPONSE_MODELS: tuple[type[BaseModel], ...] = (
    (Error,)
    + tuple(op.response for op in OPERATIONS if op.response is not None)
    + tuple(model for op in OPERATIONS for _, model in op.also)
)
REQUEST_MODELS: tuple[type[BaseModel], ...] = tuple(
    op.body for op in OPERATIONS if op.body is not None
)


@bp.get("/openapi.json")
@public
def openapi() -> ResponseReturnValue:
    return jsonify(document())


@cache
def document() -> dict[str, Any]:
    """The whole OpenAPI document (built once per process)."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "referrals API",
            "version": API_VERSION,
            "description": (
                "JSON in and out, UTF-8. Authenticate with `Authorization: Bearer <token>` "
                "(`flask --app app create-token EMAIL`). Every object belongs to your team; an "
                "id of another team answers 404 exactly like one that does not exist. Errors "
                "are `{\"error\": …, \"fields\": {field: [message]}}`. Lists are "
                "`{\"items\": […], \"next\": url-or-null}` with `?limit=` (default 50, max "
                "500); follow `next` for the next page. Timestamps are ISO 8601 with offset, "
                "dates YYYY-MM-DD."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": tag} for tag in dict.fromkeys(op.tag for op in OPERATIONS)],
        "paths": paths,
        "components": {
            "schemas": _component_schemas(),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


def _component_schemas() -> dict[str, Any]:
    found: dict[str, Any] = {}

    def add(name: str, schema: dict[str, Any]) -> None:
        if name in found and found[name] != schema:
            raise RuntimeError(f"two different schemas are named {name!r}")
        found[name] = schema

    for models, mode in ((RESPONSE_MODELS, "serialization"), (REQUEST_MODELS, "validation")):
        for model in models:
            schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
            for name, sub in schema.pop("$defs", {}).items():
                add(name, sub)
            add(model.__name__, schema)
    return dict(sorted(found.items()))


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _operation(op: Operation) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "operationId": op.endpoint,
        "summary": op.summary,
        "tags": [op.tag],
    }
    if op.description:
        spec["description"] = op.description
    if op.public:
        spec["security"] = []
    parameters = (_path_parameters(op.path) + _query_parameters(op.query)
                  + _header_parameters(op))
    if parameters:
        spec["parameters"] = parameters
    if op.body is not None:
        content = {op.body_media_type: {"schema": _ref(op.body)}}
        spec["requestBody"] = {"required": True, "content": content}
    spec["responses"] = _responses(op)
    return spec


# Rows with a version: GET answers an ETag, PATCH and DELETE honour If-Match (412 if stale).
VERSIONED = frozenset({"get_person", "update_person", "delete_person", "get_relationship",
                       "update_relationship", "delete_relationship", "create_person",
                       "create_relationship"})
ETAG_HEADER = {"ETag": {"description": "The object's version, e.g. `\"3\"`; send it back in "
                                      "`If-Match` to change or delete only that version.",
                        "schema": {"type": "string"}}}


def _idempotent(op: Operation) -> bool:
    return takes_idempotency_key(op.method, f"api.{op.endpoint}")


def _header_parameters(op: Operation) -> list[dict[str, Any]]:
    if _idempotent(op):
        return [{"name": IDEMPOTENCY_HEADER, "in": "header", "required": False,
                 "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                 "description": "Any unique token (a UUID). A repeat with the same key, path "
                                "and body within 24 hours answers the first request's status, "
                                "body and Location again, with `Idempotent-Replayed: true`, "
                                "and writes nothing; the same key with a different request "
                                "is 409. Refused requests (4xx) are not kept."}]
    if op.endpoint in VERSIONED and op.method in ("PATCH", "DELETE"):
        return [{"name": "If-Match", "in": "header", "required": False,
                 "schema": {"type": "string"},
                 "description": "The `ETag` of the version you read: the change is made only "
                                "if the object is still at that version (else 412, nothing "
                                "written). Without it the change is made whatever the version."}]
    return []


def _path_parameters(path: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True,
         "schema": {"type": "integer", "minimum": 1}}
        for name in re.findall(r"{(\w+)}", path)
    ]


def _query_parameters(model: type[BaseModel] | None) -> list[dict[str, Any]]:
    if model is None:
        return []
    schema = model.model_json_schema(ref_template=REF, mode="validation")
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema["properties"].items():
        prop = _without_null(prop)
        description = prop.pop("description", None)
        prop.pop("title", None)
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required,
                                     "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or a string, never null: drop `null` from `X | None`."""
    prop = dict(prop)
    if prop.get("default", "") is None:
        del prop["default"]
    options = [option for option in prop.get("anyOf", []) if option != {"type": "null"}]
    if len(options) == 1:
        del prop["anyOf"]
        prop = {**options[0], **prop}
    return prop


def _responses(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    success: dict[str, Any] = {"description": STATUS_TEXT[op.status]}
    if op.endpoint == "openapi":
        success["content"] = {"application/json": {"schema": {"type": "object"}}}
    elif op.response_media_type != "application/json":
        success["content"] = {op.response_media_type: {"schema": {"type": "string"}}}
    elif op.response is not None:
        success["content"] = {"application/json": {"schema": _ref(op.response)}}
    if op.status == 201:
        success["headers"] = {
            "Location": {"description": "The new object's URL.",
                         "schema": {"type": "string", "format": "uri"}}
        }
    if op.endpoint in VERSIONED and op.method != "DELETE":
        success["headers"] = {**success.get("headers", {}), **ETAG_HEADER}
    if _idempotent(op):
        success["headers"] = {**success.get("headers", {}), REPLAYED_HEADER: {
            "description": "`true` when this is the stored answer to an earlier request with "
                           "the same Idempotency-Key.", "schema": {"type": "string",
                                                                   "enum": ["true"]}}}
    responses[str(op.status)] = success
    for status, model in op.also:
        responses[str(status)] = {"description": STATUS_TEXT[status],
                                  "content": {"application/json": {"schema": _ref(model)}}}
    errors = set(op.errors)
    if _idempotent(op):
        errors.add(409)
    if op.endpoint in VERSIONED and op.method in ("PATCH", "DELETE"):
        errors.add(412)
    if not op.public:
        errors.add(401)
    if "{" in op.path:
        errors.add(404)
    if op.query is not None or op.body is not None:
        errors.add(400)
    if op.body is not None:
        errors.update((413, 415))
    for status in sorted(errors):
        error: dict[str, Any] = {
            "description": STATUS_TEXT[status],
            "content": {"application/json": {"schema": _ref(Error)}},
        }
        if status == 401:
            error["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
        responses[str(status)] = error
    return responses
