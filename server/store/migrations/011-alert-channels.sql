-- Alerts reach people: the channels an admin set (their URLs and keys kept apart from what may be shown), rule-scopes
-- muted until a time, who acknowledged an incident, every attempt to deliver a notification and its answer. The
-- outbox gets a row per notification and channel, claimed for a while by the one server that sends it.
alter table alert_incidents
  add column measure text,
  add column opened_value double precision,
  add column volume integer not null default 0,
  add column evaluated_at timestamptz,
  add column acknowledged_at timestamptz,
  add column acknowledged_by text;

create table alert_channels (
  id uuid primary key,
  kind text not null check (kind in ('slack', 'webhook', 'pagerduty', 'email')),
  name text not null,
  -- What may be shown to a browser: the destination's host, the email addresses.
  settings jsonb not null,
  -- The URL, routing key or signing secret: used to send, never sent back.
  secret jsonb not null,
  enabled boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by text not null
);

create table alert_mutes (
  rule_id text not null,
  scope text not null,
  until timestamptz not null,
  muted_by text not null,
  primary key (rule_id, scope)
);

-- Nothing sent the notifications queued before there were channels; each now names the channel it goes to.
delete from alert_outbox;
alter table alert_outbox
  add column channel_id uuid not null,
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default clock_timestamp(),
  add column claimed_until timestamptz,
  add column gave_up_at timestamptz;

create table alert_attempts (
  id uuid primary key,
  outbox_id uuid not null,
  incident_id uuid not null,
  channel_id uuid not null,
  at timestamptz not null default clock_timestamp(),
  ok boolean not null,
  status integer,
  answer text not null
);

create index alert_attempts_incident on alert_attempts (incident_id, at);

-- A change to alerting is journalled like a pool change; a fix made from an incident names it.
alter table activity add column rule text, add column incident text, add column channel text, add column until_at timestamptz;
