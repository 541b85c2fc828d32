-- SendGrid does not promise order: a message's delivered (or bounced…) event may come before its processed event,
-- which names the pool. Such an outcome is counted as unattributed (pool '') and noted here per message; when the
-- processed event comes, within the 72 hours a message's pool is kept, it moves to that pool. A message waiting for
-- its processed event has a row in message_pools without a pool, so that servers counting at once meet on that row.
create table message_pending (
  message text not null,
  hour timestamptz not null,
  provider text not null,
  kind text not null,
  count bigint not null,
  seen_at timestamptz not null default now(),
  primary key (message, hour, provider, kind)
);

create index message_pending_by_time on message_pending (seen_at);

alter table message_pools alter column pool drop not null;
