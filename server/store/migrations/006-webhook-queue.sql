-- Verified Event Webhook batches waiting to be counted. A batch is kept here before SendGrid is answered, and leaves in
-- the transaction that counts it: an answer never waits on counting, and a crash at any point loses or repeats nothing.
-- Only what is counted is kept (kind, hour, sending IP, provider, message id, pool), never an address.
create table webhook_batches (
  id bigserial primary key,
  events text not null,
  received_at timestamptz not null default now()
);

-- Read once and deleted: compressing it would cost more than it saves.
alter table webhook_batches alter column events set storage external;
