/**
 * Row types as stored. JSON columns are text (the same on SQLite and PostgreSQL); times are
 * ISO-8601 UTC strings, which sort correctly as text on both databases.
 */
export interface Database {
  settings: { key: string; value: string };
  users: {
    id: string;
    email: string;
    name: string;
    roles: string;
    password_hash: string | null;
    active: number;
    created_at: string;
  };
  user_invitations: { token_hash: string; user_id: string; expires_at: string; used_at: string | null };
  sessions: { token_hash: string; user_id: string; created_at: string; expires_at: string };
  positions: { id: string; title: string; level: string; line_manager_id: string; created_at: string };
  candidates: {
    id: string;
    name: string;
    email: string;
    time_zone: string;
    pronouns: string | null;
    accommodations: string | null;
    created_at: string;
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
    stage: string;
    pairing_minutes: number;
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
    created_at: string;
    updated_at: string;
  };
  interview_shadows: { interview_id: string; user_id: string };
  interview_events: {
    id: string;
    interview_id: string;
    seq: number;
    type: string;
    at: string;
    actor_id: string | null;
    payload: string;
  };
  notes: {
    id: string;
    interview_id: string;
    author_id: string;
    stage: string;
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
  };
  decisions: { interview_id: string; outcome: string; note: string; decided_by: string; decided_at: string };
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
}
