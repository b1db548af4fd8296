import type { InterviewEventType, Stage } from '@pairwise/domain';
import type { Generated } from 'kysely';

/**
 * Row types as stored. JSON columns are text (the same on SQLite and PostgreSQL); times are
 * ISO-8601 UTC strings, which sort correctly as text on both databases.
 */
export interface Database {
  settings: { key: string; value: string };
  /** Migration 028: the organisation's (scope 'organisation') or a position's texts for candidate messages. */
  message_templates: {
    scope: string;
    locale: string;
    part: string;
    text: string;
    updated_by: string;
    updated_at: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    roles: string;
    password_hash: string | null;
    active: number;
    created_at: string;
  };
  /** Migration 013: failed attempts per key, shared by every node (platform/auth/failure-limiter.ts). */
  failure_counters: { key: string; failures: number; last_failure_at: string };
  /** Migration 015: one row per word of a candidate's name and their address, for search (decision 019). */
  candidate_terms: { term: string; candidate_id: string };
  /** Migration 021: a provider group grants a role (single sign-on, decision 025). */
  sso_group_roles: { group_name: string; role: string };
  /** Migration 021: who a provider's subject is here. */
  user_identities: {
    issuer: string;
    subject: string;
    user_id: string;
    created_at: string;
    last_sign_in_at: string | null;
  };
  /** Migration 024: bearer tokens an identity provider provisions with over SCIM (only the hash). */
  scim_tokens: {
    id: string;
    label: string;
    token_hash: string;
    created_by: string;
    created_at: string;
    last_used_at: string | null;
    last_used_ip: string | null;
    revoked_at: string | null;
  };
  /** Migration 024: the SCIM names of the users an identity provider manages. */
  scim_users: {
    user_id: string;
    user_name: string;
    user_name_key: string;
    external_id: string | null;
    given_name: string | null;
    family_name: string | null;
    created_at: string;
    updated_at: string;
  };
  /** Migration 024: groups pushed over SCIM; their names map to roles through sso_group_roles. */
  scim_groups: {
    id: string;
    display_name: string;
    external_id: string | null;
    created_at: string;
    updated_at: string;
  };
  scim_group_members: { group_id: string; user_id: string };
  /** Migration 021: sign-ins between the redirect to the provider and its callback. */
  sso_sign_ins: {
    token_hash: string;
    state: string;
    nonce: string;
    code_verifier: string;
    next: string;
    expires_at: string;
  };
  user_invitations: { token_hash: string; user_id: string; expires_at: string; used_at: string | null };
  sessions: {
    token_hash: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string | null;
    user_agent: string | null;
    ip: string | null;
  };
  positions: {
    id: string;
    title: string;
    level: string;
    line_manager_id: string;
    created_at: string;
    /** JSON FocusAttribute[]: what this position's interviews are rated on. */
    focus_attributes: string;
  };
  candidates: {
    id: string;
    name: string;
    email: string;
    time_zone: string;
    pronouns: string | null;
    accommodations: string | null;
    created_at: string;
    /** Migration 009: 1 suspends erasure by retention and by the candidate's own request. */
    legal_hold: Generated<number>;
    legal_hold_reason: string | null;
    /** Migration 009: set when personal data was erased; the row stays for anonymous counts. */
    erased_at: string | null;
    /** Migration 016: who added the candidate; null for older rows. */
    created_by: string | null;
    /** Migration 027: the candidate's language, one of candidateLocales ('en' for older rows). */
    locale: Generated<string>;
  };
  tasks: {
    id: string;
    title: string;
    summary: string;
    navigator_guide: string;
    setup_commands: string;
    test_command: string;
    setup_budget_sec: number;
    pairing_minutes: number;
    tdd_rhythm: number;
    levers: string;
    created_at: string;
    updated_at: string;
    /** Migration 012: who created the task; with admins, the only one who changes its commands. */
    owner_id: string | null;
    /** Migration 012: who last changed the setup or test commands, and when. */
    commands_changed_by: string | null;
    commands_changed_at: string | null;
  };
  interviews: {
    id: string;
    candidate_id: string;
    position_id: string;
    task_id: string;
    navigator_id: string;
    starts_at: string;
    time_zone: string;
    place: string;
    stage: Stage;
    pairing_minutes: number;
    /** Migration 019: the task's setup budget when planned; every agenda and calendar entry reads it. */
    setup_budget_sec: number;
    calendar_sequence: number;
    checklist: string;
    difficulty_plan: string;
    wellness: string | null;
    setup_started_at: string | null;
    pairing_started_at: string | null;
    pairing_ended_at: string | null;
    break_started_at: string | null;
    retrospective_started_at: string | null;
    refinement_started_at: string | null;
    repository_deletion_confirmed_at: string | null;
    /** Migration 003: the task snapshot chosen at planning; null while the task had none. */
    snapshot_id: string | null;
    /** Migration 028: the day's lengths (DayDurations JSON) when planned; null: Pairwise's defaults. */
    day_durations: string | null;
    created_at: string;
    updated_at: string;
  };
  interview_shadows: {
    interview_id: string;
    user_id: string;
    /** Migration 030: the interview's starts_at and stage, set and kept by triggers; the shadow scope's page. */
    starts_at: Generated<string | null>;
    stage: Generated<string | null>;
  };
  interview_events: {
    id: string;
    interview_id: string;
    seq: number;
    /** Written only through the event log's typed `record()`, so `where` clauses are checked too. */
    type: InterviewEventType;
    at: string;
    actor_id: string | null;
    payload: string;
  };
  notes: {
    id: string;
    interview_id: string;
    author_id: string;
    stage: Stage;
    offset_ms: number | null;
    text: string;
    tags: string;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
  };
  note_revisions: { id: string; note_id: string; text: string; tags: string; revised_at: string };
  retrospectives: {
    interview_id: string;
    shared_note_ids: string;
    answers: string;
    deadline: string | null;
    next_steps: string;
    updated_at: string;
  };
  scorecards: {
    interview_id: string;
    author_id: string;
    ratings: string;
    impression: string;
    recommendation: string | null;
    bias_checklist: string;
    submitted_at: string | null;
    updated_at: string;
    /** When the impression was first saved non-empty (for the structural check). */
    impression_drafted_at: string | null;
    /** JSON FocusAttribute[] frozen at submission; null while a draft follows its position. */
    focus_attributes: string | null;
  };
  decisions: {
    interview_id: string;
    outcome: string;
    note: string;
    decided_by: string;
    decided_at: string;
    proceeded_without_panel_reason: string | null;
    /** JSON array of the names of panel members who had not submitted, when proceeded without them. */
    missing_panel_members: string | null;
  };
  jobs: {
    id: string;
    type: string;
    payload: string;
    dedupe_key: string | null;
    run_at: string;
    attempts: number;
    max_attempts: number;
    locked_by: string | null;
    locked_until: string | null;
    last_error: string | null;
    done_at: string | null;
    failed_at: string | null;
    created_at: string;
  };
  // Migration 005: mail, calendar and the candidate portal.
  outbox_messages: {
    id: string;
    kind: string;
    interview_id: string | null;
    dedupe_key: string | null;
    message_id: string;
    envelope: string;
    subject: string;
    raw: string;
    text_body: string;
    calendar_method: string | null;
    calendar: string | null;
    status: string;
    attempts: number;
    lease: string | null;
    last_error: string | null;
    smtp_response: string | null;
    created_at: string;
    sending_at: string | null;
    sent_at: string | null;
    /** Migration 015: the envelope's one addressee, lower-cased, so mail to a person is found by index. */
    recipient: string | null;
  };
  calendar_events: {
    uid: string;
    interview_id: string;
    block: string;
    attendee: string;
    sequence: number;
    starts_at: string;
    ends_at: string;
    cancelled: number;
    updated_at: string;
  };
  calendar_feed_tokens: {
    user_id: string;
    token_hash: string;
    created_at: string;
    /** Migration 035: raised by triggers whenever a row the user's feed is made of changes (decision 058). */
    revision: Generated<number>;
  };
  portal_tokens: { token_hash: string; interview_id: string; created_at: string; expires_at: string };
  candidate_responses: {
    id: string;
    interview_id: string;
    kind: string;
    reason: string | null;
    calendar_sequence: number;
    created_at: string;
    /** 'portal' or 'calendar' (an iTIP REPLY or COUNTER read from the mailbox). */
    source: string;
    proposed_starts_at: string | null;
    proposed_ends_at: string | null;
  };
  slot_offers: {
    id: string;
    interview_id: string;
    kind: string;
    status: string;
    picked_slot_id: string | null;
    picked_at: string | null;
    created_by: string;
    created_at: string;
  };
  offered_slots: { id: string; offer_id: string; starts_at: string; ends_at: string; confirmation: string };
  calendar_replies: {
    message_key: string;
    received_at: string;
    outcome: string;
    reason: string;
    interview_id: string | null;
    method: string | null;
    partstat: string | null;
  };
  mailbox_cursors: { mailbox: string; uid_validity: string; last_uid: number };
  accommodation_requests: {
    id: string;
    interview_id: string;
    text: string;
    created_at: string;
    answer: string | null;
    answered_at: string | null;
    answered_by: string | null;
  };
  data_requests: {
    id: string;
    interview_id: string;
    kind: string;
    created_at: string;
    processed_at: string | null;
    /** Migration 009: one month after created_at; null on requests made before it. */
    due_at: string | null;
    /** pending | completed */
    status: Generated<string>;
    approved_by: string | null;
    completed_at: string | null;
  };
  candidate_feedback: {
    id: string;
    position_id: string;
    month: string;
    prepared_score: number;
    surprise: string;
    comments: string;
  };
  survey_receipts: { interview_id: string };
  decision_messages: { interview_id: string; outbox_id: string; sent_by: string; sent_at: string };
  // Migration 004: candidate repositories and their pushes.
  candidate_repositories: {
    interview_id: string;
    slug: string;
    username: string;
    password_hash: string;
    credential_generation: number;
    credentials_rotated_at: string | null;
    snapshot_id: string | null;
    snapshot_commit: string | null;
    seeded_at: string | null;
    first_access_at: string | null;
    window_opened_at: string | null;
    window_closed_at: string | null;
    created_at: string;
  };
  pushes: {
    id: string;
    interview_id: string;
    at: string;
    offset_ms: number | null;
    remote_user: string;
    refs: string;
    commits: string;
    commits_truncated: number;
  };
  // Migration 003: task snapshots, rehearsals, personal API tokens.
  task_snapshots: {
    id: string;
    task_id: string;
    commit: string;
    source: string;
    file_count: number;
    total_bytes: number;
    excluded_paths: string;
    acknowledgements: string;
    created_by: string;
    created_at: string;
  };
  rehearsals: {
    id: string;
    task_id: string;
    snapshot_id: string;
    machine_label: string;
    origin: string;
    status: string;
    steps: string;
    total_ms: number | null;
    budget_ms: number;
    passed: number;
    within_budget: number;
    failed_step: string | null;
    at: string;
    ran_by: string;
  };
  api_tokens: {
    id: string;
    user_id: string;
    label: string;
    token_hash: string;
    created_at: string;
    last_used_at: string | null;
    /** Migration 021: JSON ApiTokenScope[]. */
    scopes: string;
    expires_at: string | null;
    last_used_ip: string | null;
  };
  /** Migration 021: a write's answer kept for 24 hours under the caller's Idempotency-Key. */
  idempotency_keys: {
    actor_id: string;
    key: string;
    request_hash: string;
    /** null while the first request is still running. */
    status: number | null;
    response: string | null;
    created_at: string;
  };
  /** Migration 025: a staff member's calendar connection (decision 032). */
  calendar_connections: {
    user_id: string;
    /** 'caldav' today; 'google' and 'microsoft' next. */
    provider: string;
    server_url: string;
    username: string;
    calendar_url: string;
    calendar_name: string;
    secret_ciphertext: string;
    created_at: string;
    checked_at: string;
  };
  /** Migration 025: a panel block Pairwise wrote into someone's connected calendar. */
  calendar_writes: {
    uid: string;
    interview_id: string;
    user_id: string;
    kind: string;
    starts_at: string;
    ends_at: string;
    state: 'written' | 'removed' | 'failed';
    error: string | null;
    conflict: string | null;
    updated_at: string;
  };
  /** Migration 023: a receiver of signed webhooks (decision 030). */
  webhook_endpoints: {
    id: string;
    url: string;
    description: string;
    /** JSON WebhookEventType[]. */
    events: string;
    personal_data: number;
    secret: string;
    created_by: string;
    created_at: string;
  };
  /** Migration 023: one event for one endpoint; its id is the Pairwise-Webhook-Id header. */
  webhook_deliveries: {
    id: string;
    endpoint_id: string;
    event_type: string;
    body: string;
    status: 'pending' | 'delivered' | 'failed';
    created_at: string;
    next_attempt_at: string | null;
  };
  /** Migration 023: each try at a delivery, for the delivery log. */
  webhook_attempts: {
    delivery_id: string;
    attempt: number;
    at: string;
    response_status: number | null;
    duration_ms: number;
    error: string | null;
  };
  /** Migration 023: an organisation's API token (decision 030); `user_id` is its own inactive user row. */
  service_tokens: {
    id: string;
    name: string;
    user_id: string;
    /** JSON ServiceTokenScope[]. */
    scopes: string;
    token_hash: string;
    created_by: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    last_used_ip: string | null;
  };
  /** Append-only: inserted and queried, never updated or deleted by the app. */
  audit_entries: {
    id: string;
    at: string;
    actor_id: string | null;
    actor_label: string;
    action: string;
    subject_type: string | null;
    subject_id: string | null;
    candidate_id: string | null;
    ip: string | null;
    /** JSON object. */
    detail: string;
  };
  /** How each flagged phrase in a note or impression was resolved. */
  bias_resolutions: {
    id: string;
    interview_id: string;
    author_id: string;
    target: string;
    target_id: string;
    rule_id: string;
    phrase: string;
    resolution: string;
    reason: string;
    resolved_at: string;
    /** The bias the phrase may reflect (a BiasCategory); null if recorded before migration 011. */
    category: string | null;
    /** A protected-category keep's second review: 'pending', 'confirmed' or 'rejected'; null when none is needed. */
    review_status: string | null;
    reviewed_by: string | null;
    reviewed_at: string | null;
  };
  /** The organisation's own bias terms, checked after Pairwise's rules. */
  bias_terms: {
    id: string;
    phrase: string;
    category: string;
    message: string;
    suggestion: string;
    /** JSON array of phrases. */
    unless: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  /** Migration 031: interviews whose calibration figures changed since they were summed (marked by triggers). */
  calibration_stale: { interview_id: string; version: number };
  /** Migration 031: each interview's calibration sums (JSON CalibrationSums), its day and the scopes they were added to. */
  calibration_contributions: { interview_id: string; day: string; scopes: string; sums: string };
  /** Migration 031: calibration sums per scope ('all', 'position:<id>', 'member:<id>') and month or day. */
  calibration_sums: { scope: string; bucket: string; sums: string; revision: string };
}
