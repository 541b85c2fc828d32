-- Sessions: the cookie names one by its id; signing out revokes it here, on every server at once. A row is deleted
-- once its session has expired, revoked or not.
create table sessions (
  id text primary key,
  user_email text not null,
  name text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create index sessions_live_by_user on sessions (lower(user_email)) where revoked_at is null;

create index sessions_by_expiry on sessions (expires_at);
