-- Delivery statistics from SendGrid's Event Webhook, kept as counts only (no address, no content): per hour, sending
-- IP ('' where the event names none), pool ('' where the message's pool is not known: unattributed), mailbox provider
-- and kind of event.
create table delivery_counts (
  hour timestamptz not null,
  ip text not null,
  pool text not null,
  provider text not null,
  kind text not null,
  count bigint not null,
  primary key (hour, ip, pool, provider, kind)
);

create index delivery_counts_by_pool on delivery_counts (pool, hour);

create index delivery_counts_by_ip on delivery_counts (ip, hour);

-- Each event counts once: SendGrid sends a batch again for up to a day when it gets no 2xx.
create table webhook_events_seen (
  id text primary key,
  seen_at timestamptz not null default now()
);

create index webhook_events_seen_by_time on webhook_events_seen (seen_at);

-- The pool a Mail Send request went through (its processed events name it), by the request's X-Message-Id, so that
-- its later events (delivered, bounce…) are counted under it for a bounded while.
create table message_pools (
  message text primary key,
  pool text not null,
  seen_at timestamptz not null
);

create index message_pools_by_time on message_pools (seen_at);
