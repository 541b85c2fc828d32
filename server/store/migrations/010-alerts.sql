-- Alerts. A rule an admin changed or added is kept whole (the defaults need no row until changed); an incident is one
-- rule crossing for one scope, open until it has been quiet long enough; a notification waits in the outbox until a
-- server has sent it, each with the incident's key so a receiver can drop a repeat.
create table alert_rules (
  id text primary key,
  rule jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by text not null
);

create table alert_incidents (
  rule_id text not null,
  scope text not null,
  opened_at timestamptz not null,
  last_crossed_at timestamptz not null,
  value double precision not null,
  threshold double precision not null,
  notified_at timestamptz not null,
  resolved_at timestamptz,
  id uuid primary key
);

-- At most one open incident per rule and scope.
create unique index alert_incidents_open on alert_incidents (rule_id, scope) where resolved_at is null;

-- Ids are uuids, not a sequence, so a move to another store (npm run store:copy) keeps them without clashing.
create table alert_outbox (
  id uuid primary key,
  incident_id uuid not null,
  kind text not null check (kind in ('opened', 'reminder', 'resolved')),
  created_at timestamptz not null default clock_timestamp(),
  sent_at timestamptz
);

create index alert_outbox_waiting on alert_outbox (created_at) where sent_at is null;
