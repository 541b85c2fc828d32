-- The pool layout as a file: each apply with the account as it was and the layout it brought, its steps in the order
-- they are sent (each with its outcome), and one apply running at a time across servers. Access tokens for a
-- pipeline, kept as a hash only. A journal entry names the apply and the token it came from.
create table layout_applies (
  id uuid primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Written while the apply runs: a running apply that stops beating was cut off (its server stopped).
  heartbeat_at timestamptz not null default now(),
  started_by text not null,
  token text,
  status text not null check (status in ('running', 'done', 'failed', 'interrupted')),
  undo_of uuid references layout_applies (id),
  before_layout jsonb not null,
  layout jsonb not null,
  -- The account's fingerprint once the apply ended, as its done steps leave it: undo needs it unchanged.
  after_fingerprint text,
  message text
);
create unique index layout_applies_one_running on layout_applies ((status)) where status = 'running';
create unique index layout_applies_undone_once on layout_applies (undo_of) where undo_of is not null;
create index layout_applies_newest on layout_applies (started_at desc);

create table layout_apply_steps (
  apply_id uuid not null references layout_applies (id) on delete cascade,
  n integer not null,
  change jsonb not null,
  state text not null check (state in ('pending', 'done', 'failed', 'unknown')),
  message text,
  primary key (apply_id, n)
);

create table access_tokens (
  id uuid primary key,
  name text not null,
  scope text not null check (scope in ('layout', 'read')),
  owner text not null,
  -- SHA-256 of the token: the token itself is shown once and never kept.
  hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by text
);

alter table activity
  add column apply_id uuid,
  add column token text;
