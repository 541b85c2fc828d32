-- A change of the key that checks the Event Webhook's batches is journalled with both keys' fingerprints.
alter table activity add column old_key text, add column new_key text;
