-- A kept batch that cannot be counted (something the door let through, or a fault in counting) is set aside here with
-- its error, so that counting goes on with the next batch; `npm run events:recount` puts them back in the queue once
-- the cause is mended.
create table webhook_batches_set_aside (
  id bigint primary key,
  events text not null,
  received_at timestamptz not null,
  error text not null,
  set_aside_at timestamptz not null default now()
);
