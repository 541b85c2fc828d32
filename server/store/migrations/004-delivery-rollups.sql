-- Delivery counts read by what the app asks for: a pool's, or an IP's, per hour and mailbox provider, with one column
-- per kind of event. A pool's page then reads its own rows (at most 720 hours × 5 providers for a month) however
-- many IPs and pools the account has. Scope 'pool' is keyed by pool name ('' for unattributed), 'ip' by address.
create table delivery_hours (
  scope text not null check (scope in ('pool', 'ip')),
  key text not null,
  hour timestamptz not null,
  provider text not null,
  processed bigint not null default 0,
  delivered bigint not null default 0,
  deferred bigint not null default 0,
  bounce bigint not null default 0,
  blocked bigint not null default 0,
  dropped bigint not null default 0,
  spamreport bigint not null default 0,
  open bigint not null default 0,
  click bigint not null default 0,
  primary key (scope, key, hour, provider)
);

-- The lists' totals read every key of a scope over a range.
create index delivery_hours_by_time on delivery_hours (scope, hour);

insert into delivery_hours (scope, key, hour, provider, processed, delivered, deferred, bounce, blocked, dropped,
  spamreport, open, click)
select scope, key, hour, provider,
  coalesce(sum(count) filter (where kind = 'processed'), 0), coalesce(sum(count) filter (where kind = 'delivered'), 0),
  coalesce(sum(count) filter (where kind = 'deferred'), 0), coalesce(sum(count) filter (where kind = 'bounce'), 0),
  coalesce(sum(count) filter (where kind = 'blocked'), 0), coalesce(sum(count) filter (where kind = 'dropped'), 0),
  coalesce(sum(count) filter (where kind = 'spamreport'), 0), coalesce(sum(count) filter (where kind = 'open'), 0),
  coalesce(sum(count) filter (where kind = 'click'), 0)
from (
  select 'pool' as scope, pool as key, hour, provider, kind, count from delivery_counts
  union all
  select 'ip', ip, hour, provider, kind, count from delivery_counts where ip <> ''
) as counts
group by scope, key, hour, provider;

drop table delivery_counts;

-- What the server keeps about itself, such as the Event Webhook's public key once an admin connects it.
create table server_settings (
  name text primary key,
  value text not null,
  changed_at timestamptz not null default now(),
  changed_by text
);
