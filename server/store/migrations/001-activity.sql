-- The activity journal: one row per change, written before the change is sent and completed by SendGrid's answer
-- (status null: sent, no answer recorded). Read newest first by keyset (time, id), whole or by pool or user.
create table activity (
  id uuid primary key,
  time timestamptz not null,
  user_email text not null,
  action text not null,
  pool text,
  ip text,
  old_name text,
  new_name text,
  subuser text,
  ips jsonb,
  status int,
  ok boolean,
  message text
);

create index activity_by_time on activity (time desc, id desc);

create index activity_by_pool on activity (pool, time desc, id desc);

create index activity_by_new_name on activity (new_name, time desc, id desc) where new_name is not null;

create index activity_by_user on activity (lower(user_email), time desc, id desc);

-- A pool's changes by one person: both filters in one index, in page order (two separate ones would be merged and
-- sorted, since who changes a pool and which pool are far from independent).
create index activity_by_pool_and_user on activity (pool, lower(user_email), time desc, id desc);
